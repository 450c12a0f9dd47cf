import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { InstanceValidationError } from '@agrilink/matching-engine';
import { MatchingRunsService } from '@agrilink/core';
import { JobName, QueueName, RunMatchingPayload } from '@agrilink/queue';

/**
 * Thin: reload the run by id, call the service, report progress. A worker that dies mid-run
 * stops renewing its lock; after `lockDuration` another worker's stalled check puts the job back
 * and the service restarts the run it finds `running` (its writes are delete-then-insert, so a
 * repeat never duplicates). The solve runs in worker threads, so the event loop keeps the lock fresh.
 */
@Processor(QueueName.Matching, { concurrency: 1, lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: 2 })
export class MatchingRunProcessor extends WorkerHost {
  private readonly log = new Logger('MatchingRunProcessor');

  constructor(private readonly runs: MatchingRunsService) {
    super();
  }

  async process(job: Job<RunMatchingPayload>): Promise<string> {
    if (job.name !== JobName.RunMatching) throw new UnrecoverableError(`unknown job ${job.name}`);
    const { matchingRunId } = job.data;
    try {
      return await this.runs.execute(matchingRunId, (p) => job.updateProgress(p).catch(() => undefined));
    } catch (e) {
      const err = e as Error;
      // A bad instance will not get better by retrying.
      const final = err instanceof InstanceValidationError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.log.warn(`run ${matchingRunId} attempt ${job.attemptsMade + 1} failed${final ? ' for good' : ''}: ${err.message}`);
      await this.runs.recordFailure(matchingRunId, err.message, final).catch((x) => this.log.error(`could not record the failure: ${x.message}`));
      throw final && !(err instanceof UnrecoverableError) ? new UnrecoverableError(err.message) : err;
    }
  }
}
