import type { Geometry } from 'geojson';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A lockdown zone (vùng phong tỏa, Chỉ thị 16) for scenario 2. */
@Entity('zones')
@Check('ck_zones_boundary_is_area', "GeometryType(\"boundary\") IN ('POLYGON', 'MULTIPOLYGON')")
@Check('ck_zones_period', '"active_to" IS NULL OR "active_from" IS NULL OR "active_from" <= "active_to"')
export class Zone {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  @Index({ unique: true })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Index({ spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'Geometry', srid: 4326 })
  boundary: Geometry;

  @Column({ type: 'boolean', default: true })
  restricted: boolean;

  @Column({ type: 'date', nullable: true })
  activeFrom: string | null;

  @Column({ type: 'date', nullable: true })
  activeTo: string | null;

  /** Folded code and name for diacritics-insensitive search; the database computes it (fold_vietnamese). */
  @Column({ type: 'text', insert: false, update: false })
  searchText: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
