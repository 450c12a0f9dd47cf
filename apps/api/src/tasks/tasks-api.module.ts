import { Module } from '@nestjs/common';
import { AgencyTasksModule } from '@agrilink/core';
import { TasksController } from './tasks.controller';

@Module({ imports: [AgencyTasksModule], controllers: [TasksController] })
export class TasksApiModule {}
