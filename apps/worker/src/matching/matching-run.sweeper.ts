import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MatchingRunsService } from '@agrilink/core';

const SWEEP_EVERY_MS = 5_000;

/** Re-enqueues runs PostgreSQL says are pending but Redis lost (a restart without persistence, an api that could not reach Redis). */
@Injectable()
export class MatchingRunSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('MatchingRunSweeper');
  private timer?: NodeJS.Timeout;
  private running = false;

  constructor(private readonly runs: MatchingRunsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const fixed = await this.runs.sweep();
      if (fixed) this.log.log(`re-enqueued or settled ${fixed} matching run(s)`);
    } catch (e) {
      // Redis or PostgreSQL briefly away: the next tick tries again.
      this.log.warn(`sweep failed: ${(e as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
