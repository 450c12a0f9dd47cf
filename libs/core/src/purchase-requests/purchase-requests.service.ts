import { Injectable } from '@nestjs/common';
import { assertEntityInProvinces } from '../common/territory/row-provinces';
import { ZoneCurfewView, zoneCurfewOf } from '../zones/zone-curfew';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Buyer } from '../buyers/buyer.entity';
import { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { fromPoint, LatLng, toPoint } from '../common/geo';
import { assertLockdownFieldsWritable } from '../common/lockdown-fields';
import { assertOwnsRow, ownerOfNewRow } from '../common/ownership';
import { Page, PageQuery } from '../common/page';
import { checked, pickFields, rejectNullFields } from '../common/registry';
import { paginate } from '../common/paginate';
import { applySort, sortKeysOfColumns } from '../common/sort';
import { likePattern } from '../common/vietnamese-text';
import { ProposalStalenessWriter } from '../proposals/proposal-staleness.writer';
import { ProductsService } from '../products/products.service';
import { PurchaseRequest, PurchaseRequestStatus } from './purchase-request.entity';
import { checkPurchaseRequestChange, normalizePurchaseRequest } from './purchase-request.rules';
import { currentProvinceCodeOf } from '../administrative-units/province-codes';

export interface PurchaseRequestInput {
  buyerId?: string;
  product: string;
  quantityKg: number;
  deliverFrom: string;
  deliverTo: string;
  requiredCertifications?: string[];
  bidVndPerKg: number;
  location?: LatLng | null;
  /** Refused when given: derived from the location (see assertLockdownFieldsWritable). */
  zone?: string | null;
  maxDistanceKm?: number | null;
  note?: string | null;
}

export type PurchaseRequestPatch = Partial<PurchaseRequestInput> & { withdrawn?: boolean };

export interface PurchaseRequestFilter extends PageQuery {
  product?: string;
  buyerId?: string;
  status?: PurchaseRequestStatus;
  certification?: string;
  provinceCode?: string;
  /** Requests whose delivery window overlaps [deliverFrom, deliverTo]. */
  deliverFrom?: string;
  deliverTo?: string;
  /** Diacritics-insensitive search on the buyer's name and the product's name. */
  q?: string;
  /** A field of PURCHASE_REQUEST_SORTS, `-` first for descending; default newest first. */
  sort?: PurchaseRequestSort;
}

const PURCHASE_REQUEST_SORT_COLUMNS = {
  createdAt: 'r.createdAt',
  product: 'r.productCode',
  quantityKg: 'r.quantityKg',
  remainingKg: 'r.remainingKg',
  bidVndPerKg: 'r.bidVndPerKg',
  deliverFrom: 'r.deliverFrom',
  deliverTo: 'r.deliverTo',
  status: 'r.status',
  buyerName: 'b.name',
};
export const PURCHASE_REQUEST_SORTS = sortKeysOfColumns(PURCHASE_REQUEST_SORT_COLUMNS);
export type PurchaseRequestSort = (typeof PURCHASE_REQUEST_SORTS)[number];

export interface PurchaseRequestView {
  id: string;
  buyerId: string;
  buyerName?: string;
  product: string;
  quantityKg: number;
  committedKg: number;
  remainingKg: number;
  deliverFrom: string;
  deliverTo: string;
  requiredCertifications: string[];
  bidVndPerKg: number;
  location: LatLng | null;
  zone: string | null;
  /** Curfew hours for goods traffic of its zone (giờ lưu thông), when the zone has them. */
  curfew: ZoneCurfewView | null;
  maxDistanceKm: number | null;
  status: PurchaseRequestStatus;
  provinceCode: string | null;
  note: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export function toPurchaseRequestView(r: PurchaseRequest): PurchaseRequestView {
  return {
    id: r.id,
    buyerId: r.buyerId,
    ...(r.buyer ? { buyerName: r.buyer.name } : {}),
    product: r.productCode,
    quantityKg: r.quantityKg,
    committedKg: r.committedKg,
    remainingKg: r.remainingKg,
    deliverFrom: r.deliverFrom,
    deliverTo: r.deliverTo,
    requiredCertifications: r.requiredCertifications,
    bidVndPerKg: r.bidVndPerKg,
    location: fromPoint(r.location),
    zone: r.zone,
    curfew: zoneCurfewOf(r),
    maxDistanceKm: r.maxDistanceKm,
    status: r.status,
    provinceCode: r.provinceCode,
    note: r.note,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

const AUDITED = [
  'productCode',
  'quantityKg',
  'deliverFrom',
  'deliverTo',
  'requiredCertifications',
  'bidVndPerKg',
  'location',
  'zone',
  'maxDistanceKm',
  'status',
  'note',
];

@Injectable()
export class PurchaseRequestsService {
  constructor(
    @InjectRepository(PurchaseRequest) private readonly requests: Repository<PurchaseRequest>,
    private readonly dataSource: DataSource,
    private readonly products: ProductsService,
    private readonly audit: AuditService,
    private readonly staleness: ProposalStalenessWriter,
  ) {}

  async create(actor: Actor, input: PurchaseRequestInput): Promise<PurchaseRequestView> {
    const buyerId = await ownerOfNewRow(this.dataSource.manager, actor, 'buyer', input.buyerId, 'PURCHASE_REQUEST');
    assertLockdownFieldsWritable(actor, input, 'PURCHASE_REQUEST');
    return this.dataSource.transaction(async (em) => {
      const buyer = await em.findOneBy(Buyer, { id: buyerId });
      if (!buyer) throw DomainError.invalid('BUYER.UNKNOWN', 'buyerId', `buyerId: no buyer ${buyerId}`);
      const product = await this.products.requireKnown(input.product, 'product', em);
      const location = input.location ? toPoint(input.location) : buyer.location;
      if (!location) {
        throw DomainError.invalid(
          'PURCHASE_REQUEST.LOCATION_REQUIRED',
          'location',
          'location is required when the buyer has no location on file',
        );
      }
      const terms = checked((check) =>
        normalizePurchaseRequest(
          {
            deliverFrom: input.deliverFrom,
            deliverTo: input.deliverTo,
            requiredCertifications: input.requiredCertifications ?? null,
          },
          check,
        ),
      );
      const request = em.create(PurchaseRequest, {
        buyerId,
        productCode: product.code,
        quantityKg: input.quantityKg,
        deliverFrom: input.deliverFrom,
        deliverTo: input.deliverTo,
        requiredCertifications: terms.requiredCertifications ?? [],
        bidVndPerKg: input.bidVndPerKg,
        location: { type: 'Point', coordinates: location.coordinates },
        maxDistanceKm: input.maxDistanceKm ?? null,
        status: 'open',
        provinceCode: buyer.provinceCode,
        note: input.note ?? null,
      });
      const saved = await em.save(request);
      await this.audit.record(em, actor, 'create', 'purchase_request', saved.id, pickFields(saved, AUDITED));
      return toPurchaseRequestView(await this.load(em, saved.id));
    });
  }

  // Every caller sees the same open requests (the registry is public); the actor stays for owner-scoped lists to come.
  async list(_actor: Actor | null, filter: PurchaseRequestFilter): Promise<Page<PurchaseRequestView>> {
    const qb = this.requests.createQueryBuilder('r').leftJoinAndSelect('r.buyer', 'b');
    applySort(qb, filter.sort, PURCHASE_REQUEST_SORT_COLUMNS, ['r.createdAt', 'DESC'], 'r.id');
    if (filter.product) qb.andWhere('r.product_code = :product', { product: filter.product });
    if (filter.buyerId) qb.andWhere('r.buyer_id = :bid', { bid: filter.buyerId });
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.provinceCode) qb.andWhere('r.province_code = :pc', { pc: currentProvinceCodeOf(filter.provinceCode) });
    if (filter.certification)
      qb.andWhere(':cert = ANY(r.required_certifications)', { cert: filter.certification.toUpperCase() });
    if (filter.deliverFrom) qb.andWhere('r.deliver_to >= :df', { df: filter.deliverFrom });
    if (filter.deliverTo) qb.andWhere('r.deliver_from <= :dt', { dt: filter.deliverTo });
    if (filter.q) {
      qb.leftJoin('r.product', 'p').andWhere(
        `(b.search_text LIKE :q ESCAPE '\\' OR p.search_text LIKE :q ESCAPE '\\')`,
        {
          q: likePattern(filter.q),
        },
      );
    }
    return paginate(qb, filter, toPurchaseRequestView);
  }

  async get(id: string): Promise<PurchaseRequestView> {
    return toPurchaseRequestView(await this.load(this.dataSource.manager, id));
  }

  async update(actor: Actor, id: string, patch: PurchaseRequestPatch): Promise<PurchaseRequestView> {
    return this.dataSource.transaction(async (em) => {
      // Row lock: a deal committing against this request waits, so quantity never drops below committed.
      const request = await em.findOne(PurchaseRequest, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!request) throw DomainError.notFound('PURCHASE_REQUEST', id);
      assertOwnsRow(actor, 'buyer', request.buyerId, 'PURCHASE_REQUEST');
      await assertEntityInProvinces(em, actor, 'buyer', request.buyerId, 'PURCHASE_REQUEST');
      assertLockdownFieldsWritable(actor, patch, 'PURCHASE_REQUEST');
      if (patch.buyerId && patch.buyerId !== request.buyerId) {
        throw DomainError.invalid('PURCHASE_REQUEST.OWNER_IMMUTABLE', 'buyerId', 'buyerId cannot be changed');
      }
      rejectNullFields(patch, [
        'product',
        'quantityKg',
        'deliverFrom',
        'deliverTo',
        'bidVndPerKg',
        'location',
        'withdrawn',
      ]);
      const before = { ...request };
      if (patch.product !== undefined)
        request.productCode = (await this.products.requireKnown(patch.product, 'product', em)).code;
      if (patch.location) request.location = toPoint(patch.location);
      const terms = checked((check) =>
        normalizePurchaseRequest(
          {
            ...(patch.deliverFrom !== undefined ? { deliverFrom: patch.deliverFrom } : {}),
            ...(patch.deliverTo !== undefined ? { deliverTo: patch.deliverTo } : {}),
            ...(patch.requiredCertifications !== undefined
              ? { requiredCertifications: patch.requiredCertifications }
              : {}),
          },
          check,
          request,
        ),
      );
      if (patch.quantityKg !== undefined) request.quantityKg = patch.quantityKg;
      if (terms.deliverFrom !== undefined) request.deliverFrom = terms.deliverFrom;
      if (terms.deliverTo !== undefined) request.deliverTo = terms.deliverTo;
      if (terms.requiredCertifications !== undefined)
        request.requiredCertifications = terms.requiredCertifications ?? [];
      if (patch.bidVndPerKg !== undefined) request.bidVndPerKg = patch.bidVndPerKg;
      if (patch.maxDistanceKm !== undefined) request.maxDistanceKm = patch.maxDistanceKm;
      if (patch.note !== undefined) request.note = patch.note;
      if (patch.withdrawn !== undefined) request.status = patch.withdrawn ? 'withdrawn' : 'open';
      request.status = purchaseRequestStatus(request.status === 'withdrawn', request.quantityKg - request.committedKg);
      checked((check) => checkPurchaseRequestChange(before, request, check));
      await em.save(request);
      await this.staleness.afterRequestChange(em, request);
      const changes = this.audit.diff(before, request, AUDITED);
      if (Object.keys(changes).length) await this.audit.record(em, actor, 'update', 'purchase_request', id, changes);
      return toPurchaseRequestView(await this.load(em, id));
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const request = await em.findOne(PurchaseRequest, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!request) throw DomainError.notFound('PURCHASE_REQUEST', id);
      assertOwnsRow(actor, 'buyer', request.buyerId, 'PURCHASE_REQUEST');
      await assertEntityInProvinces(em, actor, 'buyer', request.buyerId, 'PURCHASE_REQUEST');
      if (request.committedKg > 0) {
        throw new DomainError(
          'conflict',
          'PURCHASE_REQUEST.HAS_DEALS',
          'a request with deals cannot be deleted; withdraw it instead',
          {
            committedKg: request.committedKg,
          },
        );
      }
      await em.delete(PurchaseRequest, { id });
      await this.audit.record(em, actor, 'delete', 'purchase_request', id, pickFields(request, AUDITED));
    });
  }

  private async load(em: EntityManager, id: string): Promise<PurchaseRequest> {
    const request = await em.findOne(PurchaseRequest, { where: { id }, relations: { buyer: true } });
    if (!request) throw DomainError.notFound('PURCHASE_REQUEST', id);
    return request;
  }
}

export function purchaseRequestStatus(withdrawn: boolean, remainingKg: number): PurchaseRequestStatus {
  if (withdrawn) return 'withdrawn';
  return remainingKg <= 0 ? 'fulfilled' : 'open';
}
