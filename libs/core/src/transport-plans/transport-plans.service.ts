import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { performance } from 'node:perf_hooks';
import { DataSource, Repository } from 'typeorm';
import { planTransport, type PlannerLoad, type PlannerVehicle } from '@agrilink/transport-planner';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { assertStaff } from '../common/registry';
import {
  assertCoversAllProvinces,
  provinceSubsetCondition,
  scopedProvinceCodes,
} from '../common/territory/province-scope';
import { LoadsService, LoadOfferView, PlannedOffersResult } from '../loads/loads.service';
import { TransportPlan } from './transport-plan.entity';
import { TransportPlanJobs } from './transport-plan.jobs';
import type {
  TransportPlanStats,
  TransportPlanStatus,
  TransportPlanSummary,
  TransportPlanTrip,
  TransportPlanView,
} from './transport-plan-view';
import { TransportPlansRepository } from './transport-plans.repository';
import {
  crossesRestrictedZone,
  normalizeTransportPlanInput,
  splitTripCost,
  TransportPlanInput,
} from './transport-plans.rules';

export interface TransportPlanOffersResult {
  plan: TransportPlanView;
  offers: LoadOfferView[];
  skipped: PlannedOffersResult['skipped'];
}

function toSummary(p: TransportPlan): TransportPlanSummary {
  return {
    id: p.id,
    status: p.status,
    date: p.planDay,
    provinceCodes: p.provinceCodes,
    progress: p.progress,
    attempts: p.attempts,
    method: p.method,
    costVnd: p.costVnd,
    baselineCostVnd: p.baselineCostVnd,
    lowerBoundVnd: p.lowerBoundVnd,
    plannedKg: p.plannedKg,
    baselinePlannedKg: p.baselinePlannedKg,
    tripsCount: p.trips ? p.trips.length : null,
    unplannedCount: p.unplanned ? p.unplanned.length : null,
    offersMadeAt: p.offersMadeAt,
    offersCount: p.offersCount,
    error: p.error,
    requestedByUserId: p.requestedByUserId,
    startedAt: p.startedAt,
    finishedAt: p.finishedAt,
    createdAt: p.createdAt,
  };
}

export function toTransportPlanView(p: TransportPlan): TransportPlanView {
  return { ...toSummary(p), params: p.params, trips: p.trips ?? [], unplanned: p.unplanned ?? [], stats: p.stats };
}

const ENQUEUE_WAIT_MS = 2000;
const DAY_MIN = 24 * 60;

/**
 * Transport plans (kế hoạch điều xe): staff ask for a day; the worker reads the day's open loads
 * and vehicles, the planner proposes trips, and staff turn the plan into load offers in one action.
 */
@Injectable()
export class TransportPlansService {
  constructor(
    @InjectRepository(TransportPlan) private readonly plans: Repository<TransportPlan>,
    private readonly jobs: TransportPlanJobs,
    private readonly dataSource: DataSource,
    private readonly repo: TransportPlansRepository,
    private readonly audit: AuditService,
    private readonly loads: LoadsService,
  ) {}

  async create(actor: Actor, raw: TransportPlanInput): Promise<TransportPlanView> {
    assertStaff(actor, 'TRANSPORT_PLAN', 'plan trucks');
    const normalized = normalizeTransportPlanInput(raw);
    // Province staff plan the loads and trucks of their own provinces (all of them by default).
    const input = {
      ...normalized,
      provinceCodes: scopedProvinceCodes(actor, normalized.provinceCodes, 'TRANSPORT_PLAN'),
    };
    const plan = await this.dataSource.transaction(async (em) => {
      const saved = await em.save(
        em.create(TransportPlan, {
          status: 'queued',
          planDay: input.date,
          provinceCodes: input.provinceCodes,
          params: input.params,
          requestedByUserId: actor.userId,
        }),
      );
      await this.audit.record(em, actor, 'create', 'transport_plan', saved.id, {
        date: input.date,
        provinceCodes: input.provinceCodes,
        params: input.params,
      });
      return saved;
    });
    // Read as accepted before Redis hears of it: a fast worker may already be planning.
    const accepted = toTransportPlanView(await this.plans.findOneByOrFail({ id: plan.id }));
    await this.jobs.enqueue(plan.id, ENQUEUE_WAIT_MS);
    return accepted;
  }

