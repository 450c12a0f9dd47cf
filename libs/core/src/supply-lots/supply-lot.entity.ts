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
import { ProductionArea } from '../production-areas/production-area.entity';
import { Product } from '../products/product.entity';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { InventoryReport } from '../inventory-reports/inventory-report.entity';
import {
  BelongsTo,
  BigintColumn,
  ForeignUuidColumn,
  IndexedUuidColumn,
  PointColumn,
  ProvinceCodeColumn,
  RemainingKgColumn,
  ZoneCurfewColumn,
} from '../common/columns';

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

  @IndexedUuidColumn()
  cooperativeId: string;

  @IndexedUuidColumn({ nullable: true })
  productionAreaId: string | null;

  @BelongsTo(() => Cooperative, 'cooperative_id', { onDelete: 'RESTRICT' })
  cooperative?: Relation<Cooperative>;

  @BelongsTo(() => ProductionArea, 'production_area_id', { onDelete: 'SET NULL', nullable: true })
  productionArea?: Relation<ProductionArea> | null;

  @BelongsTo(() => Product, 'product_code', { onDelete: 'RESTRICT' })
  product?: Relation<Product>;

  @Column({ type: 'varchar', length: 40 })
  productCode: string;

  @BigintColumn()
  quantityKg: number;

  /** Sum of confirmed (and delivered) deals; the CHECK keeps it within quantity under any concurrency. */
  @BigintColumn({ default: 0 })
  committedKg: number;

  @RemainingKgColumn()
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

  @PointColumn()
  location: Point;

  /** Lockdown zone code (Chỉ thị 16); when null the zone polygons decide. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  zone: string | null;

  /** The curfew hours of its zone, read with the row (JSON text; see zoneCurfewOf). */
  @ZoneCurfewColumn()
  zoneCurfew?: string | null;

  /** Holds a luồng xanh (green lane) permit to cross lockdown zones. */
  @Column({ type: 'boolean', default: false })
  greenLane: boolean;

  @Column({ type: 'varchar', length: 12, default: 'open' })
  status: SupplyLotStatus;

  @ProvinceCodeColumn()
  provinceCode: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  externalRef: string | null;

  /** The inventory report whose offered stock this lot sells (a processor's hàng tồn kho), if any. */
  @ForeignUuidColumn(
    () => InventoryReport,
    { name: 'fk_supply_lots_inventory_report', onDelete: 'SET NULL' },
    { nullable: true },
  )
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
