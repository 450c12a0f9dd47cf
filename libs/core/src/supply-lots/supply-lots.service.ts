import { Injectable } from '@nestjs/common';
import { assertEntityInProvinces } from '../common/territory/row-provinces';
import { ZoneCurfewView, zoneCurfewOf } from '../zones/zone-curfew';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { addDays, todayInVietnam } from '../common/dates';
import { DomainError } from '../common/domain-error';
import { fromPoint, LatLng, toPoint } from '../common/geo';
import { Page, PageQuery, pageBounds } from '../common/page';
import { assertLockdownFieldsWritable } from '../common/lockdown-fields';
import { assertOwnsRow, ownerOfNewRow } from '../common/ownership';
import { checked, pickFields } from '../common/registry';
import { applySort, sortKeysOfColumns } from '../common/sort';
import { likePattern } from '../common/vietnamese-text';
import { supplyLotsChangedSince } from '../map/supply-lot-snapshot';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { ProductionArea } from '../production-areas/production-area.entity';
import { ProductsService } from '../products/products.service';
import { ProposalStalenessWriter } from '../proposals/proposal-staleness.writer';
import { SupplyLot, SupplyLotStatus } from './supply-lot.entity';
import { assertReopenable, checkSupplyLotChange, normalizeSupplyLot } from './supply-lot.rules';
import { currentProvinceCodeOf } from '../administrative-units/province-codes';

export interface SupplyLotInput {
  cooperativeId?: string;
  productionAreaId?: string | null;
  product: string;
  quantityKg: number;
  harvestFrom: string;
  harvestTo: string;
  /** YYYY-MM-DD, on or after harvestTo; default harvestTo + the product's storageDays. */
  availableUntil?: string;
  certifications?: string[];
  askVndPerKg: number;
  location?: LatLng | null;
  /** Refused when given: derived from the location (see assertLockdownFieldsWritable). */
  zone?: string | null;
  /** Staff only. */
  greenLane?: boolean;
  note?: string | null;
}

export type SupplyLotPatch = Partial<SupplyLotInput> & { withdrawn?: boolean };

export interface SupplyLotFilter extends PageQuery {
  product?: string;
  cooperativeId?: string;
  status?: SupplyLotStatus;
  certification?: string;
  provinceCode?: string;
  /** Lots whose harvest window overlaps [harvestFrom, harvestTo]. */
  harvestFrom?: string;
  harvestTo?: string;
  /** Diacritics-insensitive search on the cooperative's name and the product's name. */
  q?: string;
  /** A field of SUPPLY_LOT_SORTS, `-` first for descending; default newest first. */
  sort?: SupplyLotSort;
}

const SUPPLY_LOT_SORT_COLUMNS = {
  createdAt: 'l.createdAt',
  product: 'l.productCode',
  quantityKg: 'l.quantityKg',
  remainingKg: 'l.remainingKg',
  askVndPerKg: 'l.askVndPerKg',
  harvestFrom: 'l.harvestFrom',
  availableUntil: 'l.availableUntil',
  status: 'l.status',
  cooperativeName: 'c.name',
};
export const SUPPLY_LOT_SORTS = sortKeysOfColumns(SUPPLY_LOT_SORT_COLUMNS);
export type SupplyLotSort = (typeof SUPPLY_LOT_SORTS)[number];

