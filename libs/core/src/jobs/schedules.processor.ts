import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { FireMatchingSchedulePayload, JobName, QueueName } from '@agrilink/queue';
import { AgencyReportRemindersService } from '../agency-reports/agency-report-reminders.service';
import { MatchingSchedulesService } from '../matching-schedules/matching-schedules.service';
import { SupplyLotExpiryService } from '../supply-lots/supply-lot-expiry.service';

/**
 * Jobs made by BullMQ job schedulers. Redis makes one job per iteration however many workers
 * listen, and a job retried after a crash finds its run already created (unique per iteration).
 */
@Processor(QueueName.Schedules, { concurrency: 2, lockDuration: 30_000 })
export class SchedulesProcessor extends WorkerHost {
  private readonly log = new Logger('SchedulesProcessor');

  constructor(
    private readonly schedules: MatchingSchedulesService,
    private readonly expiry: SupplyLotExpiryService,
    private readonly reminders: AgencyReportRemindersService,
  ) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    switch (job.name) {
      case JobName.FireMatchingSchedule as string: {
        const { matchingScheduleId } = job.data as FireMatchingSchedulePayload;
        const runId = await this.schedules.fire(matchingScheduleId, iterationTime(job));
        return { matchingRunId: runId };
      }
      case JobName.ExpireSupplyLots as string: {
        const expired = await this.expiry.expireLapsed();
        if (expired.length) this.log.log(`expired ${expired.length} supply lot(s) past their availableUntil`);
        return { expired: expired.length };
      }
      case JobName.RemindAgencyReports as string: {
        const result = await this.reminders.fireScheduled(iterationTime(job));
        if (result?.reminded.length)
          this.log.log(`reminded ${result.reminded.length} agency(ies) of their ${result.week} report`);
        return { week: result?.week ?? null, reminded: result?.reminded.length ?? 0 };
      }
      default:
        throw new UnrecoverableError(`unknown job ${job.name}`);
    }
  }
}

/** The iteration a scheduler job stands for: its id is `repeat:<scheduler>:<millis>`; else when it was due. */
function iterationTime(job: Job): Date {
  const id = job.id ?? '';
  const millis = Number(id.split(':').pop());
  // A job added by hand has a plain counter id, not an iteration time.
  if (id.startsWith('repeat:') && Number.isFinite(millis) && millis > 0) return new Date(millis);
  return new Date(job.timestamp + (job.opts.delay ?? 0));
}
