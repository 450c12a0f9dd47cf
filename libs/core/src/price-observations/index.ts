export * from './price-observation.entity';
export * from './price-observations.module';
export * from './price-observations.service';
export * from './price-observation.rules';
export * from './price-watch-alerts';
