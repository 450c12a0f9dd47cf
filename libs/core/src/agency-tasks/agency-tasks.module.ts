import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgencyTask } from './agency-task.entity';
import { AgencyTasksService } from './agency-tasks.service';

@Module({
  imports: [TypeOrmModule.forFeature([AgencyTask])],
  providers: [AgencyTasksService],
  exports: [AgencyTasksService],
})
export class AgencyTasksModule {}
