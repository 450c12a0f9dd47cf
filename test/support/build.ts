import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Runs a build of this checkout (`npm run -s build`, …) under a lock per checkout: suites that
 * start the built service run in parallel, and one must not rewrite dist/ while another loads it.
 */
export function buildLocked(command: string, timeoutMs = 240_000): void {
  const lock = join(tmpdir(), `agrilink-build-${createHash('sha1').update(ROOT).digest('hex').slice(0, 12)}.lock`);
  execSync(`flock ${lock} sh -c '${command}'`, { cwd: ROOT, stdio: 'pipe', timeout: timeoutMs });
}
