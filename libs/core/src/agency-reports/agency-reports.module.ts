import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '../notifications/notifications.module';
import {
  AdHocReport,
  AgencyReport,
  AgencyReportLine,
  AgencyReportReminder,
  AgencyReportReminderSchedule,
} from './agency-report.entity';
import { AdHocReportsService } from './ad-hoc-reports.service';
import { AgencyReportRemindersService } from './agency-report-reminders.service';
import { AgencyReportsService } from './agency-reports.service';

const PROVIDERS = [AgencyReportsService, AgencyReportRemindersService, AdHocReportsService];

/** Needs QueueModule.forRoot() (global) in the root module for the schedules queue. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      AgencyReport,
      AgencyReportLine,
      AgencyReportReminder,
      AgencyReportReminderSchedule,
      AdHocReport,
    ]),
    NotificationsModule,
  ],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class AgencyReportsModule {}
