import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Proposal } from '../proposals/proposal.entity';
import { PurchaseRequest } from '../purchase-requests/purchase-request.entity';
import { SupplyLot } from '../supply-lots/supply-lot.entity';
import { BelongsTo, BigintColumn, IndexedUuidColumn } from '../common/columns';

export const DEAL_STATUSES = ['confirmed', 'partially_delivered', 'delivered', 'cancelled'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/** A confirmed sale (giao dịch) of kilograms of one lot to one request. */
@Entity('deals')
@Check('ck_deals_quantity_positive', '"quantity_kg" > 0')
@Check('ck_deals_price_non_negative', '"price_vnd_per_kg" >= 0')
@Check(
  'ck_deals_delivered_within_quantity',
  '"delivered_kg" IS NULL OR ("delivered_kg" >= 0 AND "delivered_kg" <= "quantity_kg")',
)
@Check('ck_deals_status', `"status" IN ('confirmed', 'partially_delivered', 'delivered', 'cancelled')`)
export class Deal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** A proposal turns into at most one deal: the UNIQUE index holds it under any concurrency. */
  @Column({ type: 'uuid', nullable: true })
  @Index('uq_deals_proposal_id', { unique: true, where: 'proposal_id IS NOT NULL' })
  proposalId: string | null;

  @BelongsTo(() => Proposal, 'proposal_id', { onDelete: 'SET NULL', nullable: true })
  proposal?: Relation<Proposal> | null;

  @IndexedUuidColumn()
  supplyLotId: string;

  @BelongsTo(() => SupplyLot, 'supply_lot_id', { onDelete: 'RESTRICT' })
  supplyLot?: Relation<SupplyLot>;

  @IndexedUuidColumn()
  purchaseRequestId: string;

  @BelongsTo(() => PurchaseRequest, 'purchase_request_id', { onDelete: 'RESTRICT' })
  purchaseRequest?: Relation<PurchaseRequest>;

  @IndexedUuidColumn()
  cooperativeId: string;

  @IndexedUuidColumn()
  buyerId: string;

  @Column({ type: 'varchar', length: 40 })
  productCode: string;

  @BigintColumn()
  quantityKg: number;

  @Column({ type: 'int' })
  priceVndPerKg: number;

  @Column({ type: 'varchar', length: 20, default: 'confirmed' })
  @Index()
  status: DealStatus;

  /** Sum of the deal's deliveries, kept in the same transaction as each delivery under the deal's row lock. */
  @BigintColumn({ nullable: true })
  deliveredKg: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  cancelledByUserId: string | null;

  /** Staff said the price outside the product's usual band was intended. */
  @Column({ type: 'boolean', default: false })
  unusualPriceConfirmed: boolean;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
