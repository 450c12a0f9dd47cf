import type { Geometry } from 'geojson';
import type { DataSource } from 'typeorm';
import { SqlParams, whereAll } from '../common/sql-params';
import { MAP_FEATURE_LIMIT, MapLayer, MapView, polygonInBboxSql, resolveZoom, simplifiedGeoJsonSql } from './map-layer';

export interface ProductionAreaMapFilter extends MapView {
  product?: string;
}

interface ProductionAreaRow {
  id: string;
  product_code: string;
  name_vi: string;
  name_en: string;
  name: string;
  area_ha: number;
  certifications: string[] | null;
  growing_area_code: string | null;
  province_code: string | null;
  cooperative_id: string;
  cooperative_name: string;
  geom: Geometry;
}

/** Production areas (vùng trồng) in the view, largest first, their boundaries simplified to the zoom. */
export async function productionAreasLayer(db: DataSource, f: ProductionAreaMapFilter): Promise<MapLayer> {
  const zoom = resolveZoom(f);
  const sql = new SqlParams();
  const where: string[] = [];
  if (f.bbox) where.push(polygonInBboxSql('a.boundary', f.bbox, sql));
  if (f.product) where.push(`a.product_code = ${sql.param(f.product)}`);
  const rows: ProductionAreaRow[] = await db.query(
    `SELECT a.id, a.product_code, p.name_vi, p.name_en, a.name, a.area_ha::float8 AS area_ha, a.certifications,
            a.growing_area_code, a.province_code, a.cooperative_id, c.name AS cooperative_name,
            ${simplifiedGeoJsonSql('a.boundary', zoom, sql)} AS geom
       FROM production_areas a
       JOIN cooperatives c ON c.id = a.cooperative_id
       JOIN products p ON p.code = a.product_code
       ${whereAll(where)}
      ORDER BY a.area_ha DESC, a.id
      LIMIT ${MAP_FEATURE_LIMIT + 1}`,
    sql.values,
  );
  return {
    type: 'FeatureCollection',
    zoom,
    truncated: rows.length > MAP_FEATURE_LIMIT,
    features: rows.slice(0, MAP_FEATURE_LIMIT).map((r) => ({
      type: 'Feature',
      id: r.id,
      geometry: r.geom,
      properties: {
        id: r.id,
        product: r.product_code,
        productNameVi: r.name_vi,
        productNameEn: r.name_en,
        name: r.name,
        areaHa: r.area_ha,
        certifications: r.certifications ?? [],
        growingAreaCode: r.growing_area_code,
        provinceCode: r.province_code,
        cooperativeId: r.cooperative_id,
        cooperativeName: r.cooperative_name,
      },
    })),
  };
}
