export * from './agency.entity';
export * from './agency.rules';
export * from './agencies.service';
export * from './agencies.module';
