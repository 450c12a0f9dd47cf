import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { BigintColumn, ForeignUuidColumn } from '../common/columns';

export const MATCHING_RUN_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type MatchingRunStatus = (typeof MATCHING_RUN_STATUSES)[number];

/** What staff asked for; params left out take the spec's defaults. */
export interface MatchingRunOptions {
  objective?: 'volume-then-score' | 'score';
  scenario?: 1 | 2;
  products?: string[];
  provinceCodes?: string[];
  params?: {
    transportVndPerKgKm?: number;
    kmPerDay?: number;
    maxDistanceKm?: number | null;
    scenario2TransportMultiplier?: number;
  };
  /**
   * False forces a cold solve. By default a run starts from the plan of the last completed run of
   * its warm-start scope (`warmStartScope`), and reaches the same exact optimum either way.
   */
  warmStart?: boolean;
}

export interface MatchingRunSize {
  lots: number;
  requests: number;
  contracts: number;
  products: number;
  restrictedZones: number;
  feasiblePairs: number;
}

/** What a run changed among the open proposals of its scope (pairs are (lot, request)). */
export interface MatchingRunDiff {
  /** The last completed run over the same scope before this one, if any. */
  previousRunId: string | null;
  /** Pairs with a new open proposal from this run (new pairs, and pairs whose kilograms or terms changed). */
  added: number;
  /** Pairs whose open proposal from an earlier run this run confirmed unchanged: it stays open as it was. */
  kept: number;
  /** Open proposals of earlier runs this run replaced (status superseded). */
  superseded: number;
  /** Kilograms held out of this run because one side (or both) already accepted an earlier proposal. */
  heldOutKg: { supplyLots: number; purchaseRequests: number };
  keptProposalIds: string[];
}

/** The scope a run covers; runs over the same scope supersede each other's open proposals. */
export function matchingScopeKey(options: Pick<MatchingRunOptions, 'products' | 'provinceCodes'>): string {
  const part = (xs?: string[]) => (xs?.length ? [...xs].sort().join(',') : '*');
  return `${part(options.products)}|${part(options.provinceCodes)}`;
}

export interface MatchingRunTimings {
  snapshotMs?: number;
  solveMs?: number;
  /** The engine's own solve time over all parts, written with the run. */
  engineSolveMs?: number;
  writeMs?: number;
  totalMs?: number;
}

/** What a fanned-out run's snapshot step learnt, kept for its write step (which runs once its parts are solved). */
export interface MatchingRunSplit {
  snapshotMs: number;
  /** When the parts were stored (ISO time): the fanned-out solve is timed from here. */
  splitAt: string;
  lots: number;
  requests: number;
  contracts: number;
  products: number;
  restrictedZones: number;
  heldOutKg: MatchingRunDiff['heldOutKg'];
  /** How many parts (products with both lots and requests) the run was split into. */
  parts: number;
}

/** One part of a run as the api shows it: who solved it and how long it took (null until solved). */
export interface MatchingRunPartView {
  product: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  /** The worker that took the part last: `host:pid`. */
  worker: string | null;
  /** The part's time on its worker, from reading its instance to storing its solution. */
  ms: number | null;
  attempts: number;
  lots: number;
  requests: number;
  /** Why the part failed (its last attempt's error); null unless it failed or is being retried. */
  error: string | null;
  /** The run whose proposals for this product the part's solve started from; null: a cold solve. */
  warmStartFrom: string | null;
  /** Pairs of that earlier plan the simplex started from (null: a cold solve or not solved yet). */
  warmPairs: number | null;
  /** Simplex pivots the part's solve took (null until solved). */
  pivots: number | null;
}

/** One optimiser run (lượt ghép nối cung cầu); the job id in BullMQ is this id. */
@Entity('matching_runs')
@Check('ck_matching_runs_status', `"status" IN ('queued', 'running', 'completed', 'failed', 'cancelled')`)
@Check('ck_matching_runs_progress', '"progress" >= 0 AND "progress" <= 100')
@Index('uq_matching_runs_schedule_iteration', { synchronize: false })
@Index('ix_matching_runs_scope_created', { synchronize: false })
@Index('ix_matching_runs_created', { synchronize: false })
// Made by migration (partial, expression, DESC or GIN/GiST keys TypeORM does not describe); synchronize: false keeps it.
@Index('ix_matching_runs_warm_start_scope', { synchronize: false })
export class MatchingRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 12, default: 'queued' })
  @Index()
  status: MatchingRunStatus;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  options: MatchingRunOptions;

  /** The day contracts and lockdown zones are judged on; fixed at creation so a retry sees the same day. */
  @Column({ type: 'date' })
  runDay: string;

  @Column({ type: 'uuid', nullable: true })
  requestedByUserId: string | null;

  /** `matchingScopeKey(options)`: products and provinces, '*' for all. */
  @Column({ type: 'text' })
  scopeKey: string;

  @Column({ type: 'uuid', nullable: true })
  previousRunId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  diff: MatchingRunDiff | null;

  /** `warmStartScope(options, params)`, set when the run is split; runs completed under the same one can start each other. */
  @Column({ type: 'text', nullable: true })
  warmStartScope: string | null;

  /** The earlier run whose plan this run's parts started from (set at split; null: solved cold). */
  @ForeignUuidColumn(
    () => MatchingRun,
    { name: 'fk_matching_runs_warm_start_from', onDelete: 'SET NULL' },
    { nullable: true },
  )
  warmStartFromRunId: string | null;

  /** Pairs of the earlier plan the parts' solves started from, summed (null: cold, or not written yet). */
  @Column({ type: 'int', nullable: true })
  warmPairs: number | null;

  /** Simplex pivots over all parts (null until written). */
  @BigintColumn({ nullable: true })
  pivots: number | null;

  /** Set when a schedule fired the run; with scheduledFor unique, so one iteration yields one run. */
  // By the entity's name: the schedule's entity imports this one.
  @ForeignKey('MatchingSchedule', { name: 'fk_matching_runs_schedule', onDelete: 'SET NULL' })
  @Column({ type: 'uuid', nullable: true })
  matchingScheduleId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  scheduledFor: Date | null;

  /** Percent done, 0–100. */
  @Column({ type: 'int', default: 0 })
  progress: number;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'jsonb', nullable: true })
  size: MatchingRunSize | null;

  @BigintColumn({ nullable: true })
  matchedKg: number | null;

  @BigintColumn({ nullable: true })
  scoreVnd: number | null;

  @Column({ type: 'int', nullable: true })
  proposalsCount: number | null;

  @Column({ type: 'jsonb', nullable: true })
  timings: MatchingRunTimings | null;

  /** The instance handed to the engine (spec format), kept so a run can be replayed and explained; json, as a national one is over jsonb's 256 MB. */
  @Column({ type: 'json', nullable: true, select: false })
  instance: unknown;

  /**
   * A fanned-out run's instance less what its parts hold (params, products, contracts, the lots and
   * requests of products without a part); with the parts' instances it is the whole (`instance` stays
   * null). Not a second copy of a national instance.
   */
  @Column({ type: 'json', nullable: true, select: false })
  instanceOutsideParts: unknown;

  /** Set by the snapshot step of a fanned-out run, with its parts in `matching_run_parts`. */
  @Column({ type: 'jsonb', nullable: true, select: false })
  split: MatchingRunSplit | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
