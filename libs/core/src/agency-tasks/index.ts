export * from './agency-task.entity';
export * from './agency-task.rules';
export * from './agency-tasks.service';
export * from './agency-tasks.module';
