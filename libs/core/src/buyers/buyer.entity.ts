import type { Point } from 'geojson';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { AdministrativeUnit } from '../administrative-units/administrative-unit.entity';

export const BUYER_TYPES = [
  'wholesale_market', // chợ đầu mối
  'distributor',
  'supermarket',
  'exporter',
  'processor',
  'trader', // thương lái
  'ecommerce',
] as const;
export type BuyerType = (typeof BUYER_TYPES)[number];

@Entity('buyers')
@Check('ck_buyers_warehouse_area_m2', 'warehouse_area_m2 >= 0')
export class Buyer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  @Index()
  type: BuyerType;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  @Index({ unique: true, where: 'tax_code IS NOT NULL' })
  taxCode: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  administrativeUnitId: string | null;

  @ManyToOne(() => AdministrativeUnit, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'administrative_unit_id' })
  administrativeUnit?: Relation<AdministrativeUnit> | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  @Index()
  provinceCode: string | null;

  /** The pre-2025 unit and province code the caller gave, kept for the record; the columns above hold the current ones. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  pre2025AdministrativeUnitId: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  pre2025ProvinceCode: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Index({ spatial: true })
  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  location: Point | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  productsWanted: string[];

  @Column({ type: 'text', nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'text', nullable: true })
  contactEmail: string | null;

  /** Real market or chain whose demand figures are illustrative, not their orders. */
  @Column({ type: 'boolean', default: false })
  demandIsIllustrative: boolean;

  /** Kho bãi: the buyer's storage, in whole square metres. */
  @Column({ type: 'int', nullable: true })
  warehouseAreaM2: number | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  @Index({ unique: true, where: 'external_ref IS NOT NULL' })
  externalRef: string | null;

  /** Folded name, address, contact name and tax code for diacritics-insensitive search; the database computes it (fold_vietnamese). */
  @Column({
    type: 'text',
    generatedType: 'STORED',
    asExpression: `fold_vietnamese("name" || ' ' || coalesce("address", '') || ' ' || coalesce("contact_name", '') || ' ' || coalesce("tax_code", ''))`,
    insert: false,
    update: false,
  })
  searchText: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
