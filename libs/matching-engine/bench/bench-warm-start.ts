/**
 * `npm run bench:warm-start`: incremental re-matching measured. For generated instances, a
 * first plan; then 1 % and 10 % of lots and requests change (bench/instance-generator.ts,
 * changeInstance) and the changed instance is solved cold and warm (from the first plan),
 * in the calling thread so the figures are the solver's own. Both must reach the same
 * optimum; the figures go to BENCHMARKS.md between the bench:warm-start markers.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { solveMatchingSync } from '../src/solve';
import { parseInstance } from '../src/validation';
import { changeInstance, generateInstance } from './instance-generator';

const ROOT = resolve(__dirname, '../../../..');
const SIZES: Array<[number, number]> = [
  [20_000, 5_000],
  [100_000, 20_000],
];
const SHARES = [0.01, 0.1];

interface Row {
  label: string;
  share: number;
  pairs: number;
  coldMs: number;
  warmMs: number;
  coldPivots: number;
  warmPivots: number;
  warmPairs: number;
  same: boolean;
}

function main(): void {
  const loadBefore = loadavg()[0];
  const rows: Row[] = [];
  for (const [l, r] of SIZES) {
    const raw = generateInstance({ lots: l, requests: r, seed: 2021 });
    process.stderr.write(`bench warm start ${l} × ${r}: first plan…\n`);
    const first = solveMatchingSync(parseInstance(raw));
    for (const share of SHARES) {
      const changed = parseInstance(changeInstance(raw, share, 2022));
      const cold = solveMatchingSync(changed);
      const warm = solveMatchingSync(changed, { warmStart: first });
      rows.push({
        label: `${l.toLocaleString('en-US')} × ${r.toLocaleString('en-US')}`,
        share,
        pairs: cold.stats.feasiblePairs,
        coldMs: cold.stats.solveMs,
        warmMs: warm.stats.solveMs,
        coldPivots: cold.stats.pivots ?? 0,
        warmPivots: warm.stats.pivots ?? 0,
        warmPairs: warm.stats.warmPairs ?? 0,
        same:
          cold.objective.matchedKg === warm.objective.matchedKg && cold.objective.scoreVnd === warm.objective.scoreVnd,
      });
      process.stderr.write(`  ${share * 100} %: cold ${cold.stats.solveMs} ms, warm ${warm.stats.solveMs} ms\n`);
    }
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`;
  const s = (ms: number): string => (ms / 1000).toFixed(2);
  const section = [
    '<!-- bench:warm-start -->',
    '## Incremental re-matching (warm start)',
    '',
    `Command: \`npm run bench:warm-start\` (generated instances, seed 2021; changes: \`changeInstance\` with seed 2022 — quantities sold down or corrected, prices moved, lots withdrawn and added, requests cancelled and added). Machine: ${machine}; ${new Date().toISOString().slice(0, 10)}.`,
    `Load average (1 min) before/after: ${loadBefore.toFixed(1)} / ${loadavg()[0].toFixed(1)} (${cpus().length} cores). Solve time is the simplex with its pricing, one thread, pair generation excluded (the same for both).`,
    '',
    '| instance | changed | feasible pairs | cold solve (s) | warm solve (s) | cold pivots | warm pivots | previous pairs reused | same optimum |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${(r.share * 100).toFixed(0)} % | ${r.pairs.toLocaleString('en-US')} | ${s(r.coldMs)} | ${s(r.warmMs)} | ${r.coldPivots.toLocaleString('en-US')} | ${r.warmPivots.toLocaleString('en-US')} | ${r.warmPairs.toLocaleString('en-US')} | ${r.same ? 'yes' : 'NO'} |`,
    ),
    '<!-- /bench:warm-start -->',
  ].join('\n');
  const file = resolve(ROOT, 'BENCHMARKS.md');
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const re = /<!-- bench:warm-start -->[\s\S]*?<!-- \/bench:warm-start -->/;
  writeFileSync(file, re.test(before) ? before.replace(re, section) : `${before.trimEnd()}\n\n${section}\n`);
  process.stdout.write(`${section}\n`);
  if (rows.some((r) => !r.same)) process.exit(1);
}

main();
