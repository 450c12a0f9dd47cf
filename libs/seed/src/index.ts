export * from './demo-data-set';
export * from './demo-normalisers';
export * from './seeding.module';
export * from './seeding.service';
