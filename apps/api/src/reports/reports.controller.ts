import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { buildWeeklyReportXlsx, isoWeekOf, ReportsService, todayInVietnam } from '@agrilink/core';
import { Roles } from '../auth/roles.decorator';
import { BacklogQueryDto, HarvestCalendarQueryDto, PriceWatchQueryDto, WeeklyReportQueryDto } from './report.dto';

/** Reports are the Sở's working figures (prices, backlogs by commune): staff and admin only. */
@ApiTags('reports')
@ApiBearerAuth()
@Roles('admin', 'staff')
@Controller('reports')
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** KH 308 weekly report (báo cáo tuần): JSON, or the administrative .xlsx with ?format=xlsx. */
  @Get('weekly')
  async weekly(@Query() q: WeeklyReportQueryDto, @Res() res: Response) {
    const report = await this.reports.weekly(q.week ?? isoWeekOf(todayInVietnam()).label, q.province);
    if (q.format === 'xlsx') {
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('Content-Disposition', `attachment; filename="bao-cao-tuan-${report.week}${report.province ? `-${report.province}` : ''}.xlsx"`);
      res.send(await buildWeeklyReportXlsx(report));
      return;
    }
    res.json(report);
  }

  @Get('harvest-calendar')
  harvestCalendar(@Query() q: HarvestCalendarQueryDto) {
    return this.reports.harvestCalendar(q.from, q.weeks ?? 12, q.province);
  }

  @Get('price-watch')
  priceWatch(@Query() q: PriceWatchQueryDto) {
    return this.reports.priceWatch({ product: q.product, weeks: q.weeks ?? 12, thresholdPercent: q.thresholdPercent ?? 10, to: q.to, provinceCode: q.provinceCode });
  }

  @Get('backlog-by-commune')
  backlogByCommune(@Query() q: BacklogQueryDto) {
    return this.reports.backlogByCommune(q.province, q.date);
  }
}
