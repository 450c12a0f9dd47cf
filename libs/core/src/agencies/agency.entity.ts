import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const AGENCY_KINDS = ['department', 'commune', 'other'] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

/**
 * A body that owes the Sở Công Thương a weekly report (KH 308, closing clause): a department
 * (Sở NN&PTNT, Sở Giao thông vận tải, Sở Y tế…), a commune's People's Committee (UBND xã), or other.
 */
@Entity('agencies')
export class Agency {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'varchar', length: 12 })
  kind: AgencyKind;

  /** The commune (or province) it answers for; current-era unit id. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  administrativeUnitId: string | null;

  /** An inactive agency owes no report and is never listed as missing. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** Folded name for diacritics-insensitive search; the database computes it (fold_vietnamese). */
  @Column({ type: 'text', insert: false, update: false })
  searchText: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
