export * from './agency-report.entity';
export * from './agency-report.rules';
export * from './agency-reports.service';
export * from './agency-report-reminders.service';
export * from './ad-hoc-reports.service';
export * from './agency-reports.module';
export * from './agency-report.spreadsheet';
