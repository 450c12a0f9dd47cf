export * from './price-observation.entity';
export * from './price-observations.module';
export * from './price-observations.service';
