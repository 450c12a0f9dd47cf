import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MatchingRunsModule } from '../matching-runs/matching-runs.module';
import { MatchingSchedule } from './matching-schedule.entity';
import { MatchingSchedulesService } from './matching-schedules.service';

/** Needs QueueModule.forRoot() (global) in the root module for the schedules queue. */
@Module({
  imports: [TypeOrmModule.forFeature([MatchingSchedule]), MatchingRunsModule],
  providers: [MatchingSchedulesService],
  exports: [MatchingSchedulesService],
})
export class MatchingSchedulesModule {}
