import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Load } from './load.entity';
import { TransportOperator } from '../transport-operators/transport-operator.entity';
import { Vehicle } from '../vehicles/vehicle.entity';
import { BigintColumn, ForeignUuidColumn } from '../common/columns';

export const LOAD_OFFER_STATUSES = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
export type LoadOfferStatus = (typeof LOAD_OFFER_STATUSES)[number];
/** `plan`: made by staff from a transport plan; `operator`: made by the operator's own user. */
export type LoadOfferSource = 'operator' | 'plan';
/** Why an offer was declined: another offer covered the load, the load was cancelled, or a party said no. */
export type LoadOfferDeclineReason = 'load_covered' | 'does_not_fit' | 'load_cancelled' | 'declined';

/** Chào giá vận chuyển: an operator's vehicle, price and day for (part of) a load. */
@Entity('load_offers')
@Check('ck_load_offers_kg_positive', '"kg" > 0')
@Check('ck_load_offers_price_non_negative', '"price_vnd" >= 0')
@Check('ck_load_offers_status', `"status" IN ('pending', 'accepted', 'declined', 'withdrawn')`)
@Check('ck_load_offers_source', `"source" IN ('operator', 'plan')`)
@Index('ix_load_offers_load_status', ['loadId', 'status'])
// Made by migration (partial, expression, DESC or GIN/GiST keys TypeORM does not describe); synchronize: false keeps it.
@Index('ix_load_offers_operator', { synchronize: false })
@Index('ix_load_offers_vehicle_day', { synchronize: false })
@Index('ix_load_offers_plan', { synchronize: false })
export class LoadOffer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignUuidColumn(() => Load, { name: 'fk_load_offers_load', onDelete: 'CASCADE' })
  loadId: string;

  @ForeignUuidColumn(() => TransportOperator, { name: 'fk_load_offers_operator', onDelete: 'RESTRICT' })
  operatorId: string;

  @ForeignUuidColumn(() => Vehicle, { name: 'fk_load_offers_vehicle', onDelete: 'RESTRICT' })
  vehicleId: string;

  @BigintColumn()
  kg: number;

  /** The whole price of carrying these kilograms, in đồng. */
  @BigintColumn()
  priceVnd: number;

  @Column({ type: 'date' })
  pickupOn: string;

  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status: LoadOfferStatus;

  @Column({ type: 'varchar', length: 12, default: 'operator' })
  source: LoadOfferSource;

  @Column({ type: 'uuid', nullable: true })
  transportPlanId: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  declineReason: LoadOfferDeclineReason | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
