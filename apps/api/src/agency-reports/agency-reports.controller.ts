import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor, AdHocReportsService, AgencyReportRemindersService, AgencyReportsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuditLogPageResponse } from '../audit-logs/audit-log.dto';
import {
  AdHocReportPageResponse,
  AdHocReportResponse,
  AgencyHistoryQueryDto,
  AgencyQueryDto,
  AgencyReportResponse,
  AgencyWeekSummaryResponse,
  CreateAdHocReportDto,
  ListAdHocReportsQueryDto,
  ReminderResultResponse,
  ReminderScheduleDto,
  ReminderScheduleResponse,
  RemindAgenciesDto,
  SubmitAgencyReportDto,
  SubmitAgencyReportResponse,
  WeekParamDto,
  WeekQueryDto,
} from './agency-report.dto';

/**
 * The weekly reporting duty: agencies send their report for an ISO week; staff see who has not
 * and remind them. Static paths come before `:week` so they are never read as a week.
 */
@ApiTags('agency-reports')
@ApiBearerAuth()
@Controller('agency-reports')
export class AgencyReportsController {
  constructor(
    private readonly reports: AgencyReportsService,
    private readonly reminders: AgencyReportRemindersService,
  ) {}

  /** Staff: every agency, submitted and missing; an agency user: its own. */
  @Roles('admin', 'staff', 'agency')
  @Get()
  @ApiOkResponse({ type: AgencyWeekSummaryResponse })
  overview(@CurrentActor() actor: Actor, @Query() q: WeekQueryDto) {
    return this.reports.overview(actor, q.week);
  }

  @Roles('admin', 'staff')
  @Get('reminder-schedule')
  @ApiOkResponse({ type: ReminderScheduleResponse })
  schedule() {
    return this.reminders.getSchedule();
  }

  /** The weekday and hour missing agencies are reminded, every week (a BullMQ job scheduler). */
  @Roles('admin', 'staff')
  @Put('reminder-schedule')
  @ApiOkResponse({ type: ReminderScheduleResponse })
  @ApiUnprocessableEntityResponse({ description: 'AGENCY_REPORT.INVALID_SCHEDULE, MATCHING_SCHEDULE.INVALID_TIMEZONE' })
  setSchedule(@CurrentActor() actor: Actor, @Body() dto: ReminderScheduleDto) {
    return this.reminders.setSchedule(actor, dto);
  }

  /** Reminds now: every agency still missing the week's report, or the ones named. */
  @Roles('admin', 'staff')
  @Post('reminders')
  @HttpCode(200)
  @ApiOkResponse({ type: ReminderResultResponse })
  @ApiUnprocessableEntityResponse({ description: 'AGENCY_REPORT.NOT_MISSING' })
  remind(@CurrentActor() actor: Actor, @Body() dto: RemindAgenciesDto) {
    return this.reminders.remindNow(actor, dto.week, dto.agencyIds);
  }

  /** An agency's reports, newest week first (an agency user: its own). */
  @Roles('admin', 'staff', 'agency')
  @Get('by-agency')
  @ApiOkResponse({ type: [AgencyReportResponse] })
  byAgency(@CurrentActor() actor: Actor, @Query() q: AgencyQueryDto) {
    return this.reports.listForAgency(actor, q.agencyId);
  }

  @Roles('admin', 'staff', 'agency')
  @Get(':week')
  @ApiOkResponse({ type: AgencyReportResponse })
  @ApiNotFoundResponse({ description: 'AGENCY_REPORT.NOT_FOUND: not sent yet' })
  @ApiForbiddenResponse({ description: 'AGENCY_REPORT.FORBIDDEN: another agency' })
  get(@CurrentActor() actor: Actor, @Param() p: WeekParamDto, @Query() q: AgencyQueryDto) {
    return this.reports.get(actor, p.week, q.agencyId);
  }

  /** Sends (or replaces) the week's report: idempotent; each change is a new revision, the earlier kept in the history. */
  @Roles('admin', 'staff', 'agency')
  @Put(':week')
  @ApiOkResponse({ type: SubmitAgencyReportResponse })
  @ApiForbiddenResponse({ description: 'AGENCY_REPORT.FORBIDDEN: another agency' })
  @ApiUnprocessableEntityResponse({ description: 'AGENCY_REPORT.EMPTY, AGENCY_REPORT.WEEK_IN_FUTURE, AGENCY_REPORT.UNKNOWN_PRODUCT, AGENCY_REPORT.DUPLICATE_LINE, AGENCY_REPORT.LINE_WITHOUT_FIGURES' })
  submit(@CurrentActor() actor: Actor, @Param() p: WeekParamDto, @Body() dto: SubmitAgencyReportDto) {
    return this.reports.submit(actor, p.week, dto);
  }

  @Roles('admin', 'staff', 'agency')
  @Get(':week/history')
  @ApiOkResponse({ type: AuditLogPageResponse })
  history(@CurrentActor() actor: Actor, @Param() p: WeekParamDto, @Query() q: AgencyHistoryQueryDto) {
    return this.reports.history(actor, p.week, q.agencyId, q);
  }
}

/** Báo cáo đột xuất: an agency's report on one subject and date. */
@ApiTags('agency-reports')
@ApiBearerAuth()
@Controller('ad-hoc-reports')
export class AdHocReportsController {
  constructor(private readonly adHoc: AdHocReportsService) {}

  @Roles('admin', 'staff', 'agency')
  @Post()
  @ApiCreatedResponse({ type: AdHocReportResponse })
  @ApiUnprocessableEntityResponse({ description: 'AD_HOC_REPORT.SUBJECT_REQUIRED, AD_HOC_REPORT.CONTENT_REQUIRED, AD_HOC_REPORT.DATE_IN_FUTURE' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAdHocReportDto) {
    return this.adHoc.create(actor, dto);
  }

  @Roles('admin', 'staff', 'agency')
  @Get()
  @ApiOkResponse({ type: AdHocReportPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListAdHocReportsQueryDto) {
    return this.adHoc.list(actor, q);
  }

  @Roles('admin', 'staff', 'agency')
  @Get(':id')
  @ApiOkResponse({ type: AdHocReportResponse })
  @ApiNotFoundResponse({ description: 'AD_HOC_REPORT.NOT_FOUND (also for another agency’s report)' })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.adHoc.get(actor, id);
  }
}
