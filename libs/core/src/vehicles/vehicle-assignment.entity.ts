import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A vehicle put at a cooperative's disposal by its operator (or by staff): the seller then "has"
 * that vehicle, and the vehicle's green-lane permits give the seller's lots the luồng xanh.
 * Open while `endedAt` is null; one open assignment per vehicle and cooperative.
 */
@Entity('vehicle_assignments')
export class VehicleAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  vehicleId: string;

  @Column({ type: 'uuid' })
  cooperativeId: string;

  @Column({ type: 'uuid', nullable: true })
  assignedByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
