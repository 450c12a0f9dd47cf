import type { Feature, Point } from 'geojson';
import type { DataSource } from 'typeorm';
import { ContactColumns, contactOf, point } from './map-layer';

/** A supply lot as the map and the public list read it, with its product's and cooperative's names. */
export interface LotRow extends ContactColumns {
  id: string;
  product_code: string;
  name_vi: string;
  name_en: string;
  quantity_kg: string;
  remaining_kg: string;
  ask_vnd_per_kg: number;
  harvest_from: string;
  harvest_to: string;
  certifications: string[] | null;
  cooperative_id: string;
  cooperative_name: string;
  province_code: string | null;
  production_area_id: string | null;
  note: string | null;
  green_lane: boolean;
  lng: number;
  lat: number;
}

export interface LotRowsQuery {
  /** Conditions on `l` (supply_lots), `c` (cooperatives) and `p` (products), placeholders numbered over `params`. */
  where: string;
  params: unknown[];
  limit: number;
  offset?: number;
  orderBy?: string;
}

export function readLotRows(db: DataSource, q: LotRowsQuery): Promise<LotRow[]> {
  return db.query(
    `SELECT l.id, l.product_code, p.name_vi, p.name_en, l.quantity_kg::text AS quantity_kg, l.remaining_kg::text AS remaining_kg,
            l.ask_vnd_per_kg, to_char(l.harvest_from, 'YYYY-MM-DD') AS harvest_from, to_char(l.harvest_to, 'YYYY-MM-DD') AS harvest_to,
            l.certifications, l.cooperative_id, c.name AS cooperative_name, c.contact_name, c.contact_phone, c.contact_email,
            l.province_code, l.production_area_id, l.note, l.green_lane,
            ST_X(l.location::geometry) AS lng, ST_Y(l.location::geometry) AS lat
       FROM supply_lots l
       JOIN cooperatives c ON c.id = l.cooperative_id
       JOIN products p ON p.code = l.product_code
       ${q.where}
      ORDER BY ${q.orderBy ?? 'l.remaining_kg DESC, l.id'}
      LIMIT ${Math.floor(q.limit)} OFFSET ${Math.floor(q.offset ?? 0)}`,
    q.params,
  );
}

export function lotFeature(r: LotRow, signedIn: boolean): Feature<Point> {
  return {
    type: 'Feature',
    id: r.id,
    geometry: point(r.lng, r.lat),
    properties: {
      cluster: false,
      id: r.id,
      product: r.product_code,
      productNameVi: r.name_vi,
      productNameEn: r.name_en,
      quantityKg: Number(r.quantity_kg),
      remainingKg: Number(r.remaining_kg),
      askVndPerKg: r.ask_vnd_per_kg,
      harvestFrom: r.harvest_from,
      harvestTo: r.harvest_to,
      certifications: r.certifications ?? [],
      cooperativeId: r.cooperative_id,
      cooperativeName: r.cooperative_name,
      productionAreaId: r.production_area_id,
      provinceCode: r.province_code,
      greenLane: r.green_lane,
      note: r.note,
      ...(signedIn ? contactOf(r) : {}),
    },
  };
}
