import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, QueryFailedError, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor, isStaff } from '../common/actor';
import { assertCoversAnyProvince, provinceCondition } from '../common/territory/province-scope';
import { assertPairInProvinces } from '../common/territory/row-provinces';
import { addDays, todayInVietnam } from '../common/dates';
import { DomainError } from '../common/domain-error';
import { fromPoint, LatLng } from '../common/geo';
import { Page, PageQuery, pageBounds } from '../common/page';
import { Deal } from '../deals/deal.entity';
import { NotificationInput, NotificationsService } from '../notifications/notifications.service';
import { PurchaseRequest } from '../purchase-requests/purchase-request.entity';
import { SupplyLot } from '../supply-lots/supply-lot.entity';
import { ZoneCurfewView } from '../zones/zone-curfew';
import { Load, LoadStatus } from './load.entity';
import { LoadOffer, LoadOfferDeclineReason, LoadOfferStatus } from './load-offer.entity';
import { LoadVehicle, LoadVehicleDirectory } from './load-vehicles';
import { LoadsRepository } from './loads.repository';
import {
  assertLoadWindow,
  crossedZones,
  LoadInput,
  LoadOfferInput,
  normalizeLoadInput,
  normalizeOfferInput,
  offerProblem,
  PlannedLoadOffer,
} from './loads.rules';

export interface LoadFilter extends PageQuery {
  status?: LoadStatus;
  dealId?: string;
  /** Pickup or drop in this province. */
  provinceCode?: string;
  /** Loads that can be picked up on this day. */
  pickupOn?: string;
}

export interface LoadView {
  id: string;
  dealId: string;
  supplyLotId: string;
  purchaseRequestId: string;
  cooperativeId: string;
  buyerId: string;
  product: string;
  quantityKg: number;
  /** Kilograms of accepted offers. */
  coveredKg: number;
  /** Kilograms still without a vehicle. */
  openKg: number;
  pickup: { location: LatLng; provinceCode: string | null };
  drop: { location: LatLng; provinceCode: string | null };
  distanceKm: number;
  earliestPickupOn: string;
  latestDeliveryOn: string;
  refrigerated: boolean;
  status: LoadStatus;
  note: string | null;
  cancelReason: string | null;
  /** Curfew hours for goods traffic at the pickup and the drop, when their zones have them. */
  curfews: Array<ZoneCurfewView & { end: 'pickup' | 'drop' }>;
  createdAt: Date;
  updatedAt: Date;
}

export interface LoadOfferView {
  id: string;
  loadId: string;
  operatorId: string;
  operatorName: string | null;
  vehicleId: string;
  kg: number;
  priceVnd: number;
  pickupOn: string;
  status: LoadOfferStatus;
  source: 'operator' | 'plan';
  transportPlanId: string | null;
  note: string | null;
  declineReason: LoadOfferDeclineReason | null;
  decidedAt: Date | null;
  createdAt: Date;
}

/** What accepting an offer did: the offer, the load after it, and the offers it declined. */
export interface LoadOfferAcceptance {
  offer: LoadOfferView;
  load: LoadView;
  declined: LoadOfferView[];
}

export interface PlannedOffersResult {
  offers: LoadOfferView[];
  /** Items of the plan that could not become offers (the load changed, the permit lapsed…), with the reason. */
  skipped: Array<{ index: number; loadId: string; vehicleId: string; code: string; message: string }>;
}

export function toLoadView(l: Load): LoadView {
  return {
    id: l.id,
    dealId: l.dealId,
    supplyLotId: l.supplyLotId,
    purchaseRequestId: l.purchaseRequestId,
    cooperativeId: l.cooperativeId,
    buyerId: l.buyerId,
    product: l.productCode,
    quantityKg: l.quantityKg,
    coveredKg: l.coveredKg,
    openKg: l.status === 'cancelled' ? 0 : l.quantityKg - l.coveredKg,
    pickup: { location: fromPoint(l.pickupLocation)!, provinceCode: l.pickupProvinceCode },
    drop: { location: fromPoint(l.dropLocation)!, provinceCode: l.dropProvinceCode },
    distanceKm: l.distanceKm,
    earliestPickupOn: l.earliestPickupOn,
    latestDeliveryOn: l.latestDeliveryOn,
    refrigerated: l.refrigerated,
    status: l.status,
    note: l.note,
    cancelReason: l.cancelReason,
    curfews: l.curfewsJson ? JSON.parse(l.curfewsJson) : [],
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
  };
}

