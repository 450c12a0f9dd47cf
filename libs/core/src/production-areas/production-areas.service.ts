import { Injectable } from '@nestjs/common';
import { assertEntityInProvinces } from '../common/territory/row-provinces';
import { InjectRepository } from '@nestjs/typeorm';
import type { Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { AreaGeometry, fromPoint, LatLng } from '../common/geo';
import { assertOwnsRow, ownerOfNewRow } from '../common/ownership';
import { Page, PageQuery, pageBounds } from '../common/page';
import { checked, pickFields, rejectNullFields } from '../common/registry';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { ProductsService } from '../products/products.service';
import { geoJsonAreaProblem } from '../zones/zone-geometry';
import { ProductionArea } from './production-area.entity';
import { ProductionAreaHarvest } from './production-area-harvest.entity';
import { checkHarvestSchedule, HarvestScheduleEntryInput } from './harvest-schedule.rules';
import { normalizeProductionArea } from './production-area.rules';
import { currentProvinceCodeOf } from '../administrative-units/province-codes';
import { AdministrativeUnitResolver } from '../administrative-units/administrative-unit-resolver';

export interface ProductionAreaInput {
  cooperativeId?: string;
  product: string;
  name?: string | null;
  areaHa: number;
  /** GeoJSON Polygon or MultiPolygon, positions [lng, lat]. */
  boundary: unknown;
  certifications?: string[] | null;
  growingAreaCode?: string | null;
  /** Defaults to the cooperative's province. */
  provinceCode?: string | null;
  /** Replaces the whole schedule when given; null or [] clears it. */
  harvestSchedule?: HarvestScheduleEntryInput[] | null;
}

export type ProductionAreaPatch = Partial<ProductionAreaInput>;

export interface ProductionAreaFilter extends PageQuery {
  cooperativeId?: string;
  product?: string;
  provinceCode?: string;
  /** [minLng, minLat, maxLng, maxLat]: areas whose boundary intersects the box. */
  bbox?: [number, number, number, number];
}

export interface ProductionAreaView {
  id: string;
  cooperativeId: string;
  cooperativeName?: string;
  product: string;
  name: string | null;
  /** As declared by the cooperative. */
  areaHa: number;
  /** Measured from the boundary on the ellipsoid (ST_Area(geography) / 10 000), 2 decimals. */
  computedAreaHa: number | null;
  boundary: Geometry;
  /** A point inside the boundary (ST_PointOnSurface), where supply lots default to. */
  centroid: LatLng | null;
  certifications: string[];
  growingAreaCode: string | null;
  provinceCode: string | null;
  /** Lịch thu hoạch: one entry per season or crop, earliest first. */
  harvestSchedule: HarvestScheduleEntryView[];
  createdAt: Date;
  updatedAt: Date;
}

export interface HarvestScheduleEntryView {
  /** The entry's product: the area's unless the entry names another. */
  product: string;
  season: string | null;
  harvestFrom: string;
  harvestTo: string;
  expectedYieldKgPerHa: number;
  /** areaHa × expectedYieldKgPerHa, whole kg. */
  expectedKg: number;
}

export function toHarvestScheduleView(
  a: Pick<ProductionArea, 'productCode' | 'areaHa'>,
  rows: ProductionAreaHarvest[],
): HarvestScheduleEntryView[] {
  return rows.map((h) => ({
    product: h.productCode ?? a.productCode,
    season: h.season,
    harvestFrom: h.harvestFrom,
    harvestTo: h.harvestTo,
    expectedYieldKgPerHa: h.expectedYieldKgPerHa,
    expectedKg: Math.round(a.areaHa * h.expectedYieldKgPerHa),
  }));
}

export function toProductionAreaView(
  a: ProductionArea,
  computedAreaHa: number | null,
  schedule: ProductionAreaHarvest[] = [],
): ProductionAreaView {
  return {
    id: a.id,
    cooperativeId: a.cooperativeId,
    ...(a.cooperative ? { cooperativeName: a.cooperative.name } : {}),
    product: a.productCode,
    name: a.name,
    areaHa: a.areaHa,
    computedAreaHa,
    boundary: a.boundary,
    centroid: fromPoint(a.centroid),
    certifications: a.certifications,
    growingAreaCode: a.growingAreaCode,
    provinceCode: a.provinceCode,
    harvestSchedule: toHarvestScheduleView(a, schedule),
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

interface CheckedBoundary {
  boundary: AreaGeometry;
  centroid: Point;
}

const AUDITED = [
  'cooperativeId',
  'productCode',
  'name',
  'areaHa',
  'boundary',
  'centroid',
  'certifications',
  'growingAreaCode',
  'provinceCode',
];

/** Vùng sản xuất: a cooperative's fields or ponds for one product, as a polygon. */
@Injectable()
export class ProductionAreasService {
  constructor(
    @InjectRepository(ProductionArea) private readonly areas: Repository<ProductionArea>,
    private readonly dataSource: DataSource,
    private readonly products: ProductsService,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: ProductionAreaInput): Promise<ProductionAreaView> {
    const cooperativeId = await ownerOfNewRow(
      this.dataSource.manager,
      actor,
      'cooperative',
      input.cooperativeId,
      'PRODUCTION_AREA',
    );
    return this.dataSource.transaction(async (em) => {
      const cooperative = await em.findOneBy(Cooperative, { id: cooperativeId });
      if (!cooperative)
        throw DomainError.invalid(
          'COOPERATIVE.UNKNOWN',
          'cooperativeId',
          `cooperativeId: no cooperative ${cooperativeId}`,
        );
      const product = await this.products.requireKnown(input.product, 'product', em);
      const terms = checked((check) =>
        normalizeProductionArea(
          {
            name: input.name ?? null,
            areaHa: input.areaHa,
            certifications: input.certifications ?? null,
            growingAreaCode: input.growingAreaCode ?? null,
          },
          check,
        ),
      );
      const shape = await checkBoundary(em, input.boundary);
      const area = em.create(ProductionArea, {
        cooperativeId,
        productCode: product.code,
        name: terms.name ?? null,
        areaHa: input.areaHa,
        boundary: shape.boundary,
        centroid: shape.centroid,
        certifications: terms.certifications ?? [],
        growingAreaCode: terms.growingAreaCode ?? null,
        ...(input.provinceCode?.trim()
          ? await AdministrativeUnitResolver.resolveProvinceCode(em, input.provinceCode)
          : { provinceCode: cooperative.provinceCode }),
      });
      const saved = await em.save(area);
      const schedule = await this.replaceSchedule(em, saved, input.harvestSchedule ?? []);
      await this.audit.record(em, actor, 'create', 'production_area', saved.id, {
        ...pickFields(saved, AUDITED),
        ...(schedule ? { harvestSchedule: schedule } : {}),
      });
      return this.view(em, saved.id);
    });
  }

  async list(filter: ProductionAreaFilter): Promise<Page<ProductionAreaView>> {
    const qb = this.areas
      .createQueryBuilder('a')
      .leftJoinAndSelect('a.cooperative', 'c')
      .orderBy('a.createdAt', 'DESC')
      .addOrderBy('a.id', 'ASC');
    if (filter.cooperativeId) qb.andWhere('a.cooperative_id = :cid', { cid: filter.cooperativeId });
    if (filter.product) qb.andWhere('a.product_code = :product', { product: filter.product.toUpperCase() });
    if (filter.provinceCode) qb.andWhere('a.province_code = :pc', { pc: currentProvinceCodeOf(filter.provinceCode) });
    if (filter.bbox) {
      const [minLng, minLat, maxLng, maxLat] = filter.bbox;
      qb.andWhere('ST_Intersects(a.boundary, ST_MakeEnvelope(:minLng, :minLat, :maxLng, :maxLat, 4326))', {
        minLng,
        minLat,
        maxLng,
        maxLat,
      });
    }
    const { limit, offset } = pageBounds(filter);
    const [rows, total] = await qb.take(limit).skip(offset).getManyAndCount();
    const ids = rows.map((r) => r.id);
    const [measured, schedules] = await Promise.all([
      this.measure(this.dataSource.manager, ids),
      this.scheduleOf(this.dataSource.manager, ids),
    ]);
    return {
      items: rows.map((r) => toProductionAreaView(r, measured.get(r.id) ?? null, schedules.get(r.id))),
      total,
      limit,
      offset,
    };
  }

  async get(id: string): Promise<ProductionAreaView> {
    return this.view(this.dataSource.manager, id);
  }

  async update(actor: Actor, id: string, patch: ProductionAreaPatch): Promise<ProductionAreaView> {
    rejectNullFields(patch, ['product', 'areaHa', 'boundary', 'cooperativeId']);
    return this.dataSource.transaction(async (em) => {
      const area = await em.findOne(ProductionArea, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!area) throw DomainError.notFound('PRODUCTION_AREA', id);
      assertOwnsRow(actor, 'cooperative', area.cooperativeId, 'PRODUCTION_AREA');
      await assertEntityInProvinces(em, actor, 'cooperative', area.cooperativeId, 'PRODUCTION_AREA');
      if (patch.cooperativeId !== undefined && patch.cooperativeId !== area.cooperativeId) {
        throw DomainError.invalid(
          'PRODUCTION_AREA.OWNER_IMMUTABLE',
          'cooperativeId',
          'cooperativeId cannot be changed; create the area under the other cooperative',
        );
      }
      const before = { ...area };
      if (patch.product !== undefined)
        area.productCode = (await this.products.requireKnown(patch.product, 'product', em)).code;
      const terms = checked((check) =>
        normalizeProductionArea(
          {
            ...(patch.name !== undefined ? { name: patch.name } : {}),
            ...(patch.areaHa !== undefined ? { areaHa: patch.areaHa } : {}),
            ...(patch.certifications !== undefined ? { certifications: patch.certifications } : {}),
            ...(patch.growingAreaCode !== undefined ? { growingAreaCode: patch.growingAreaCode } : {}),
          },
          check,
        ),
      );
      if (terms.name !== undefined) area.name = terms.name;
      if (terms.areaHa !== undefined) area.areaHa = terms.areaHa;
      if (patch.boundary !== undefined) {
        const shape = await checkBoundary(em, patch.boundary);
        area.boundary = shape.boundary;
        area.centroid = shape.centroid;
      }
      if (terms.certifications !== undefined) area.certifications = terms.certifications ?? [];
      if (terms.growingAreaCode !== undefined) area.growingAreaCode = terms.growingAreaCode;
      if (patch.provinceCode !== undefined) {
        Object.assign(
          area,
          patch.provinceCode?.trim()
            ? await AdministrativeUnitResolver.resolveProvinceCode(em, patch.provinceCode)
            : { provinceCode: null, pre2025ProvinceCode: null },
        );
      }
      await em.save(area);
      const changes: Record<string, unknown> = this.audit.diff(before, area, AUDITED);
      if (patch.harvestSchedule !== undefined) {
        const previous = await this.scheduleOf(em, [id]);
        const schedule = await this.replaceSchedule(em, area, patch.harvestSchedule ?? []);
        changes.harvestSchedule = { from: toHarvestScheduleView(before, previous.get(id) ?? []), to: schedule };
      }
      if (Object.keys(changes).length) await this.audit.record(em, actor, 'update', 'production_area', id, changes);
      return this.view(em, id);
    });
  }

  /** Supply lots that pointed at the area keep their own location; their productionAreaId becomes null (FK SET NULL). */
  async remove(actor: Actor, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const area = await em.findOne(ProductionArea, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!area) throw DomainError.notFound('PRODUCTION_AREA', id);
      assertOwnsRow(actor, 'cooperative', area.cooperativeId, 'PRODUCTION_AREA');
      await assertEntityInProvinces(em, actor, 'cooperative', area.cooperativeId, 'PRODUCTION_AREA');
      await em.delete(ProductionArea, { id });
      await this.audit.record(em, actor, 'delete', 'production_area', id, pickFields(area, AUDITED));
    });
  }

  private async view(em: EntityManager, id: string): Promise<ProductionAreaView> {
    const area = await em.findOne(ProductionArea, { where: { id }, relations: { cooperative: true } });
    if (!area) throw DomainError.notFound('PRODUCTION_AREA', id);
    const [measured, schedules] = await Promise.all([this.measure(em, [id]), this.scheduleOf(em, [id])]);
    return toProductionAreaView(area, measured.get(id) ?? null, schedules.get(id));
  }

  /** Delete-then-insert under the area's row lock (create or update hold it): the schedule is one value. */
  private async replaceSchedule(
    em: EntityManager,
    area: ProductionArea,
    entries: HarvestScheduleEntryInput[],
  ): Promise<HarvestScheduleEntryView[] | null> {
    const products: Array<string | null> = [];
    for (const [i, e] of (Array.isArray(entries) ? entries : []).entries()) {
      products.push(
        e.product ? (await this.products.requireKnown(e.product, `harvestSchedule[${i}].product`, em)).code : null,
      );
    }
    const entriesChecked = checkHarvestSchedule(entries, {
      areaProduct: area.productCode,
      provinceCode: area.provinceCode,
      products,
    });
    await em.delete(ProductionAreaHarvest, { productionAreaId: area.id });
    if (!entriesChecked.length) return null;
    const sorted = [...entriesChecked].sort(
      (a, b) => a.harvestFrom.localeCompare(b.harvestFrom) || a.harvestTo.localeCompare(b.harvestTo),
    );
    const rows = await em.save(
      sorted.map((e, position) => em.create(ProductionAreaHarvest, { ...e, productionAreaId: area.id, position })),
    );
    return toHarvestScheduleView(area, rows);
  }

  private async scheduleOf(em: EntityManager, ids: string[]): Promise<Map<string, ProductionAreaHarvest[]>> {
    const out = new Map<string, ProductionAreaHarvest[]>();
    if (!ids.length) return out;
    const rows = await em
      .getRepository(ProductionAreaHarvest)
      .createQueryBuilder('h')
      .where('h.production_area_id = ANY(:ids)', { ids })
      .orderBy('h.position', 'ASC')
      .getMany();
    for (const r of rows) out.set(r.productionAreaId, [...(out.get(r.productionAreaId) ?? []), r]);
    return out;
  }

  /** Geodesic area in hectares of each boundary, in one query for a page. */
  private async measure(em: EntityManager, ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows: Array<{ id: string; ha: string }> = await em.query(
      `SELECT id, round((ST_Area(boundary::geography) / 10000)::numeric, 2) AS ha FROM production_areas WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, Number(r.ha)]));
  }
}

/**
 * Structure first (a reason per defect), then PostGIS: ST_IsValid rejects
 * self-intersections and bad holes; ST_PointOnSurface gives a point that lies
 * inside even a crescent-shaped field, unlike ST_Centroid.
 */
async function checkBoundary(em: EntityManager, value: unknown): Promise<CheckedBoundary> {
  const problem = geoJsonAreaProblem(value);
  if (problem) throw DomainError.invalid('PRODUCTION_AREA.INVALID_BOUNDARY', 'boundary', `boundary ${problem}`);
  const boundary = flatten(value as Polygon | MultiPolygon);
  let rows: Array<{ valid: boolean; reason: string; point: Point | null }>;
  try {
    rows = await em.query(
      `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason,
              CASE WHEN ST_IsValid(g) THEN ST_AsGeoJSON(ST_PointOnSurface(g))::json END AS point
         FROM (SELECT ST_SetSRID(ST_GeomFromGeoJSON($1), 4326) AS g) s`,
      [JSON.stringify(boundary)],
    );
  } catch (e) {
    throw DomainError.invalid(
      'PRODUCTION_AREA.INVALID_BOUNDARY',
      'boundary',
      `boundary is not readable as GeoJSON (${(e as Error).message})`,
    );
  }
  const r = rows[0];
  if (!r?.valid || !r.point) {
    throw DomainError.invalid(
      'PRODUCTION_AREA.INVALID_BOUNDARY',
      'boundary',
      `boundary is not a valid area: ${r?.reason ?? 'unknown reason'}`,
    );
  }
  return { boundary, centroid: { type: 'Point', coordinates: r.point.coordinates.slice(0, 2) } };
}

/** Keeps type and [lng, lat] only: the column is 2-D, and bbox/crs members are not ours to store. */
function flatten(g: Polygon | MultiPolygon): AreaGeometry {
  const ring = (r: number[][]) => r.map((p) => [p[0], p[1]]);
  if (g.type === 'Polygon') return { type: 'Polygon', coordinates: g.coordinates.map(ring) };
  return { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}
