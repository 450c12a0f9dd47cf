import {
  InstanceValidationError,
  parseInstance,
  solveMatching,
  workersAvailable,
  type MatchingInstance,
  type MatchingPlan,
  type WarmStart,
} from '@agrilink/matching-engine';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { NonRetryableError } from '../common/durable-jobs/non-retryable.error';
import type { PartThreadInput, PartThreadMessage } from './matching-part.thread';

const PART_THREAD_FILE = join(__dirname, 'matching-part.thread.js');

/**
 * Solves one part of a run (one product's instance) exactly. The one place a part meets the engine,
 * wherever it runs. With a warm start (the earlier run's plan of the same product: incremental
 * re-matching, issue 17 item 3) the optimum is the same exact one; only the pivots differ. Off the event loop when the
 * compiled engine worker is present, so the queue worker keeps renewing its job's lock meanwhile.
 * The engine's errors about the instance become a NonRetryableError: a bad instance will not get
 * better by retrying.
 */
export async function solveMatchingPart(
  instance: unknown,
  onProgress: (fraction: number) => void = () => undefined,
  warmStart: WarmStart | null = null,
): Promise<MatchingPlan> {
  try {
    const parsed = parseInstance(instance);
    return await solveMatching(parsed, {
      threads: workersAvailable() ? 1 : 0,
      offThread: true,
      onProgress,
      ...(warmStart ? { warmStart } : {}),
    });
  } catch (e) {
    if (e instanceof InstanceValidationError) throw new NonRetryableError(e.message, e);
    throw e;
  }
}

/** Validates a whole run's instance before it is split, so a bad instance fails the run at once; the instance as the engine reads it. */
export function assertValidInstance(instance: unknown): MatchingInstance {
  try {
    return parseInstance(instance);
  } catch (e) {
    if (e instanceof InstanceValidationError) throw new NonRetryableError(e.message, e);
    throw e;
  }
}

/** A solved part as stored: the plan's JSON text and the figures the run records. */
export interface StoredPartSolution {
  planJson: string;
  stats: { warmPairs?: number; pivots?: number };
}

/**
 * Solves a part from its instance as stored (JSON text) to its plan as stored (JSON text). A large
 * part's JSON.parse, solve and JSON.stringify take seconds of one core; in the built worker they all
 * run in a thread of their own (matching-part.thread), so the queue worker's event loop stays free to
 * renew its jobs' locks and serve its other parts. Without the compiled thread (tests on the sources)
 * it parses and stringifies in place.
 */
export async function solveStoredMatchingPart(
  instanceJson: string,
  onProgress: (fraction: number) => void = () => undefined,
  warmStart: WarmStart | null = null,
): Promise<StoredPartSolution> {
  if (!existsSync(PART_THREAD_FILE)) {
    let raw: unknown;
    try {
      raw = JSON.parse(instanceJson);
    } catch (e) {
      throw new NonRetryableError(`the part's instance is not JSON: ${(e as Error).message}`, e);
    }
    const plan = await solveMatchingPart(raw, onProgress, warmStart);
    return { planJson: JSON.stringify(plan), stats: { warmPairs: plan.stats.warmPairs, pivots: plan.stats.pivots } };
  }
  return new Promise((resolve, reject) => {
    const input: PartThreadInput = { instanceJson, warmStart };
    const thread = new Worker(PART_THREAD_FILE, { workerData: input });
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
    };
    thread.on('message', (m: PartThreadMessage) => {
      if (m.kind === 'progress') onProgress(m.fraction);
      else if (m.kind === 'solved') settle(() => resolve({ planJson: m.planJson, stats: m.stats }));
      else settle(() => reject(m.invalidInstance ? new NonRetryableError(m.message) : new Error(m.message)));
    });
    thread.on('error', (e) => settle(() => reject(e)));
    thread.on('exit', (code) =>
      settle(() => reject(new Error(`the part's solver thread exited (${code}) before answering`))),
    );
  });
}
