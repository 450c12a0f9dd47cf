/**
 * Writes apps/web/src/assets/commune-seats.json, the commune names the map labels at closer zooms
 * (no tile server needed): the People's Committee seats of current communes that the api's
 * reference data knows (libs/core/src/reference-data/data/commune-seats.json, gathered from
 * shared/data/districts.json). Run after that file changes:
 *   node -r @swc-node/register scripts/web/build-commune-labels.ts
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { communeSeats } from '@agrilink/core';

const seats = communeSeats()
  .map((s) => ({ id: s.unit, name: s.name, lat: s.lat, lng: s.lng }))
  .sort((a, b) => a.id.localeCompare(b.id));
const target = resolve(__dirname, '../../apps/web/src/assets/commune-seats.json');
writeFileSync(target, JSON.stringify({ source: "People's Committee seats (AgriLink reference data)", seats }));
console.log(`wrote ${target}: ${seats.length} commune seats`);
