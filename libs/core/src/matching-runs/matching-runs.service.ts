import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { performance } from 'node:perf_hooks';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { parseInstance, solveMatching, workersAvailable, type MatchingPlan } from '@agrilink/matching-engine';
import { JobName, QueueName, RunMatchingPayload } from '@agrilink/queue';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { todayInVietnam } from '../common/dates';
import { DomainError } from '../common/domain-error';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { NotificationInput, NotificationsService } from '../notifications/notifications.service';
import { ProductsService } from '../products/products.service';
import { Proposal, ProposalSnapshot } from '../proposals/proposal.entity';
import { buildMatchingInstance, ContractRow, LotRow, RequestRow } from './matching-instance.builder';
import { MatchingRun, MatchingRunDiff, MatchingRunOptions, MatchingRunSize, MatchingRunStatus, MatchingRunTimings, matchingScopeKey } from './matching-run.entity';
import { NewProposalRow, writeSupersedingProposals } from './proposal-supersede.writer';

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

/** Advisory-lock class for matching writes (KH 308). Key 0 = the whole registry; other keys = one province. */
const LOCK_CLASS = 308;
const ENQUEUE_WAIT_MS = 2000;

type Snapshot = { lots: Map<string, LotRow>; requests: Map<string, RequestRow> };

@Injectable()
export class MatchingRunsService {
  private readonly log = new Logger('MatchingRuns');

  constructor(
    @InjectRepository(MatchingRun) private readonly runs: Repository<MatchingRun>,
    @InjectQueue(QueueName.Matching) private readonly queue: Queue<RunMatchingPayload>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly products: ProductsService,
    private readonly notifications: NotificationsService,
  ) {}

  async create(actor: Actor, request: MatchingRunRequest): Promise<MatchingRunView> {
    const { runDay, ...options } = request;
    const clean = await this.cleanOptions(options);
    const run = await this.dataSource.transaction(async (em) => {
      const saved = await em.save(
        em.create(MatchingRun, { status: 'queued', options: clean, scopeKey: matchingScopeKey(clean), runDay: runDay ?? todayInVietnam(), requestedByUserId: actor.userId }),
      );
      await this.audit.record(em, actor, 'create', 'matching_run', saved.id, { options: clean, runDay: saved.runDay });
      return saved;
    });
    // The answer is the run as accepted (queued): read before enqueueing, since a fast worker may
    // already be running it by the time the add returns.
    const accepted = toMatchingRunView(await this.runs.findOneByOrFail({ id: run.id }));
    // PostgreSQL is the record: the run is saved before Redis hears of it. If Redis is down the add
    // waits for it in the background and the worker's sweeper re-enqueues anything still missing.
    await this.enqueue(run.id, ENQUEUE_WAIT_MS);
    return accepted;
  }

  /** Product codes upper-cased, known and sorted; provinces sorted: the same scope always reads the same. */
  async cleanOptions(options: MatchingRunOptions, em: EntityManager = this.dataSource.manager): Promise<MatchingRunOptions> {
    const clean: MatchingRunOptions = { ...options };
    if (clean.products) clean.products = [...new Set(clean.products.map((p) => p.trim().toUpperCase()))].sort();
    if (clean.provinceCodes) clean.provinceCodes = [...new Set(clean.provinceCodes.map((p) => p.trim()))].sort();
    for (const [i, code] of (clean.products ?? []).entries()) await this.products.requireKnown(code, `products[${i}]`, em);
    return clean;
  }

