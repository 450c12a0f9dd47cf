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
} from 'typeorm';
import { Product } from '../products/product.entity';
import { BelongsTo, ProvinceCodeColumn } from '../common/columns';

/** A price seen at a market on a day (giá quan sát), for the price watch against speculation and hoarding. */
@Entity('price_observations')
@Check('ck_price_observations_price_positive', '"price_vnd_per_kg" > 0')
@Index(['productCode', 'observedOn'])
export class PriceObservation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  productCode: string;

  @BelongsTo(() => Product, 'product_code', { onDelete: 'RESTRICT' })
  product?: Relation<Product>;

  /** Chợ đầu mối (wholesale market), trader's depot or other place the price was seen. */
  @Column({ type: 'text' })
  marketName: string;

  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  location: Point | null;

  @ProvinceCodeColumn()
  provinceCode: string | null;

  /** The pre-2025 province code the caller gave, kept for the record; provinceCode holds the current one. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  pre2025ProvinceCode: string | null;

  @Column({ type: 'date' })
  @Index()
  observedOn: string;

  @Column({ type: 'int' })
  priceVndPerKg: number;

  @Column({ type: 'text' })
  source: string;

  /** Far outside the product's price band, kept because the observer confirmed it (confirmOutlier). */
  @Column({ type: 'boolean', default: false })
  outsideBand: boolean;

  /** Natural key of an imported row: a file uploaded twice writes once. */
  @Column({ type: 'varchar', length: 80, nullable: true })
  @Index('IDX_price_observations_external_ref', { unique: true, where: 'external_ref IS NOT NULL' })
  externalRef: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
