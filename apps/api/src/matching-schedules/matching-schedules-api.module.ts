import { Module } from '@nestjs/common';
import { MatchingSchedulesModule } from '@agrilink/core';
import { MatchingSchedulesController } from './matching-schedules.controller';

@Module({ imports: [MatchingSchedulesModule], controllers: [MatchingSchedulesController] })
export class MatchingSchedulesApiModule {}
