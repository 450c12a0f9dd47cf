/**
 * Builds the 34 provinces of the 1 July 2025 map from the 63 pre-2025 outlines that
 * build-vietnam-boundaries.ts wrote. Each current province is a whole union of old ones
 * (Resolution 202/2025/QH15), so its outline is exact up to the old outlines' simplification.
 * Which old provinces form a new one is read from the reference data the api loads (old
 * communes → current communes), so the map and the stored units cannot disagree.
 *
 * Writes (run once after the 63 outlines change):
 * - apps/web/src/assets/vietnam-provinces.json: the country outline, the 34 current provinces
 *   and the two archipelagos (what the map draws first; the api reads the country outline);
 * - apps/web/src/assets/vietnam-provinces-2024.json: the 63 pre-2025 provinces (loaded on the
 *   layer switch only).
 *   DATABASE_URL=<a scratch database with PostGIS> node -r @swc-node/register scripts/web/build-vietnam-provinces-2025.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { loadAdministrativeUnitReference, provinceKey } from '@agrilink/core';

const ASSETS = resolve(__dirname, '../../apps/web/src/assets');
// Old outlines are simplified each on its own, so neighbours leave hairline gaps; closing them
// by a buffer out and back in (about 300 m) keeps each union one shape.
const CLOSE_GAPS_DEG = 0.003;
const TOLERANCE_DEG = 0.004;

async function main() {
  const current = JSON.parse(readFileSync(resolve(ASSETS, 'vietnam-provinces.json'), 'utf8'));
  const oldFile = resolve(ASSETS, 'vietnam-provinces-2024.json');
  // First run: the 63 are still in vietnam-provinces.json; later runs read them from their own file.
  const old = existsSync(oldFile) ? JSON.parse(readFileSync(oldFile, 'utf8')) : current;
  const country = current.features.find((f: any) => f.properties.kind === 'country');
  const archipelagos = [...current.features, ...old.features]
    .filter((f: any) => /Hoàng Sa|Trường Sa/.test(f.properties.name))
    .filter((f: any, i: number, all: any[]) => all.findIndex((g) => g.properties.name === f.properties.name) === i)
    .map((f: any) => ({
      ...f,
      properties: { kind: 'archipelago', name: f.properties.name, nameEn: f.properties.nameEn },
    }));
  const old63 = old.features.filter(
    (f: any) =>
      ['province', 'province-2024'].includes(f.properties.kind) && !/Hoàng Sa|Trường Sa/.test(f.properties.name),
  );
  if (old63.length !== 63) throw new Error(`expected 63 pre-2025 provinces, found ${old63.length}`);

  const ref = await loadAdministrativeUnitReference();
  const byId = new Map(ref.units.map((u) => [u.id, u]));
  const oldProvinceByKey = new Map(
    ref.units.filter((u) => u.era === 'pre2025' && u.level === 'province').map((u) => [provinceKey(u.name), u]),
  );
  // Votes: an old province's communes → the provinces of their current communes.
  const votes = new Map<string, Map<string, number>>();
  for (const m of ref.mappings) {
    const o = byId.get(m.pre2025UnitId);
    const n = byId.get(m.currentUnitId);
    if (!o?.provinceCode || !n?.provinceCode) continue;
    const v = votes.get(o.provinceCode) ?? new Map<string, number>();
    v.set(n.provinceCode, (v.get(n.provinceCode) ?? 0) + 1);
    votes.set(o.provinceCode, v);
  }
  const successorOf = (oldCode: string): string => {
    const v = [...(votes.get(oldCode) ?? new Map()).entries()].sort((a, b) => b[1] - a[1]);
    if (!v.length) throw new Error(`no successor for old province ${oldCode}`);
    return v[0][0];
  };

  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  try {
    await db.query('CREATE TEMP TABLE old63 (old_code text, new_code text, g geometry)');
    const oldFeatures = [];
    for (const f of old63) {
      const unit = oldProvinceByKey.get(provinceKey(f.properties.name));
      if (!unit) throw new Error(`pre-2025 province not in the reference data: ${f.properties.name}`);
      const newCode = successorOf(unit.code);
      await db.query('INSERT INTO old63 VALUES ($1, $2, ST_SetSRID(ST_GeomFromGeoJSON($3), 4326))', [
        unit.code,
        newCode,
        JSON.stringify(f.geometry),
      ]);
      oldFeatures.push({
        type: 'Feature',
        properties: {
          kind: 'province-2024',
          code: unit.code,
          name: f.properties.name,
          nameEn: f.properties.nameEn,
          successorCode: newCode,
        },
        geometry: f.geometry,
      });
    }
    const { rows } = await db.query(
      `SELECT new_code, array_agg(old_code ORDER BY old_code) AS old_codes,
              ST_AsGeoJSON(ST_SimplifyPreserveTopology(
                ST_Buffer(ST_Buffer(ST_Union(ST_MakeValid(g)), $1, 'join=mitre'), -$1, 'join=mitre'), $2), 4)::json AS geom
         FROM old63 GROUP BY new_code ORDER BY new_code`,
      [CLOSE_GAPS_DEG, TOLERANCE_DEG],
    );
    if (rows.length !== 34) throw new Error(`expected 34 current provinces, got ${rows.length}`);
    const provinces = rows.map((r) => {
      const unit = byId.get(`current:province:${r.new_code}`);
      const name = (unit?.name ?? r.new_code).replace(/^Tỉnh /, '');
      return {
        type: 'Feature',
        properties: { kind: 'province', code: r.new_code, name, formedFrom: r.old_codes },
        geometry: r.geom,
      };
    });
    const attribution = current.attribution;
    writeFileSync(
      resolve(ASSETS, 'vietnam-provinces.json'),
      JSON.stringify({ type: 'FeatureCollection', attribution, features: [country, ...provinces, ...archipelagos] }),
    );
    writeFileSync(
      oldFile,
      JSON.stringify({
        type: 'FeatureCollection',
        attribution,
        features: oldFeatures.sort((a, b) => a.properties.code.localeCompare(b.properties.code)),
      }),
    );
    console.log(
      `wrote ${provinces.length} current and ${oldFeatures.length} pre-2025 provinces, ${archipelagos.length} archipelagos`,
    );
  } finally {
    await db.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
