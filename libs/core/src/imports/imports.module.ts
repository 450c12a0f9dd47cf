import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Import } from './import.entity';
import { ImportJobs } from './import.jobs';
import { ImportProcessor } from './import.processor';
import { ImportsService } from './imports.service';

/** Needs QueueModule.forRoot() (global) and DurableJobsModule (global) in the root module. */
@Module({
  imports: [TypeOrmModule.forFeature([Import])],
  providers: [ImportsService, ImportJobs],
  exports: [ImportsService, ImportJobs],
})
export class ImportsModule {}

/** The worker's side: registered by a process that runs the job processors. */
@Module({ imports: [ImportsModule], providers: [ImportProcessor] })
export class ImportProcessorsModule {}
