import type { Point } from 'geojson';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
  VersionColumn,
  VirtualColumn,
} from 'typeorm';
import { ProductionArea } from '../production-areas/production-area.entity';
import { Product } from '../products/product.entity';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { ZONE_CURFEW_SQL } from '../zones/zone-curfew';
import { bigintAsNumber } from '../common/column-types';
import { InventoryReport } from '../inventory-reports/inventory-report.entity';

/** `expired`: past availableUntil with kilograms unsold; set by the expiry job, reopened by moving availableUntil. */
export const SUPPLY_LOT_STATUSES = ['open', 'sold_out', 'withdrawn', 'expired'] as const;
export type SupplyLotStatus = (typeof SUPPLY_LOT_STATUSES)[number];

/** A cooperative's posted harvest output (sản lượng chào bán). */
@Entity('supply_lots')
// A reference is its owner's own: two owners may use the same one (issue 11).
@Index('uq_supply_lots_cooperative_external_ref', ['cooperativeId', 'externalRef'], {
  unique: true,
  where: 'external_ref IS NOT NULL',
})
@Check('ck_supply_lots_quantity_positive', '"quantity_kg" > 0')
@Check('ck_supply_lots_committed_within_quantity', '"committed_kg" >= 0 AND "committed_kg" <= "quantity_kg"')
@Check('ck_supply_lots_window', '"harvest_from" <= "harvest_to"')
@Check('ck_supply_lots_ask_non_negative', '"ask_vnd_per_kg" >= 0')
@Check('ck_supply_lots_available_after_harvest', '"available_until" >= "harvest_to"')
@Check('ck_supply_lots_status', `"status" IN ('open', 'sold_out', 'withdrawn', 'expired')`)
@Index(['productCode', 'status'])
// List indexes with DESC keys and partial ones, made by migration SupplyMapPerformance; synchronize: false keeps TypeORM from dropping them.
@Index('ix_supply_lots_created', { synchronize: false })
@Index('ix_supply_lots_province_created', { synchronize: false })
@Index('ix_supply_lots_open_harvest', { synchronize: false })
@Index('ix_supply_lots_open_product_harvest', { synchronize: false })
@Index('ix_supply_lots_open_available_until', { synchronize: false })
export class SupplyLot {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @Index()
  cooperativeId: string;

  @Column({ type: 'uuid', nullable: true })
  @Index()
  productionAreaId: string | null;

  @ManyToOne(() => Cooperative, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Relation<Cooperative>;

  @ManyToOne(() => ProductionArea, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'production_area_id' })
  productionArea?: Relation<ProductionArea> | null;

  @ManyToOne(() => Product, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_code' })
  product?: Relation<Product>;

  @Column({ type: 'varchar', length: 40 })
  productCode: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  quantityKg: number;

  /** Sum of confirmed (and delivered) deals; the CHECK keeps it within quantity under any concurrency. */
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
  harvestFrom: string;

  @Column({ type: 'date' })
  harvestTo: string;

  /**
   * Last day the lot can be dispatched (còn bán đến): harvestTo plus the product's storageDays
   * unless the seller says otherwise. A lot past its harvest window but not this day is backlog.
   * A database trigger fills it when a writer leaves it out.
   */
  @Column({ type: 'date' })
  availableUntil: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  certifications: string[];

  @Column({ type: 'int' })
  askVndPerKg: number;

  @Index({ spatial: true })
  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326 })
  location: Point;

  /** Lockdown zone code (Chỉ thị 16); when null the zone polygons decide. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  zone: string | null;

  /** The curfew hours of its zone, read with the row (JSON text; see zoneCurfewOf). */
  @VirtualColumn({ type: 'text', query: (alias) => ZONE_CURFEW_SQL(alias) })
  zoneCurfew?: string | null;

  /** Holds a luồng xanh (green lane) permit to cross lockdown zones. */
  @Column({ type: 'boolean', default: false })
  greenLane: boolean;

  @Column({ type: 'varchar', length: 12, default: 'open' })
  status: SupplyLotStatus;

  @Column({ type: 'varchar', length: 10, nullable: true })
  @Index()
  provinceCode: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  externalRef: string | null;

  /** The inventory report whose offered stock this lot sells (a processor's hàng tồn kho), if any. */
  @ForeignKey(() => InventoryReport, { name: 'fk_supply_lots_inventory_report', onDelete: 'SET NULL' })
  @Column({ type: 'uuid', nullable: true })
  @Index('uq_supply_lots_inventory_report', { synchronize: false })
  inventoryReportId: string | null;

  /** Bumped on every change: a proposal made on an older version is stale. */
  @VersionColumn({ default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
