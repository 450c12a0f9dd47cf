import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type {
  TransportPlanParams,
  TransportPlanStats,
  TransportPlanStatus,
  TransportPlanTrip,
  TransportPlanUnplanned,
} from './transport-plan-view';
import { BigintColumn } from '../common/columns';

/** Kế hoạch điều xe: which vehicle takes which loads on one day; the BullMQ job id is this id. */
@Entity('transport_plans')
@Check(
  'ck_transport_plans_costs',
  'cost_vnd IS NULL OR (cost_vnd >= 0 AND lower_bound_vnd <= cost_vnd AND planned_kg >= baseline_planned_kg AND (cost_vnd <= baseline_cost_vnd OR planned_kg > baseline_planned_kg))',
)
@Check('ck_transport_plans_method', `method IS NULL OR method IN ('shared', 'one-truck-per-load')`)
@Check('ck_transport_plans_progress', 'progress BETWEEN 0 AND 100')
@Check('ck_transport_plans_status', `status IN ('queued', 'running', 'completed', 'failed')`)
// Made by migration (partial, expression, DESC or GIN/GiST keys TypeORM does not describe); synchronize: false keeps it.
@Index('ix_transport_plans_created', { synchronize: false })
@Index('ix_transport_plans_status', { synchronize: false })
export class TransportPlan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 12, default: 'queued' })
  status: TransportPlanStatus;

  @Column({ type: 'date' })
  planDay: string;

  @Column({ type: 'text', array: true, nullable: true })
  provinceCodes: string[] | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  params: TransportPlanParams;

  @Column({ type: 'uuid', nullable: true })
  requestedByUserId: string | null;

  @Column({ type: 'int', default: 0 })
  progress: number;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'varchar', length: 24, nullable: true })
  method: 'shared' | 'one-truck-per-load' | null;

  @BigintColumn({ nullable: true })
  costVnd: number | null;

  @BigintColumn({ nullable: true })
  baselineCostVnd: number | null;

  @BigintColumn({ nullable: true })
  lowerBoundVnd: number | null;

  @BigintColumn({ nullable: true })
  plannedKg: number | null;

  /** Kilograms one truck per load carries; less than plannedKg when trucks are short. */
  @BigintColumn({ nullable: true })
  baselinePlannedKg: number | null;

  @Column({ type: 'jsonb', nullable: true })
  trips: TransportPlanTrip[] | null;

  @Column({ type: 'jsonb', nullable: true })
  unplanned: TransportPlanUnplanned[] | null;

  @Column({ type: 'jsonb', nullable: true })
  stats: TransportPlanStats | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  offersMadeAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  offersMadeByUserId: string | null;

  @Column({ type: 'int', nullable: true })
  offersCount: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
