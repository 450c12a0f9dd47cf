import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryRows } from '../common/sql-rows';
import { communeAtSql } from './report-units';

/** A season of a production area, with the place it is counted at (its cooperative's commune, or where it lies: ForecastFilter.placeWhereItLies). */
export interface ScheduledHarvestRow {
  areaId: string;
  areaName: string | null;
  cooperativeId: string;
  cooperativeName: string;
  contactName: string | null;
  contactPhone: string | null;
  communeId: string | null;
  provinceCode: string | null;
  product: string;
  areaHa: number;
  season: string | null;
  harvestFrom: string;
  harvestTo: string;
  expectedYieldKgPerHa: number;
}

/** A lot posted on a production area (supply_lots.production_area_id). */
export interface PostedLotRow {
  areaId: string;
  product: string;
  quantityKg: number;
  harvestFrom: string;
  harvestTo: string;
}

export interface HarvestResourceRow {
  id: string;
  kind: string;
  name: string;
  unitCount: number;
  capacityHaPerDay: number;
  availableFrom: string | null;
  availableTo: string | null;
  serviceCommuneIds: string[];
  serviceRadiusKm: number | null;
  /** The commune of its cooperative: the service area when none is declared. */
  homeCommuneId: string | null;
}

export interface ForecastFilter {
  from: string;
  to: string;
  province?: string | null;
  product?: string | null;
  /**
   * Count an area where it lies (the commune holding its centre, as the weekly report places lots),
   * not at its cooperative's commune. The capacity section keeps the cooperative's commune, which
   * its harvest resources' service communes are matched against.
   */
  placeWhereItLies?: boolean;
}

/** The SQL of the harvest forecast and capacity sections (reports), typed rows out. */
@Injectable()
export class HarvestForecastRepository {
  constructor(private readonly dataSource: DataSource) {}

  async scheduledHarvests(f: ForecastFilter): Promise<ScheduledHarvestRow[]> {
    const rows = await queryRows<{
      area_id: string;
      area_name: string | null;
      cooperative_id: string;
      cooperative_name: string;
      contact_name: string | null;
      contact_phone: string | null;
      commune_id: string | null;
      province_code: string | null;
      product: string;
      area_ha: string;
      season: string | null;
      harvest_from: string;
      harvest_to: string;
      expected_yield_kg_per_ha: number;
    }>(
      this.dataSource,
      `SELECT h.production_area_id AS area_id, a.name AS area_name, a.cooperative_id, c.name AS cooperative_name,
              c.contact_name, c.contact_phone, ${f.placeWhereItLies ? communeAtSql('a.centroid', 'c.administrative_unit_id') : 'c.administrative_unit_id'} AS commune_id, a.province_code,
              COALESCE(h.product_code, a.product_code) AS product, a.area_ha, h.season,
              h.harvest_from::text AS harvest_from, h.harvest_to::text AS harvest_to, h.expected_yield_kg_per_ha
         FROM production_area_harvests h
         JOIN production_areas a ON a.id = h.production_area_id
         JOIN cooperatives c ON c.id = a.cooperative_id
        WHERE h.harvest_from <= $2::date AND h.harvest_to >= $1::date
          AND ($3::text IS NULL OR a.province_code = $3)
          AND ($4::text IS NULL OR COALESCE(h.product_code, a.product_code) = $4)
        ORDER BY h.harvest_from, h.production_area_id, h.position`,
      [f.from, f.to, f.province ?? null, f.product ?? null],
    );
    return rows.map((r) => ({
      areaId: r.area_id,
      areaName: r.area_name,
      cooperativeId: r.cooperative_id,
      cooperativeName: r.cooperative_name,
      contactName: r.contact_name,
      contactPhone: r.contact_phone,
      communeId: r.commune_id,
      provinceCode: r.province_code,
      product: r.product,
      areaHa: Number(r.area_ha),
      season: r.season,
      harvestFrom: r.harvest_from,
      harvestTo: r.harvest_to,
      expectedYieldKgPerHa: r.expected_yield_kg_per_ha,
    }));
  }

