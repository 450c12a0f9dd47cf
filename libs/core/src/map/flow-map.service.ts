import { Injectable } from '@nestjs/common';
import type { LineString } from 'geojson';
import { DataSource } from 'typeorm';
import { Actor, isStaff } from '../common/actor';
import { MAP_FEATURE_LIMIT, MapLayer, MapView, round6 } from './map-layer';

export type FlowKind = 'proposals' | 'deals';

export interface FlowMapFilter extends MapView {
  matchingRunId?: string;
  kind?: FlowKind;
}

/** A flow layer; `aggregated` says the lines are public totals between places, not single deals. */
export interface FlowLayer extends MapLayer<LineString> {
  aggregated: boolean;
}

/**
 * Public flow ends are snapped to this grid (degrees, ≈ 1 km): a commune with a single seller
 * or buyer must not give away the exact farm or warehouse behind its total.
 */
export const PUBLIC_FLOW_GRID_DEG = 0.01;

interface FlowTotalRow {
  product_code: string;
  from_place: string;
  to_place: string;
  from_province: string | null;
  to_province: string | null;
  kg: string;
  deals: number;
  name_vi: string;
  name_en: string;
  from_lng: number;
  from_lat: number;
  to_lng: number;
  to_lat: number;
  from_name: string | null;
  to_name: string | null;
}

interface FlowRow {
  id: string;
  supply_lot_id: string;
  purchase_request_id: string;
  quantity_kg: string;
  status: string;
  matching_run_id: string | null;
  price_vnd_per_kg: number | null;
  distance_km: string | null;
  ask_vnd_per_kg: number | null;
  bid_vnd_per_kg: number | null;
  product_code: string;
  cooperative_name: string;
  buyer_name: string;
  buyer_type: string;
  from_lng: number;
  from_lat: number;
  to_lng: number;
  to_lat: number;
}

const snap = (x: number) => Math.round(x / PUBLIC_FLOW_GRID_DEG) * PUBLIC_FLOW_GRID_DEG;
const line = (
  fromLng: number,
  fromLat: number,
  toLng: number,
  toLat: number,
  at: (x: number) => number,
): LineString => ({
  type: 'LineString',
  coordinates: [
    [round6(at(fromLng)), round6(at(fromLat))],
    [round6(at(toLng)), round6(at(toLat))],
  ],
});

/**
 * Who sees which flows (lines from a lot to a buyer's delivery point):
 * - anonymous callers: kilograms by product between places (the seller's and the buyer's commune,
 *   else province) over confirmed and delivered deals only: no parties, prices, ids or proposals;
 * - a cooperative or buyer user: its own proposals and deals in detail;
 * - staff and admin: every proposal and deal in detail.
 */
@Injectable()
export class FlowMapService {
  constructor(private readonly dataSource: DataSource) {}

  flows(actor: Actor | null, f: FlowMapFilter): Promise<FlowLayer> {
    return actor ? this.detailed(actor, f) : this.publicTotals(f);
  }

