import type { Point } from 'geojson';
import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { numericAsNumber } from '../common/column-types';
import { AvailableContactRow, BelongsTo, IndexedUuidColumn } from '../common/columns';

export const HARVEST_RESOURCE_KINDS = ['harvest_team', 'combine_harvester', 'dryer', 'other'] as const;
export type HarvestResourceKind = (typeof HARVEST_RESOURCE_KINDS)[number];

/** Tổ thu hoạch, máy gặt đập liên hợp: harvest capacity KH 308 asks to keep on file. */
@Entity('harvest_resources')
@Check(
  'ck_harvest_resources_service_radius',
  '"service_radius_km" IS NULL OR ("service_radius_km" > 0 AND "service_radius_km" <= 500 AND "location" IS NOT NULL)',
)
export class HarvestResource extends AvailableContactRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: HarvestResourceKind;

  @Column({ type: 'text' })
  name: string;

  @IndexedUuidColumn({ nullable: true })
  cooperativeId: string | null;

  @BelongsTo(() => Cooperative, 'cooperative_id', { onDelete: 'SET NULL', nullable: true })
  cooperative?: Relation<Cooperative> | null;

  @Column({ type: 'int', default: 1 })
  unitCount: number;

  /** Hectares a day the team or machine harvests. */
  @Column({ type: 'numeric', precision: 10, scale: 2, transformer: numericAsNumber })
  capacityHaPerDay: number;

  @Column({ type: 'int', nullable: true })
  workers: number | null;

  @Index({ spatial: true })
  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  location: Point | null;

  /** Communes (current administrative unit ids) the team or machine works in. */
  @Column({ type: 'varchar', length: 40, array: true, default: () => "'{}'" })
  serviceCommuneIds: string[];

  /** Or: areas within this many km of its location. Neither set: its cooperative's commune. */
  @Column({ type: 'numeric', precision: 6, scale: 1, nullable: true, transformer: numericAsNumber })
  serviceRadiusKm: number | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  provinceCode: string | null;

  /** The pre-2025 province code the caller gave, kept for the record; provinceCode holds the current one. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  pre2025ProvinceCode: string | null;
}
