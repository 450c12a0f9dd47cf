import { ApiProperty } from '@nestjs/swagger';
import type { PriceWatch, ReportUnits } from '@agrilink/core';
import { LatLngDto } from '../common/dto';

// The JSON answers of the report routes, mirroring ReportsService (a type check keeps PriceWatch in step).

export class HarvestCalendarReportWeeksResponse {
  @ApiProperty() week: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
}

export class HarvestCalendarReportSeriesResponse {
  @ApiProperty() product: string;
  @ApiProperty({ type: String, nullable: true }) productName: string | null;
  @ApiProperty({ type: [Number] }) kgByWeek: number[];
}

export class HarvestCalendarReportItemsResponse {
  @ApiProperty() week: string;
  @ApiProperty() weekStart: string;
  @ApiProperty() product: string;
  @ApiProperty({ type: String, nullable: true }) productName: string | null;
  @ApiProperty() expectedKg: number;
}

export class HarvestCalendarReportTotalsByWeekResponse {
  @ApiProperty() week: string;
  @ApiProperty() expectedKg: number;
}

export class HarvestCalendarReportResponse {
  @ApiProperty() from: string;
  @ApiProperty({ type: [HarvestCalendarReportWeeksResponse] }) weeks: HarvestCalendarReportWeeksResponse[];
  @ApiProperty({ type: String, nullable: true }) province: string | null;
  @ApiProperty({ type: [HarvestCalendarReportSeriesResponse] }) series: HarvestCalendarReportSeriesResponse[];
  @ApiProperty({ type: [HarvestCalendarReportItemsResponse] }) items: HarvestCalendarReportItemsResponse[];
  @ApiProperty({ type: [HarvestCalendarReportTotalsByWeekResponse] })
  totalsByWeek: HarvestCalendarReportTotalsByWeekResponse[];
}

export class BacklogByCommuneItemsProductsResponse {
  @ApiProperty() product: string;
  @ApiProperty() backlogKg: number;
}

export class BacklogByCommuneItemsResponse {
  @ApiProperty({ type: String, nullable: true }) provinceCode: string | null;
  @ApiProperty({ type: String, nullable: true }) provinceName: string | null;
  @ApiProperty({ type: String, nullable: true }) communeId: string | null;
  @ApiProperty({ type: String, nullable: true }) communeCode: string | null;
  @ApiProperty({ type: String, nullable: true }) communeName: string | null;
  @ApiProperty() backlogKg: number;
  @ApiProperty() backlogTonnes: number;
  @ApiProperty() lots: number;
  @ApiProperty() cooperatives: number;
  @ApiProperty({ type: LatLngDto, nullable: true }) location: LatLngDto | null;
  @ApiProperty({ type: [BacklogByCommuneItemsProductsResponse] }) products: BacklogByCommuneItemsProductsResponse[];
}

export class BacklogByCommuneResponse {
  @ApiProperty() date: string;
  @ApiProperty({ type: String, nullable: true }) province: string | null;
  @ApiProperty({ enum: ['current', 'pre2025'] }) administrativeUnits: ReportUnits;
  @ApiProperty() totalBacklogKg: number;
  @ApiProperty({ type: [BacklogByCommuneItemsResponse] }) items: BacklogByCommuneItemsResponse[];
}

export class PriceWatchWeeksResponse {
  @ApiProperty() week: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
}

export class PriceWatchPointResponse {
  @ApiProperty() week: string;
  @ApiProperty() weekStart: string;
  @ApiProperty() weekEnd: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Median of the week.' }) priceVndPerKg: number | null;
  @ApiProperty({ type: Number, nullable: true }) avgPriceVndPerKg: number | null;
  @ApiProperty({ type: Number, nullable: true }) minPriceVndPerKg: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxPriceVndPerKg: number | null;
  @ApiProperty() observations: number;
  @ApiProperty({ type: Number, nullable: true }) previousPriceVndPerKg: number | null;
  @ApiProperty({ type: Number, nullable: true }) previousAvgPriceVndPerKg: number | null;
  @ApiProperty({ type: Number, nullable: true }) changePercent: number | null;
  @ApiProperty() flagged: boolean;
}

export class PriceWatchSeriesResponse {
  @ApiProperty() product: string;
  @ApiProperty({ type: String, nullable: true }) productName: string | null;
  @ApiProperty({ type: String, nullable: true }) category: string | null;
  @ApiProperty() flagged: boolean;
  @ApiProperty({ type: [PriceWatchPointResponse] }) points: PriceWatchPointResponse[];
}

export class PriceWatchItemsResponse {
  @ApiProperty() product: string;
  @ApiProperty({ type: String, nullable: true }) productName: string | null;
  @ApiProperty() week: string;
  @ApiProperty() weekStart: string;
  @ApiProperty() weekEnd: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Median of the week.' }) priceVndPerKg: number | null;
  @ApiProperty({ type: Number, nullable: true }) avgPriceVndPerKg: number | null;
  @ApiProperty({ type: Number, nullable: true }) minPriceVndPerKg: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxPriceVndPerKg: number | null;
  @ApiProperty() observations: number;
  @ApiProperty({ type: Number, nullable: true }) previousPriceVndPerKg: number | null;
  @ApiProperty({ type: Number, nullable: true }) previousAvgPriceVndPerKg: number | null;
  @ApiProperty({ type: Number, nullable: true }) changePercent: number | null;
  @ApiProperty() flagged: boolean;
}

export class PriceWatchFlaggedResponse {
  @ApiProperty() product: string;
  @ApiProperty() week: string;
  @ApiProperty({ type: Number, nullable: true }) changePercent: number | null;
}

export class PriceWatchResponse implements PriceWatch {
  @ApiProperty() thresholdPercent: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'What each figure means' })
  definitions: Record<string, string>;
  @ApiProperty({ type: [PriceWatchWeeksResponse] }) weeks: PriceWatchWeeksResponse[];
  @ApiProperty({ type: [PriceWatchSeriesResponse] }) series: PriceWatchSeriesResponse[];
  @ApiProperty({ type: [PriceWatchItemsResponse] }) items: PriceWatchItemsResponse[];
  @ApiProperty({ type: [PriceWatchFlaggedResponse] }) flagged: PriceWatchFlaggedResponse[];
}