export function toLoadOfferView(o: LoadOffer, operatorName: string | null = null): LoadOfferView {
  return {
    id: o.id,
    loadId: o.loadId,
    operatorId: o.operatorId,
    operatorName,
    vehicleId: o.vehicleId,
    kg: o.kg,
    priceVnd: o.priceVnd,
    pickupOn: o.pickupOn,
    status: o.status,
    source: o.source,
    transportPlanId: o.transportPlanId,
    note: o.note,
    declineReason: o.declineReason,
    decidedAt: o.decidedAt,
    createdAt: o.createdAt,
  };
}

const isTransport = (actor: Actor) => actor.role === 'transport';
const LOAD_AUDITED = [
  'dealId',
  'quantityKg',
  'coveredKg',
  'earliestPickupOn',
  'latestDeliveryOn',
  'refrigerated',
  'status',
  'note',
];
const OFFER_AUDITED = [
  'loadId',
  'operatorId',
  'vehicleId',
  'kg',
  'priceVnd',
  'pickupOn',
  'status',
  'source',
  'transportPlanId',
];
const kgText = (kg: number) => `${kg.toLocaleString('vi-VN')} kg`;

/**
 * Loads (hàng cần chở) and offers (chào giá vận chuyển). A deal's seller, buyer or staff post the
 * load; operators serving its provinces offer a vehicle; a party or staff accepts. A load may go in
 * parts: each offer carries kilograms, accepted ones add up to at most the load (row lock + CHECK).
 */
