import type { Point } from 'geojson';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { numericAsNumber } from '../common/column-types';

export const HARVEST_RESOURCE_KINDS = ['harvest_team', 'combine_harvester', 'dryer', 'other'] as const;
export type HarvestResourceKind = (typeof HARVEST_RESOURCE_KINDS)[number];

/** Tổ thu hoạch, máy gặt đập liên hợp: harvest capacity KH 308 asks to keep on file. */
@Entity('harvest_resources')
export class HarvestResource {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: HarvestResourceKind;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'uuid', nullable: true })
  @Index()
  cooperativeId: string | null;


  @ManyToOne(() => Cooperative, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'cooperative_id' })
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

  @Column({ type: 'date', nullable: true })
  availableFrom: string | null;

  @Column({ type: 'date', nullable: true })
  availableTo: string | null;

  @Column({ type: 'text', nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  provinceCode: string | null;

  @Column({ type: 'text', default: '' })
  searchText: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
