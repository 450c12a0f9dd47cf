import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Job, Queue, UnrecoverableError } from 'bullmq';
import { JobName, QueueName } from '@agrilink/queue';
import { DurableJobsRegistry, PeriodicJobs } from './periodic-jobs';

const RECOVER_EVERY_MS = 5_000;
/**
 * A Redis that lost its data lost the job schedulers too; they are upserted again when the queue's
 * connection comes back and once a minute (an idempotent write, not the periodic work itself).
 */
const RE_REGISTER_EVERY_MS = 60_000;

/** Runs the jobs the periodic schedulers make, each by its registered handler. */
@Processor(QueueName.Maintenance, { concurrency: 1, lockDuration: 30_000 })
export class MaintenanceProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    private readonly periodic: PeriodicJobs,
    private readonly durable: DurableJobsRegistry,
  ) {
    super();
  }

  onModuleInit(): void {
    this.periodic.register({
      name: JobName.RecoverDurableJobs,
      repeat: { every: RECOVER_EVERY_MS },
      run: () => this.durable.recoverAll(),
    });
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.periodic.get(job.name);
    if (!handler) throw new UnrecoverableError(`unknown job ${job.name}`);
    return handler.run(job);
  }
}

@Injectable()
export class JobSchedulersBootstrap implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('JobSchedulers');
  private timer?: NodeJS.Timeout;
  private readonly onReady = () => void this.upsertAll();

  constructor(
    private readonly periodic: PeriodicJobs,
    @InjectQueue(QueueName.Maintenance) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.upsertAll();
    (await this.queue.client).on('ready', this.onReady);
    this.timer = setInterval(this.onReady, RE_REGISTER_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    (await this.queue.client.catch(() => undefined))?.off('ready', this.onReady);
  }

  private async upsertAll(): Promise<void> {
    try {
      for (const p of this.periodic.all()) {
        // Housekeeping leaves no trail of finished jobs in Redis.
        await this.queue.upsertJobScheduler(p.name, p.repeat, {
          name: p.name,
          data: {},
          opts: { attempts: 1, removeOnComplete: true, removeOnFail: 50 },
        });
      }
    } catch (e) {
      this.log.warn(`job schedulers not registered yet: ${(e as Error).message}`);
    }
  }
}
