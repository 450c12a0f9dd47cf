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
import { Product } from '../products/product.entity';
import { Buyer } from '../buyers/buyer.entity';
import { bigintAsNumber } from '../common/column-types';

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

  @ManyToOne(() => Buyer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'buyer_id' })
  buyer?: Relation<Buyer>;

  @ManyToOne(() => Product, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_code' })
  product?: Relation<Product>;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
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
