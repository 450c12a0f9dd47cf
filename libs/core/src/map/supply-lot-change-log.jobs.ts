import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName } from '@agrilink/queue';
import { PeriodicJobs } from '../common/durable-jobs/periodic-jobs';
import { trimSupplyLotChanges } from './supply-lot-snapshot';

const TRIM_EVERY_MS = 60_000;

/**
 * The supply lot change log is shared by every process's map snapshot; trimming it is one DELETE per
 * iteration for the whole deployment, so it is a BullMQ job scheduler run by whichever worker takes
 * it, not a timer in each api process.
 */
@Injectable()
export class SupplyLotChangeLogJobs implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly periodic: PeriodicJobs,
  ) {}

  onModuleInit(): void {
    this.periodic.register({
      name: JobName.TrimSupplyLotChanges,
      repeat: { every: TRIM_EVERY_MS },
      run: () => trimSupplyLotChanges(this.dataSource),
    });
  }
}
