/**
 * npm run bench:matching — exact solver vs greedy on generated instances and on the
 * 20 000 × 5 000 sample; writes its section of BENCHMARKS.md (repo root).
 * Each size runs in a child process so that its peak RSS is its own.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { greedyMatching } from '../src/greedy';
import { solveMatching } from '../src/solve';
import { parseInstance } from '../src/validation';
import { generateInstance } from './instance-generator';

const ROOT = resolve(__dirname, '../../../..');
const SAMPLE = resolve(ROOT, '../shared/matching/samples/kg-20000x5000.json');
const SIZES: Array<[number, number]> = [
  [200, 50],
  [2_000, 500],
  [20_000, 5_000],
  [100_000, 20_000],
];

interface Row {
  label: string;
  lots: number;
  requests: number;
  feasiblePairs: number;
  pairsMs: number;
  solveMs: number;
  totalMs: number;
  rssMiB: number;
  matchedKg: number;
  scoreVnd: number;
  greedyV: number;
  greedyS: number;
  candidateArcs: number;
  loadPeak: number;
  expected?: string;
}

async function child(kind: string, a: string, b: string): Promise<void> {
  let loadPeak = loadavg()[0];
  const sampler = setInterval(() => {
    loadPeak = Math.max(loadPeak, loadavg()[0]);
  }, 2000);
  const raw: unknown =
    kind === 'sample' ? JSON.parse(readFileSync(a, 'utf8')) : generateInstance({ lots: +a, requests: +b, seed: 2021 });
  const instance = parseInstance(raw);
  const plan = await solveMatching(instance);
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  const greedy = greedyMatching(instance);
  let expected: string | undefined;
  if (kind === 'sample') {
    const e = JSON.parse(readFileSync(a.replace(/\.json$/, '.expected.json'), 'utf8')) as {
      matchedKg: number;
      scoreVnd: number;
      feasiblePairs: number;
    };
    const ok =
      e.matchedKg === plan.objective.matchedKg &&
      Math.abs(e.scoreVnd - plan.objective.scoreVnd) <= 1e-6 * e.scoreVnd &&
      e.feasiblePairs === plan.stats.feasiblePairs;
    expected = ok ? 'matches expected' : `MISMATCH (expected ${JSON.stringify(e)})`;
  }
  const row: Row = {
    label:
      kind === 'sample'
        ? 'sample kg-20000x5000.json'
        : `generated ${(+a).toLocaleString('en-US')} × ${(+b).toLocaleString('en-US')}`,
    lots: plan.stats.lots,
    requests: plan.stats.requests,
    feasiblePairs: plan.stats.feasiblePairs,
    pairsMs: plan.stats.pairsMs,
    solveMs: plan.stats.solveMs,
    totalMs: plan.stats.totalMs,
    rssMiB,
    matchedKg: plan.objective.matchedKg,
    scoreVnd: plan.objective.scoreVnd,
    greedyV: greedy.objective.matchedKg,
    greedyS: greedy.objective.scoreVnd,
    candidateArcs: plan.stats.candidateArcs,
    loadPeak: Math.max(loadPeak, loadavg()[0]),
    expected,
  };
  clearInterval(sampler);
  process.stdout.write(`@@ROW ${JSON.stringify(row)}\n`);
}

function runChild(args: string[]): Row {
  const out = execFileSync(process.execPath, ['--max-old-space-size=8192', __filename, '--child', ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const line = out.split('\n').find((l) => l.startsWith('@@ROW '));
  if (!line) throw new Error(`bench child printed no result: ${out}`);
  return JSON.parse(line.slice(6)) as Row;
}

function cliSeconds(): number {
  const t0 = performance.now();
  const r = spawnSync('npm', ['run', '-s', 'match', '--', '--in', SAMPLE, '--out', '/tmp/agrilink-bench-plan.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('CLI failed');
  return (performance.now() - t0) / 1000;
}

const pct = (x: number, y: number): string => (y === 0 ? '100.00' : ((100 * x) / y).toFixed(2));
const s = (ms: number): string => (ms / 1000).toFixed(2);

function main(): void {
  const loadBefore = loadavg()[0];
  const rows: Row[] = [];
  for (const [l, r] of SIZES) {
    process.stderr.write(`bench ${l} × ${r}…\n`);
    rows.push(runChild(['gen', String(l), String(r)]));
  }
  let cli: number[] = [];
  if (existsSync(SAMPLE)) {
    process.stderr.write('bench sample…\n');
    rows.push(runChild(['sample', SAMPLE, '']));
    cli = [cliSeconds(), cliSeconds(), cliSeconds()];
  }
  // Peak of the 1-minute load average sampled inside each child (this process blocks on
  // them): how much other work shared the machine.
  const loadPeak = Math.max(loadBefore, loadavg()[0], ...rows.map((r) => r.loadPeak));
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
  const lines = [
    '<!-- bench:matching -->',
    '## Matching engine (`libs/matching-engine`)',
    '',
    `Command: \`npm run bench:matching\` (generated instances: seed 2021, \`bench/instance-generator.ts\`). Machine: ${machine}; ${new Date().toISOString().slice(0, 10)}.`,
    `Load average (1 min) before/after the run: ${loadBefore.toFixed(1)} / ${loadavg()[0].toFixed(1)}, peak ${loadPeak.toFixed(1)} (${cpus().length} cores); other work on the machine inflates every figure.`,
    'Pair generation and solve are summed over components (products) run on 2 worker threads; total is wall time from instance to plan (parse excluded); RSS is the peak of the process.',
    '',
    '| instance | feasible pairs | pair generation (s) | solve (s) | total wall (s) | peak RSS (MiB) | arcs seen by simplex | greedy V % of optimum | greedy S % of optimum | check |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${r.feasiblePairs.toLocaleString('en-US')} | ${s(r.pairsMs)} | ${s(r.solveMs)} | ${s(r.totalMs)} | ${r.rssMiB.toFixed(0)} | ${r.candidateArcs.toLocaleString('en-US')} | ${pct(r.greedyV, r.matchedKg)} | ${pct(r.greedyS, r.scoreVnd)} | ${r.expected ?? 'optimality proven by full pricing'} |`,
    ),
    '',
    cli.length
      ? `End to end, \`time npm run -s match -- --in /work/shared/matching/samples/kg-20000x5000.json --out /tmp/p.json\` (includes the \`prematch\` SWC build): ${cli.map((x) => x.toFixed(2)).join(' s, ')} s (3 runs).`
      : 'The 20 000 × 5 000 sample was not found; no end-to-end CLI time.',
  ];
  const file = resolve(ROOT, 'BENCHMARKS.md');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const re = /<!-- bench:matching -->[\s\S]*?<!-- \/bench:matching -->/;
  // Hand-written notes after the `bench:matching:notes` marker (before/after, what changed) survive a new run.
  const notes =
    /<!-- bench:matching:notes -->[\s\S]*?(?=<!-- \/bench:matching -->)/.exec(re.exec(before)?.[0] ?? '')?.[0] ?? '';
  if (notes) lines.push('', notes.trimEnd());
  lines.push('<!-- /bench:matching -->');
  const section = lines.join('\n');
  const after = re.test(before) ? before.replace(re, section) : `${before.trimEnd()}\n\n${section}\n`;
  if (!existsSync(ROOT)) mkdirSync(ROOT, { recursive: true });
  writeFileSync(file, after);
  process.stdout.write(`${section}\n`);
}

if (process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4], process.argv[5]).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
} else {
  try {
    main();
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  }
}
