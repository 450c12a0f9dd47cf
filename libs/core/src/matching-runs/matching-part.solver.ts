import { InstanceValidationError, parseInstance, solveMatching, workersAvailable, type MatchingPlan } from '@agrilink/matching-engine';
import { NonRetryableError } from '../common/durable-jobs/non-retryable.error';

/**
 * Solves one part of a run (one product's instance) exactly. The one place a part meets the engine,
 * wherever it runs; a warm start (issue 17, item 3) plugs in here. Off the event loop when the
 * compiled engine worker is present, so the queue worker keeps renewing its job's lock meanwhile.
 * The engine's errors about the instance become a NonRetryableError: a bad instance will not get
 * better by retrying.
 */
export async function solveMatchingPart(instance: unknown, onProgress: (fraction: number) => void = () => undefined): Promise<MatchingPlan> {
  try {
    const parsed = parseInstance(instance);
    return await solveMatching(parsed, { threads: workersAvailable() ? 1 : 0, offThread: true, onProgress });
  } catch (e) {
    if (e instanceof InstanceValidationError) throw new NonRetryableError(e.message, e);
    throw e;
  }
}

/** Validates a whole run's instance before it is split, so a bad instance fails the run at once. */
export function assertValidInstance(instance: unknown): void {
  try {
    parseInstance(instance);
  } catch (e) {
    if (e instanceof InstanceValidationError) throw new NonRetryableError(e.message, e);
    throw e;
  }
}
