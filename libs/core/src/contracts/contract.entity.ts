import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Relation, UpdateDateColumn } from 'typeorm';
import { Product } from '../products/product.entity';
import { Buyer } from '../buyers/buyer.entity';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { BelongsTo, IndexedUuidColumn } from '../common/columns';

/** An existing linkage agreement (hợp đồng liên kết) that matching favours with a bonus. */
@Entity('contracts')
@Check('ck_contracts_bonus_non_negative', '"bonus_vnd_per_kg" >= 0')
@Check('ck_contracts_validity', '"valid_to" IS NULL OR "valid_from" <= "valid_to"')
export class Contract {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @IndexedUuidColumn()
  cooperativeId: string;

  @IndexedUuidColumn()
  buyerId: string;

  /** Null: the agreement covers every product. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  productCode: string | null;

  @BelongsTo(() => Cooperative, 'cooperative_id', { onDelete: 'RESTRICT' })
  cooperative?: Relation<Cooperative>;

  @BelongsTo(() => Buyer, 'buyer_id', { onDelete: 'RESTRICT' })
  buyer?: Relation<Buyer>;

  @BelongsTo(() => Product, 'product_code', { onDelete: 'RESTRICT', nullable: true })
  product?: Relation<Product> | null;

  @Column({ type: 'int', default: 0 })
  bonusVndPerKg: number;

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
