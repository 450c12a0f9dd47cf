import type { Point } from 'geojson';
import type { DataSource } from 'typeorm';
import { SqlParams, whereAll } from '../common/sql-params';
import { ContactColumns, contactOf, MAP_FEATURE_LIMIT, MapLayer, MapView, point, pointInBboxSql } from './map-layer';

export interface BuyerMapFilter extends MapView {
  type?: string;
}

interface BuyerRow extends ContactColumns {
  id: string;
  type: string;
  name: string;
  province_code: string | null;
  address: string | null;
  products_wanted: string[] | null;
  demand_is_illustrative: boolean;
  lng: number;
  lat: number;
}

/** Buyers with a location in the view; contacts only for signed-in callers. */
export async function buyersLayer(db: DataSource, signedIn: boolean, f: BuyerMapFilter): Promise<MapLayer<Point>> {
  const sql = new SqlParams();
  const where = ['b.location IS NOT NULL'];
  if (f.bbox) where.push(...pointInBboxSql('b.location', f.bbox, sql));
  if (f.type) where.push(`b.type = ${sql.param(f.type)}`);
  const rows: BuyerRow[] = await db.query(
    `SELECT b.id, b.type, b.name, b.province_code, b.address, b.products_wanted, b.demand_is_illustrative,
            b.contact_name, b.contact_phone, b.contact_email,
            ST_X(b.location::geometry) AS lng, ST_Y(b.location::geometry) AS lat
       FROM buyers b
       ${whereAll(where)}
      ORDER BY b.name, b.id
      LIMIT ${MAP_FEATURE_LIMIT + 1}`,
    sql.values,
  );
  return {
    type: 'FeatureCollection',
    truncated: rows.length > MAP_FEATURE_LIMIT,
    features: rows.slice(0, MAP_FEATURE_LIMIT).map((r) => ({
      type: 'Feature',
      id: r.id,
      geometry: point(r.lng, r.lat),
      properties: {
        id: r.id,
        type: r.type,
        name: r.name,
        provinceCode: r.province_code,
        address: r.address,
        productsWanted: r.products_wanted ?? [],
        demandIsIllustrative: r.demand_is_illustrative,
        ...(signedIn ? contactOf(r) : {}),
      },
    })),
  };
}
