export * from './administrative-units.source';
export * from './product-catalogue';
export * from './reference-data.loader';
export * from './harvest-calendar';
export * from './stored-units.translation';
