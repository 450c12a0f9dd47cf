import type { Geometry, Point } from 'geojson';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Product } from '../products/product.entity';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { numericAsNumber } from '../common/column-types';
import { BelongsTo, IndexedUuidColumn, ProvinceCodeColumn } from '../common/columns';

/** Vùng sản xuất: a cooperative's field or pond area for one product. */
@Entity('production_areas')
// A reference is its owner's own: two owners may use the same one (issue 11).
@Index('uq_production_areas_cooperative_external_ref', ['cooperativeId', 'externalRef'], {
  unique: true,
  where: 'external_ref IS NOT NULL',
})
@Check('ck_production_areas_boundary_is_area', "GeometryType(\"boundary\") IN ('POLYGON', 'MULTIPOLYGON')")
@Check('ck_production_areas_area_positive', '"area_ha" > 0')
export class ProductionArea {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @IndexedUuidColumn()
  cooperativeId: string;

  @Column({ type: 'varchar', length: 40 })
  @Index()
  productCode: string;

  @BelongsTo(() => Cooperative, 'cooperative_id', { onDelete: 'RESTRICT' })
  cooperative?: Relation<Cooperative>;

  @BelongsTo(() => Product, 'product_code', { onDelete: 'RESTRICT' })
  product?: Relation<Product>;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, transformer: numericAsNumber })
  areaHa: number;

  /** Polygon or MultiPolygon, WGS 84. */
  @Index({ spatial: true })
  @Column({ type: 'geometry', spatialFeatureType: 'Geometry', srid: 4326 })
  boundary: Geometry;

  /** Kept in step with the boundary by the service; supply lots default to it. */
  @Column({ type: 'geometry', spatialFeatureType: 'Point', srid: 4326 })
  centroid: Point;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  certifications: string[];

  /** Mã số vùng trồng / vùng nuôi: the growing-area code export markets ask for. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  growingAreaCode: string | null;

  @ProvinceCodeColumn()
  provinceCode: string | null;

  /** The pre-2025 province code the caller gave, kept for the record; provinceCode holds the current one. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  pre2025ProvinceCode: string | null;

  @Column({ type: 'varchar', length: 80, nullable: true })
  externalRef: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