export interface SupplyLotView {
  id: string;
  cooperativeId: string;
  cooperativeName?: string;
  productionAreaId: string | null;
  product: string;
  quantityKg: number;
  committedKg: number;
  remainingKg: number;
  harvestFrom: string;
  harvestTo: string;
  availableUntil: string;
  /** Harvest window over, still available: unsold stock (tồn đọng). */
  backlog: boolean;
  certifications: string[];
  askVndPerKg: number;
  location: LatLng | null;
  zone: string | null;
  /** Curfew hours for goods traffic of its zone (giờ lưu thông), when the zone has them. */
  curfew: ZoneCurfewView | null;
  /** Staff's flag: the lot travels the green lane (luồng xanh). */
  greenLane: boolean;
  /**
   * The seller has a vehicle with a green-lane permit valid in the lot's province between today (or
   * the harvest start) and its last day: what the matching snapshot uses (seller_green_lane).
   */
  greenLaneByPermit: boolean;
  status: SupplyLotStatus;
  provinceCode: string | null;
  note: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function toSupplyLotView(l: SupplyLot, greenLaneByPermit = false): SupplyLotView {
  return {
    id: l.id,
    cooperativeId: l.cooperativeId,
    ...(l.cooperative ? { cooperativeName: l.cooperative.name } : {}),
    productionAreaId: l.productionAreaId,
    product: l.productCode,
    quantityKg: l.quantityKg,
    committedKg: l.committedKg,
    remainingKg: l.remainingKg,
    harvestFrom: l.harvestFrom,
    harvestTo: l.harvestTo,
    availableUntil: l.availableUntil,
    backlog: l.status === 'open' && l.harvestTo < todayInVietnam() && l.availableUntil >= todayInVietnam(),
    certifications: l.certifications,
    askVndPerKg: l.askVndPerKg,
    location: fromPoint(l.location),
    zone: l.zone,
    curfew: zoneCurfewOf(l),
    greenLane: l.greenLane,
    greenLaneByPermit,
    status: l.status,
    provinceCode: l.provinceCode,
    note: l.note,
    version: l.version,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
  };
}

const AUDITED = [
  'productionAreaId',
  'productCode',
  'quantityKg',
  'harvestFrom',
  'harvestTo',
  'availableUntil',
  'certifications',
  'askVndPerKg',
  'location',
  'zone',
  'greenLane',
  'status',
  'note',
];

@Injectable()
export class SupplyLotsService {
  private readonly totals = new Map<string, { total: number; snap: string }>();

  constructor(
    @InjectRepository(SupplyLot) private readonly lots: Repository<SupplyLot>,
    private readonly dataSource: DataSource,
    private readonly products: ProductsService,
    private readonly audit: AuditService,
    private readonly staleness: ProposalStalenessWriter,
  ) {}

  async create(actor: Actor, input: SupplyLotInput): Promise<SupplyLotView> {
    const cooperativeId = await ownerOfNewRow(
      this.dataSource.manager,
      actor,
      'cooperative',
      input.cooperativeId,
      'SUPPLY_LOT',
    );
    assertLockdownFieldsWritable(actor, input, 'SUPPLY_LOT');
    return this.dataSource.transaction(async (em) => {
      const cooperative = await em.findOneBy(Cooperative, { id: cooperativeId });
      if (!cooperative)
        throw DomainError.invalid(
          'COOPERATIVE.UNKNOWN',
          'cooperativeId',
          `cooperativeId: no cooperative ${cooperativeId}`,
        );
      const product = await this.products.requireKnown(input.product, 'product', em);
      const area = await this.resolveArea(em, input.productionAreaId ?? null, cooperativeId);
      const location = input.location ? toPoint(input.location) : area?.centroid;
      if (!location) {
        throw DomainError.invalid(
          'SUPPLY_LOT.LOCATION_REQUIRED',
          'location',
          'location is required when no productionAreaId is given',
        );
      }
      const terms = checked((check) =>
        normalizeSupplyLot(
          {
            harvestFrom: input.harvestFrom,
            harvestTo: input.harvestTo,
            certifications: input.certifications ?? null,
            note: input.note ?? null,
          },
          check,
        ),
      );
      const availableUntil = input.availableUntil ?? addDays(input.harvestTo, product.storageDays ?? 0);
      assertAvailability(input.harvestTo, availableUntil, true);
      const lot = em.create(SupplyLot, {
        cooperativeId,
        productionAreaId: area?.id ?? null,
        productCode: product.code,
        quantityKg: input.quantityKg,
        harvestFrom: input.harvestFrom,
        harvestTo: input.harvestTo,
        availableUntil,
        certifications: terms.certifications ?? [],
        askVndPerKg: input.askVndPerKg,
        location: { type: 'Point', coordinates: location.coordinates },
        greenLane: input.greenLane ?? false,
        status: 'open',
        provinceCode: area?.provinceCode ?? cooperative.provinceCode,
        note: terms.note ?? null,
      });
      const saved = await em.save(lot);
      await this.audit.record(em, actor, 'create', 'supply_lot', saved.id, pickFields(saved, AUDITED));
      return (
        await this.views(em, [
          await em.findOneOrFail(SupplyLot, { where: { id: saved.id }, relations: { cooperative: true } }),
        ])
      )[0];
    });
  }

