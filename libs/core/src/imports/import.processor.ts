import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job, UnrecoverableError } from 'bullmq';
import { JobName, ProcessImportPayload, QueueName } from '@agrilink/queue';
import { ImportJobs } from './import.jobs';
import { ImportsService } from './imports.service';

/**
 * Thin: the service reloads the import (and its file) from PostgreSQL, checks its status, parses,
 * validates and writes in one transaction. A rerun after a crash is safe: a finished import is
 * left alone and its writes happen in one transaction. Parsing a 100 000-row workbook holds the
 * event loop for about ten seconds: the lock outlasts that, yet a killed process's import is taken
 * up again within about 40 s.
 */
@Processor(QueueName.Imports, { concurrency: 1, lockDuration: 30_000, stalledInterval: 10_000, maxStalledCount: 2 })
export class ImportProcessor extends WorkerHost {
  constructor(
    private readonly jobs: ImportJobs,
    private readonly imports: ImportsService,
  ) {
    super();
  }

  async process(job: Job<ProcessImportPayload>) {
    if (job.name !== JobName.ProcessImport) throw new UnrecoverableError(`unknown job ${job.name}`);
    const { importId } = job.data;
    const view = await this.jobs.runAttempt(job, importId, (onProgress) => this.imports.process(importId, onProgress));
    return { status: view.status, writtenRows: view.writtenRows };
  }
}
