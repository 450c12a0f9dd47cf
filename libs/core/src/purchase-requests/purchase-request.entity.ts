import type { Point } from 'geojson';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Product } from '../products/product.entity';
import { Buyer } from '../buyers/buyer.entity';
import { numericAsNumber } from '../common/column-types';
import {
  BelongsTo,
  BigintColumn,
  IndexedUuidColumn,
  PointColumn,
  ProvinceCodeColumn,
  RemainingKgColumn,
  ZoneCurfewColumn,
} from '../common/columns';

export const PURCHASE_REQUEST_STATUSES = ['open', 'fulfilled', 'withdrawn'] as const;
export type PurchaseRequestStatus = (typeof PURCHASE_REQUEST_STATUSES)[number];

/** A buyer's demand (nhu cầu thu mua). */
@Entity('purchase_requests')
// A reference is its owner's own: two owners may use the same one (issue 11).
@Index('uq_purchase_requests_buyer_external_ref', ['buyerId', 'externalRef'], {
  unique: true,
  where: 'external_ref IS NOT NULL',
})
@Check('ck_purchase_requests_quantity_positive', '"quantity_kg" > 0')
@Check('ck_purchase_requests_committed_within_quantity', '"committed_kg" >= 0 AND "committed_kg" <= "quantity_kg"')
@Check('ck_purchase_requests_window', '"deliver_from" <= "deliver_to"')
@Check('ck_purchase_requests_bid_non_negative', '"bid_vnd_per_kg" >= 0')
@Index(['productCode', 'status'])
export class PurchaseRequest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @IndexedUuidColumn()
  buyerId: string;

  @BelongsTo(() => Buyer, 'buyer_id', { onDelete: 'RESTRICT' })
  buyer?: Relation<Buyer>;

  @BelongsTo(() => Product, 'product_code', { onDelete: 'RESTRICT' })
  product?: Relation<Product>;

  @Column({ type: 'varchar', length: 40 })
  productCode: string;

  @BigintColumn()
  quantityKg: number;

  @BigintColumn({ default: 0 })
  committedKg: number;

  @RemainingKgColumn()
  remainingKg: number;

  @Column({ type: 'date' })
  deliverFrom: string;

  @Column({ type: 'date' })
  deliverTo: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  requiredCertifications: string[];

  @Column({ type: 'int' })
  bidVndPerKg: number;

  @PointColumn()
  location: Point;

  @Column({ type: 'varchar', length: 40, nullable: true })
  zone: string | null;

  /** The curfew hours of its zone, read with the row (JSON text; see zoneCurfewOf). */
  @ZoneCurfewColumn()
  zoneCurfew?: string | null;

  @Column({ type: 'numeric', precision: 10, scale: 1, nullable: true, transformer: numericAsNumber })
  maxDistanceKm: number | null;

  @Column({ type: 'varchar', length: 12, default: 'open' })
  status: PurchaseRequestStatus;

  @ProvinceCodeColumn()
  provinceCode: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  externalRef: string | null;

  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