  /** Lots not withdrawn, on the given areas, whose harvest window meets [from, to]. */
  async postedLots(areaIds: string[], from: string, to: string): Promise<PostedLotRow[]> {
    if (!areaIds.length) return [];
    const rows = await queryRows<{
      area_id: string;
      product: string;
      quantity_kg: string;
      harvest_from: string;
      harvest_to: string;
    }>(
      this.dataSource,
      `SELECT l.production_area_id AS area_id, l.product_code AS product, l.quantity_kg,
              l.harvest_from::text AS harvest_from, l.harvest_to::text AS harvest_to
         FROM supply_lots l
        WHERE l.production_area_id = ANY($1::uuid[]) AND l.status <> 'withdrawn'
          AND l.harvest_from <= $3::date AND l.harvest_to >= $2::date`,
      [areaIds, from, to],
    );
    return rows.map((r) => ({
      areaId: r.area_id,
      product: r.product,
      quantityKg: Number(r.quantity_kg),
      harvestFrom: r.harvest_from,
      harvestTo: r.harvest_to,
    }));
  }

  /** Combine harvesters and harvest teams whose availability meets [from, to]. */
  async harvestResources(from: string, to: string): Promise<HarvestResourceRow[]> {
    const rows = await queryRows<{
      id: string;
      kind: string;
      name: string;
      unit_count: number;
      capacity_ha_per_day: string;
      available_from: string | null;
      available_to: string | null;
      service_commune_ids: string[];
      service_radius_km: string | null;
      home_commune_id: string | null;
    }>(
      this.dataSource,
      `SELECT r.id, r.kind, r.name, r.unit_count, r.capacity_ha_per_day, r.available_from::text AS available_from, r.available_to::text AS available_to,
              r.service_commune_ids, r.service_radius_km, c.administrative_unit_id AS home_commune_id
         FROM harvest_resources r LEFT JOIN cooperatives c ON c.id = r.cooperative_id
        WHERE r.kind IN ('combine_harvester', 'harvest_team')
          AND (r.available_from IS NULL OR r.available_from <= $2::date) AND (r.available_to IS NULL OR r.available_to >= $1::date)
        ORDER BY r.id`,
      [from, to],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      unitCount: r.unit_count,
      capacityHaPerDay: Number(r.capacity_ha_per_day),
      availableFrom: r.available_from,
      availableTo: r.available_to,
      serviceCommuneIds: r.service_commune_ids,
      serviceRadiusKm: r.service_radius_km === null ? null : Number(r.service_radius_km),
      homeCommuneId: r.home_commune_id,
    }));
  }

  /** Pairs (resource, area) where the area's point lies within the resource's service radius. */
  async areasWithinServiceRadius(
    resourceIds: string[],
    areaIds: string[],
  ): Promise<Array<{ resourceId: string; areaId: string }>> {
    if (!resourceIds.length || !areaIds.length) return [];
    const rows = await queryRows<{ resource_id: string; area_id: string }>(
      this.dataSource,
      `SELECT r.id AS resource_id, a.id AS area_id
         FROM harvest_resources r JOIN production_areas a
           ON ST_DWithin(r.location, a.centroid::geography, r.service_radius_km * 1000)
        WHERE r.id = ANY($1::uuid[]) AND a.id = ANY($2::uuid[]) AND r.service_radius_km IS NOT NULL AND r.location IS NOT NULL`,
      [resourceIds, areaIds],
    );
    return rows.map((r) => ({ resourceId: r.resource_id, areaId: r.area_id }));
  }

  async names(communeIds: string[], provinceCodes: string[], products: string[]) {
    const [u, p, pr] = await Promise.all([
      queryRows<{ id: string; name: string }>(
        this.dataSource,
        `SELECT id, name FROM administrative_units WHERE id = ANY($1::text[])`,
        [communeIds],
      ),
      queryRows<{ code: string; name: string }>(
        this.dataSource,
        `SELECT code, name FROM administrative_units WHERE era = 'current' AND level = 'province' AND code = ANY($1::text[])`,
        [provinceCodes],
      ),
      queryRows<{ code: string; name_vi: string }>(
        this.dataSource,
        `SELECT code, name_vi FROM products WHERE code = ANY($1::text[])`,
        [products],
      ),
    ]);
    return {
      communes: new Map<string, string>(u.map((r) => [r.id, r.name])),
      provinces: new Map<string, string>(p.map((r) => [r.code, r.name])),
      products: new Map<string, string>(pr.map((r) => [r.code, r.name_vi])),
    };
  }
}
