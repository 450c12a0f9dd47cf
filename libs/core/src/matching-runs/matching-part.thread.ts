/** Worker thread entry: parses, solves and stringifies one part (see solveStoredMatchingPart). */
import { parentPort, workerData } from 'node:worker_threads';
import { InstanceValidationError, parseInstance, solveMatchingSync, type WarmStart } from '@agrilink/matching-engine';

export interface PartThreadInput {
  instanceJson: string;
  warmStart: WarmStart | null;
}

export type PartThreadMessage =
  | { kind: 'progress'; fraction: number }
  | { kind: 'solved'; planJson: string; stats: { warmPairs?: number; pivots?: number } }
  | { kind: 'failed'; invalidInstance: boolean; message: string };

const port = parentPort;
if (port) {
  const { instanceJson, warmStart } = workerData as PartThreadInput;
  const post = (m: PartThreadMessage) => port.postMessage(m);
  try {
    const plan = solveMatchingSync(parseInstance(JSON.parse(instanceJson)), {
      onProgress: (fraction) => post({ kind: 'progress', fraction }),
      ...(warmStart ? { warmStart } : {}),
    });
    post({
      kind: 'solved',
      planJson: JSON.stringify(plan),
      stats: { warmPairs: plan.stats.warmPairs, pivots: plan.stats.pivots },
    });
  } catch (e) {
    post({
      kind: 'failed',
      invalidInstance: e instanceof InstanceValidationError || e instanceof SyntaxError,
      message: e instanceof Error ? e.message : String(e),
    });
  }
}
