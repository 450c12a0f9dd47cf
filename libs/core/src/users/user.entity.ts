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
import { Buyer } from '../buyers/buyer.entity';
import { Agency } from '../agencies/agency.entity';
import { Cooperative } from '../cooperatives/cooperative.entity';
import type { Role } from '../common/actor';
import { TransportOperator } from '../transport-operators/transport-operator.entity';
import { BelongsTo, ForeignUuidColumn } from '../common/columns';

@Entity('users')
@Check(
  'ck_users_organization_matches_role',
  `("role" = 'cooperative' AND "cooperative_id" IS NOT NULL AND "buyer_id" IS NULL AND "transport_operator_id" IS NULL AND "agency_id" IS NULL)
   OR ("role" = 'buyer' AND "buyer_id" IS NOT NULL AND "cooperative_id" IS NULL AND "transport_operator_id" IS NULL AND "agency_id" IS NULL)
   OR ("role" = 'transport' AND "transport_operator_id" IS NOT NULL AND "cooperative_id" IS NULL AND "buyer_id" IS NULL AND "agency_id" IS NULL)
   OR ("role" = 'agency' AND "agency_id" IS NOT NULL AND "cooperative_id" IS NULL AND "buyer_id" IS NULL AND "transport_operator_id" IS NULL)
   OR ("role" IN ('admin', 'staff') AND "cooperative_id" IS NULL AND "buyer_id" IS NULL AND "transport_operator_id" IS NULL AND "agency_id" IS NULL)`,
)
@Check(
  'ck_users_province_codes_staff',
  `"province_codes" IS NULL OR cardinality("province_codes") = 0 OR "role" = 'staff'`,
)
@Check('ck_users_totp_enabled_has_secret', 'totp_enabled_at IS NULL OR totp_secret IS NOT NULL')
// Made by migration (partial, expression, DESC or GIN/GiST keys TypeORM does not describe); synchronize: false keeps it.
@Index('ix_users_transport_operator', { synchronize: false })
@Index('ix_users_agency', { synchronize: false })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Column({ type: 'text' })
  @Index({ unique: true })
  email: string;

  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20 })
  role: Role;

  @Column({ type: 'uuid', nullable: true })
  cooperativeId: string | null;

  @Column({ type: 'uuid', nullable: true })
  buyerId: string | null;

  /** Role transport: the đơn vị vận tải (transport operator) the user works for. */
  @ForeignUuidColumn(
    () => TransportOperator,
    { name: 'fk_users_transport_operator', onDelete: 'RESTRICT' },
    { nullable: true },
  )
  transportOperatorId: string | null;

  /** The department or commune an `agency` user reports for. */
  @Column({ type: 'uuid', nullable: true })
  agencyId: string | null;

  @ManyToOne(() => Agency, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'agency_id', foreignKeyConstraintName: 'FK_users_agency' })
  agency?: Relation<Agency> | null;

  @BelongsTo(() => Cooperative, 'cooperative_id', { onDelete: 'RESTRICT', nullable: true })
  cooperative?: Relation<Cooperative> | null;

  @BelongsTo(() => Buyer, 'buyer_id', { onDelete: 'RESTRICT', nullable: true })
  buyer?: Relation<Buyer> | null;

  @Column({ type: 'text', nullable: true })
  displayName: string | null;

  /** Staff only: the current provinces they work for; null or empty means national (ministry staff). */
  @Column({ type: 'text', array: true, nullable: true })
  provinceCodes: string[] | null;

  /** Set by hand or by operations to stop sign-in and every token until then. */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** Bumped when the password changes or the account is disabled: older tokens stop working. */
  @Column({ type: 'int', default: 0 })
  tokenVersion: number;

  /** An admin reset the password: sign-in asks for a new one first. */
  @Column({ type: 'boolean', default: false })
  passwordChangeRequired: boolean;

  /** Base32 RFC 6238 secret; shown once at set-up, never sent again. */
  @Column({ type: 'text', nullable: true, select: false })
  totpSecret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  totpEnabledAt: Date | null;

  /** The last 30 s step a code was accepted for: each code works once. */
  @Column({ type: 'int', nullable: true, select: false })
  totpLastStep: number | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
