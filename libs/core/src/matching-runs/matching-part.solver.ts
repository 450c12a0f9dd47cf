import {
  InstanceValidationError,
  parseInstance,
  solveMatching,
  workersAvailable,
  type MatchingInstance,
  type MatchingPlan,
  type WarmStart,
} from '@agrilink/matching-engine';
import { NonRetryableError } from '../common/durable-jobs/non-retryable.error';

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