  // Every caller sees the same lots (the supply map is public); the actor stays for owner-scoped lists to come.
  async list(_actor: Actor | null, filter: SupplyLotFilter): Promise<Page<SupplyLotView>> {
    const { limit, offset } = pageBounds(filter);
    const filtered = (qb: SelectQueryBuilder<SupplyLot>, cooperativeJoined: boolean) => {
      if (filter.product) qb.andWhere('l.product_code = :product', { product: filter.product });
      if (filter.cooperativeId) qb.andWhere('l.cooperative_id = :cid', { cid: filter.cooperativeId });
      if (filter.status) qb.andWhere('l.status = :status', { status: filter.status });
      if (filter.provinceCode) qb.andWhere('l.province_code = :pc', { pc: currentProvinceCodeOf(filter.provinceCode) });
      if (filter.certification)
        qb.andWhere(':cert = ANY(l.certifications)', { cert: filter.certification.toUpperCase() });
      if (filter.harvestFrom) qb.andWhere('l.harvest_to >= :hf', { hf: filter.harvestFrom });
      if (filter.harvestTo) qb.andWhere('l.harvest_from <= :ht', { ht: filter.harvestTo });
      if (filter.q) {
        if (!cooperativeJoined) qb.leftJoin('l.cooperative', 'c');
        qb.leftJoin('l.product', 'p').andWhere(
          `(c.search_text LIKE :q ESCAPE '\\' OR p.search_text LIKE :q ESCAPE '\\')`,
          {
            q: likePattern(filter.q),
          },
        );
      }
      return qb;
    };
    // Each lot has one cooperative and one product: plain LIMIT/OFFSET and count(*) are exact, and
    // walk the (created_at DESC, id) indexes instead of TypeORM's DISTINCT over every matching lot.
    const page = applySort(
      filtered(this.lots.createQueryBuilder('l').leftJoinAndSelect('l.cooperative', 'c'), true),
      filter.sort,
      SUPPLY_LOT_SORT_COLUMNS,
      ['l.createdAt', 'DESC'],
      'l.id',
    )
      .limit(limit)
      .offset(offset);
    const count = filtered(
      this.lots
        .createQueryBuilder('l')
        .select('count(*)::int', 'total')
        .addSelect('pg_current_snapshot()::text', 'snap'),
      false,
    );
    const [rows, total] = await Promise.all([page.getMany(), this.countOf(count, filter.q ? null : totalKey(filter))]);
    return { items: await this.views(this.dataSource.manager, rows), total, limit, offset };
  }

  /** Views with the permit-derived green lane, one query for the page (the function matching asks). */
  private async views(em: EntityManager, lots: SupplyLot[]): Promise<SupplyLotView[]> {
    if (!lots.length) return [];
    const rows: Array<{ id: string; g: boolean }> = await em.query(
      `SELECT l.id, seller_green_lane(l.cooperative_id, l.province_code, GREATEST(l.harvest_from, $2::date), l.available_until) AS g
         FROM supply_lots l WHERE l.id = ANY($1::uuid[])`,
      [lots.map((l) => l.id), todayInVietnam()],
    );
    const byPermit = new Map(rows.map((r) => [r.id, !!r.g]));
    return lots.map((l) => toSupplyLotView(l, byPermit.get(l.id) ?? false));
  }

  /**
   * An exact total without counting again while no lot changed: the count is stored with the
   * snapshot it was read in, and the change log says in one indexed query whether it still holds.
   * Not for name searches (`q`): those depend on cooperative and product names too.
   */
  private async countOf(count: SelectQueryBuilder<SupplyLot>, key: string | null): Promise<number> {
    const known = key ? this.totals.get(key) : undefined;
    if (known && !(await supplyLotsChangedSince(this.dataSource, known.snap))) return known.total;
    const { total, snap } = (await count.getRawOne<{ total: number; snap: string }>())!;
    if (key) {
      this.totals.delete(key);
      this.totals.set(key, { total, snap });
      if (this.totals.size > 200) this.totals.delete(this.totals.keys().next().value as string);
    }
    return total;
  }

