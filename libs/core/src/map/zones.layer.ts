import type { Geometry } from 'geojson';
import type { DataSource } from 'typeorm';
import { SqlParams, whereAll } from '../common/sql-params';
import { MAP_FEATURE_LIMIT, MapLayer, MapView, polygonInBboxSql, resolveZoom, simplifiedGeoJsonSql } from './map-layer';

export interface ZoneMapFilter extends MapView {
  activeOn?: string;
}

interface ZoneRow {
  id: string;
  code: string;
  name: string;
  restricted: boolean;
  active_from: string | null;
  active_to: string | null;
  geom: Geometry;
}

/** Zones (vùng hạn chế) with a boundary in the view, optionally those active on a day. */
export async function zonesLayer(db: DataSource, f: ZoneMapFilter): Promise<MapLayer> {
  const zoom = resolveZoom(f);
  const sql = new SqlParams();
  // A zone declared by communes alone has no shape to draw (communes carry no boundary here).
  const where = ['z.boundary IS NOT NULL'];
  if (f.bbox) where.push(polygonInBboxSql('z.boundary', f.bbox, sql));
  if (f.activeOn) {
    const day = sql.param(f.activeOn);
    where.push(
      `(z.active_from IS NULL OR z.active_from <= ${day}::date) AND (z.active_to IS NULL OR z.active_to >= ${day}::date)`,
    );
  }
  const rows: ZoneRow[] = await db.query(
    `SELECT z.id, z.code, z.name, z.restricted,
            to_char(z.active_from, 'YYYY-MM-DD') AS active_from, to_char(z.active_to, 'YYYY-MM-DD') AS active_to,
            ${simplifiedGeoJsonSql('z.boundary', zoom, sql)} AS geom
       FROM zones z
       ${whereAll(where)}
      ORDER BY z.code
      LIMIT ${MAP_FEATURE_LIMIT}`,
    sql.values,
  );
  return {
    type: 'FeatureCollection',
    zoom,
    features: rows.map((r) => ({
      type: 'Feature',
      id: r.id,
      geometry: r.geom,
      properties: {
        id: r.id,
        code: r.code,
        name: r.name,
        restricted: r.restricted,
        activeFrom: r.active_from,
        activeTo: r.active_to,
      },
    })),
  };
}