  /** Saves a scheduled run for one iteration (unique per schedule and time) and enqueues it; null when that iteration already has its run. */
  async createScheduled(scheduleId: string, options: MatchingRunOptions, scheduledFor: Date, runDay: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO matching_runs (status, options, scope_key, run_day, matching_schedule_id, scheduled_for)
       VALUES ('queued', $1, $2, $3::date, $4, $5)
       ON CONFLICT (matching_schedule_id, scheduled_for) WHERE matching_schedule_id IS NOT NULL DO NOTHING RETURNING id`,
      [JSON.stringify(options), matchingScopeKey(options), runDay, scheduleId, scheduledFor],
    );
    if (!rows.length) return null;
    await this.enqueue(rows[0].id, ENQUEUE_WAIT_MS);
    return rows[0].id;
  }

  async list(filter: MatchingRunFilter): Promise<Page<MatchingRunView>> {
    const qb = this.runs.createQueryBuilder('r').orderBy('r.createdAt', 'DESC').addOrderBy('r.id', 'ASC');
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.matchingScheduleId) qb.andWhere('r.matching_schedule_id = :sid', { sid: filter.matchingScheduleId });
    if (filter.scopeKey) qb.andWhere('r.scope_key = :scope', { scope: filter.scopeKey });
    const page = await paginate(qb, filter, toMatchingRunView);
    return { ...page, items: await this.withRequesters(page.items) };
  }

  async get(id: string): Promise<MatchingRunView> {
    return (await this.withRequesters([toMatchingRunView(await this.load(id))]))[0];
  }

  /**
   * The pairs a run added, kept and superseded against the open proposals of its scope. Added are
   * the run's own proposals; superseded carry the run's id; kept are recorded in its diff.
   */
  async changes(id: string): Promise<{ runId: string; previousRunId: string | null; added: PairChange[]; kept: PairChange[]; superseded: PairChange[] }> {
    const run = await this.load(id);
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
    const rows: Array<{ id: string; email: string }> = await this.dataSource.query('SELECT id, email FROM users WHERE id = ANY($1::uuid[])', [ids]);
    const email = new Map(rows.map((u) => [u.id, u.email]));
    return items.map((r) => ({ ...r, requestedByEmail: r.requestedByUserId ? (email.get(r.requestedByUserId) ?? null) : null }));
  }

  /** The exact instance handed to the engine, for replay and explanation. */
  async instance(id: string): Promise<unknown> {
    await this.load(id);
    const [row] = await this.dataSource.query('SELECT instance FROM matching_runs WHERE id = $1', [id]);
    return row.instance;
  }

  async cancel(actor: Actor, id: string): Promise<MatchingRunView> {
    await this.dataSource.transaction(async (em) => {
      const run = await em.findOne(MatchingRun, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!run) throw DomainError.notFound('MATCHING_RUN', id);
      if (run.status !== 'queued') {
        throw new DomainError('conflict', 'MATCHING_RUN.NOT_CANCELLABLE', `only a queued run can be cancelled (this one is ${run.status})`, { status: run.status });
      }
      run.status = 'cancelled';
      run.finishedAt = new Date();
      await em.save(run);
      await this.audit.record(em, actor, 'cancel', 'matching_run', id, { status: ['queued', 'cancelled'] });
    });
    // A job already taken by a worker cannot be removed; the worker then finds the run cancelled and stops.
    await this.queue.remove(id).catch((e) => this.log.warn(`could not remove job ${id}: ${e.message}`));
    return this.get(id);
  }

  /**
   * The worker's one call. Reloads the run, takes it (queued, or running after a worker died),
   * snapshots the registry, solves and writes the proposals delete-then-insert in one transaction.
   */
  async execute(id: string, onProgress: (percent: number) => Promise<void> | void = () => undefined): Promise<'completed' | 'skipped'> {
    const claimed: MatchingRun[] = await this.dataSource.query(
      `UPDATE matching_runs SET status = 'running', attempts = attempts + 1, progress = 0, started_at = now(), updated_at = now()
       WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [id],
    );
    const rows = Array.isArray(claimed[0]) ? (claimed[0] as unknown as MatchingRun[]) : claimed;
    if (!rows.length) return 'skipped';
    const run = await this.load(id);
    const t0 = performance.now();