  async list(actor: Actor, page: PageQuery & { status?: TransportPlanStatus }): Promise<Page<TransportPlanSummary>> {
    assertStaff(actor, 'TRANSPORT_PLAN', 'see transport plans');
    const qb = this.plans.createQueryBuilder('p').orderBy('p.createdAt', 'DESC').addOrderBy('p.id', 'ASC');
    if (page.status) qb.andWhere('p.status = :status', { status: page.status });
    const scope = provinceSubsetCondition(actor, 'p.province_codes');
    if (scope) qb.andWhere(scope.sql, scope.params);
    return paginate(qb, page, toSummary);
  }

  async get(actor: Actor, id: string): Promise<TransportPlanView> {
    assertStaff(actor, 'TRANSPORT_PLAN', 'see transport plans');
    const plan = await this.load(id);
    assertCoversAllProvinces(actor, plan.provinceCodes ?? [], 'TRANSPORT_PLAN');
    return toTransportPlanView(plan);
  }

  /**
   * The worker's one call: claims the plan (queued, or running after a worker died), reads the
   * day in one consistent snapshot, plans, and writes the whole result in one UPDATE.
   */
  /**
   * The processor's one call, once it has claimed the plan: reads the day in one consistent
   * snapshot, plans, and writes the whole result in one UPDATE (a retry rewrites it).
   */
  async execute(id: string, onProgress: (percent: number) => void = () => undefined): Promise<'completed' | 'skipped'> {
    const plan = await this.load(id);
    const t0 = performance.now();
    const { loads, vehicles, rows: vehicleRows, withoutDepot } = await this.snapshot(plan);
    onProgress(10);
    const tSolve = performance.now();
    const result = planTransport({ loads, vehicles, params: { vndPerKmByKind: plan.params.vndPerKmByKind ?? {} } });
    const solveMs = Math.round(performance.now() - tSolve);
    onProgress(90);
    const byVehicle = new Map(vehicleRows.map((v) => [v.id, v]));
    const buyerOf = new Map(loads.map((l) => [l.id, l.dropKey]));
    const trips: TransportPlanTrip[] = result.trips.map((t) => {
      const v = byVehicle.get(t.vehicleId)!;
      const prices = splitTripCost(
        t.costVnd,
        t.parts.map((p) => p.kg),
      );
      return {
        vehicleId: v.id,
        plate: v.plate,
        operatorId: v.operatorId,
        operatorName: v.operatorName,
        kind: v.kind,
        capacityKg: v.capacityKg,
        refrigerated: v.refrigerated,
        buyerId: buyerOf.get(t.parts[0].loadId)!,
        parts: t.parts.map((p, k) => ({ loadId: p.loadId, kg: p.kg, priceVnd: prices[k] })),
        kg: t.kg,
        distanceKm: t.distanceKm,
        costVnd: t.costVnd,
        startMin: t.startMin,
        endMin: t.endMin,
        stops: t.stops.map((s) => ({
          kind: s.kind,
          location: s.point,
          loadIds: s.loadIds,
          arriveMin: s.arriveMin,
          departMin: s.departMin,
        })),
      };
    });
    const stats: TransportPlanStats = {
      loads: loads.length,
      vehicles: vehicles.length,
      vehiclesWithoutDepot: withoutDepot,
      vehiclesUsed: result.stats.vehiclesUsed,
      trips: trips.length,
      sharedTrips: trips.filter((t) => new Set(t.parts.map((p) => p.loadId)).size > 1).length,
      baselineTrips: result.stats.baselineTrips,
      baselinePlannedKg: result.stats.baselinePlannedKg,
      unplannedKg: result.stats.unplannedKg,
      solveMs,
      totalMs: Math.round(performance.now() - t0),
    };
    // Only a plan still running is written: one cancelled or finished by another worker is left alone.
    const written = await this.dataSource.query(
      `UPDATE transport_plans SET status = 'completed', progress = 100, method = $2, cost_vnd = $3, baseline_cost_vnd = $4, lower_bound_vnd = $5,
              planned_kg = $6, baseline_planned_kg = $10, trips = $7::jsonb, unplanned = $8::jsonb, stats = $9::jsonb, error = NULL, finished_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'running' RETURNING id`,
      [
        id,
        result.method,
        result.costVnd,
        result.baselineCostVnd,
        result.lowerBoundVnd,
        result.stats.plannedKg,
        JSON.stringify(trips),
        JSON.stringify(result.unplanned),
        JSON.stringify(stats),
        result.stats.baselinePlannedKg,
      ],
    );
    const done = (Array.isArray(written[0]) ? written[0] : written).length > 0;
    if (done) onProgress(100);
    return done ? 'completed' : 'skipped';
  }

