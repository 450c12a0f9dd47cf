import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { Vehicle } from './vehicle.entity';
import { ForeignUuidColumn } from '../common/columns';

/**
 * A vehicle put at a cooperative's disposal by its operator (or by staff): the seller then "has"
 * that vehicle, and the vehicle's green-lane permits give the seller's lots the luồng xanh.
 * Open while `endedAt` is null; one open assignment per vehicle and cooperative.
 */
@Entity('vehicle_assignments')
// Made by migration (partial, expression, DESC or GIN/GiST keys TypeORM does not describe); synchronize: false keeps it.
@Index('uq_vehicle_assignments_open', { synchronize: false })
@Index('ix_vehicle_assignments_cooperative', { synchronize: false })
export class VehicleAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @ForeignUuidColumn(() => Vehicle, { name: 'fk_vehicle_assignments_vehicle', onDelete: 'CASCADE' })
  vehicleId: string;

  @ForeignUuidColumn(() => Cooperative, { name: 'fk_vehicle_assignments_cooperative', onDelete: 'CASCADE' })
  cooperativeId: string;

  @Column({ type: 'uuid', nullable: true })
  assignedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
