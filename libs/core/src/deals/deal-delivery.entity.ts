import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Deal } from './deal.entity';
import { BigintColumn } from '../common/columns';

/** One shipment (lần giao hàng) of part of a deal. */
@Entity('deal_deliveries')
@Check('ck_deal_deliveries_kg_positive', '"delivered_kg" > 0')
@Index('ix_deal_deliveries_deal', ['dealId', 'deliveredOn'])
export class DealDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  dealId: string;

  @ManyToOne(() => Deal, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'fk_deal_deliveries_deal' })
  deal?: Relation<Deal>;

  @BigintColumn()
  deliveredKg: number;

  @Column({ type: 'date' })
  deliveredOn: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  recordedByUserId: string | null;

  /** Set when staff corrected the row; the audit log keeps what it was. */
  @Column({ type: 'timestamptz', nullable: true })
  correctedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
