import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Relation,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../users/user.entity';
import { Notification } from './notification.entity';

export const NOTIFICATION_CHANNELS = ['email', 'zalo', 'sms'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];
export const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A user's channels; no row means the defaults (e-mail and in-app on, Zalo and SMS off, Vietnamese). */
@Entity('notification_preferences')
@Check('ck_notification_preferences_language', `"language" IN ('vi', 'en')`)
@Check('ck_notification_preferences_phone', `("zalo" = false AND "sms" = false) OR "phone" IS NOT NULL`)
export class NotificationPreference {
  @PrimaryColumn('uuid')
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_notification_preferences_user' })
  user?: Relation<User>;

  @Column({ type: 'boolean', default: true })
  email: boolean;

  @Column({ type: 'boolean', default: false })
  zalo: boolean;

  @Column({ type: 'boolean', default: false })
  sms: boolean;

  @Column({ type: 'boolean', default: true })
  inApp: boolean;

  /** Zalo ZNS and SMS both reach a phone number (stored as 84…, digits only). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 2, default: 'vi' })
  language: Language;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * One message to one recipient over one channel. Rendered once when dispatched, so every retry sends
 * the same text under the same idempotency key; `sending` holds a lease so a dead sender's message is
 * taken up again, and a live one is never overtaken.
 */
@Entity('notification_deliveries')
@Unique('uq_notification_deliveries_idempotency_key', ['idempotencyKey'])
@Check('ck_notification_deliveries_channel', `"channel" IN ('email', 'zalo', 'sms')`)
@Check('ck_notification_deliveries_status', `"status" IN ('pending', 'sending', 'sent', 'failed')`)
@Check(
  'ck_notification_deliveries_lease',
  `"status" <> 'sending' OR ("lease_until" IS NOT NULL AND "claim_token" IS NOT NULL)`,
)
@Check('ck_notification_deliveries_attempts', `"attempts" >= 0 AND "max_attempts" >= 1`)
@Index('ix_notification_deliveries_status', ['status', 'createdAt'])
// Made by migration (partial, expression, DESC or GIN/GiST keys TypeORM does not describe); synchronize: false keeps it.
@Index('ix_notification_deliveries_due', { synchronize: false })
export class NotificationDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @Index('ix_notification_deliveries_notification')
  notificationId: string;

  @ManyToOne(() => Notification, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'notification_id', foreignKeyConstraintName: 'FK_notification_deliveries_notification' })
  notification?: Relation<Notification>;

  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_notification_deliveries_user' })
  user?: Relation<User> | null;

  @Column({ type: 'varchar', length: 8 })
  channel: NotificationChannel;

  /** E-mail address or phone number. */
  @Column({ type: 'text' })
  address: string;

  /** `<notificationId>:<userId>:<channel>`: a second dispatch of the same notification inserts nothing. */
  @Column({ type: 'varchar', length: 160 })
  idempotencyKey: string;

  @Column({ type: 'varchar', length: 2 })
  language: Language;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  bodyText: string;

  @Column({ type: 'text', nullable: true })
  bodyHtml: string | null;

  /** Channel-specific fields, e.g. a Zalo template id and its parameters. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'int' })
  maxAttempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'uuid', nullable: true })
  claimToken: string | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'text', nullable: true })
  providerMessageId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Every try at sending, including the ones whose worker died (`abandoned` once the lease ran out). */
@Entity('notification_delivery_attempts')
@Unique('uq_notification_delivery_attempts', ['deliveryId', 'attempt'])
@Check('ck_notification_delivery_attempts_outcome', `"outcome" IN ('sending', 'sent', 'error', 'abandoned')`)
export class NotificationDeliveryAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  deliveryId: string;

  @ManyToOne(() => NotificationDelivery, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id', foreignKeyConstraintName: 'FK_notification_delivery_attempts_delivery' })
  delivery?: Relation<NotificationDelivery>;

  @Column({ type: 'int' })
  attempt: number;

  @Column({ type: 'varchar', length: 10, default: 'sending' })
  outcome: 'sending' | 'sent' | 'error' | 'abandoned';

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'text', nullable: true })
  worker: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
