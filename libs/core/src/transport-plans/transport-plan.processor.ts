import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { isJobNamed, JobName, QueueName, RunTransportPlanPayload } from '@agrilink/queue';
import { TransportPlanJobs } from './transport-plan.jobs';
import { TransportPlansService } from './transport-plans.service';

/** Thin: the plan's id in, one service call, progress on the row; a retry rewrites the result whole. */
@Processor(QueueName.TransportPlans, {
  concurrency: 1,
  lockDuration: 30_000,
  stalledInterval: 10_000,
  maxStalledCount: 2,
})
export class TransportPlanProcessor extends WorkerHost {
  constructor(
    private readonly jobs: TransportPlanJobs,
    private readonly plans: TransportPlansService,
  ) {
    super();
  }

  async process(job: Job<RunTransportPlanPayload>): Promise<'completed' | 'skipped'> {
    if (!isJobNamed(job, JobName.RunTransportPlan)) throw new UnrecoverableError(`unknown job ${job.name}`);
    const { transportPlanId } = job.data;
    return this.jobs.runAttempt(job, transportPlanId, async (onProgress) => {
      if (!(await this.jobs.claim(transportPlanId))) return 'skipped';
      return this.plans.execute(transportPlanId, onProgress);
    });
  }
}
