import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Product } from '../products/product.entity';
import { ProductionArea } from './production-area.entity';

/**
 * One entry of a production area's harvest schedule (lịch thu hoạch): a season or
 * crop, its harvest window and the yield expected. The forecast spreads
 * areaHa × yield evenly over the window's days.
 */
@Entity('production_area_harvests')
@Check('ck_production_area_harvests_window', '"harvest_to" >= "harvest_from"')
@Check('ck_production_area_harvests_window_length', '"harvest_to" - "harvest_from" <= 366')
@Check('ck_production_area_harvests_yield', '"expected_yield_kg_per_ha" > 0 AND "expected_yield_kg_per_ha" <= 1000000')
@Index('IDX_production_area_harvests_window', ['harvestFrom', 'harvestTo'])
export class ProductionAreaHarvest {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  @Index('IDX_production_area_harvests_area')
  productionAreaId: string;

  @ManyToOne(() => ProductionArea, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'production_area_id', foreignKeyConstraintName: 'FK_production_area_harvests_area' })
  productionArea?: Relation<ProductionArea>;

  /** Order in which the cooperative listed its seasons. */
  @Column({ type: 'smallint' })
  position: number;

  /** Null: the area's own product. Set for a rotation (lúa – tôm, lúa – màu). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  productCode: string | null;

  @ManyToOne(() => Product, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'product_code', foreignKeyConstraintName: 'FK_production_area_harvests_product' })
  product?: Relation<Product>;

  /** Vụ Đông Xuân, Hè Thu, Thu Đông… as the cooperative names it. */
  @Column({ type: 'text', nullable: true })
  season: string | null;

  @Column({ type: 'date' })
  harvestFrom: string;

  @Column({ type: 'date' })
  harvestTo: string;

  @Column({ type: 'int' })
  expectedYieldKgPerHa: number;
}
