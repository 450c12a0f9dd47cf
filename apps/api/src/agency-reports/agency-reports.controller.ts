import { Body, Controller, Get, Param, Put, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import {
  Actor,
  AdHocReportsService,
  AgencyReportRemindersService,
  AgencyReportsService,
  agencyReportTemplate,
  DomainError,
} from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { AuditLogPageResponse } from '../audit-logs/audit-log.dto';
import { ApiFileOkResponse, XLSX } from '../common/api-responses';
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
  SubmitAgencyReportSpreadsheetDto,
  WeekParamDto,
  WeekQueryDto,
} from './agency-report.dto';
import { ApiErrors } from '../common/api-errors';
import { ApiController, IdParam, Route } from '../common/routes';

/**
 * The weekly reporting duty: agencies send their report for an ISO week; staff see who has not
 * and remind them. Static paths come before `:week` so they are never read as a week.
 */
@ApiController('agency-reports')
export class AgencyReportsController {
  constructor(
    private readonly reports: AgencyReportsService,
    private readonly reminders: AgencyReportRemindersService,
  ) {}

  /** Staff: every agency, submitted and missing; an agency user: its own. */
  @Route('get', undefined, {
    roles: ['admin', 'staff', 'agency'],
    summary: 'Which agencies reported for a week',
    ok: AgencyWeekSummaryResponse,
  })
  overview(@CurrentActor() actor: Actor, @Query() q: WeekQueryDto) {
    return this.reports.overview(actor, q.week);
  }

  @Route('get', 'reminder-schedule', {
    roles: ['admin', 'staff'],
    summary: 'The reminder schedule for weekly agency reports',
    ok: ReminderScheduleResponse,
  })
  schedule() {
    return this.reminders.getSchedule();
  }

  /** The weekday and hour missing agencies are reminded, every week (a BullMQ job scheduler). */
  @Route('put', 'reminder-schedule', {
    roles: ['admin', 'staff'],
    summary: 'Change the reminder schedule',
    ok: ReminderScheduleResponse,
    described: { 422: 'AGENCY_REPORT.INVALID_SCHEDULE, MATCHING_SCHEDULE.INVALID_TIMEZONE' },
  })
  setSchedule(@CurrentActor() actor: Actor, @Body() dto: ReminderScheduleDto) {
    return this.reminders.setSchedule(actor, dto);
  }

  /** Reminds now: every agency still missing the week's report, or the ones named. */
  @Route('post', 'reminders', {
    roles: ['admin', 'staff'],
    status: 200,
    summary: 'Remind the agencies that have not reported',
    ok: ReminderResultResponse,
    described: { 422: 'AGENCY_REPORT.NOT_MISSING' },
  })
  remind(@CurrentActor() actor: Actor, @Body() dto: RemindAgenciesDto) {
    return this.reminders.remindNow(actor, dto.week, dto.agencyIds);
  }

  /** The weekly report as a spreadsheet to fill in and send back with PUT /agency-reports/{week}/spreadsheet. */
  @Roles('admin', 'staff', 'agency')
  @Get('template')
  @ApiOperation({ summary: 'The agency report spreadsheet template' })
  @ApiFileOkResponse('the template workbook (mau-bao-cao-tuan.xlsx)', XLSX)
  async template(@Res() res: Response) {
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', 'attachment; filename="mau-bao-cao-tuan.xlsx"');
    res.send(await agencyReportTemplate());
  }

  /** An agency's reports, newest week first (an agency user: its own). */
  @Roles('admin', 'staff', 'agency')
  @Get('by-agency')
  @ApiOperation({ summary: 'Reports of one agency over weeks' })
  @ApiOkResponse({ type: [AgencyReportResponse] })
  byAgency(@CurrentActor() actor: Actor, @Query() q: AgencyQueryDto) {
    return this.reports.listForAgency(actor, q.agencyId);
  }

  @Route('get', ':week', {
    roles: ['admin', 'staff', 'agency'],
    summary: "The caller's agency report for a week",
    ok: AgencyReportResponse,
    described: { 404: 'AGENCY_REPORT.NOT_FOUND: not sent yet', 403: 'AGENCY_REPORT.FORBIDDEN: another agency' },
  })
  get(@CurrentActor() actor: Actor, @Param() p: WeekParamDto, @Query() q: AgencyQueryDto) {
    return this.reports.get(actor, p.week, q.agencyId);
  }

