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
import { Cooperative } from '../cooperatives/cooperative.entity';

/** An existing linkage agreement (hợp đồng liên kết) that matching favours with a bonus. */
@Entity('contracts')
@Check('ck_contracts_bonus_non_negative', '"bonus_vnd_per_kg" >= 0')
@Check('ck_contracts_validity', '"valid_to" IS NULL OR "valid_from" <= "valid_to"')
export class Contract {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @Index()
  cooperativeId: string;

  @Column({ type: 'uuid' })
  @Index()
  buyerId: string;

  /** Null: the agreement covers every product. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  productCode: string | null;

  @ManyToOne(() => Cooperative, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cooperative_id' })
  cooperative?: Relation<Cooperative>;

  @ManyToOne(() => Buyer, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'buyer_id' })
  buyer?: Relation<Buyer>;

  @ManyToOne(() => Product, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'product_code' })
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
