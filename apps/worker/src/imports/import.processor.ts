import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { ImportsService } from '@agrilink/core';
import { JobName, ProcessImportPayload, QueueName } from '@agrilink/queue';

/**
 * Thin: the service reloads the import (and its file) from PostgreSQL, checks its
 * status, parses, validates and writes in one transaction. A rerun after a crash
 * is safe: a finished import is left alone and writes are ON CONFLICT DO NOTHING.
 * Parsing a 100 000-row workbook holds the event loop for about ten seconds: the lock outlasts
 * that, yet a killed process's import is taken up again within about 40 s.
 */
@Processor(QueueName.Imports, { concurrency: 1, lockDuration: 30_000, stalledInterval: 10_000, maxStalledCount: 2 })
export class ImportProcessor extends WorkerHost {
  private readonly log = new Logger('ImportProcessor');

  constructor(private readonly imports: ImportsService) {
    super();
  }

  async process(job: Job<ProcessImportPayload>) {
    if (job.name !== JobName.ProcessImport) throw new UnrecoverableError(`unknown job ${job.name}`);
    const { importId } = job.data;
    try {
      const view = await this.imports.process(importId, (p) => job.updateProgress(Math.round(p)).catch(() => undefined));
      return { status: view.status, writtenRows: view.writtenRows };
    } catch (e) {
      const err = e as Error;
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.log.warn(`import ${importId} attempt ${job.attemptsMade + 1} failed${final ? ' for good' : ''}: ${err.message}`);
      if (final) await this.imports.markFailed(importId, err.message).catch((x) => this.log.error(`could not record the failure: ${x.message}`));
      throw err;
    }
  }
}

const SWEEP_EVERY_MS = 30_000;

/** Re-enqueues imports PostgreSQL holds as queued or running but Redis lost. */
@Injectable()
export class ImportSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('ImportSweeper');
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(private readonly imports: ImportsService) {}

  onApplicationBootstrap(): void {
    void this.tick(0);
    this.timer = setInterval(() => void this.tick(SWEEP_EVERY_MS), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(olderThanMs: number): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.imports.requeuePending(olderThanMs);
    } catch (e) {
      this.log.warn(`sweep failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
