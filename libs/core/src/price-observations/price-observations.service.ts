import { Injectable } from '@nestjs/common';
import { assertCoversAnyProvince, defaultProvinceOf } from '../common/territory/province-scope';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { fromPoint, LatLng, toPoint } from '../common/geo';
import { Page, PageQuery } from '../common/page';
import { paginate } from '../common/paginate';
import { applySort, sortKeysOfColumns } from '../common/sort';
import { likePattern } from '../common/vietnamese-text';
import { pickFields } from '../common/registry';
import { NotificationsService } from '../notifications/notifications.service';
import { Product } from '../products/product.entity';
import { ProductsService } from '../products/products.service';
import { PriceObservation } from './price-observation.entity';
import { assertPlausiblePrice } from './price-observation.rules';
import { tripPriceWatchFlags } from './price-watch-alerts';
import { currentProvinceCodeOf } from '../administrative-units/province-codes';
import { AdministrativeUnitResolver } from '../administrative-units/administrative-unit-resolver';

export interface PriceObservationInput {
  product: string;
  marketName: string;
  location?: LatLng | null;
  provinceCode?: string | null;
  observedOn: string;
  priceVndPerKg: number;
  source: string;
  /** A price far outside the product's band is refused (422) unless this says it is intended. */
  confirmOutlier?: boolean;
}

export interface PriceObservationFilter extends PageQuery {
  product?: string;
  from?: string;
  to?: string;
  provinceCode?: string;
  /** Diacritics-insensitive search on the market, the source and the product's name. */
  q?: string;
  /** A field of PRICE_OBSERVATION_SORTS, `-` first for descending; default newest day first. */
  sort?: PriceObservationSort;
}

const PRICE_OBSERVATION_SORT_COLUMNS = {
  observedOn: 'o.observedOn',
  product: 'o.productCode',
  priceVndPerKg: 'o.priceVndPerKg',
  marketName: 'o.marketName',
  createdAt: 'o.createdAt',
};
export const PRICE_OBSERVATION_SORTS = sortKeysOfColumns(PRICE_OBSERVATION_SORT_COLUMNS);
export type PriceObservationSort = (typeof PRICE_OBSERVATION_SORTS)[number];