  private async publicTotals(f: FlowMapFilter): Promise<FlowLayer> {
    // Pending negotiations are nobody's business but the parties'.
    if ((f.kind ?? 'deals') === 'proposals') return { type: 'FeatureCollection', aggregated: true, features: [] };
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const byRun = f.matchingRunId
      ? `AND x.proposal_id IN (SELECT id FROM proposals WHERE matching_run_id = ${p(f.matchingRunId)}::uuid)`
      : '';
    const inView = f.bbox
      ? `WHERE ST_MakeLine(ST_MakePoint(fa.lng, fa.lat), ST_MakePoint(ta.lng, ta.lat)) && ST_MakeEnvelope(${p(f.bbox.minLng)}, ${p(f.bbox.minLat)}, ${p(f.bbox.maxLng)}, ${p(f.bbox.maxLat)})`
      : '';
    // A place is the party's commune, else its province; its map point is the kg-weighted centre
    // of all deal ends there, so every line of a place starts at the same point.
    const rows: FlowTotalRow[] = await this.dataSource.query(
      `WITH d AS (
         SELECT x.product_code, x.quantity_kg,
                COALESCE(c.administrative_unit_id, 'province:' || COALESCE(l.province_code, c.province_code, '')) AS from_place,
                COALESCE(b.administrative_unit_id, 'province:' || COALESCE(r.province_code, b.province_code, '')) AS to_place,
                COALESCE(l.province_code, c.province_code) AS from_province, COALESCE(r.province_code, b.province_code) AS to_province,
                l.location::geometry AS from_pt, r.location::geometry AS to_pt
           FROM deals x
           JOIN supply_lots l ON l.id = x.supply_lot_id
           JOIN purchase_requests r ON r.id = x.purchase_request_id
           JOIN cooperatives c ON c.id = x.cooperative_id
           JOIN buyers b ON b.id = x.buyer_id
          WHERE x.status IN ('confirmed', 'delivered') ${byRun}
       ), ends AS (
         SELECT from_place AS place, from_pt AS pt, quantity_kg AS kg FROM d
         UNION ALL SELECT to_place, to_pt, quantity_kg FROM d
       ), anchors AS (
         SELECT place, SUM(ST_X(pt) * kg) / SUM(kg) AS lng, SUM(ST_Y(pt) * kg) / SUM(kg) AS lat FROM ends GROUP BY place
       ), totals AS (
         SELECT product_code, from_place, to_place, MIN(from_province) AS from_province, MIN(to_province) AS to_province,
                SUM(quantity_kg)::text AS kg, COUNT(*)::int AS deals
           FROM d GROUP BY product_code, from_place, to_place
       )
       SELECT t.*, pr.name_vi, pr.name_en, fa.lng AS from_lng, fa.lat AS from_lat, ta.lng AS to_lng, ta.lat AS to_lat,
              COALESCE(fu.name, fp.name) AS from_name, COALESCE(tu.name, tp.name) AS to_name
         FROM totals t
         JOIN anchors fa ON fa.place = t.from_place
         JOIN anchors ta ON ta.place = t.to_place
         JOIN products pr ON pr.code = t.product_code
         LEFT JOIN administrative_units fu ON fu.id = t.from_place
         LEFT JOIN administrative_units tu ON tu.id = t.to_place
         LEFT JOIN administrative_units fp ON fp.era = 'current' AND fp.level = 'province' AND fp.code = t.from_province
         LEFT JOIN administrative_units tp ON tp.era = 'current' AND tp.level = 'province' AND tp.code = t.to_province
         ${inView}
        ORDER BY t.kg::bigint DESC, t.product_code, t.from_place, t.to_place
        LIMIT ${MAP_FEATURE_LIMIT + 1}`,
      params,
    );
    return {
      type: 'FeatureCollection',
      aggregated: true,
      truncated: rows.length > MAP_FEATURE_LIMIT,
      features: rows.slice(0, MAP_FEATURE_LIMIT).map((r) => {
        const id = `${r.product_code}|${r.from_place}|${r.to_place}`;
        return {
          type: 'Feature',
          id,
          geometry: line(r.from_lng, r.from_lat, r.to_lng, r.to_lat, snap),
          properties: {
            id,
            kind: 'aggregate',
            product: r.product_code,
            productNameVi: r.name_vi,
            productNameEn: r.name_en,
            quantityKg: Number(r.kg),
            deals: r.deals,
            fromPlace: r.from_place,
            fromName: r.from_name ?? null,
            fromProvinceCode: r.from_province ?? null,
            toPlace: r.to_place,
            toName: r.to_name ?? null,
            toProvinceCode: r.to_province ?? null,
          },
        };
      }),
    };
  }

