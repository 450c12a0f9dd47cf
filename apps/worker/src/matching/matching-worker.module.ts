import { Module } from '@nestjs/common';
import { MatchingRunsModule } from '@agrilink/core';
import { MatchingRunProcessor } from './matching-run.processor';
import { MatchingRunSweeper } from './matching-run.sweeper';

@Module({ imports: [MatchingRunsModule], providers: [MatchingRunProcessor, MatchingRunSweeper] })
export class MatchingWorkerModule {}
