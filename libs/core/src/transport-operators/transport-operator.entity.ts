import type { Point } from 'geojson';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AvailableContactRow, BigintColumn } from '../common/columns';

/** Đơn vị vận tải: a transport unit KH 308 asks the province to keep on file. */
@Entity('transport_operators')
export class TransportOperator extends AvailableContactRow {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** truck, refrigerated_truck, boat, barge… */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  vehicleTypes: string[];

  @Column({ type: 'int', default: 1 })
  vehicleCount: number;

  @BigintColumn()
  capacityKg: number;

  @Index({ spatial: true })
  @Column({ type: 'geography', spatialFeatureType: 'Point', srid: 4326, nullable: true })
  location: Point | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  serviceProvinceCodes: string[];

  /** Registered for luồng xanh (green lane) crossing during lockdowns. */
  @Column({ type: 'boolean', default: false })
  greenLane: boolean;

  @Column({ type: 'varchar', length: 10, nullable: true })
  provinceCode: string | null;
}