  async get(id: string): Promise<SupplyLotView> {
    return (await this.views(this.dataSource.manager, [await this.load(this.dataSource.manager, id)]))[0];
  }

  async update(actor: Actor, id: string, patch: SupplyLotPatch): Promise<SupplyLotView> {
    return this.dataSource.transaction(async (em) => {
      // Row lock: a deal committing against this lot waits, so quantity never drops below committed.
      const lot = await em.findOne(SupplyLot, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!lot) throw DomainError.notFound('SUPPLY_LOT', id);
      assertOwnsRow(actor, 'cooperative', lot.cooperativeId, 'SUPPLY_LOT');
      await assertEntityInProvinces(em, actor, 'cooperative', lot.cooperativeId, 'SUPPLY_LOT');
      assertLockdownFieldsWritable(actor, patch, 'SUPPLY_LOT');
      if (patch.cooperativeId && patch.cooperativeId !== lot.cooperativeId) {
        throw DomainError.invalid('SUPPLY_LOT.OWNER_IMMUTABLE', 'cooperativeId', 'cooperativeId cannot be changed');
      }
      const before = { ...lot };
      const product =
        patch.product !== undefined ? await this.products.requireKnown(patch.product, 'product', em) : null;
      if (product) lot.productCode = product.code;
      if (patch.productionAreaId !== undefined) {
        const area = await this.resolveArea(em, patch.productionAreaId, lot.cooperativeId);
        lot.productionAreaId = area?.id ?? null;
        if (area && !patch.location) lot.location = area.centroid;
      }
      if (patch.location) lot.location = toPoint(patch.location);
      const terms = checked((check) =>
        normalizeSupplyLot(
          {
            ...(patch.harvestFrom !== undefined ? { harvestFrom: patch.harvestFrom } : {}),
            ...(patch.harvestTo !== undefined ? { harvestTo: patch.harvestTo } : {}),
            ...(patch.certifications !== undefined ? { certifications: patch.certifications } : {}),
            ...(patch.note !== undefined ? { note: patch.note } : {}),
          },
          check,
          lot,
        ),
      );
      if (patch.quantityKg !== undefined) lot.quantityKg = patch.quantityKg;
      if (terms.harvestFrom !== undefined) lot.harvestFrom = terms.harvestFrom;
      if (terms.harvestTo !== undefined) lot.harvestTo = terms.harvestTo;
      if (patch.availableUntil !== undefined) {
        lot.availableUntil = patch.availableUntil;
        assertAvailability(lot.harvestTo, lot.availableUntil, lot.availableUntil !== before.availableUntil);
      } else if (lot.availableUntil < lot.harvestTo) {
        // The harvest window moved past the old availability: the product's storage decides again.
        const storageDays =
          (product ?? (await this.products.requireKnown(lot.productCode, 'product', em))).storageDays ?? 0;
        lot.availableUntil = addDays(lot.harvestTo, storageDays);
      }
      if (terms.certifications !== undefined) lot.certifications = terms.certifications ?? [];
      if (patch.askVndPerKg !== undefined) lot.askVndPerKg = patch.askVndPerKg;
      if (patch.greenLane !== undefined) lot.greenLane = patch.greenLane;
      if (terms.note !== undefined) lot.note = terms.note;
      if (patch.withdrawn !== undefined) lot.status = patch.withdrawn ? 'withdrawn' : 'open';
      lot.status = supplyLotStatus(lot.status === 'withdrawn', lot.quantityKg - lot.committedKg, lot.availableUntil);
      checked((check) => checkSupplyLotChange(before, lot, check));
      await em.save(lot);
      await this.staleness.afterLotChange(em, lot);
      const changes = this.audit.diff(before, lot, AUDITED);
      if (Object.keys(changes).length) await this.audit.record(em, actor, 'update', 'supply_lot', id, changes);
      return (await this.views(em, [await this.load(em, id)]))[0];
    });
  }

