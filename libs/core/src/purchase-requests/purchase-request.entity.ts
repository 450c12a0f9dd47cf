import type { Point } from 'geojson';
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
  VersionColumn,
  VirtualColumn,
} from 'typeorm';
import { Product } from '../products/product.entity';
import { Buyer } from '../buyers/buyer.entity';
import { ZONE_CURFEW_SQL } from '../zones/zone-curfew';
import { bigintAsNumber, numericAsNumber } from '../common/column-types';

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

  @Column({ type: 'uuid' })
  @Index()
  buyerId: string;

  @ManyToOne(() => Buyer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'buyer_id' })
  buyer?: Relation<Buyer>;

  @ManyToOne(() => Product, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_code' })
  product?: Relation<Product>;

  @Column({ type: 'varchar', length: 40 })
  productCode: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  quantityKg: number;

  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  committedKg: number;

  @Column({
    type: 'bigint',
    generatedType: 'STORED',
    asExpression: 'quantity_kg - committed_kg',
    transformer: bigintAsNumber,
    insert: false,
    update: false,
  })
  remainingKg: number;

  @Column({ type: 'date' })
  deliverFrom: string;

  @Column({ type: 'date' })
  deliverTo: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  requiredCertifications: string[];

  @Column({ type: 'int' })
  bidVndPerKg: number;

  @Index({ spatial: true })
  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326 })
  location: Point;

  @Column({ type: 'varchar', length: 40, nullable: true })
  zone: string | null;

  /** The curfew hours of its zone, read with the row (JSON text; see zoneCurfewOf). */
  @VirtualColumn({ type: 'text', query: (alias) => ZONE_CURFEW_SQL(alias) })
  zoneCurfew?: string | null;

  @Column({ type: 'numeric', precision: 10, scale: 1, nullable: true, transformer: numericAsNumber })
  maxDistanceKm: number | null;

  @Column({ type: 'varchar', length: 12, default: 'open' })
  status: PurchaseRequestStatus;

  @Column({ type: 'varchar', length: 10, nullable: true })
  @Index()
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
