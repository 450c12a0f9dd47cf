import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AdministrativeUnit } from '../administrative-units/administrative-unit.entity';

export const AGENCY_KINDS = ['department', 'commune', 'other'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/**
 * A body that owes the Sở Công Thương a weekly report (KH 308, closing clause): a department
 * (Sở NN&PTNT, Sở Giao thông vận tải, Sở Y tế…), a commune's People's Committee (UBND xã), or other.
 */
@Entity('agencies')
@Check('ck_agencies_kind', `kind IN ('department', 'commune', 'other')`)
@Check('ck_agencies_name', 'length(btrim(name)) > 0')
export class Agency {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 12 })
  kind: AgencyKind;

  /** The commune (or province) it answers for; current-era unit id. */
  @ForeignKey(() => AdministrativeUnit, { name: 'FK_agencies_administrative_unit', onDelete: 'RESTRICT' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  administrativeUnitId: string | null;

  /** An inactive agency owes no report and is never listed as missing. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Folded name for diacritics-insensitive search; the database computes it (fold_vietnamese). */
  @Column({
    type: 'text',
    generatedType: 'STORED',
    asExpression: `fold_vietnamese("name")`,
    insert: false,
    update: false,
  })
  searchText: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
