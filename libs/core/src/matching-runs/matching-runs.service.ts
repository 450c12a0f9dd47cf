import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import type { MatchingInstance } from '@agrilink/matching-engine';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { todayInVietnam } from '../common/dates';
import { DomainError } from '../common/domain-error';
import {
  assertCoversAllProvinces,
  provinceSubsetCondition,
  scopedProvinceCodes,
} from '../common/territory/province-scope';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { ProductsService } from '../products/products.service';
import {
  MatchingRun,
  MatchingRunDiff,
  MatchingRunOptions,
  MatchingRunPartView,
  MatchingRunSize,
  MatchingRunStatus,
  MatchingRunTimings,
  matchingScopeKey,
} from './matching-run.entity';
import { MatchingRunJobs } from './matching-run.jobs';
import { mergeInstanceOfParts } from './matching-parts';

export interface MatchingRunView {
  id: string;
  status: MatchingRunStatus;
  progress: number;
  runDay: string;
  options: MatchingRunOptions;
  attempts: number;
  size: MatchingRunSize | null;
  objective: { matchedKg: number; scoreVnd: number } | null;
  proposalsCount: number | null;
  timings: MatchingRunTimings & { queuedAt: Date; startedAt: Date | null; finishedAt: Date | null };
  error: string | null;
  requestedByUserId: string | null;
  /** Who asked for it: the staff member's e-mail, or null for a scheduled run. */
  requestedByEmail?: string | null;
  /** Products and provinces ('*' = all), as `products|provinces`. */
  scopeKey: string;
  previousRunId: string | null;
  /** What the run changed among the open proposals of its scope; null until it completes. */
  diff: MatchingRunDiff | null;
  matchingScheduleId: string | null;
  scheduledFor: Date | null;
  /** The earlier run of the same warm-start scope whose plan the parts started from; null: solved cold. */
  warmStartFrom: string | null;
  /** Pairs of that plan the simplex started from, over all parts (null: cold, or not written yet). */
  warmPairs: number | null;
  /** Simplex pivots over all parts (null until written). */
  pivots: number | null;
  /** The run's independent parts (one per product), each solved by whichever worker took it; empty until the run is split. */
  parts: MatchingRunPartView[];
  createdAt: Date;
  updatedAt: Date;
}

