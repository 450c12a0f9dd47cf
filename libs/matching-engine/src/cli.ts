/**
 * npm run -s match -- --in INSTANCE.json --out PLAN.json
 * Exits 0 with the plan written; exits 1 with the reason on stderr for a bad instance.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { InstanceValidationError, parseInstance } from './validation';
import { solveMatching } from './solve';

function usage(): never {
  process.stderr.write('usage: npm run -s match -- --in INSTANCE.json --out PLAN.json [--threads N]\n');
  process.exit(2);
}

function argValue(args: string[], name: string): string | undefined {
  const k = args.indexOf(name);
  if (k < 0) return undefined;
  const v = args.at(k + 1);
  if (v === undefined || v.startsWith('--')) usage();
  return v;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const input = argValue(args, '--in');
  const output = argValue(args, '--out');
  const threadsArg = argValue(args, '--threads');
  if (!input || !output) usage();
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(input, 'utf8'));
  } catch (err) {
    process.stderr.write(`cannot read instance ${input}: ${(err as Error).message}\n`);
    process.exit(1);
  }
  let instance;
  try {
    instance = parseInstance(raw);
  } catch (err) {
    if (err instanceof InstanceValidationError) {
      process.stderr.write(`invalid instance ${input}: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const plan = await solveMatching(instance, threadsArg !== undefined ? { threads: Number(threadsArg) } : {});
  writeFileSync(output, JSON.stringify(plan));
}

main().catch((err: unknown) => {
  process.stderr.write(`matching failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
