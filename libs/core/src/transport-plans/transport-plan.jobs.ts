import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { JobName, QueueName, RunTransportPlanPayload } from '@agrilink/queue';
import { DurableJobs } from '../common/durable-jobs/durable-jobs';
import { DurableJobsRegistry } from '../common/durable-jobs/periodic-jobs';

/** Transport plans as durable jobs: the `transport_plans` row is the record, its id the job id. */
@Injectable()
export class TransportPlanJobs extends DurableJobs {
  constructor(
    dataSource: DataSource,
    @InjectQueue(QueueName.TransportPlans) queue: Queue<RunTransportPlanPayload>,
    registry: DurableJobsRegistry,
  ) {
    super(dataSource, {
      noun: 'transport plan',
      table: 'transport_plans',
      queue,
      jobName: JobName.RunTransportPlan,
      payload: (id) => ({ transportPlanId: id }),
      onClaim: 'attempts = attempts + 1, progress = 0, started_at = now()',
      errorValue: (message) => message,
    });
    registry.add(this);
  }
}