export function toMatchingRunView(r: MatchingRun): MatchingRunView {
  return {
    id: r.id,
    status: r.status,
    progress: r.progress,
    runDay: r.runDay,
    options: r.options,
    attempts: r.attempts,
    size: r.size,
    objective: r.matchedKg === null || r.scoreVnd === null ? null : { matchedKg: r.matchedKg, scoreVnd: r.scoreVnd },
    proposalsCount: r.proposalsCount,
    timings: { ...(r.timings ?? {}), queuedAt: r.createdAt, startedAt: r.startedAt, finishedAt: r.finishedAt },
    error: r.error,
    requestedByUserId: r.requestedByUserId,
    scopeKey: r.scopeKey,
    previousRunId: r.previousRunId,
    diff: r.diff,
    matchingScheduleId: r.matchingScheduleId,
    scheduledFor: r.scheduledFor,
    warmStartFrom: r.warmStartFromRunId,
    warmPairs: r.warmPairs,
    pivots: r.pivots,
    parts: [],
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export interface MatchingRunFilter extends PageQuery {
  status?: MatchingRunStatus;
  matchingScheduleId?: string;
  scopeKey?: string;
}

export interface PairChange {
  proposalId: string;
  supplyLotId: string;
  purchaseRequestId: string;
  quantityKg: number;
  status: string;
  matchingRunId: string;
}

export type MatchingRunRequest = MatchingRunOptions & {
  /** The day the run judges availability, contracts and zones on (default today in Việt Nam): lets staff replay a day. */
  runDay?: string;
};

const ENQUEUE_WAIT_MS = 2000;

/** A run's provinces as text[] (its options are JSON; none: the whole country). */
const RUN_PROVINCES_SQL = `ARRAY(SELECT jsonb_array_elements_text(COALESCE(r.options->'provinceCodes', '[]'::jsonb)))`;

/** The producer side of matching runs: accept, list, explain, cancel. The worker's side is MatchingRunProcessor. */
@Injectable()
export class MatchingRunsService {
  private readonly log = new Logger('MatchingRuns');

  constructor(
    @InjectRepository(MatchingRun) private readonly runs: Repository<MatchingRun>,
    private readonly jobs: MatchingRunJobs,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly products: ProductsService,
  ) {}

  async create(actor: Actor, request: MatchingRunRequest): Promise<MatchingRunView> {
    const { runDay, ...options } = request;
    // Province staff run matching for their provinces: by default all of them, never another's.
    const provinceCodes = scopedProvinceCodes(actor, options.provinceCodes, 'MATCHING_RUN');
    const clean = await this.cleanOptions({ ...options, ...(provinceCodes ? { provinceCodes } : {}) });
    const run = await this.dataSource.transaction(async (em) => {
      const saved = await em.save(
        em.create(MatchingRun, {
          status: 'queued',
          options: clean,
          scopeKey: matchingScopeKey(clean),
          runDay: runDay ?? todayInVietnam(),
          requestedByUserId: actor.userId,
        }),
      );
      await this.audit.record(em, actor, 'create', 'matching_run', saved.id, { options: clean, runDay: saved.runDay });
      return saved;
    });
    // The answer is the run as accepted (queued): read before enqueueing, since a fast worker may
    // already be running it by the time the add returns.
    const accepted = toMatchingRunView(await this.runs.findOneByOrFail({ id: run.id }));
    // PostgreSQL is the record: the run is saved before Redis hears of it. If Redis is down the add
    // waits for it in the background and the workers' recovery job re-enqueues anything still missing.
    await this.jobs.enqueue(run.id, ENQUEUE_WAIT_MS);
    return accepted;
  }

  /** Product codes upper-cased, known and sorted; provinces sorted: the same scope always reads the same. */
  async cleanOptions(
    options: MatchingRunOptions,
    em: EntityManager = this.dataSource.manager,
  ): Promise<MatchingRunOptions> {
    const clean: MatchingRunOptions = { ...options };
    if (clean.products) clean.products = [...new Set(clean.products.map((p) => p.trim().toUpperCase()))].sort();
    if (clean.provinceCodes) clean.provinceCodes = [...new Set(clean.provinceCodes.map((p) => p.trim()))].sort();
    for (const [i, code] of (clean.products ?? []).entries())
      await this.products.requireKnown(code, `products[${i}]`, em);
    return clean;
  }

  /** Saves a scheduled run for one iteration (unique per schedule and time) and enqueues it; null when that iteration already has its run. */
  async createScheduled(
    scheduleId: string,
    options: MatchingRunOptions,
    scheduledFor: Date,
    runDay: string,
  ): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO matching_runs (status, options, scope_key, run_day, matching_schedule_id, scheduled_for)
       VALUES ('queued', $1, $2, $3::date, $4, $5)
       ON CONFLICT (matching_schedule_id, scheduled_for) WHERE matching_schedule_id IS NOT NULL DO NOTHING RETURNING id`,
      [JSON.stringify(options), matchingScopeKey(options), runDay, scheduleId, scheduledFor],
    );
    if (!rows.length) return null;
    await this.jobs.enqueue(rows[0].id, ENQUEUE_WAIT_MS);
    return rows[0].id;
  }

  /** Province staff see the runs over their provinces only (a national run holds every province's data). */
  async list(filter: MatchingRunFilter, actor?: Actor): Promise<Page<MatchingRunView>> {
    const qb = this.runs.createQueryBuilder('r').orderBy('r.createdAt', 'DESC').addOrderBy('r.id', 'ASC');
    const scope = provinceSubsetCondition(actor, RUN_PROVINCES_SQL);
    if (scope) qb.andWhere(scope.sql, scope.params);
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.matchingScheduleId) qb.andWhere('r.matching_schedule_id = :sid', { sid: filter.matchingScheduleId });
    if (filter.scopeKey) qb.andWhere('r.scope_key = :scope', { scope: filter.scopeKey });
    const page = await paginate(qb, filter, toMatchingRunView);
    return { ...page, items: await this.withParts(await this.withRequesters(page.items)) };
  }

  async get(id: string, actor?: Actor): Promise<MatchingRunView> {
    return (await this.withParts(await this.withRequesters([toMatchingRunView(await this.load(id, actor))])))[0];
  }

  /** Who solved each part of the runs and how long it took (one query for a page). */
  private async withParts(items: MatchingRunView[]): Promise<MatchingRunView[]> {
    if (!items.length) return items;
    const rows: Array<
      Omit<MatchingRunPartView, 'ms' | 'pivots'> & {
        runId: string;
        ms: string | number | null;
        pivots: string | number | null;
      }
    > = await this.dataSource.query(
      `SELECT matching_run_id AS "runId", product_code AS product, status, worker, solve_ms AS ms, attempts, lots, requests, error,
              warm_start_from_run_id AS "warmStartFrom", warm_pairs AS "warmPairs", pivots
         FROM matching_run_parts WHERE matching_run_id = ANY($1::uuid[]) ORDER BY product_code`,
      [items.map((r) => r.id)],
    );
    const byRun = new Map<string, MatchingRunPartView[]>();
    for (const { runId, ...part } of rows) {
      const view: MatchingRunPartView = {
        ...part,
        ms: part.ms === null ? null : Number(part.ms),
        pivots: part.pivots === null ? null : Number(part.pivots),
      };
      byRun.set(runId, [...(byRun.get(runId) ?? []), view]);
    }
    return items.map((r) => ({ ...r, parts: byRun.get(r.id) ?? [] }));
  }

  /**
   * The pairs a run added, kept and superseded against the open proposals of its scope. Added are
   * the run's own proposals; superseded carry the run's id; kept are recorded in its diff.
   */
  async changes(
    id: string,
    actor?: Actor,
  ): Promise<{
    runId: string;
    previousRunId: string | null;
    added: PairChange[];
    kept: PairChange[];
    superseded: PairChange[];
  }> {
    const run = await this.load(id, actor);
    const q = (where: string, params: unknown[]) =>
      this.dataSource.query(
        `SELECT id AS "proposalId", supply_lot_id AS "supplyLotId", purchase_request_id AS "purchaseRequestId", quantity_kg::float8 AS "quantityKg", status, matching_run_id AS "matchingRunId"
           FROM proposals WHERE ${where} ORDER BY supply_lot_id, purchase_request_id`,
        params,
      );
    const [added, kept, superseded] = await Promise.all([
      q('matching_run_id = $1', [id]),
      q('id = ANY($1::uuid[])', [run.diff?.keptProposalIds ?? []]),
      q('superseded_by_run_id = $1', [id]),
    ]);
    return { runId: id, previousRunId: run.previousRunId, added, kept, superseded };
  }

  private async withRequesters(items: MatchingRunView[]): Promise<MatchingRunView[]> {
    const ids = [...new Set(items.map((r) => r.requestedByUserId).filter((x): x is string => !!x))];
    if (!ids.length) return items.map((r) => ({ ...r, requestedByEmail: null }));
    const rows: Array<{ id: string; email: string }> = await this.dataSource.query(
      'SELECT id, email FROM users WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const email = new Map(rows.map((u) => [u.id, u.email]));
    return items.map((r) => ({
      ...r,
      requestedByEmail: r.requestedByUserId ? (email.get(r.requestedByUserId) ?? null) : null,
    }));
  }

  /**
   * The exact instance handed to the engine, for replay and explanation: kept whole on runs stored
   * before fan-out kept it in parts; otherwise rebuilt from what the run kept outside its parts and
   * its parts' instances.
   */
  async instance(id: string, actor?: Actor): Promise<unknown> {
    await this.load(id, actor);
    const [row]: Array<{ instance: unknown; outside: MatchingInstance | null }> = await this.dataSource.query(
      'SELECT instance, instance_outside_parts AS outside FROM matching_runs WHERE id = $1',
      [id],
    );
    if (row.instance !== null || row.outside === null) return row.instance;
    const parts: Array<{ instance: MatchingInstance }> = await this.dataSource.query(
      'SELECT instance FROM matching_run_parts WHERE matching_run_id = $1 AND instance IS NOT NULL ORDER BY product_code',
      [id],
    );
    return mergeInstanceOfParts(
      row.outside,
      parts.map((p) => p.instance),
    );
  }

  async cancel(actor: Actor, id: string): Promise<MatchingRunView> {
    await this.dataSource.transaction(async (em) => {
      const run = await em.findOne(MatchingRun, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!run) throw DomainError.notFound('MATCHING_RUN', id);
      assertCoversAllProvinces(actor, run.options.provinceCodes ?? [], 'MATCHING_RUN');
      if (run.status !== 'queued') {
        throw new DomainError(
          'conflict',
          'MATCHING_RUN.NOT_CANCELLABLE',
          `only a queued run can be cancelled (this one is ${run.status})`,
          { status: run.status },
        );
      }
      run.status = 'cancelled';
      run.finishedAt = new Date();
      await em.save(run);
      await this.audit.record(em, actor, 'cancel', 'matching_run', id, { status: ['queued', 'cancelled'] });
    });
    // A job already taken by a worker cannot be removed; the worker then finds the run cancelled and stops.
    await this.jobs.kind.queue.remove(id).catch((e) => this.log.warn(`could not remove job ${id}: ${e.message}`));
    return this.get(id, actor);
  }

  private async load(id: string, actor?: Actor): Promise<MatchingRun> {
    const run = await this.runs.findOneBy({ id });
    if (!run) throw DomainError.notFound('MATCHING_RUN', id);
    if (actor) assertCoversAllProvinces(actor, run.options.provinceCodes ?? [], 'MATCHING_RUN');
    return run;
  }
}
