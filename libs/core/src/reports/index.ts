export * from './iso-week';
export * from './reports.module';
export * from './reports.service';
export * from './weekly-report.xlsx';
export * from './harvest-capacity.report';
export * from './harvest-forecast.report';
export * from './harvest-forecast.repository';
export * from './harvest-spread';
