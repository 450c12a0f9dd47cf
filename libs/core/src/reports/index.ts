export * from './iso-week';
export * from './reports.module';
export * from './reports.service';
export * from './weekly-report.xlsx';
