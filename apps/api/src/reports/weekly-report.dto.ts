import { ApiProperty } from '@nestjs/swagger';
import { ForecastFiguresDto, ForecastWeekTotalDto, HarvestForecastRowDto, WeekDto } from './harvest-forecast.dto';

// The JSON weekly report (GET /api/reports/weekly), the source the .xlsx and .docx are built from.

class WeekKgDto {
  @ApiProperty({ example: '2026-W11' }) week: string;
  @ApiProperty({ example: 120000 }) kg: number;
}

class WeeklyTotalsDto {
  @ApiProperty() harvestedKg: number;
  @ApiProperty() harvestedTonnes: number;
  @ApiProperty({ type: [WeekKgDto] }) expectedKg: WeekKgDto[];
  @ApiProperty() expectedNext4WeeksKg: number;
  @ApiProperty({ description: 'Purchase requests delivering in the week' }) requestedKg: number;
  @ApiProperty({ description: 'Of those, not yet committed (as of now)' }) unmetDemandKg: number;
  @ApiProperty() connectedKg: number;
  @ApiProperty() deliveredKg: number;
  @ApiProperty() backlogKg: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: "Days from the oldest backlog lot's harvest end to the week's Sunday",
  })
  backlogOldestDays: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Backlog age weighted by remaining kg' })
  backlogAvgAgeDays: number | null;
  @ApiProperty() inventoryKg: number;
  @ApiProperty({ nullable: true, type: Number }) avgAskVndPerKg: number | null;
  @ApiProperty({ nullable: true, type: Number }) avgDealVndPerKg: number | null;
  @ApiProperty() activeCooperatives: number;
  @ApiProperty() activeBuyers: number;
}

class WeeklyRowDto extends WeeklyTotalsDto {
  @ApiProperty({ nullable: true, type: String }) provinceCode: string | null;
  @ApiProperty({ nullable: true, type: String }) provinceName: string | null;
  @ApiProperty({ nullable: true, type: String }) communeId: string | null;
  @ApiProperty({ nullable: true, type: String }) communeName: string | null;
  @ApiProperty() product: string;
  @ApiProperty({ nullable: true, type: String }) productName: string | null;
}

class WeeklyProductDto extends WeeklyTotalsDto {
  @ApiProperty() product: string;
  @ApiProperty({ nullable: true, type: String }) productName: string | null;
}

class PeriodDto {
  @ApiProperty({ example: '2026-03-02' }) from: string;
  @ApiProperty({ example: '2026-03-08' }) to: string;
}

class PreviousWeekDto {
  @ApiProperty() week: string;
  @ApiProperty({ type: PeriodDto }) period: PeriodDto;
  @ApiProperty({ type: WeeklyTotalsDto }) totals: WeeklyTotalsDto;
  @ApiProperty({ type: [WeeklyProductDto] }) byProduct: WeeklyProductDto[];
}

class ChangeDto {
  @ApiProperty({ nullable: true, type: Number }) previous: number | null;
  @ApiProperty({ nullable: true, type: Number }) current: number | null;
  @ApiProperty({ nullable: true, type: Number }) delta: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'null when the previous week had none' }) percent:
    number | null;
}

class WeeklyPriceItemDto {
  @ApiProperty() product: string;
  @ApiProperty({ nullable: true, type: String }) productName: string | null;
  @ApiProperty({ nullable: true, type: String }) category: string | null;
  @ApiProperty() week: string;
  @ApiProperty() weekStart: string;
  @ApiProperty() weekEnd: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Median of the week' }) priceVndPerKg: number | null;
  @ApiProperty({ nullable: true, type: Number }) avgPriceVndPerKg: number | null;
  @ApiProperty({ nullable: true, type: Number }) minPriceVndPerKg: number | null;
  @ApiProperty({ nullable: true, type: Number }) maxPriceVndPerKg: number | null;
  @ApiProperty() observations: number;
  @ApiProperty({ nullable: true, type: Number }) previousPriceVndPerKg: number | null;
  @ApiProperty({ nullable: true, type: Number }) previousAvgPriceVndPerKg: number | null;
  @ApiProperty({ nullable: true, type: Number }) changePercent: number | null;
  @ApiProperty() flagged: boolean;
}

