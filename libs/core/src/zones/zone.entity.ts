import type { Geometry } from 'geojson';
import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A lockdown zone (vùng phong tỏa, Chỉ thị 16) for scenario 2. */
@Entity('zones')
@Check('ck_zones_boundary_is_area', "GeometryType(\"boundary\") IN ('POLYGON', 'MULTIPOLYGON')")
@Check('ck_zones_period', '"active_to" IS NULL OR "active_from" IS NULL OR "active_from" <= "active_to"')
@Check('ck_zones_curfew_pair', '("curfew_allowed_from" IS NULL) = ("curfew_allowed_to" IS NULL)')
@Check('ck_zones_has_extent', '"boundary" IS NOT NULL OR cardinality("administrative_unit_ids") > 0')
// Made by migration (partial, expression, DESC or GIN/GiST keys TypeORM does not describe); synchronize: false keeps it.
@Index('ix_zones_administrative_units', { synchronize: false })
@Index('ix_zones_province_codes', { synchronize: false })
export class Zone {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  @Index({ unique: true })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Index({ spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'Geometry', srid: 4326, nullable: true })
  boundary: Geometry | null;

  /** Current communes the zone covers whole (a lot is in when its cooperative's commune is). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  administrativeUnitIds: string[];

  /** Hours goods traffic may move (giờ được lưu thông), e.g. 18:00 to 05:00; both or neither. */
  /** The current provinces the zone lies in (its communes' provinces, or as staff declared them): whose staff manage it. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  provinceCodes: string[];

  @Column({ type: 'time', nullable: true })
  curfewAllowedFrom: string | null;

  @Column({ type: 'time', nullable: true })
  curfewAllowedTo: string | null;

  @Column({ type: 'boolean', default: true })
  restricted: boolean;

  @Column({ type: 'date', nullable: true })
  activeFrom: string | null;

  @Column({ type: 'date', nullable: true })
  activeTo: string | null;

  /** Folded code and name for diacritics-insensitive search; the database computes it (fold_vietnamese). */
  @Column({
    type: 'text',
    generatedType: 'STORED',
    asExpression: `fold_vietnamese("code" || ' ' || "name")`,
    insert: false,
    update: false,
  })
  searchText: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
