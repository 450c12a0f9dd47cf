import { Injectable, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { DurableJobs } from './durable-jobs';

/**
 * Work that recurs (recovery, an outbox poll): a BullMQ job scheduler per entry, so Redis makes
 * one job per iteration however many processes run the processors, instead of a `setInterval`
 * in each of them. Features register theirs at module init; `JobSchedulersBootstrap` upserts them.
 */
export interface PeriodicJob {
  /** The scheduler's id in Redis and the job's name. Renaming one leaves the old scheduler firing: remove it too. */
  name: string;
  repeat: { every: number } | { pattern: string; tz?: string };
  run(job: Job): Promise<unknown>;
}

@Injectable()
export class PeriodicJobs {
  private readonly jobs = new Map<string, PeriodicJob>();

  register(job: PeriodicJob): void {
    if (this.jobs.has(job.name)) throw new Error(`periodic job ${job.name} registered twice`);
    this.jobs.set(job.name, job);
  }

  get(name: string): PeriodicJob | undefined {
    return this.jobs.get(name);
  }

  all(): PeriodicJob[] {
    return [...this.jobs.values()];
  }
}

/** Every kind of durable job in this process, so one periodic job recovers them all. */
@Injectable()
export class DurableJobsRegistry {
  private readonly log = new Logger('DurableJobs');
  private readonly kinds: DurableJobs[] = [];

  add(jobs: DurableJobs): DurableJobs {
    this.kinds.push(jobs);
    return jobs;
  }

  /** Recovers each kind; one kind's trouble (its table locked, Redis slow) does not stop the others. */
  async recoverAll(): Promise<number> {
    let fixed = 0;
    for (const kind of this.kinds) {
      try {
        fixed += await kind.recover();
      } catch (e) {
        this.log.warn(`recovery of ${kind.kind.noun}s failed: ${(e as Error).message}`);
      }
    }
    return fixed;
  }
}