export interface PriceObservationView {
  id: string;
  product: string;
  marketName: string;
  location: LatLng | null;
  provinceCode: string | null;
  observedOn: string;
  priceVndPerKg: number;
  source: string;
  /** Far outside the product's band, kept because it was confirmed. */
  outsideBand: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export function toPriceObservationView(o: PriceObservation): PriceObservationView {
  return {
    id: o.id,
    product: o.productCode,
    marketName: o.marketName,
    location: o.location ? fromPoint(o.location) : null,
    provinceCode: o.provinceCode,
    observedOn: o.observedOn,
    priceVndPerKg: o.priceVndPerKg,
    source: o.source,
    outsideBand: o.outsideBand,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  };
}

const AUDITED = [
  'productCode',
  'marketName',
  'location',
  'provinceCode',
  'observedOn',
  'priceVndPerKg',
  'source',
  'outsideBand',
];

@Injectable()
export class PriceObservationsService {
  constructor(
    @InjectRepository(PriceObservation) private readonly observations: Repository<PriceObservation>,
    private readonly dataSource: DataSource,
    private readonly products: ProductsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  async create(actor: Actor, input: PriceObservationInput): Promise<PriceObservationView> {
    return this.dataSource.transaction(async (em) => {
      const product = await this.products.requireKnown(input.product, 'product', em);
      // A market price recorded by province staff is one of their provinces' markets.
      const province = await this.requireProvince(em, input.provinceCode ?? defaultProvinceOf(actor));
      assertCoversAnyProvince(actor, [province.provinceCode], 'PRICE_OBSERVATION');
      const outsideBand = assertPlausiblePrice(
        product.code,
        input.priceVndPerKg,
        bandOf(product),
        input.confirmOutlier,
      );
      const saved = await em.save(
        em.create(PriceObservation, {
          productCode: product.code,
          marketName: input.marketName.trim(),
          location: input.location ? toPoint(input.location) : null,
          ...province,
          observedOn: input.observedOn,
          priceVndPerKg: input.priceVndPerKg,
          source: input.source.trim(),
          outsideBand,
          createdByUserId: actor.userId,
        }),
      );
      await this.audit.record(em, actor, 'create', 'price_observation', saved.id, pickFields(saved, AUDITED));
      await tripPriceWatchFlags(em, (m, items) => this.notifications.notify(m, items), [
        { product: saved.productCode, observedOn: saved.observedOn },
      ]);
      return toPriceObservationView(await em.findOneByOrFail(PriceObservation, { id: saved.id }));
    });
  }

  list(filter: PriceObservationFilter): Promise<Page<PriceObservationView>> {
    const qb = applySort(
      this.observations.createQueryBuilder('o'),
      filter.sort,
      PRICE_OBSERVATION_SORT_COLUMNS,
      ['o.observedOn', 'DESC'],
      'o.id',
    );
    if (filter.product) qb.andWhere('o.product_code = :product', { product: filter.product });
    if (filter.from) qb.andWhere('o.observed_on >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('o.observed_on <= :to', { to: filter.to });
    if (filter.provinceCode) qb.andWhere('o.province_code = :pc', { pc: currentProvinceCodeOf(filter.provinceCode) });
    if (filter.q) {
      // Price rows are few per day and carry no stored search column: folding at read time is cheap here.
      qb.andWhere(
        `(fold_vietnamese(o.market_name || ' ' || o.source) LIKE :q ESCAPE '\\' OR EXISTS (SELECT 1 FROM products p WHERE p.code = o.product_code AND p.search_text LIKE :q ESCAPE '\\'))`,
        { q: likePattern(filter.q) },
      );
    }
    return paginate(qb, filter, toPriceObservationView);
  }

  async get(id: string): Promise<PriceObservationView> {
    const o = await this.observations.findOneBy({ id });
    if (!o) throw DomainError.notFound('PRICE_OBSERVATION', id);
    return toPriceObservationView(o);
  }

  async update(actor: Actor, id: string, patch: Partial<PriceObservationInput>): Promise<PriceObservationView> {
    return this.dataSource.transaction(async (em) => {
      const o = await em.findOne(PriceObservation, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!o) throw DomainError.notFound('PRICE_OBSERVATION', id);
      assertCoversAnyProvince(actor, [o.provinceCode], 'PRICE_OBSERVATION');
      const before = { ...o };
      const product = await this.products.requireKnown(patch.product ?? o.productCode, 'product', em);
      o.productCode = product.code;
      if (patch.marketName !== undefined) o.marketName = patch.marketName.trim();
      if (patch.location !== undefined) o.location = patch.location ? toPoint(patch.location) : null;
      if (patch.provinceCode !== undefined) {
        Object.assign(o, await this.requireProvince(em, patch.provinceCode));
        assertCoversAnyProvince(actor, [o.provinceCode], 'PRICE_OBSERVATION');
      }
      if (patch.observedOn !== undefined) o.observedOn = patch.observedOn;
      if (patch.priceVndPerKg !== undefined) o.priceVndPerKg = patch.priceVndPerKg;
      if (patch.source !== undefined) o.source = patch.source.trim();
      if (patch.priceVndPerKg !== undefined || patch.product !== undefined) {
        o.outsideBand = assertPlausiblePrice(product.code, o.priceVndPerKg, bandOf(product), patch.confirmOutlier);
      }
      await em.save(o);
      const changes = this.audit.diff(before, o, AUDITED);
      if (Object.keys(changes).length) await this.audit.record(em, actor, 'update', 'price_observation', id, changes);
      await tripPriceWatchFlags(em, (m, items) => this.notifications.notify(m, items), [
        { product: o.productCode, observedOn: o.observedOn },
      ]);
      return toPriceObservationView(await em.findOneByOrFail(PriceObservation, { id }));
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const o = await em.findOneBy(PriceObservation, { id });
      if (!o) throw DomainError.notFound('PRICE_OBSERVATION', id);
      assertCoversAnyProvince(actor, [o.provinceCode], 'PRICE_OBSERVATION');
      await em.delete(PriceObservation, { id });
      await this.audit.record(em, actor, 'delete', 'price_observation', id, pickFields(o, AUDITED));
    });
  }

  /** The current province code (a pre-2025 one is translated and kept beside it). */
  private async requireProvince(
    em: import('typeorm').EntityManager,
    code: string | null,
  ): Promise<{ provinceCode: string | null; pre2025ProvinceCode: string | null }> {
    if (!code) return { provinceCode: null, pre2025ProvinceCode: null };
    return AdministrativeUnitResolver.resolveProvinceCode(em, code);
  }
}

function bandOf(p: Product): { min: number | null; max: number | null } {
  return { min: p.typicalPriceMinVnd, max: p.typicalPriceMaxVnd };
}
