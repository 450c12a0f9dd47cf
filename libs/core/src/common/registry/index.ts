// The registry kit: what every registry resource (cooperatives, buyers, lots,
// requests, areas, operators, zones…) shares, so a rule is written once.
export * from './organization-fields';
export * from './registry-fields';
export * from './patch';
export * from './postgres-errors';
export * from './rule-check';
export * from './staff';
export * from './organization-registry';
