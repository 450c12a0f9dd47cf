import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** Reference catalogue: present in every database, not part of the demo set. */
@Entity('products')
@Check('ck_products_storage_days_non_negative', 'storage_days IS NULL OR storage_days >= 0')
export class Product {
  /** Stable code used across the API and the matching engine, e.g. `LUA_ST`. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'text' })
  nameVi: string;

  @Column({ type: 'text' })
  nameEn: string;

  @Column({ type: 'varchar', length: 40 })
  category: string;

  /** Unit people trade in (tấn, kg, trái, lít); storage is always kg. */
  @Column({ type: 'varchar', length: 20 })
  unit: string;

  @Column({ type: 'int', nullable: true })
  shelfLifeDays: number | null;

  /** Days a lot can still be sold after its harvest ends, stored as trade stores it; a lot's default availableUntil. */
  @Column({ type: 'int', nullable: true })
  storageDays: number | null;

  /** Where the storage figure comes from (standard, trade practice or ESTIMATE). */
  @Column({ type: 'text', nullable: true })
  storageSource: string | null;

  @Column({ type: 'int', nullable: true })
  typicalPriceMinVnd: number | null;

  @Column({ type: 'int', nullable: true })
  typicalPriceMaxVnd: number | null;

  @Column({ type: 'text', default: '' })
  searchText: string;
}