@Injectable()
export class LoadsService {
  constructor(
    @InjectRepository(Load) private readonly loads: Repository<Load>,
    private readonly dataSource: DataSource,
    private readonly repo: LoadsRepository,
    private readonly vehicles: LoadVehicleDirectory,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async create(actor: Actor, raw: LoadInput): Promise<LoadView> {
    const input = normalizeLoadInput(raw);
    return this.dataSource.transaction(async (em) => {
      const deal = await em.findOne(Deal, { where: { id: input.dealId }, lock: { mode: 'pessimistic_write' } });
      if (!deal) throw DomainError.invalid('LOAD.UNKNOWN_DEAL', 'dealId', `dealId: no deal ${input.dealId}`);
      assertParty(actor, deal, 'LOAD.FORBIDDEN');
      await assertPairInProvinces(em, actor, deal, 'LOAD');
      return toLoadView(await this.postLocked(em, actor, deal, input));
    });
  }

  /**
   * A deal just confirmed needs transport: its load is posted in the confirming transaction,
   * with every default from the deal (issue 14). Products carry no cold-chain flag in the
   * catalogue yet, so an automatic load is not refrigerated; a party may cancel and repost it.
   */
  async postForConfirmedDeal(em: EntityManager, actor: Actor, deal: Deal): Promise<Load> {
    return this.postLocked(em, actor, deal, { dealId: deal.id, note: null }, true);
  }

  /** Posts the load of a deal the caller holds locked; `automatic` also tells the operators serving its provinces. */
  private async postLocked(
    em: EntityManager,
    actor: Actor,
    deal: Deal,
    input: LoadInput,
    automatic = false,
  ): Promise<Load> {
    if (deal.status !== 'confirmed' && deal.status !== 'partially_delivered') {
      throw new DomainError('conflict', 'LOAD.DEAL_NOT_OPEN', `a ${deal.status} deal has nothing left to carry`, {
        status: deal.status,
      });
    }
    const live = await em.findOne(Load, { where: { dealId: deal.id, status: In(['open', 'covered']) } });
    if (live)
      throw new DomainError('conflict', 'LOAD.ALREADY_POSTED', 'this deal already has a load', { loadId: live.id });
    const toDeliver = deal.quantityKg - (deal.deliveredKg ?? 0);
    const kg = input.kg ?? toDeliver;
    if (kg > toDeliver)
      throw new DomainError(
        'validation',
        'LOAD.KG_EXCEEDS_DEAL',
        `kg ${kg} is more than the ${toDeliver} kg the deal still has to deliver`,
        [{ field: 'kg', message: `at most ${toDeliver}` }],
      );
    const lot = await em.findOneByOrFail(SupplyLot, { id: deal.supplyLotId });
    const request = await em.findOneByOrFail(PurchaseRequest, { id: deal.purchaseRequestId });
    const today = todayInVietnam();
    const earliest = input.earliestPickupOn ?? (lot.harvestFrom > today ? lot.harvestFrom : today);
    const latest = input.latestDeliveryOn ?? (request.deliverTo >= earliest ? request.deliverTo : addDays(earliest, 7));
    assertLoadWindow(earliest, latest);
    const load = em.create(Load, {
      dealId: deal.id,
      supplyLotId: lot.id,
      purchaseRequestId: request.id,
      cooperativeId: deal.cooperativeId,
      buyerId: deal.buyerId,
      productCode: deal.productCode,
      quantityKg: kg,
      coveredKg: 0,
      pickupLocation: lot.location,
      pickupProvinceCode: lot.provinceCode,
      dropLocation: request.location,
      dropProvinceCode: request.provinceCode,
      distanceKm: await this.repo.distanceKm(em, lot.id, request.id),
      earliestPickupOn: earliest,
      latestDeliveryOn: latest,
      refrigerated: input.refrigerated ?? false,
      status: 'open',
      note: input.note ?? null,
      createdByUserId: actor.userId,
    });
    let saved: Load;
    try {
      saved = await em.save(load);
    } catch (e) {
      if (e instanceof QueryFailedError && (e as any).code === '23505')
        throw new DomainError('conflict', 'LOAD.ALREADY_POSTED', 'this deal already has a load', { dealId: deal.id });
      throw e;
    }
    await this.audit.record(em, actor, 'create', 'load', saved.id, pickAudited(saved, LOAD_AUDITED));
    const body = `${kgText(kg)} ${deal.productCode} · ${earliest} → ${latest}`;
    const notices: NotificationInput[] = [
      {
        audience: 'cooperative',
        audienceId: deal.cooperativeId,
        kind: 'load.posted',
        title: 'Đã đăng hàng cần chở (load posted)',
        body,
        data: { loadId: saved.id, dealId: deal.id, automatic },
      },
      {
        audience: 'buyer',
        audienceId: deal.buyerId,
        kind: 'load.posted',
        title: 'Đã đăng hàng cần chở (load posted)',
        body,
        data: { loadId: saved.id, dealId: deal.id, automatic },
      },
    ];
    if (automatic) {
      for (const userId of await this.repo.operatorUserIdsServing(
        em,
        [saved.pickupProvinceCode, saved.dropProvinceCode].filter((p): p is string => !!p),
      )) {
        notices.push({
          audience: 'user',
          audienceId: userId,
          kind: 'load.open',
          title: 'Có hàng mới cần chở (new open load)',
          body,
          data: { loadId: saved.id },
        });
      }
    }
    await this.notifications.notify(em, notices);
    return em.findOneByOrFail(Load, { id: saved.id });
  }

  /**
   * A cancelled deal has nothing to carry: its load nobody took yet is cancelled with it, in the
   * deal's transaction, and pending offers are declined. A load with an accepted offer stays for
   * the parties to settle with the operator.
   */
  async cancelForCancelledDeal(em: EntityManager, actor: Actor, dealId: string, reason: string | null): Promise<void> {
    const load = await em.findOne(Load, { where: { dealId, status: 'open' }, lock: { mode: 'pessimistic_write' } });
    if (!load || load.coveredKg > 0) return;
    const before = { ...load };
    load.status = 'cancelled';
    load.cancelReason = reason?.trim() || 'deal cancelled';
    await em.save(load);
    await this.audit.record(
      em,
      actor,
      'cancel',
      'load',
      load.id,
      this.audit.diff(before, load, ['status', 'cancelReason']),
    );
    const declined = await this.declinePending(em, actor, load, () => true, 'load_cancelled');
    await this.notifications.notify(em, await this.declineNotices(em, declined, load));
  }

  /** Staff see every load; a seller or buyer its own; an operator the open loads in the provinces it serves. */
  async list(actor: Actor, filter: LoadFilter): Promise<Page<LoadView>> {
    const { limit, offset } = pageBounds(filter);
    const qb = this.loads
      .createQueryBuilder('ld')
      .orderBy('ld.earliestPickupOn', 'ASC')
      .addOrderBy('ld.createdAt', 'DESC')
      .addOrderBy('ld.id', 'ASC');
    if (isTransport(actor)) {
      const provinces = actor.organizationId
        ? await this.repo.operatorProvinces(this.dataSource.manager, actor.organizationId)
        : null;
      qb.andWhere(`ld.status = 'open'`).andWhere(
        '(ld.pickup_province_code = ANY(:prov) OR ld.drop_province_code = ANY(:prov))',
        { prov: provinces ?? [] },
      );
    } else if (actor.role === 'cooperative') qb.andWhere('ld.cooperative_id = :org', { org: actor.organizationId });
    else if (actor.role === 'buyer') qb.andWhere('ld.buyer_id = :org', { org: actor.organizationId });
    else if (!isStaff(actor)) qb.andWhere('false');
    const scope = provinceCondition(actor, LOAD_PROVINCE_COLUMNS('ld'));
    if (scope) qb.andWhere(scope.sql, scope.params);
    if (filter.status) qb.andWhere('ld.status = :status', { status: filter.status });
    if (filter.dealId) qb.andWhere('ld.deal_id = :dealId', { dealId: filter.dealId });
    if (filter.provinceCode)
      qb.andWhere('(ld.pickup_province_code = :pc OR ld.drop_province_code = :pc)', { pc: filter.provinceCode });
    if (filter.pickupOn)
      qb.andWhere('ld.earliest_pickup_on <= :day AND ld.latest_delivery_on >= :day', { day: filter.pickupOn });
    const [rows, total] = await qb.take(limit).skip(offset).getManyAndCount();
    return { items: rows.map(toLoadView), total, limit, offset };
  }

  async get(actor: Actor, id: string): Promise<LoadView> {
    const load = await this.loads.findOneBy({ id });
    if (!load) throw DomainError.notFound('LOAD', id);
    await this.assertMaySee(this.dataSource.manager, actor, load);
    return toLoadView(load);
  }

  /** Open loads that can be picked up on `day` (optionally in these provinces), for transport plans. */
  async openLoadsOn(
    day: string,
    provinceCodes: string[] | null = null,
    em: EntityManager = this.dataSource.manager,
  ): Promise<LoadView[]> {
    const qb = em
      .getRepository(Load)
      .createQueryBuilder('ld')
      .where(`ld.status = 'open'`)
      .andWhere('ld.earliest_pickup_on <= :day AND ld.latest_delivery_on >= :day', { day })
      .orderBy('ld.id', 'ASC');
    if (provinceCodes?.length)
      qb.andWhere('(ld.pickup_province_code = ANY(:prov) OR ld.drop_province_code = ANY(:prov))', {
        prov: provinceCodes,
      });
    return (await qb.getMany()).map(toLoadView);
  }

  /** A party or staff withdraws a load nothing of which is carried yet; pending offers are declined. */
  async cancel(actor: Actor, id: string, reason: string | null): Promise<LoadView> {
    return this.dataSource.transaction(async (em) => {
      const load = await em.findOne(Load, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!load) throw DomainError.notFound('LOAD', id);
      assertParty(actor, load, 'LOAD.FORBIDDEN');
      assertLoadInProvinces(actor, load, 'LOAD');
      if (load.status !== 'open' || load.coveredKg > 0) {
        throw new DomainError(
          'conflict',
          'LOAD.NOT_CANCELLABLE',
          'a load with an accepted offer, or not open, cannot be cancelled',
          { status: load.status, coveredKg: load.coveredKg },
        );
      }
      const before = { ...load };
      load.status = 'cancelled';
      load.cancelReason = reason?.trim() || null;
      await em.save(load);
      await this.audit.record(
        em,
        actor,
        'cancel',
        'load',
        id,
        this.audit.diff(before, load, ['status', 'cancelReason']),
      );
      const declined = await this.declinePending(em, actor, load, () => true, 'load_cancelled');
      await this.notifications.notify(em, await this.declineNotices(em, declined, load));
      return toLoadView(load);
    });
  }

  /** Offers on a load: all of them for its parties and staff, its own for an operator. */
  async offers(actor: Actor, loadId: string, page: PageQuery): Promise<Page<LoadOfferView>> {
    const load = await this.loads.findOneBy({ id: loadId });
    if (!load) throw DomainError.notFound('LOAD', loadId);
    await this.assertMaySee(this.dataSource.manager, actor, load);
    const { limit, offset } = pageBounds(page);
    const qb = this.dataSource
      .getRepository(LoadOffer)
      .createQueryBuilder('o')
      .where('o.load_id = :loadId', { loadId })
      .orderBy('o.createdAt', 'ASC')
      .addOrderBy('o.id', 'ASC');
    if (isTransport(actor)) qb.andWhere('o.operator_id = :op', { op: actor.organizationId });
    const [rows, total] = await qb.take(limit).skip(offset).getManyAndCount();
    return { items: await this.offerViews(this.dataSource.manager, rows), total, limit, offset };
  }

  /** An operator's offers across loads (its own screen). */
  async myOffers(actor: Actor, page: PageQuery & { status?: LoadOfferStatus }): Promise<Page<LoadOfferView>> {
    if (!isTransport(actor) && !isStaff(actor))
      throw new DomainError('forbidden', 'LOAD_OFFER.FORBIDDEN', 'only transport operators have offers');
    const { limit, offset } = pageBounds(page);
    const qb = this.dataSource
      .getRepository(LoadOffer)
      .createQueryBuilder('o')
      .orderBy('o.createdAt', 'DESC')
      .addOrderBy('o.id', 'ASC');
    if (isTransport(actor)) qb.where('o.operator_id = :op', { op: actor.organizationId });
    const scope = provinceCondition(actor, OFFER_PROVINCE_COLUMNS);
    if (scope) qb.andWhere(scope.sql, scope.params);
    if (page.status) qb.andWhere('o.status = :status', { status: page.status });
    const [rows, total] = await qb.take(limit).skip(offset).getManyAndCount();
    return { items: await this.offerViews(this.dataSource.manager, rows), total, limit, offset };
  }

  /** An operator's user offers one of its vehicles for (part of) an open load it can see. */
  async makeOffer(actor: Actor, loadId: string, raw: LoadOfferInput): Promise<LoadOfferView> {
    if (!isTransport(actor) || !actor.organizationId)
      throw new DomainError('forbidden', 'LOAD_OFFER.FORBIDDEN', 'only a transport operator makes offers');
    const input = normalizeOfferInput(raw);
    return this.dataSource.transaction(async (em) => {
      const load = await em.findOne(Load, { where: { id: loadId }, lock: { mode: 'pessimistic_write' } });
      if (!load) throw DomainError.notFound('LOAD', loadId);
      await this.assertMaySee(em, actor, load);
      const offer = await this.insertOffer(em, actor, load, actor.organizationId!, input, {
        source: 'operator',
        transportPlanId: null,
      });
      const views = await this.offerViews(em, [offer]);
      const body = `${views[0].operatorName ?? ''}: ${kgText(offer.kg)} · ${offer.priceVnd.toLocaleString('vi-VN')} đ · ${offer.pickupOn}`;
      await this.notifications.notify(
        em,
        partyNotices(load, 'load_offer.received', 'Có chào giá vận chuyển mới (new transport offer)', body, {
          loadId: load.id,
          offerId: offer.id,
        }),
      );
      return views[0];
    });
  }

  /**
   * Staff turn a transport plan into offers: each item is judged by the same rules as an
   * operator's offer, and one that no longer holds is skipped with its reason. Pass `em` to run
   * inside the caller's transaction (the plan's own writes commit with the offers).
   */
  async createOffersFromPlan(
    actor: Actor,
    transportPlanId: string,
    items: PlannedLoadOffer[],
    em?: EntityManager,
  ): Promise<PlannedOffersResult> {
    if (!isStaff(actor))
      throw new DomainError('forbidden', 'LOAD_OFFER.FORBIDDEN', 'only staff turn a plan into offers');
    const run = async (tx: EntityManager): Promise<PlannedOffersResult> => {
      const out: PlannedOffersResult = { offers: [], skipped: [] };
      // Locks in load-id order, as every writer of loads takes them.
      const order = items
        .map((item, index) => ({ item, index }))
        .sort((a, b) => (a.item.loadId < b.item.loadId ? -1 : a.item.loadId > b.item.loadId ? 1 : a.index - b.index));
      const made: LoadOffer[] = [];
      const notices: NotificationInput[] = [];
      for (const { item, index } of order) {
        try {
          const input = normalizeOfferInput(item);
          const load = await tx.findOne(Load, { where: { id: item.loadId }, lock: { mode: 'pessimistic_write' } });
          if (!load) throw DomainError.notFound('LOAD', item.loadId, 'loadId');
          assertLoadInProvinces(actor, load, 'LOAD');
          const vehicle = await this.vehicles.vehicle(tx, input.vehicleId);
          const offer = await this.insertOffer(
            tx,
            actor,
            load,
            vehicle?.operatorId ?? '',
            input,
            { source: 'plan', transportPlanId },
            vehicle,
          );
          made.push(offer);
          notices.push(
            ...partyNotices(
              load,
              'load_offer.received',
              'Có chào giá vận chuyển mới (new transport offer)',
              `${kgText(offer.kg)} · ${offer.priceVnd.toLocaleString('vi-VN')} đ · ${offer.pickupOn}`,
              { loadId: load.id, offerId: offer.id },
            ),
          );
          for (const userId of await this.vehicles.operatorUserIds(tx, offer.operatorId)) {
            notices.push({
              audience: 'user',
              audienceId: userId,
              kind: 'load_offer.planned',
              title: 'Sở Công Thương đề xuất chuyến hàng cho xe của bạn (planned offer)',
              body: `${kgText(offer.kg)} · ${offer.pickupOn}`,
              data: { loadId: load.id, offerId: offer.id, transportPlanId },
            });
          }
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          out.skipped.push({ index, loadId: item.loadId, vehicleId: item.vehicleId, code: e.code, message: e.message });
        }
      }
      await this.notifications.notify(tx, notices);
      out.offers = await this.offerViews(tx, made);
      out.skipped.sort((a, b) => a.index - b.index);
      return out;
    };
    return em ? run(em) : this.dataSource.transaction(run);
  }

  /**
   * The seller, the buyer or staff accept an offer: its kilograms are covered; once the load is
   * covered every other pending offer is declined, and while part of it is open the offers that
   * no longer fit are. Everyone concerned is told.
   */
  async acceptOffer(actor: Actor, offerId: string): Promise<LoadOfferAcceptance> {
    return this.dataSource.transaction(async (em) => {
      const first = await em.findOneBy(LoadOffer, { id: offerId });
      if (!first) throw DomainError.notFound('LOAD_OFFER', offerId);
      // Load first, then the offer: the lock order every offer writer uses.
      const load = await em.findOne(Load, { where: { id: first.loadId }, lock: { mode: 'pessimistic_write' } });
      if (!load) throw DomainError.notFound('LOAD', first.loadId);
      assertParty(actor, load, 'LOAD_OFFER.FORBIDDEN');
      assertLoadInProvinces(actor, load, 'LOAD_OFFER');
      const offer = await em.findOne(LoadOffer, { where: { id: offerId }, lock: { mode: 'pessimistic_write' } });
      if (!offer || offer.status !== 'pending')
        throw new DomainError('conflict', 'LOAD_OFFER.NOT_PENDING', `the offer is ${offer?.status ?? 'gone'}`, {
          status: offer?.status ?? null,
        });
      // The vehicle and its permit are judged again: a permit revoked since the offer stops it here.
      const vehicle = await this.vehicles.vehicle(em, offer.vehicleId);
      const problem = offerProblem({
        load,
        vehicle,
        operatorId: offer.operatorId,
        kg: offer.kg,
        pickupOn: offer.pickupOn,
      });
      if (problem) throw problem;
      await this.assertPermit(em, load, vehicle!, offer.pickupOn);
      const before = { ...load };
      offer.status = 'accepted';
      offer.decidedAt = new Date();
      offer.decidedByUserId = actor.userId;
      await em.save(offer);
      load.coveredKg += offer.kg;
      if (load.coveredKg >= load.quantityKg) load.status = 'covered';
      await em.save(load);
      await this.audit.record(em, actor, 'accept', 'load_offer', offer.id, {
        status: ['pending', 'accepted'],
        loadId: load.id,
      });
      await this.audit.record(
        em,
        actor,
        'update',
        'load',
        load.id,
        this.audit.diff(before, load, ['coveredKg', 'status']),
      );
      const openKg = load.quantityKg - load.coveredKg;
      const declined = await this.declinePending(
        em,
        actor,
        load,
        (o) => load.status === 'covered' || o.kg > openKg,
        load.status === 'covered' ? 'load_covered' : 'does_not_fit',
      );
      const [view] = await this.offerViews(em, [offer]);
      const notices: NotificationInput[] = [
        ...partyNotices(
          load,
          'load_offer.accepted',
          'Đã chọn xe vận chuyển (transport offer accepted)',
          `${view.operatorName ?? ''}: ${kgText(offer.kg)} · ${offer.pickupOn}${openKg > 0 ? ` · còn ${kgText(openKg)} chưa có xe` : ''}`,
          { loadId: load.id, offerId: offer.id },
        ),
        ...(await this.userNotices(
          em,
          offer.operatorId,
          'load_offer.accepted',
          'Chào giá của bạn đã được chấp nhận (your offer was accepted)',
          `${kgText(offer.kg)} · ${offer.pickupOn}`,
          { loadId: load.id, offerId: offer.id },
        )),
        ...(await this.declineNotices(em, declined, load)),
      ];
      await this.notifications.notify(em, notices);
      return { offer: view, load: toLoadView(load), declined: await this.offerViews(em, declined) };
    });
  }

  /** A party or staff says no to one offer. */
  async declineOffer(actor: Actor, offerId: string): Promise<LoadOfferView> {
    return this.dataSource.transaction(async (em) => {
      const first = await em.findOneBy(LoadOffer, { id: offerId });
      if (!first) throw DomainError.notFound('LOAD_OFFER', offerId);
      const load = await em.findOne(Load, { where: { id: first.loadId }, lock: { mode: 'pessimistic_write' } });
      assertParty(actor, load!, 'LOAD_OFFER.FORBIDDEN');
      assertLoadInProvinces(actor, load!, 'LOAD_OFFER');
      const declined = await this.declinePending(em, actor, load!, (o) => o.id === offerId, 'declined');
      if (!declined.length)
        throw new DomainError('conflict', 'LOAD_OFFER.NOT_PENDING', `the offer is ${first.status}`, {
          status: first.status,
        });
      await this.notifications.notify(em, await this.declineNotices(em, declined, load!));
      return (await this.offerViews(em, declined))[0];
    });
  }

  /** The operator takes its own pending offer back. */
  async withdrawOffer(actor: Actor, offerId: string): Promise<LoadOfferView> {
    return this.dataSource.transaction(async (em) => {
      const first = await em.findOneBy(LoadOffer, { id: offerId });
      if (!first || !((isTransport(actor) && first.operatorId === actor.organizationId) || isStaff(actor))) {
        // Another operator's offer answers like a missing one.
        throw DomainError.notFound('LOAD_OFFER', offerId);
      }
      const load = await em.findOne(Load, { where: { id: first.loadId }, lock: { mode: 'pessimistic_write' } });
      assertLoadInProvinces(actor, load!, 'LOAD_OFFER');
      const offer = await em.findOne(LoadOffer, { where: { id: offerId }, lock: { mode: 'pessimistic_write' } });
      if (!offer || offer.status !== 'pending')
        throw new DomainError('conflict', 'LOAD_OFFER.NOT_PENDING', `the offer is ${offer?.status ?? 'gone'}`, {
          status: offer?.status ?? null,
        });
      offer.status = 'withdrawn';
      offer.decidedAt = new Date();
      offer.decidedByUserId = actor.userId;
      await em.save(offer);
      await this.audit.record(em, actor, 'withdraw', 'load_offer', offer.id, {
        status: ['pending', 'withdrawn'],
        loadId: offer.loadId,
      });
      await this.notifications.notify(
        em,
        partyNotices(
          load!,
          'load_offer.withdrawn',
          'Nhà vận tải đã rút chào giá (offer withdrawn)',
          `${kgText(offer.kg)} · ${offer.pickupOn}`,
          { loadId: offer.loadId, offerId: offer.id },
        ),
      );
      return (await this.offerViews(em, [offer]))[0];
    });
  }

  private async insertOffer(
    em: EntityManager,
    actor: Actor,
    load: Load,
    operatorId: string,
    input: LoadOfferInput,
    origin: { source: 'operator' | 'plan'; transportPlanId: string | null },
    knownVehicle?: LoadVehicle | null,
  ): Promise<LoadOffer> {
    const vehicle = knownVehicle !== undefined ? knownVehicle : await this.vehicles.vehicle(em, input.vehicleId);
    const kg = input.kg ?? load.quantityKg - load.coveredKg;
    const problem = offerProblem({ load, vehicle, operatorId, kg, pickupOn: input.pickupOn });
    if (problem) throw problem;
    await this.assertPermit(em, load, vehicle!, input.pickupOn);
    const twin = await em.findOneBy(LoadOffer, {
      loadId: load.id,
      vehicleId: vehicle!.id,
      pickupOn: input.pickupOn,
      status: 'pending',
    });
    if (twin)
      throw new DomainError(
        'conflict',
        'LOAD_OFFER.DUPLICATE',
        'this vehicle already has a pending offer on this load for that day',
        { offerId: twin.id },
      );
    const offer = await em.save(
      em.create(LoadOffer, {
        loadId: load.id,
        operatorId: vehicle!.operatorId,
        vehicleId: vehicle!.id,
        kg,
        priceVnd: input.priceVnd,
        pickupOn: input.pickupOn,
        status: 'pending',
        source: origin.source,
        transportPlanId: origin.transportPlanId,
        note: input.note ?? null,
        createdByUserId: actor.userId,
      }),
    );
    await this.audit.record(em, actor, 'create', 'load_offer', offer.id, pickAudited(offer, OFFER_AUDITED));
    return offer;
  }

  /** Leaving or entering a restricted zone in force on the pickup day needs a permit valid that day. */
  private async assertPermit(em: EntityManager, load: Load, vehicle: LoadVehicle, day: string): Promise<void> {
    const ends = await this.repo.restrictedZonesAtEnds(em, load.id, day);
    const crossed = crossedZones(ends.pickup, ends.drop);
    if (!crossed.length) return;
    const provinces = [...new Set([load.pickupProvinceCode, load.dropProvinceCode].filter((p): p is string => !!p))];
    if (await this.vehicles.hasPermitOn(em, vehicle.id, day, provinces)) return;
    throw new DomainError(
      'validation',
      'LOAD_OFFER.PERMIT_REQUIRED',
      `the route ${ends.pickup.length ? 'leaves' : 'enters'} restricted zone ${crossed.join(', ')} on ${day}; vehicle ${vehicle.plate} has no green-lane permit valid that day`,
      [{ field: 'vehicleId', message: `no green-lane permit valid on ${day}`, zones: crossed, pickupOn: day }],
    );
  }

  private async declinePending(
    em: EntityManager,
    actor: Actor,
    load: Load,
    which: (o: LoadOffer) => boolean,
    reason: LoadOfferDeclineReason,
  ): Promise<LoadOffer[]> {
    const pending = await em.find(LoadOffer, {
      where: { loadId: load.id, status: 'pending' },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const out: LoadOffer[] = [];
    for (const o of pending.filter(which)) {
      o.status = 'declined';
      o.declineReason = reason;
      o.decidedAt = new Date();
      o.decidedByUserId = actor.userId;
      await em.save(o);
      await this.audit.record(em, actor, 'decline', 'load_offer', o.id, {
        status: ['pending', 'declined'],
        reason,
        loadId: load.id,
      });
      out.push(o);
    }
    return out;
  }

  private async declineNotices(em: EntityManager, declined: LoadOffer[], load: Load): Promise<NotificationInput[]> {
    const out: NotificationInput[] = [];
    const why: Record<LoadOfferDeclineReason, string> = {
      load_covered: 'đã có xe khác nhận chở (another offer covered the load)',
      does_not_fit: 'phần còn lại nhỏ hơn khối lượng chào (the open part is smaller than the offer)',
      load_cancelled: 'hàng cần chở đã bị hủy (the load was cancelled)',
      declined: 'bên giao dịch đã từ chối (declined by a party)',
    };
    for (const o of declined) {
      out.push(
        ...(await this.userNotices(
          em,
          o.operatorId,
          'load_offer.declined',
          'Chào giá vận chuyển không được chọn (offer declined)',
          `${kgText(o.kg)} ${load.productCode} · ${why[o.declineReason ?? 'declined']}`,
          { loadId: load.id, offerId: o.id, reason: o.declineReason },
        )),
      );
    }
    return out;
  }

  private async userNotices(
    em: EntityManager,
    operatorId: string,
    kind: string,
    title: string,
    body: string,
    data: Record<string, unknown>,
  ): Promise<NotificationInput[]> {
    return (await this.vehicles.operatorUserIds(em, operatorId)).map((id) => ({
      audience: 'user' as const,
      audienceId: id,
      kind,
      title,
      body,
      data,
    }));
  }

  private async offerViews(em: EntityManager, offers: LoadOffer[]): Promise<LoadOfferView[]> {
    const names = new Map<string, string | null>();
    for (const id of new Set(offers.map((o) => o.operatorId))) names.set(id, await this.repo.operatorName(em, id));
    return offers.map((o) => toLoadOfferView(o, names.get(o.operatorId) ?? null));
  }

  private async assertMaySee(em: EntityManager, actor: Actor, load: Load): Promise<void> {
    if (isStaff(actor)) return assertLoadInProvinces(actor, load, 'LOAD');
    if (actor.role === 'cooperative' && actor.organizationId === load.cooperativeId) return;
    if (actor.role === 'buyer' && actor.organizationId === load.buyerId) return;
    if (isTransport(actor) && actor.organizationId) {
      const provinces = (await this.repo.operatorProvinces(em, actor.organizationId)) ?? [];
      const serves = [load.pickupProvinceCode, load.dropProvinceCode].some((p) => p && provinces.includes(p));
      if (load.status === 'open' && serves) return;
      const [mine] = await em.query(`SELECT 1 FROM load_offers WHERE load_id = $1 AND operator_id = $2 LIMIT 1`, [
        load.id,
        actor.organizationId,
      ]);
      if (mine) return;
    }
    // Someone else's load answers like a missing one.
    throw DomainError.notFound('LOAD', load.id);
  }
}

/** A load lies where it is picked up and where it is dropped: staff of either province handle it. */
function assertLoadInProvinces(actor: Actor, load: Load, entity: string): void {
  assertCoversAnyProvince(actor, [load.pickupProvinceCode, load.dropProvinceCode], entity);
}

const LOAD_PROVINCE_COLUMNS = (alias: string): string[] => [
  `${alias}.pickup_province_code`,
  `${alias}.drop_province_code`,
];
const OFFER_PROVINCE_COLUMNS = [
  '(SELECT l.pickup_province_code FROM loads l WHERE l.id = o.load_id)',
  '(SELECT l.drop_province_code FROM loads l WHERE l.id = o.load_id)',
];

function assertParty(actor: Actor, o: { cooperativeId: string; buyerId: string }, code: string): void {
  if (isStaff(actor)) return;
  if (actor.role === 'cooperative' && actor.organizationId === o.cooperativeId) return;
  if (actor.role === 'buyer' && actor.organizationId === o.buyerId) return;
  throw new DomainError('forbidden', code, 'only the seller, the buyer or staff may do this');
}

function partyNotices(
  load: Load,
  kind: string,
  title: string,
  body: string,
  data: Record<string, unknown>,
): NotificationInput[] {
  return [
    { audience: 'cooperative', audienceId: load.cooperativeId, kind, title, body, data },
    { audience: 'buyer', audienceId: load.buyerId, kind, title, body, data },
  ];
}

function pickAudited(o: object, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = (o as any)[f];
  return out;
}
