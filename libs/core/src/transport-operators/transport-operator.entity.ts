import type { Point } from 'geojson';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber } from '../common/column-types';

/** Đơn vị vận tải: a transport unit KH 308 asks the province to keep on file. */
@Entity('transport_operators')
export class TransportOperator {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** truck, refrigerated_truck, boat, barge… */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  vehicleTypes: string[];

  @Column({ type: 'int', default: 1 })
  vehicleCount: number;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  capacityKg: number;

  @Index({ spatial: true })
  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  location: Point | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  serviceProvinceCodes: string[];

  /** Registered for luồng xanh (green lane) crossing during lockdowns. */
  @Column({ type: 'boolean', default: false })
  greenLane: boolean;

  @Column({ type: 'date', nullable: true })
  availableFrom: string | null;

  @Column({ type: 'date', nullable: true })
  availableTo: string | null;

  @Column({ type: 'text', nullable: true })
  contactName: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  contactPhone: string | null;

  @Column({ type: 'varchar', length: 10, nullable: true })
  provinceCode: string | null;

  /** Folded name and contact name for diacritics-insensitive search; the database computes it (fold_vietnamese). */
  @Column({
    type: 'text',
    generatedType: 'STORED',
    asExpression: `fold_vietnamese("name" || ' ' || coalesce("contact_name", ''))`,
    insert: false,
    update: false,
  })
  searchText: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
