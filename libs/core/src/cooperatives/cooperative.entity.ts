import type { Point } from 'geojson';
import {
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { AdministrativeUnit } from '../administrative-units/administrative-unit.entity';
import { Buyer } from '../buyers/buyer.entity';

export const COOPERATIVE_KINDS = ['cooperative', 'cooperative_group', 'enterprise', 'household'] as const;
export type CooperativeKind = (typeof COOPERATIVE_KINDS)[number];

/** A seller: HTX (cooperative), tổ hợp tác (cooperative group), enterprise or household. */
@Entity('cooperatives')
export class Cooperative {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  kind: CooperativeKind;

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

  @Column({ type: 'text', nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'text', nullable: true })
  contactEmail: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  certifications: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  products: string[];

  @Column({ type: 'int', nullable: true })
  members: number | null;

  /** Natural key of an imported or seeded row (e.g. HTX-DEMO-001), for idempotent loads. */
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

  /**
   * Set on a processor's or trader's seller record: the buyer whose offered stock this row sells
   * (its users answer as the seller). One per buyer (uq_cooperatives_buyer).
   */
  @ForeignKey(() => Buyer, { name: 'fk_cooperatives_buyer', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid', nullable: true })
  @Index('uq_cooperatives_buyer', { synchronize: false })
  buyerId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
