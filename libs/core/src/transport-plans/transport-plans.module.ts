import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoadsModule } from '../loads/loads.module';
import { TransportPlan } from './transport-plan.entity';
import { TransportPlanJobs } from './transport-plan.jobs';
import { TransportPlanProcessor } from './transport-plan.processor';
import { TransportPlansRepository } from './transport-plans.repository';
import { TransportPlansService } from './transport-plans.service';

/** Needs QueueModule.forRoot() (global) and DurableJobsModule (global) in the root module. */
@Module({
  imports: [TypeOrmModule.forFeature([TransportPlan]), LoadsModule],
  providers: [TransportPlansService, TransportPlansRepository, TransportPlanJobs],
  exports: [TransportPlansService, TransportPlanJobs],
})
export class TransportPlansModule {}

/** The worker's side: registered by a process that runs the job processors. */
@Module({ imports: [TransportPlansModule], providers: [TransportPlanProcessor] })
export class TransportPlanProcessorsModule {}
