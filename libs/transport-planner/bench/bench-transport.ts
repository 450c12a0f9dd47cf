/**
 * npm run bench:transport — the transport planner on generated, seeded instances
 * (1,000 loads × 300 vehicles is the size); writes its section of BENCHMARKS.md.
 * Each size runs in a child process so that its peak RSS is its own.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { planTransport } from '../src/planner';
import { exactOptimum } from './exact-small';
import { generateTransportInstance } from './instance-generator';

const ROOT = resolve(__dirname, '../../../..');
const SIZES: Array<[number, number]> = [
  [100, 30],
  [1_000, 300],
  [1_000, 1_000],
  [3_000, 900],
];

interface Row {
  loads: number;
  vehicles: number;
  ms: number;
  cpuMs: number;
  rssMiB: number;
  cost: number;
  baseline: number;
  lowerBound: number;
  trips: number;
  baselineTrips: number;
  plannedKg: number;
  baselineKg: number;
  totalKg: number;
  unplannedLoads: number;
  vehiclesUsed: number;
  method: string;
  loadPeak: number;
}

function child(loads: number, vehicles: number): void {
  const instance = generateTransportInstance({ loads, vehicles, seed: 2021 });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const plan = planTransport(instance);
  const c1 = process.cpuUsage(c0);
  const ms = performance.now() - t0;
  const row: Row = {
    loads,
    vehicles,
    ms,
    cpuMs: (c1.user + c1.system) / 1000,
    rssMiB: process.resourceUsage().maxRSS / 1024,
    cost: plan.costVnd,
    baseline: plan.baselineCostVnd,
    lowerBound: plan.lowerBoundVnd,
    trips: plan.trips.length,
    baselineTrips: plan.stats.baselineTrips,
    plannedKg: plan.stats.plannedKg,
    baselineKg: plan.stats.baselinePlannedKg,
    totalKg: instance.loads.reduce((a, l) => a + l.kg, 0),
    unplannedLoads: plan.unplanned.length,
    vehiclesUsed: plan.stats.vehiclesUsed,
    method: plan.method,
    loadPeak: loadavg()[0],
  };
  process.stdout.write(`@@ROW ${JSON.stringify(row)}\n`);
}

function runChild(l: number, v: number): Row {
  const out = execFileSync(process.execPath, [__filename, '--child', String(l), String(v)], { encoding: 'utf8' });
  const line = out.split('\n').find((x) => x.startsWith('@@ROW '));
  if (!line) throw new Error(`bench child printed no result: ${out}`);
  return JSON.parse(line.slice(6)) as Row;
}

const n = (x: number) => x.toLocaleString('en-US');
const m = (vnd: number) => (vnd / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** The planner against the enumerated optimum on tiny instances where every load gets a truck. */
function smallGaps(count: number): { count: number; mean: number; max: number; optimal: number; tried: number } {
  const gaps: number[] = [];
  let tried = 0;
  for (let seed = 1; gaps.length < count && seed < 10 * count; seed++) {
    const instance = generateTransportInstance({
      loads: 7,
      vehicles: 4,
      seed,
      buyersPerCity: 1,
      buyerCities: [1, 2, 3],
    });
    tried++;
    const plan = planTransport(instance);
    if (plan.unplanned.length) continue;
    const opt = exactOptimum(instance);
    if (opt === null || opt <= 0) continue;
    gaps.push(plan.costVnd / opt - 1);
  }
  return {
    count: gaps.length,
    mean: gaps.reduce((a, b) => a + b, 0) / gaps.length,
    max: Math.max(...gaps),
    optimal: gaps.filter((g) => g < 1e-9).length,
    tried,
  };
}

