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
  Unique,
} from 'typeorm';
import { TransportOperator } from '../transport-operators/transport-operator.entity';
import { BigintColumn } from '../common/columns';

export const VEHICLE_KINDS = ['pickup', 'van', 'truck', 'container_truck', 'tractor_trailer'] as const;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];
export const VEHICLE_STATUSES = ['active', 'retired'] as const;
export type VehicleStatus = (typeof VEHICLE_STATUSES)[number];

/** Phương tiện: one registered road vehicle of a transport operator, known by its plate (biển số). */
@Entity('vehicles')
@Check('ck_vehicles_capacity_positive', `"capacity_kg" > 0`)
@Check('ck_vehicles_status', `"status" IN ('active', 'retired')`)
@Check('ck_vehicles_retired_at', `("status" = 'retired') = ("retired_at" IS NOT NULL)`)
@Unique('uq_vehicles_plate', ['plate'])
export class Vehicle {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('ix_vehicles_operator')
  @Column({ type: 'uuid' })
  operatorId: string;

  @ManyToOne(() => TransportOperator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operator_id', foreignKeyConstraintName: 'fk_vehicles_operator' })
  operator?: Relation<TransportOperator>;

  /** Normalised (`68C-123.45`, `51D-1234`), unique. */
  @Column({ type: 'varchar', length: 16 })
  plate: string;

  @Column({ type: 'varchar', length: 20 })
  kind: VehicleKind;

  @BigintColumn()
  capacityKg: number;

  @Column({ type: 'boolean', default: false })
  refrigerated: boolean;

  @Column({ type: 'varchar', length: 10, default: 'active' })
  status: VehicleStatus;

  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
