import { Module } from '@nestjs/common';
import { MatchingSchedulesModule, SupplyLotsModule } from '@agrilink/core';
import { SchedulesBootstrap } from './schedules.bootstrap';
import { SchedulesProcessor } from './schedules.processor';

@Module({ imports: [MatchingSchedulesModule, SupplyLotsModule], providers: [SchedulesProcessor, SchedulesBootstrap] })
export class SchedulesWorkerModule {}