function main(): void {
  const loadBefore = loadavg()[0];
  const rows: Row[] = [];
  for (const [l, v] of SIZES) {
    process.stderr.write(`bench transport ${l} × ${v}…\n`);
    rows.push(runChild(l, v));
  }
  process.stderr.write('bench transport: tiny instances against the enumerated optimum…\n');
  const small = smallGaps(40);
  const loadPeak = Math.max(loadBefore, loadavg()[0], ...rows.map((r) => r.loadPeak));
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
  const lines = [
    '<!-- bench:transport -->',
    '## Transport planner (`libs/transport-planner`)',
    '',
    `Command: \`npm run bench:transport\` (generated instances: seed 2021, \`libs/transport-planner/bench/instance-generator.ts\`: pickups at cooperatives around 17 Mekong-delta districts, 40 buyers in 10 cities, 15 % of loads refrigerated, 20 % crossing a restricted zone; trucks 2.5–15 t, 20 % refrigerated, half with a permit valid on the day). Machine: ${machine}; ${new Date().toISOString().slice(0, 10)}.`,
    `Load average (1 min) before/after the run: ${loadBefore.toFixed(1)} / ${loadavg()[0].toFixed(1)}, peak ${loadPeak.toFixed(1)} (${cpus().length} cores).`,
    'Road km = great-circle km × 1.3 (no road network), 40 km/h, 30 min a stop, one working day 00:00–24:00; cost per km by vehicle kind (default params). Wall and CPU time are the whole `planTransport` call (baseline, shared plan, improvement, bound) in one thread; CPU time is the fairer figure when the machine is busy; RSS is the peak of the process.',
    'Both plans run the same scheduler; when trucks are short, one truck per load carries less (its cost covers fewer kg: the plan that carries more wins, and may then cost more), so the cost per tonne is shown too.',
    '',
    '| loads × vehicles | wall (s) | CPU (s) | peak RSS (MiB) | plan cost (M VND) | one truck per load (M VND) | lower bound (M VND) | plan ÷ lower bound | plan ÷ one truck per load | kg carried, plan / one per load (of all) | loads left (plan) | trips (plan / one per load) | VND per t, plan / one per load | method |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map((r) => {
      const perT = (r.cost / r.plannedKg) * 1000;
      return `| ${n(r.loads)} × ${n(r.vehicles)} | ${(r.ms / 1000).toFixed(2)} | ${(r.cpuMs / 1000).toFixed(2)} | ${r.rssMiB.toFixed(0)} | ${m(r.cost)} | ${m(r.baseline)} | ${m(r.lowerBound)} | ${(r.cost / r.lowerBound).toFixed(2)} | ${(r.cost / r.baseline).toFixed(2)} | ${n(r.plannedKg)} / ${n(r.baselineKg)} (of ${n(r.totalKg)}) | ${n(r.unplannedLoads)} | ${n(r.trips)} / ${n(r.baselineTrips)} | ${n(Math.round(perT))} / ${n(Math.round((r.baseline / r.baselineKg) * 1000))} | ${r.method} |`;
    }),
    '',
    `Against the optimum: on ${small.count} generated instances of 7 loads × 4 vehicles (buyers in Cần Thơ, Rạch Giá and Long Xuyên; seeds 1–${small.tried}, those where the plan carries every load) the optimum was found by enumeration (\`bench/exact-small.ts\`: every partition into trips, pickup order, vehicle and sequence of a vehicle's day). The plan costs on average ${(100 * small.mean).toFixed(1)} % more than the optimum (worst ${(100 * small.max).toFixed(1)} %) and is optimal in ${small.optimal} of ${small.count}.`,
  ];
  const file = resolve(ROOT, 'BENCHMARKS.md');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const re = /<!-- bench:transport -->[\s\S]*?<!-- \/bench:transport -->/;
  const notes =
    /<!-- bench:transport:notes -->[\s\S]*?(?=<!-- \/bench:transport -->)/.exec(re.exec(before)?.[0] ?? '')?.[0] ?? '';
  if (notes) lines.push('', notes.trimEnd());
  lines.push('<!-- /bench:transport -->');
  const section = lines.join('\n');
  writeFileSync(file, re.test(before) ? before.replace(re, section) : `${before.trimEnd()}\n\n${section}\n`);
  process.stdout.write(`${section}\n`);
}

if (process.argv[2] === '--child') child(+process.argv[3], +process.argv[4]);
else main();