class WeeklyPriceSectionDto {
  @ApiProperty() thresholdPercent: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) definitions: Record<string, string>;
  @ApiProperty({ type: [WeeklyPriceItemDto] }) items: WeeklyPriceItemDto[];
}

class WeeklyForecastSectionDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: [WeekDto] }) weeks: WeekDto[];
  @ApiProperty({ type: [HarvestForecastRowDto] }) rows: HarvestForecastRowDto[];
  @ApiProperty({ type: [ForecastWeekTotalDto] }) totalsByWeek: ForecastWeekTotalDto[];
  @ApiProperty({ type: ForecastFiguresDto }) totals: ForecastFiguresDto;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) definitions: Record<string, string>;
}

class AgencyWeeklyTextDto {
  @ApiProperty() agencyId: string;
  @ApiProperty() agencyName: string;
  @ApiProperty({ example: 'department' }) agencyKind: string;
  @ApiProperty({ description: 'Tình hình' }) situation: string;
  @ApiProperty({ description: 'Khó khăn, vướng mắc' }) difficulties: string;
  @ApiProperty({ description: 'Đề xuất, kiến nghị' }) proposals: string;
  @ApiProperty() submittedAt: string;
}

class MissingAgencyDto {
  @ApiProperty() agencyId: string;
  @ApiProperty() agencyName: string;
  @ApiProperty() agencyKind: string;
}

class AgencyWeeklySectionDto {
  @ApiProperty({ type: [AgencyWeeklyTextDto] }) submitted: AgencyWeeklyTextDto[];
  @ApiProperty({ type: [MissingAgencyDto] }) missing: MissingAgencyDto[];
}

/** Week on week, per figure. */
class WeeklyChangesDto {
  @ApiProperty({ type: ChangeDto }) harvestedKg: ChangeDto;
  @ApiProperty({ type: ChangeDto }) requestedKg: ChangeDto;
  @ApiProperty({ type: ChangeDto }) unmetDemandKg: ChangeDto;
  @ApiProperty({ type: ChangeDto }) connectedKg: ChangeDto;
  @ApiProperty({ type: ChangeDto }) backlogKg: ChangeDto;
  @ApiProperty({ type: ChangeDto }) inventoryKg: ChangeDto;
  @ApiProperty({ type: ChangeDto }) avgAskVndPerKg: ChangeDto;
  @ApiProperty({ type: ChangeDto }) avgDealVndPerKg: ChangeDto;
  @ApiProperty({ type: ChangeDto }) activeCooperatives: ChangeDto;
  @ApiProperty({ type: ChangeDto }) activeBuyers: ChangeDto;
}

export class WeeklyReportResponseDto {
  @ApiProperty({ example: '2026-W10' }) week: string;
  @ApiProperty({ type: PeriodDto }) period: PeriodDto;
  @ApiProperty({ nullable: true, type: String }) province: string | null;
  @ApiProperty({ nullable: true, type: String }) provinceName: string | null;
  @ApiProperty({
    enum: ['current', 'pre2025'],
    description: 'The map rows are placed on (?units=); pre2025 for comparison with older reports',
  })
  administrativeUnits: 'current' | 'pre2025';
  @ApiProperty({ example: { volume: 'kg', price: 'VND/kg' } }) units: { volume: 'kg'; price: 'VND/kg' };
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) definitions: Record<string, string>;
  @ApiProperty({ type: [WeeklyRowDto], description: 'By commune and product' }) rows: WeeklyRowDto[];
  @ApiProperty({
    type: [WeeklyProductDto],
    description: 'By product over every place: the level of the average prices',
  })
  byProduct: WeeklyProductDto[];
  @ApiProperty({
    type: WeeklyTotalsDto,
    description: 'All products; its average prices mix products and are not printed in the documents',
  })
  totals: WeeklyTotalsDto;
  @ApiProperty({ type: PreviousWeekDto }) previousWeek: PreviousWeekDto;
  @ApiProperty({ type: WeeklyChangesDto }) change: WeeklyChangesDto;
  @ApiProperty({ type: WeeklyPriceSectionDto }) prices: WeeklyPriceSectionDto;
  @ApiProperty({ type: WeeklyForecastSectionDto }) harvestForecast: WeeklyForecastSectionDto;
  @ApiProperty({ type: AgencyWeeklySectionDto }) agencyReports: AgencyWeeklySectionDto;
  @ApiProperty() generatedAt: string;
}
