import { Module } from '@nestjs/common';
import { MatchingRunsModule, ProposalsModule } from '@agrilink/core';
import { MatchingRunsController } from './matching-runs.controller';

@Module({ imports: [MatchingRunsModule, ProposalsModule], controllers: [MatchingRunsController] })
export class MatchingRunsApiModule {}
