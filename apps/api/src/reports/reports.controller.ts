import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppConfig } from '@agrilink/config';
import {
  Actor,
  buildWeeklyReportDocx,
  buildWeeklyReportXlsx,
  documentSettings,
  isoWeekOf,
  ReportsService,
  todayInVietnam,
} from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { BacklogQueryDto, HarvestCalendarQueryDto, PriceWatchQueryDto, WeeklyReportQueryDto } from './report.dto';
import { WeeklyReportResponseDto } from './weekly-report.dto';
import { BacklogByCommuneResponse, HarvestCalendarReportResponse, PriceWatchResponse } from './report-responses.dto';
import { ApiJsonOrFileOkResponse, DOCX, XLSX } from '../common/api-responses';
import { Route } from '../common/routes';

/** Reports are the Sở's working figures (prices, backlogs by commune): staff and admin only. */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('admin', 'staff')
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * KH 308 weekly report (báo cáo tuần): the figures as JSON; ?format=docx the report of the
   * Sở to the Sub-committee (Decree 30/2020/NĐ-CP layout, annex as tables); ?format=xlsx the annex.
   * Both files are built from the same JSON object.
   */
  @Get('weekly')
  @ApiOperation({ summary: 'KH 308 weekly report as JSON, .docx or .xlsx' })
  @ApiJsonOrFileOkResponse(
    WeeklyReportResponseDto,
    'JSON by default; the .docx or .xlsx file with format=docx or xlsx',
    DOCX,
    XLSX,
  )
  async weekly(@CurrentActor() actor: Actor, @Query() q: WeeklyReportQueryDto, @Res() res: Response) {
    const report = await this.reports.weekly(
      q.week ?? isoWeekOf(todayInVietnam()).label,
      q.province,
      q.units ?? 'current',
      actor,
    );
    if (q.format === 'xlsx' || q.format === 'docx') {
      const settings = documentSettings(this.config.officialReport, q);
      const file =
        q.format === 'xlsx'
          ? await buildWeeklyReportXlsx(report, settings)
          : await buildWeeklyReportDocx(report, settings);
      res.setHeader('Content-Type', q.format === 'xlsx' ? XLSX : DOCX);
      res.setHeader(
        'Content-Disposition',
        `attachment; filename="bao-cao-tuan-${report.week}${report.province ? `-${report.province}` : ''}.${q.format}"`,
      );
      res.send(file);
      return;
    }
    res.json(report);
  }

  @Route('get', 'harvest-calendar', {
    summary: 'Expected harvest by product and week',
    ok: HarvestCalendarReportResponse,
  })
  harvestCalendar(@CurrentActor() actor: Actor, @Query() q: HarvestCalendarQueryDto) {
    return this.reports.harvestCalendar(q.from, q.weeks ?? 12, q.province, actor);
  }

  @Route('get', 'price-watch', { summary: 'Weekly market prices with the changes to watch', ok: PriceWatchResponse })
  priceWatch(@CurrentActor() actor: Actor, @Query() q: PriceWatchQueryDto) {
    return this.reports.priceWatch(
      {
        product: q.product,
        weeks: q.weeks ?? 12,
        thresholdPercent: q.thresholdPercent ?? 10,
        to: q.to,
        provinceCode: q.provinceCode,
      },
      actor,
    );
  }

  @Route('get', 'backlog-by-commune', { summary: 'Unsold stock (tồn đọng) by commune', ok: BacklogByCommuneResponse })
  backlogByCommune(@CurrentActor() actor: Actor, @Query() q: BacklogQueryDto) {
    return this.reports.backlogByCommune(q.province, q.date, q.units ?? 'current', actor);
  }
}
