import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import { ProductsModule } from '../products/products.module';
import { MatchingRun } from './matching-run.entity';
import { MatchingRunsService } from './matching-runs.service';

/** Needs QueueModule.forRoot() (global) in the root module for the matching queue. */
@Module({
  imports: [TypeOrmModule.forFeature([MatchingRun]), ProductsModule, NotificationsModule],
  providers: [MatchingRunsService],
  exports: [MatchingRunsService],
})
export class MatchingRunsModule {}