  private async detailed(actor: Actor, f: FlowMapFilter): Promise<FlowLayer> {
    const kind: FlowKind = f.kind ?? 'proposals';
    const params: unknown[] = [];
    const p = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = [];
    if (!isStaff(actor)) {
      // A party sees the flows it is a side of; a user of another role (or without an organisation) sees none.
      const side = actor.role === 'cooperative' ? 'x.cooperative_id' : actor.role === 'buyer' ? 'x.buyer_id' : null;
      if (!side || !actor.organizationId) return { type: 'FeatureCollection', aggregated: false, features: [] };
      where.push(`${side} = ${p(actor.organizationId)}::uuid`);
    }
    if (f.matchingRunId) {
      // Deals carry the run through the proposal they were confirmed from.
      where.push(
        kind === 'proposals'
          ? `x.matching_run_id = ${p(f.matchingRunId)}::uuid`
          : `x.proposal_id IN (SELECT id FROM proposals WHERE matching_run_id = ${p(f.matchingRunId)}::uuid)`,
      );
    }
    if (f.bbox) {
      where.push(
        `ST_MakeLine(l.location::geometry, r.location::geometry) && ST_MakeEnvelope(${p(f.bbox.minLng)}, ${p(f.bbox.minLat)}, ${p(f.bbox.maxLng)}, ${p(f.bbox.maxLat)}, 4326)`,
      );
    }
    const columns =
      kind === 'proposals'
        ? `x.status, x.matching_run_id, NULL::int AS price_vnd_per_kg, x.distance_km, x.ask_vnd_per_kg, x.bid_vnd_per_kg`
        : `x.status, NULL::uuid AS matching_run_id, x.price_vnd_per_kg, NULL::numeric AS distance_km, NULL::int AS ask_vnd_per_kg, NULL::int AS bid_vnd_per_kg`;
    const rows: FlowRow[] = await this.dataSource.query(
      `SELECT x.id, x.supply_lot_id, x.purchase_request_id, x.quantity_kg::text AS quantity_kg, ${columns},
              l.product_code, c.name AS cooperative_name, b.name AS buyer_name, b.type AS buyer_type,
              ST_X(l.location::geometry) AS from_lng, ST_Y(l.location::geometry) AS from_lat,
              ST_X(r.location::geometry) AS to_lng, ST_Y(r.location::geometry) AS to_lat
         FROM ${kind} x
         JOIN supply_lots l ON l.id = x.supply_lot_id
         JOIN purchase_requests r ON r.id = x.purchase_request_id
         JOIN cooperatives c ON c.id = l.cooperative_id
         JOIN buyers b ON b.id = r.buyer_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY x.quantity_kg DESC, x.id
        LIMIT ${MAP_FEATURE_LIMIT + 1}`,
      params,
    );
    const num = (v: unknown) => (v == null ? null : Number(v));
    return {
      type: 'FeatureCollection',
      aggregated: false,
      truncated: rows.length > MAP_FEATURE_LIMIT,
      features: rows.slice(0, MAP_FEATURE_LIMIT).map((r) => ({
        type: 'Feature',
        id: r.id,
        geometry: line(r.from_lng, r.from_lat, r.to_lng, r.to_lat, (x) => x),
        properties: {
          id: r.id,
          kind: kind === 'deals' ? 'deal' : 'proposal',
          status: r.status,
          matchingRunId: r.matching_run_id,
          supplyLotId: r.supply_lot_id,
          purchaseRequestId: r.purchase_request_id,
          product: r.product_code,
          quantityKg: Number(r.quantity_kg),
          priceVndPerKg: num(r.price_vnd_per_kg),
          askVndPerKg: num(r.ask_vnd_per_kg),
          bidVndPerKg: num(r.bid_vnd_per_kg),
          distanceKm: num(r.distance_km),
          cooperativeName: r.cooperative_name,
          buyerName: r.buyer_name,
          buyerType: r.buyer_type,
        },
      })),
    };
  }
}