  /** Undo of a withdrawal (rules in supply-lot.rules.ts); the owner cooperative or staff. */
  async reopen(actor: Actor, id: string): Promise<SupplyLotView> {
    return this.dataSource.transaction(async (em) => {
      const lot = await em.findOne(SupplyLot, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!lot) throw DomainError.notFound('SUPPLY_LOT', id);
      assertOwnsRow(actor, 'cooperative', lot.cooperativeId, 'SUPPLY_LOT');
      await assertEntityInProvinces(em, actor, 'cooperative', lot.cooperativeId, 'SUPPLY_LOT');
      assertReopenable(lot);
      lot.status = 'open';
      await em.save(lot);
      await this.staleness.afterLotChange(em, lot);
      await this.audit.record(em, actor, 'reopen', 'supply_lot', id, { status: ['withdrawn', 'open'] });
      return (await this.views(em, [await this.load(em, id)]))[0];
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const lot = await em.findOne(SupplyLot, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!lot) throw DomainError.notFound('SUPPLY_LOT', id);
      assertOwnsRow(actor, 'cooperative', lot.cooperativeId, 'SUPPLY_LOT');
      await assertEntityInProvinces(em, actor, 'cooperative', lot.cooperativeId, 'SUPPLY_LOT');
      if (lot.committedKg > 0) {
        throw new DomainError(
          'conflict',
          'SUPPLY_LOT.HAS_DEALS',
          'a lot with deals cannot be deleted; withdraw it instead',
          {
            committedKg: lot.committedKg,
          },
        );
      }
      await em.delete(SupplyLot, { id });
      await this.audit.record(em, actor, 'delete', 'supply_lot', id, pickFields(lot, AUDITED));
    });
  }

  private async load(em: EntityManager, id: string): Promise<SupplyLot> {
    const lot = await em.findOne(SupplyLot, { where: { id }, relations: { cooperative: true } });
    if (!lot) throw DomainError.notFound('SUPPLY_LOT', id);
    return lot;
  }

  private async resolveArea(
    em: EntityManager,
    areaId: string | null,
    cooperativeId: string,
  ): Promise<ProductionArea | null> {
    if (!areaId) return null;
    const area = await em.findOneBy(ProductionArea, { id: areaId });
    if (!area)
      throw DomainError.invalid(
        'PRODUCTION_AREA.UNKNOWN',
        'productionAreaId',
        `productionAreaId: no production area ${areaId}`,
      );
    if (area.cooperativeId !== cooperativeId) {
      throw DomainError.invalid(
        'PRODUCTION_AREA.OTHER_COOPERATIVE',
        'productionAreaId',
        'productionAreaId belongs to another cooperative',
      );
    }
    return area;
  }
}

export function supplyLotStatus(
  withdrawn: boolean,
  remainingKg: number,
  availableUntil?: string,
  today = todayInVietnam(),
): SupplyLotStatus {
  if (withdrawn) return 'withdrawn';
  if (remainingKg <= 0) return 'sold_out';
  return availableUntil !== undefined && availableUntil < today ? 'expired' : 'open';
}

/** availableUntil is on or after harvestTo; a new or moved availability is not already over. */
function assertAvailability(harvestTo: string, availableUntil: string, checkToday: boolean): void {
  if (availableUntil < harvestTo) {
    throw DomainError.invalid(
      'SUPPLY_LOT.AVAILABLE_BEFORE_HARVEST_END',
      'availableUntil',
      'availableUntil must be on or after harvestTo (còn bán đến phải từ ngày thu hoạch xong trở đi)',
    );
  }
  if (checkToday && availableUntil < todayInVietnam()) {
    throw DomainError.invalid(
      'SUPPLY_LOT.AVAILABILITY_OVER',
      'availableUntil',
      'availableUntil is in the past: the lot could not be sold any more (còn bán đến đã qua)',
    );
  }
}

/** The filters a total depends on (not the page). */
function totalKey({ limit: _limit, offset: _offset, sort: _sort, ...filters }: SupplyLotFilter): string {
  return JSON.stringify(
    Object.entries(filters)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
}
