import type { Point } from 'geojson';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VirtualColumn,
} from 'typeorm';
import { numericAsNumber } from '../common/column-types';
import { Deal } from '../deals/deal.entity';
import { PurchaseRequest } from '../purchase-requests/purchase-request.entity';
import { SupplyLot } from '../supply-lots/supply-lot.entity';
import { BigintColumn, ForeignUuidColumn } from '../common/columns';

export const LOAD_STATUSES = ['open', 'covered', 'cancelled'] as const;
/** `open` while kilograms are still without an accepted offer (some may be: a part load), `covered` once all are. */
export type LoadStatus = (typeof LOAD_STATUSES)[number];

/** Hàng cần chở: the transport a confirmed deal needs, from the lot to the buyer. */
@Entity('loads')
@Check('ck_loads_quantity_positive', '"quantity_kg" > 0')
@Check('ck_loads_covered_within_quantity', '"covered_kg" >= 0 AND "covered_kg" <= "quantity_kg"')
@Check('ck_loads_window', '"earliest_pickup_on" <= "latest_delivery_on"')
@Check('ck_loads_status', `"status" IN ('open', 'covered', 'cancelled')`)
@Index('uq_loads_deal_live', { synchronize: false })
// Made by migration (partial, expression, DESC or GIN/GiST keys TypeORM does not describe); synchronize: false keeps it.
@Index('ix_loads_status_pickup', { synchronize: false })
@Index('ix_loads_cooperative', { synchronize: false })
@Index('ix_loads_buyer', { synchronize: false })
@Index('ix_loads_pickup_province', { synchronize: false })
@Index('ix_loads_drop_province', { synchronize: false })
export class Load {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignUuidColumn(() => Deal, { name: 'fk_loads_deal', onDelete: 'RESTRICT' })
  dealId: string;

  @ForeignUuidColumn(() => SupplyLot, { name: 'fk_loads_supply_lot', onDelete: 'RESTRICT' })
  supplyLotId: string;

  @ForeignUuidColumn(() => PurchaseRequest, { name: 'fk_loads_purchase_request', onDelete: 'RESTRICT' })
  purchaseRequestId: string;

  @Column({ type: 'uuid' })
  cooperativeId: string;

  @Column({ type: 'uuid' })
  buyerId: string;

  @Column({ type: 'varchar', length: 40 })
  productCode: string;

  @BigintColumn()
  quantityKg: number;

  /** Kilograms of accepted offers; kept under the load's row lock, bounded by the CHECK. */
  @BigintColumn({ default: 0 })
  coveredKg: number;

  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326 })
  pickupLocation: Point;

  @Column({ type: 'varchar', length: 10, nullable: true })
  pickupProvinceCode: string | null;

  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326 })
  dropLocation: Point;

  @Column({ type: 'varchar', length: 10, nullable: true })
  dropProvinceCode: string | null;

  /** Great-circle distance; a road is longer, but this orders and prices alike for every offer. */
  @Column({ type: 'numeric', precision: 10, scale: 1, transformer: numericAsNumber })
  distanceKm: number;

  @Column({ type: 'date' })
  earliestPickupOn: string;

  @Column({ type: 'date' })
  latestDeliveryOn: string;

  @Column({ type: 'boolean', default: false })
  refrigerated: boolean;

  @Column({ type: 'varchar', length: 12, default: 'open' })
  status: LoadStatus;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  /** Curfew hours of the zones at either end (the lot's, the request's), as JSON text; read with the row. */
  @VirtualColumn({
    type: 'text',
    query: (
      alias,
    ) => `SELECT json_agg(json_build_object('end', e.side, 'zoneCode', z.code, 'zoneName', z.name, 'allowedFrom', to_char(z.curfew_allowed_from, 'HH24:MI'), 'allowedTo', to_char(z.curfew_allowed_to, 'HH24:MI')) ORDER BY e.side DESC)::text
       FROM (SELECT 'pickup' AS side, l.zone FROM supply_lots l WHERE l.id = ${alias}.supply_lot_id
             UNION ALL SELECT 'drop', r.zone FROM purchase_requests r WHERE r.id = ${alias}.purchase_request_id) e
       JOIN zones z ON z.code = e.zone AND z.curfew_allowed_from IS NOT NULL`,
  })
  curfewsJson?: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
