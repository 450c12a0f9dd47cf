import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  Unique,
} from 'typeorm';
import { Vehicle } from '../vehicles/vehicle.entity';
import { ForeignUuidColumn } from '../common/columns';

/**
 * Giấy phép luồng xanh: a vehicle may cross lockdown zones on these days (in these provinces,
 * when listed). `code` is typed in at a checkpoint; `payload` + `signature` are what the QR holds.
 */
@Entity('green_lane_permits')
@Check('ck_green_lane_permits_window', `"valid_from" <= "valid_to"`)
// Made by migration (partial, expression, DESC or GIN/GiST keys TypeORM does not describe); synchronize: false keeps it.
@Index('ix_green_lane_permits_vehicle', { synchronize: false })
@Unique('uq_green_lane_permits_code', ['code'])
export class GreenLanePermit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  code: string;

  @ForeignUuidColumn(() => Vehicle, { name: 'fk_green_lane_permits_vehicle', onDelete: 'RESTRICT' })
  vehicleId: string;

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date' })
  validTo: string;

  /** Empty: every province. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  provinceCodes: string[];

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text' })
  payload: string;

  /** base64url Ed25519 over the payload's UTF-8 bytes. */
  @Column({ type: 'text' })
  signature: string;

  @Column({ type: 'uuid', nullable: true })
  issuedByUserId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  revokedReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
