import type { Geometry, Point } from 'geojson';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ProvinceCodeColumn } from '../common/columns';

export type AdministrativeEra = 'current' | 'pre2025';
export type AdministrativeLevel = 'province' | 'district' | 'commune';

/**
 * Both maps of Việt Nam: the current one (34 provinces, communes, no district
 * level since 1 July 2025) and the pre-2025 one older reports still use.
 * Codes repeat across eras, so the id is `<era>:<level>:<code>`.
 */
@Entity('administrative_units')
@Index(['era', 'level', 'code'], { unique: true })
// Made by migration (partial, expression, DESC or GIN/GiST keys TypeORM does not describe); synchronize: false keeps it.
@Index('ix_administrative_units_seat', { synchronize: false })
@Index('ix_administrative_units_boundary', { synchronize: false })
export class AdministrativeUnit {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  @Column({ type: 'varchar', length: 10 })
  era: AdministrativeEra;

  @Column({ type: 'varchar', length: 10 })
  level: AdministrativeLevel;

  @Column({ type: 'varchar', length: 10 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  @Index()
  parentId: string | null;

  /** Province code (GSO) the unit belongs to, for filters. */
  @ProvinceCodeColumn()
  provinceCode: string | null;

  @Column({ type: 'text', default: '' })
  searchText: string;

  /** The People's Committee seat of a commune, where known: the nearest seat places a point that no boundary holds. */
  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326, nullable: true, select: false })
  seat: Point | null;

  /** The commune's boundary, where loaded: a point inside it lies in that commune. */
  @Column({ type: 'geometry', spatialFeatureType: 'Geometry', srid: 4326, nullable: true, select: false })
  boundary: Geometry | null;
}

/** Old (pre-2025) commune → current commune, from the 2025 reform resolutions. */
@Entity('administrative_unit_mappings')
export class AdministrativeUnitMapping {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  pre2025UnitId: string;

  @PrimaryColumn({ type: 'varchar', length: 40 })
  @Index()
  currentUnitId: string;
}