  /**
   * Staff turn a completed plan into load offers in one action: one offer per load part of every
   * trip, priced at its kilograms' share of the trip's cost, for pickup on the plan's day. Each is
   * judged by the offer rules; what no longer holds is skipped with its reason. Once only.
   */
  async makeOffers(actor: Actor, id: string): Promise<TransportPlanOffersResult> {
    assertStaff(actor, 'TRANSPORT_PLAN', 'turn a plan into offers');
    const out = await this.dataSource.transaction(async (em) => {
      const plan = await em.findOne(TransportPlan, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!plan) throw DomainError.notFound('TRANSPORT_PLAN', id);
      assertCoversAllProvinces(actor, plan.provinceCodes ?? [], 'TRANSPORT_PLAN');
      if (plan.status !== 'completed') {
        throw new DomainError(
          'conflict',
          'TRANSPORT_PLAN.NOT_COMPLETED',
          `only a completed plan can become offers (this one is ${plan.status})`,
          { status: plan.status },
        );
      }
      if (plan.offersMadeAt) {
        throw new DomainError(
          'conflict',
          'TRANSPORT_PLAN.OFFERS_ALREADY_MADE',
          'this plan has already been turned into offers',
          { offersMadeAt: plan.offersMadeAt, offersCount: plan.offersCount },
        );
      }
      const items = (plan.trips ?? []).flatMap((t) =>
        t.parts.map((p) => ({
          loadId: p.loadId,
          vehicleId: t.vehicleId,
          kg: p.kg,
          priceVnd: p.priceVnd,
          pickupOn: plan.planDay,
          note: `Kế hoạch điều xe ${plan.planDay} · ${t.plate}`,
        })),
      );
      const made = await this.loads.createOffersFromPlan(actor, id, items, em);
      plan.offersMadeAt = new Date();
      plan.offersMadeByUserId = actor.userId;
      plan.offersCount = made.offers.length;
      await em.save(plan);
      await this.audit.record(em, actor, 'make_offers', 'transport_plan', id, {
        offers: made.offers.length,
        skipped: made.skipped.length,
      });
      return { plan: toTransportPlanView(plan), offers: made.offers, skipped: made.skipped };
    });
    return out;
  }

  private async load(id: string): Promise<TransportPlan> {
    const plan = await this.plans.findOneBy({ id });
    if (!plan) throw DomainError.notFound('TRANSPORT_PLAN', id);
    return plan;
  }

  /** The day's open loads and vehicles, read in one REPEATABLE READ transaction, as the planner takes them. */
  private async snapshot(plan: TransportPlan) {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const day = plan.planDay;
      const open = (await this.loads.openLoadsOn(day, plan.provinceCodes, em)).filter((l) => l.openKg > 0);
      const zones = await this.repo.restrictedZonesAtEnds(
        em,
        open.map((l) => l.id),
        day,
      );
      const loads: PlannerLoad[] = open.map((l) => {
        const z = zones.get(l.id) ?? { pickup: [], drop: [] };
        return {
          id: l.id,
          pickup: l.pickup.location,
          drop: l.drop.location,
          dropKey: l.buyerId,
          kg: l.openKg,
          // Loads are due by the day: picked up from the start of the plan's day, delivered before it ends
          // (a later latest-delivery day still keeps the truck's trip within its working day).
          earliestPickupMin: 0,
          latestDeliveryMin: DAY_MIN,
          refrigerated: l.refrigerated,
          crossesRestrictedZone: crossesRestrictedZone(z.pickup, z.drop),
          provinceCodes: [
            ...new Set([l.pickup.provinceCode, l.drop.provinceCode].filter((p): p is string => !!p)),
          ].sort(),
        };
      });
      const rows = await this.repo.vehiclesOn(em, day, plan.provinceCodes);
      const withDepot = rows.filter((v) => v.depot);
      const vehicles: PlannerVehicle[] = withDepot.map((v) => ({
        id: v.id,
        depot: v.depot!,
        capacityKg: v.capacityKg,
        kind: v.kind,
        refrigerated: v.refrigerated,
        permitValid: v.permitValid,
        permitProvinceCodes: v.permitProvinceCodes,
      }));
      return { loads, vehicles, rows: withDepot, withoutDepot: rows.length - withDepot.length };
    });
  }
}