    const { instance, snapshot, contracts, restrictedZones, heldOutKg } = await this.snapshot(run);
    const tSnap = performance.now();
    await onProgress(10);
    const parsed = parseInstance(instance);
    let last = 10;
    const plan = await solveMatching(parsed, {
      threads: workersAvailable() ? undefined : 0,
      onProgress: (f) => {
        const pct = 10 + Math.floor(80 * f);
        if (pct > last) {
          last = pct;
          void onProgress(pct);
        }
      },
    });
    const tSolve = performance.now();
    const size: MatchingRunSize = {
      lots: parsed.lots.length,
      requests: parsed.requests.length,
      contracts,
      products: new Set(parsed.lots.map((l) => l.product)).size,
      restrictedZones,
      feasiblePairs: plan.stats.feasiblePairs,
    };
    const written = await this.writeResults(run, instance, snapshot, plan, size, heldOutKg, {
      snapshotMs: round(tSnap - t0),
      solveMs: round(tSolve - tSnap),
    });
    if (written) await onProgress(100);
    return written ? 'completed' : 'skipped';
  }

  /** Records a failed attempt: back to queued while BullMQ will retry, failed (with the error) when it will not. */
  async recordFailure(id: string, message: string, final: boolean): Promise<void> {
    await this.dataSource.query(
      `UPDATE matching_runs SET status = $2::varchar, error = $3, finished_at = CASE WHEN $2::varchar = 'failed' THEN now() ELSE finished_at END, updated_at = now()
       WHERE id = $1 AND status IN ('queued', 'running')`,
      [id, final ? 'failed' : 'queued', message.slice(0, 4000)],
    );
  }

  /**
   * Makes Redis agree with PostgreSQL: a queued or running run with no live job (Redis lost it,
   * or the api could not reach Redis) is enqueued again; one whose job failed for good is failed.
   */
  async sweep(minAgeSeconds = 3): Promise<number> {
    const pending: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM matching_runs WHERE status IN ('queued', 'running') AND created_at < now() - make_interval(secs => $1) ORDER BY created_at`,
      [minAgeSeconds],
    );
    let fixed = 0;
    for (const { id } of pending) {
      const job = await this.queue.getJob(id);
      if (!job) {
        await this.enqueue(id);
        fixed++;
        continue;
      }
      const state = await job.getState();
      if (state === 'failed') {
        await this.recordFailure(id, job.failedReason || 'the job failed', true);
        fixed++;
      } else if (state === 'completed') {
        // The job finished without writing (e.g. it saw a state that has since changed): run it again.
        await job.remove();
        await this.enqueue(id);
        fixed++;
      }
    }
    return fixed;
  }

  private async enqueue(id: string, waitMs?: number): Promise<void> {
    const add = this.queue.add(JobName.RunMatching, { matchingRunId: id }, { jobId: id });
    add.catch((e) => this.log.warn(`enqueue of run ${id} failed (${e.message}); the sweeper will retry`));
    if (waitMs === undefined) {
      await add;
      return;
    }
    await Promise.race([add.catch(() => undefined), new Promise((r) => setTimeout(r, waitMs).unref())]);
  }

  private async load(id: string): Promise<MatchingRun> {
    const run = await this.runs.findOneBy({ id });
    if (!run) throw DomainError.notFound('MATCHING_RUN', id);
    return run;
  }

  /** One consistent read of the registry (REPEATABLE READ), in the engine's instance format. */
  private async snapshot(run: MatchingRun) {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const day = run.runDay;
      const products = run.options.products?.length ? run.options.products : null;
      const provinces = run.options.provinceCodes?.length ? run.options.provinceCodes : null;
      // The zone of a row is what the zone polygons say about its location on the run's day
      // (zone_code_at, migration DerivedZones), never a value its owner wrote.
      const zoneOf = (alias: string) => `zone_code_at(${alias}.location, $1::date)`;
      // Kilograms of proposals one side (or both) already accepted are held out, so the same
      // kilograms are never offered twice; a lot is offered from max(harvestFrom, run day) to its
      // availableUntil (backlog included), and not at all once that day has passed.
      const held = (col: string, ref: string) => `COALESCE((SELECT SUM(p.quantity_kg) FROM proposals p
          WHERE p.${col} = ${ref} AND p.status IN ('accepted_by_seller', 'accepted_by_buyer', 'accepted')), 0)`;
      const lotRows: any[] = await em.query(
        `SELECT * FROM (
           SELECT l.id, l.cooperative_id, l.product_code, l.remaining_kg, ${held('supply_lot_id', 'l.id')} AS held_kg,
                  l.harvest_from::text AS harvest_from, l.harvest_to::text AS harvest_to, l.available_until::text AS available_until,
                  l.certifications, l.ask_vnd_per_kg, ST_Y(l.location::geometry) AS lat, ST_X(l.location::geometry) AS lng,
                  ${zoneOf('l')} AS zone, l.green_lane, l.version,
                  (SELECT sc.buyer_id FROM cooperatives sc WHERE sc.id = l.cooperative_id) AS seller_buyer_id
           FROM supply_lots l
           WHERE l.status = 'open' AND l.remaining_kg > 0 AND l.available_until >= $1::date
             AND ($2::text[] IS NULL OR l.product_code = ANY($2)) AND ($3::text[] IS NULL OR l.province_code = ANY($3))) s
         WHERE s.remaining_kg > s.held_kg
         ORDER BY s.id`,
        [day, products, provinces],
      );
      const requestRows: any[] = await em.query(
        `SELECT * FROM (
           SELECT r.id, r.buyer_id, r.product_code, r.remaining_kg, ${held('purchase_request_id', 'r.id')} AS held_kg,
                  r.deliver_from::text AS deliver_from, r.deliver_to::text AS deliver_to,
                  r.required_certifications, r.bid_vnd_per_kg, ST_Y(r.location::geometry) AS lat, ST_X(r.location::geometry) AS lng,
                  ${zoneOf('r')} AS zone, r.max_distance_km, r.version
           FROM purchase_requests r
           WHERE r.status = 'open' AND r.remaining_kg > 0
             AND ($2::text[] IS NULL OR r.product_code = ANY($2)) AND ($3::text[] IS NULL OR r.province_code = ANY($3))) s
         WHERE s.remaining_kg > s.held_kg
         ORDER BY s.id`,
        [day, products, provinces],
      );
      // Held-out kilograms of lots and requests that still take part (the diff reports them).
      const heldOutKg = {
        supplyLots: lotRows.reduce((s, l) => s + Number(l.held_kg), 0),
        purchaseRequests: requestRows.reduce((s, r) => s + Number(r.held_kg), 0),
      };
      const contractRows: any[] = await em.query(
        `SELECT cooperative_id, buyer_id, product_code, bonus_vnd_per_kg FROM contracts
         WHERE valid_from <= $1::date AND (valid_to IS NULL OR valid_to >= $1::date) ORDER BY id`,
        [day],
      );
      const zoneRows: any[] = await em.query(
        `SELECT code FROM zones WHERE restricted AND (active_from IS NULL OR active_from <= $1::date) AND (active_to IS NULL OR active_to >= $1::date) ORDER BY code`,
        [day],
      );
      const productRows: any[] = await em.query(`SELECT code, shelf_life_days FROM products`);
      const lots: LotRow[] = lotRows.map((l) => ({
        id: l.id,
        cooperativeId: l.cooperative_id,
        productCode: l.product_code,
        remainingKg: Number(l.remaining_kg) - Number(l.held_kg),
        harvestFrom: l.harvest_from,
        harvestTo: l.harvest_to,
        availableFrom: l.harvest_from > day ? l.harvest_from : day,
        availableUntil: l.available_until,
        certifications: l.certifications ?? [],
        askVndPerKg: l.ask_vnd_per_kg,
        lat: Number(l.lat),
        lng: Number(l.lng),
        zone: l.zone ?? null,
        greenLane: l.green_lane,
        version: l.version,
        sellerBuyerId: l.seller_buyer_id ?? null,
      }));
      const requests: RequestRow[] = requestRows.map((r) => ({
        id: r.id,
        buyerId: r.buyer_id,
        productCode: r.product_code,
        remainingKg: Number(r.remaining_kg) - Number(r.held_kg),
        deliverFrom: r.deliver_from,
        deliverTo: r.deliver_to,
        requiredCertifications: r.required_certifications ?? [],
        bidVndPerKg: r.bid_vnd_per_kg,
        lat: Number(r.lat),
        lng: Number(r.lng),
        zone: r.zone ?? null,
        maxDistanceKm: r.max_distance_km === null ? null : Number(r.max_distance_km),
        version: r.version,
      }));
      const contracts: ContractRow[] = contractRows.map((c) => ({
        cooperativeId: c.cooperative_id,
        buyerId: c.buyer_id,
        productCode: c.product_code,
        bonusVndPerKg: c.bonus_vnd_per_kg,
      }));
      const instance = buildMatchingInstance({
        options: run.options,
        lots,
        requests,
        contracts,
        shelfLifeDays: new Map(productRows.map((p) => [p.code, p.shelf_life_days])),
        restrictedZones: zoneRows.map((z) => z.code),
      });
      const snapshot: Snapshot = { lots: new Map(lots.map((l) => [l.id, l])), requests: new Map(requests.map((r) => [r.id, r])) };
      return { instance, snapshot, contracts: instance.contracts.length, restrictedZones: zoneRows.length, heldOutKg };
    });
  }

  private async writeResults(
    run: MatchingRun,
    instance: unknown,
    snapshot: Snapshot,
    plan: MatchingPlan,
    size: MatchingRunSize,
    heldOutKg: MatchingRunDiff['heldOutKg'],
    timings: MatchingRunTimings,
  ): Promise<boolean> {
    const tWrite = performance.now();
    return this.dataSource.transaction(async (em) => {
      await lockScope(em, run.options.provinceCodes ?? []);
      // Under the run's row lock: a second worker that raced us (a stalled job re-run) sees it completed and stops.
      const current = await em.findOne(MatchingRun, { where: { id: run.id }, lock: { mode: 'pessimistic_write' } });
      if (!current || current.status !== 'running') return false;
      await em.delete(Proposal, { matchingRunId: run.id });
      // A processor's offered stock is not proposed to the processor itself (the engine has no
      // pair exclusion; such an allocation is dropped here and its kilograms stay unproposed).
      const allocations = plan.allocations.filter((a) => {
        const seller = snapshot.lots.get(a.lotId)!.sellerBuyerId;
        return !seller || seller !== snapshot.requests.get(a.requestId)!.buyerId;
      });
      const rows: NewProposalRow[] = allocations.map((a) => {
        const lot = snapshot.lots.get(a.lotId)!;
        const request = snapshot.requests.get(a.requestId)!;
        const snap: ProposalSnapshot = {
          lot: {
            productCode: lot.productCode,
            askVndPerKg: lot.askVndPerKg,
            harvestFrom: lot.harvestFrom,
            harvestTo: lot.harvestTo,
            availableUntil: lot.availableUntil,
            certifications: lot.certifications,
            location: [lot.lng, lot.lat],
            zone: lot.zone,
            greenLane: lot.greenLane,
          },
          request: {
            productCode: request.productCode,
            bidVndPerKg: request.bidVndPerKg,
            deliverFrom: request.deliverFrom,
            deliverTo: request.deliverTo,
            requiredCertifications: request.requiredCertifications,
            location: [request.lng, request.lat],
            maxDistanceKm: request.maxDistanceKm,
            zone: request.zone,
          },
        };
        return {
          matchingRunId: run.id,
          supplyLotId: lot.id,
          purchaseRequestId: request.id,
          cooperativeId: lot.cooperativeId,
          buyerId: request.buyerId,
          productCode: lot.productCode,
          quantityKg: a.quantityKg,
          distanceKm: a.distanceKm,
          transportVndPerKg: a.transportVndPerKg,
          scoreVndPerKg: a.scoreVndPerKg,
          askVndPerKg: lot.askVndPerKg,
          bidVndPerKg: request.bidVndPerKg,
          reasons: a.reasons,
          status: 'proposed' as const,
          lotVersion: lot.version,
          requestVersion: request.version,
          snapshot: snap,
        };
      });
      const outcome = await writeSupersedingProposals(em, run, rows);
      const [previous] = await em.query(
        `SELECT id FROM matching_runs WHERE scope_key = $1 AND status = 'completed' AND id <> $2 ORDER BY finished_at DESC NULLS LAST, created_at DESC LIMIT 1`,
        [run.scopeKey, run.id],
      );
      const diff: MatchingRunDiff = { previousRunId: previous?.id ?? null, heldOutKg, ...outcome.diff };
      await em.query(
        `UPDATE matching_runs SET status = 'completed', progress = 100, size = $2, matched_kg = $3, score_vnd = $4, proposals_count = $5,
           timings = $6, instance = $7, error = NULL, finished_at = now(), updated_at = now(), previous_run_id = $8, diff = $9 WHERE id = $1`,
        [
          run.id,
          JSON.stringify(size),
          plan.objective.matchedKg,
          plan.objective.scoreVnd,
          outcome.inserted.length,
          JSON.stringify({ ...timings, engineSolveMs: plan.stats.solveMs, writeMs: round(performance.now() - tWrite), totalMs: round(performance.now() - tWrite + (timings.snapshotMs ?? 0) + (timings.solveMs ?? 0)) }),
          JSON.stringify(instance),
          diff.previousRunId,
          JSON.stringify(diff),
        ],
      );
      await this.notifications.notify(em, runNotifications(run.id, outcome.inserted.map((r, i) => ({ ...r, id: outcome.insertedIds[i] })), outcome.superseded, outcome.kept));
      return true;
    });
  }
}

/**
 * Runs over overlapping scopes never interleave their writes: a run over the whole registry takes
 * the global key exclusively; a run over provinces takes it shared plus each province key exclusively.
 */
async function lockScope(em: EntityManager, provinceCodes: string[]): Promise<void> {
  if (!provinceCodes.length) {
    await em.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_CLASS]);
    return;
  }
  await em.query('SELECT pg_advisory_xact_lock_shared($1, 0)', [LOCK_CLASS]);
  for (const code of [...provinceCodes].sort()) {
    await em.query(`SELECT pg_advisory_xact_lock($1, hashtext('province:' || $2::text))`, [LOCK_CLASS, code]);
  }
}

type PartyProposal = { id: string; cooperativeId: string; buyerId: string; quantityKg: number };

/**
 * One notification per organisation and run: its new proposals, and in the same row those of its
 * open proposals the run superseded (and kept), so a digest can tell the whole change at once.
 */
function runNotifications(runId: string, added: PartyProposal[], superseded: PartyProposal[], kept: PartyProposal[]): NotificationInput[] {
  type Entry = { audience: 'cooperative' | 'buyer'; id: string; added: string[]; kg: number; superseded: string[]; kept: string[] };
  const byParty = new Map<string, Entry>();
  const each = (rows: PartyProposal[], f: (e: Entry, r: PartyProposal) => void) => {
    for (const r of rows) {
      for (const [audience, id] of [
        ['cooperative', r.cooperativeId],
        ['buyer', r.buyerId],
      ] as const) {
        const key = `${audience}:${id}`;
        const e = byParty.get(key) ?? { audience, id, added: [], kg: 0, superseded: [], kept: [] };
        f(e, r);
        byParty.set(key, e);
      }
    }
  };
  each(added, (e, r) => {
    e.added.push(r.id);
    e.kg += r.quantityKg;
  });
  each(superseded, (e, r) => e.superseded.push(r.id));
  each(kept, (e, r) => e.kept.push(r.id));
  const out: NotificationInput[] = [...byParty.values()]
    .filter((e) => e.added.length || e.superseded.length)
    .map((e) => ({
      audience: e.audience,
      audienceId: e.id,
      kind: e.added.length ? 'proposals.created' : 'proposals.superseded',
      title: e.added.length
        ? `Có ${e.added.length} đề xuất kết nối mới (${e.added.length} new proposals)`
        : `${e.superseded.length} đề xuất đã được thay thế (${e.superseded.length} proposals superseded)`,
      body: e.added.length
        ? `${e.kg.toLocaleString('vi-VN')} kg được đề xuất; vui lòng chấp nhận hoặc từ chối.` + (e.superseded.length ? ` ${e.superseded.length} đề xuất cũ được thay thế.` : '')
        : 'Lượt ghép nối mới đã thay thế các đề xuất cũ chưa được trả lời.',
      data: { matchingRunId: runId, proposals: e.added.length, quantityKg: e.kg, proposalIds: e.added, supersededProposalIds: e.superseded, keptProposalIds: e.kept },
    }));
  out.push({
    audience: 'staff',
    audienceId: null,
    kind: 'matching_run.completed',
    title: 'Lượt ghép nối đã hoàn tất (matching run completed)',
    body: `${added.length} đề xuất mới, ${kept.length} giữ nguyên, ${superseded.length} được thay thế`,
    data: { matchingRunId: runId, proposals: added.length, kept: kept.length, superseded: superseded.length },
  });
  return out;
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