  /** Sends (or replaces) the week's report: idempotent; each change is a new revision, the earlier kept in the history. */
  @Route('put', ':week', {
    roles: ['admin', 'staff', 'agency'],
    summary: 'Submit or correct the agency report for a week',
    ok: SubmitAgencyReportResponse,
    errors: { 409: 'The week is closed' },
    described: {
      403: 'AGENCY_REPORT.FORBIDDEN: another agency',
      422: 'AGENCY_REPORT.EMPTY, AGENCY_REPORT.WEEK_IN_FUTURE, AGENCY_REPORT.UNKNOWN_PRODUCT, AGENCY_REPORT.DUPLICATE_LINE, AGENCY_REPORT.LINE_WITHOUT_FIGURES',
    },
  })
  submit(@CurrentActor() actor: Actor, @Param() p: WeekParamDto, @Body() dto: SubmitAgencyReportDto) {
    return this.reports.submit(actor, p.week, dto);
  }

  /** Sends (or replaces) the week's report from the filled-in template (.xlsx or .csv in the multipart field "file"). */
  @Roles('admin', 'staff', 'agency')
  @Put(':week/spreadsheet')
  @ApiOperation({ summary: 'Submit the agency report for a week as a spreadsheet' })
  @ApiErrors({ 409: 'The week is closed' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: SubmitAgencyReportSpreadsheetDto })
  @ApiOkResponse({ type: SubmitAgencyReportResponse })
  @ApiPayloadTooLargeResponse({ description: 'IMPORT.FILE_TOO_LARGE' })
  @ApiUnprocessableEntityResponse({
    description:
      'IMPORT.WRONG_HEADERS, IMPORT.EMPTY_FILE, AGENCY_REPORT.SPREADSHEET_ROW, AGENCY_REPORT.INVALID_KG, and the form’s codes',
  })
  @UseInterceptors(FileInterceptor('file'))
  submitSpreadsheet(
    @CurrentActor() actor: Actor,
    @Param() p: WeekParamDto,
    @Query() q: AgencyQueryDto,
    @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined,
  ) {
    if (!file)
      throw new DomainError(
        'bad_request',
        'IMPORT.FILE_REQUIRED',
        'file is required: the filled-in template in the multipart field "file"',
        [{ field: 'file', message: 'file is required' }],
      );
    return this.reports.submitSpreadsheet(
      actor,
      p.week,
      { fileName: Buffer.from(file.originalname || 'bao-cao.xlsx', 'latin1').toString('utf8'), content: file.buffer },
      q.agencyId,
    );
  }

  @Route('get', ':week/history', {
    roles: ['admin', 'staff', 'agency'],
    summary: 'Changes of an agency report (audit log)',
    ok: AuditLogPageResponse,
    errors: { 404: 'AGENCY_REPORT.NOT_FOUND' },
  })
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

  @Route('post', undefined, {
    roles: ['admin', 'staff', 'agency'],
    summary: 'Ask agencies for an ad-hoc report',
    created: AdHocReportResponse,
    described: { 422: 'AD_HOC_REPORT.SUBJECT_REQUIRED, AD_HOC_REPORT.CONTENT_REQUIRED, AD_HOC_REPORT.DATE_IN_FUTURE' },
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAdHocReportDto) {
    return this.adHoc.create(actor, dto);
  }

  @Route('get', undefined, {
    roles: ['admin', 'staff', 'agency'],
    summary: 'List ad-hoc report requests',
    ok: AdHocReportPageResponse,
  })
  list(@CurrentActor() actor: Actor, @Query() q: ListAdHocReportsQueryDto) {
    return this.adHoc.list(actor, q);
  }

  @Route('get', ':id', {
    roles: ['admin', 'staff', 'agency'],
    summary: 'One ad-hoc report request with its answers',
    ok: AdHocReportResponse,
    described: { 404: 'AD_HOC_REPORT.NOT_FOUND (also for another agency’s report)' },
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.adHoc.get(actor, id);
  }
}
