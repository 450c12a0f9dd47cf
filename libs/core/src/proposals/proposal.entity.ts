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
import type { AllocationReason } from '@agrilink/matching-engine';
import { numericAsNumber } from '../common/column-types';
import { MatchingRun } from '../matching-runs/matching-run.entity';
import { PurchaseRequest } from '../purchase-requests/purchase-request.entity';
import { SupplyLot } from '../supply-lots/supply-lot.entity';
import { BelongsTo, BigintColumn, ForeignUuidColumn, IndexedUuidColumn } from '../common/columns';

/** `superseded`: a later run over the same scope replaced it (kept for history, never answerable). */
export const PROPOSAL_STATUSES = [
  'proposed',
  'accepted_by_seller',
  'accepted_by_buyer',
  'accepted',
  'rejected',
  'confirmed',
  'stale',
  'superseded',
] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export type ProposalSide = 'seller' | 'buyer';

/** The lot's and request's terms when the run read them; a later change to these makes the proposal stale. */
export interface ProposalSnapshot {
  /** zone and greenLane: absent in proposals written before lockdown fields were snapshotted. */
  lot: {
    productCode: string;
    askVndPerKg: number;
    harvestFrom: string;
    harvestTo: string;
    availableUntil?: string;
    certifications: string[];
    location: number[];
    zone?: string | null;
    greenLane?: boolean;
  };
  request: {
    productCode: string;
    bidVndPerKg: number;
    deliverFrom: string;
    deliverTo: string;
    requiredCertifications: string[];
    location: number[];
    maxDistanceKm: number | null;
    zone?: string | null;
  };
}

/** One allocation of a run offered to both parties (đề xuất kết nối). */
@Entity('proposals')
@Index(['matchingRunId', 'supplyLotId', 'purchaseRequestId'], { unique: true })
@Check('ck_proposals_quantity_positive', '"quantity_kg" > 0')
@Check(
  'ck_proposals_status',
  `"status" IN ('proposed', 'accepted_by_seller', 'accepted_by_buyer', 'accepted', 'rejected', 'confirmed', 'stale', 'superseded')`,
)
// One open proposal per (lot, request) at any time, whatever runs overlap (migration ContinuousMatching).
@Index('uq_proposals_open_pair', { synchronize: false })
@Index('ix_proposals_superseded_by_run', { synchronize: false })
export class Proposal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  matchingRunId: string;

  @BelongsTo(() => MatchingRun, 'matching_run_id', { onDelete: 'CASCADE' })
  matchingRun?: Relation<MatchingRun>;

  @IndexedUuidColumn()
  supplyLotId: string;

  @BelongsTo(() => SupplyLot, 'supply_lot_id', { onDelete: 'CASCADE' })
  supplyLot?: Relation<SupplyLot>;

  @IndexedUuidColumn()
  purchaseRequestId: string;

  @BelongsTo(() => PurchaseRequest, 'purchase_request_id', { onDelete: 'CASCADE' })
  purchaseRequest?: Relation<PurchaseRequest>;

  /** Denormalised from the lot and request so permission checks and inboxes need no join. */
  @IndexedUuidColumn()
  cooperativeId: string;

  @IndexedUuidColumn()
  buyerId: string;

  @Column({ type: 'varchar', length: 40 })
  productCode: string;

  @BigintColumn()
  quantityKg: number;

  @Column({ type: 'numeric', precision: 12, scale: 3, transformer: numericAsNumber })
  distanceKm: number;

  @Column({ type: 'int' })
  transportVndPerKg: number;

  @Column({ type: 'int' })
  scoreVndPerKg: number;

  @Column({ type: 'int' })
  askVndPerKg: number;

  @Column({ type: 'int' })
  bidVndPerKg: number;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  reasons: AllocationReason[];

  @Column({ type: 'varchar', length: 20, default: 'proposed' })
  @Index()
  status: ProposalStatus;

  @Column({ type: 'int' })
  lotVersion: number;

  @Column({ type: 'int' })
  requestVersion: number;

  @Column({ type: 'jsonb' })
  snapshot: ProposalSnapshot;

  @Column({ type: 'timestamptz', nullable: true })
  sellerAcceptedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  buyerAcceptedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  rejectedAt: Date | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  rejectedBySide: ProposalSide | null;

  @Column({ type: 'text', nullable: true })
  rejectReason: string | null;

  @Column({ type: 'text', nullable: true })
  staleReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  staleAt: Date | null;

  /** The run that replaced this open proposal. */
  @ForeignUuidColumn(
    () => MatchingRun,
    { name: 'fk_proposals_superseded_by_run', onDelete: 'SET NULL' },
    { nullable: true },
  )
  supersededByRunId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
