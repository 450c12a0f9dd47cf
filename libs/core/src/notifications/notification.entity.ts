import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { BelongsTo, IndexedUuidColumn } from '../common/columns';

export const NOTIFICATION_AUDIENCES = ['cooperative', 'buyer', 'user', 'staff', 'agency'] as const;
export type NotificationAudience = (typeof NOTIFICATION_AUDIENCES)[number];

/** An in-app message for an organisation (every user of a cooperative, buyer or agency), one user, or the staff desk. */
@Entity('notifications')
@Index(['audience', 'audienceId', 'createdAt'])
@Check(
  'ck_notifications_audience',
  `("audience" IN ('cooperative', 'buyer', 'user', 'agency') AND "audience_id" IS NOT NULL) OR ("audience" = 'staff' AND "audience_id" IS NULL)`,
)
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 12 })
  audience: NotificationAudience;

  @Column({ type: 'uuid', nullable: true })
  audienceId: string | null;

  /** e.g. `proposals.created`, `proposal.accepted`, `deal.confirmed`. */
  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  /** To staff: the provinces it is about (province staff see theirs only); empty: national staff only. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  provinceCodes: string[];

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** Written in the same transaction as the notification, so e-mail or Zalo delivery can be added later without losing a message. */
@Entity('notification_outbox')
@Check('ck_notification_outbox_status', `"status" IN ('pending', 'dispatched', 'sent', 'failed')`)
// Made by migration (partial, expression, DESC or GIN/GiST keys TypeORM does not describe); synchronize: false keeps it.
@Index('ix_notification_outbox_pending', { synchronize: false })
export class NotificationOutbox {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @IndexedUuidColumn()
  notificationId: string;

  @BelongsTo(() => Notification, 'notification_id', { onDelete: 'CASCADE' })
  notification?: Relation<Notification>;

  /** `dispatched`: handed to its channels (one `notification_deliveries` row per recipient and channel). */
  @Column({ type: 'varchar', length: 12, default: 'pending' })
  @Index()
  status: 'pending' | 'dispatched' | 'sent' | 'failed';

  @Column({ type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
