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
import { Buyer } from '../buyers/buyer.entity';
import { BelongsTo, BigintColumn } from '../common/columns';

/** A processor's or trader's unsold stock on a day (hàng tồn kho). */
@Entity('inventory_reports')
@Check('ck_inventory_reports_quantity_non_negative', '"quantity_kg" >= 0')
@Index(['buyerId', 'productCode', 'reportedAt'], { unique: true })
export class InventoryReport {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  buyerId: string;

  @Column({ type: 'varchar', length: 40 })
  productCode: string;

  @BelongsTo(() => Buyer, 'buyer_id', { onDelete: 'RESTRICT' })
  buyer?: Relation<Buyer>;

  @BelongsTo(() => Product, 'product_code', { onDelete: 'RESTRICT' })
  product?: Relation<Product>;

  @BigintColumn()
  quantityKg: number;

  @Column({ type: 'date' })
  @Index()
  reportedAt: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
