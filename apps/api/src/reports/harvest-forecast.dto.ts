import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto, ToInt } from '../common/dto';
import { OptionalDay, OptionalProvinceCode, QueryProduct } from '../common/fields';

const Province = () =>
  OptionalProvinceCode({ example: '91' }, '$property must be a two-digit province code such as 91');

export class HarvestForecastQueryDto {
  @OptionalDay({ example: '2027-02-01', description: 'First week: the ISO week of this day (default today)' })
  from?: string;

  @OptionalDay(
    {
      example: '2027-04-30',
      description: 'Last week: the ISO week of this day (default 12 weeks on); at most 53 weeks',
    },
    'from',
  )
  to?: string;

  @Province()
  province?: string;

  @QueryProduct({ example: 'LUA_TUOI_CLC' })
  product?: string;
}

export class HarvestCapacityQueryDto {
  @OptionalDay({ example: '2027-02-01' })
  from?: string;

  @OptionalDay({ example: '2027-04-30' }, 'from')
  to?: string;

  @Province()
  province?: string;
}

export class UnpostedAreasQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    default: 14,
    minimum: 0,
    maximum: 366,
    description: 'Harvests starting within this many days (or under way)',
  })
  @IsOptional()
  @ToInt()
  @IsInt()
  @Min(0)
  @Max(366)
  within?: number;

  @OptionalDay({ description: 'Reference day (default today)' })
  date?: string;

  @Province()
  province?: string;

  @QueryProduct({ example: 'LUA_TUOI_CLC' })
  product?: string;
}

// ---------- responses (OpenAPI) ----------

export class WeekDto {
  @ApiProperty({ example: '2027-W07' }) week: string;
  @ApiProperty({ example: '2027-02-15' }) from: string;
  @ApiProperty({ example: '2027-02-21' }) to: string;
}

export class ForecastFiguresDto {
  @ApiProperty({ example: 300000 }) forecastKg: number;
  @ApiProperty({ example: 120000 }) postedKg: number;
  @ApiProperty({ example: 180000, description: 'never below 0' }) unpostedKg: number;
}

export class ForecastWeekTotalDto extends ForecastFiguresDto {
  @ApiProperty({ example: '2027-W07' }) week: string;
}

/** The week and the place a row of the forecast or of the capacity counts. */
class WeekPlaceDto {
  @ApiProperty() week: string;
  @ApiProperty() weekStart: string;
  @ApiProperty() weekEnd: string;
  @ApiProperty({ nullable: true, type: String }) provinceCode: string | null;
  @ApiProperty({ nullable: true, type: String }) provinceName: string | null;
  @ApiProperty({ nullable: true, type: String }) communeId: string | null;
  @ApiProperty({ nullable: true, type: String }) communeName: string | null;
}

export class HarvestForecastRowDto extends IntersectionType(ForecastFiguresDto, WeekPlaceDto) {
  @ApiProperty() product: string;
  @ApiProperty({ nullable: true, type: String }) productName: string | null;
  @ApiProperty({ description: 'Areas with a season harvesting in the week' }) areas: number;
}

export class HarvestForecastResponseDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ nullable: true, type: String }) province: string | null;
  @ApiProperty({ nullable: true, type: String }) product: string | null;
  @ApiProperty({ example: { volume: 'kg' } }) units: { volume: 'kg' };
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) definitions: Record<string, string>;
  @ApiProperty({ type: [WeekDto] }) weeks: WeekDto[];
  @ApiProperty({ type: [HarvestForecastRowDto] }) rows: HarvestForecastRowDto[];
  @ApiProperty({ type: [ForecastWeekTotalDto] }) totalsByWeek: ForecastWeekTotalDto[];
  @ApiProperty({ type: ForecastFiguresDto }) totals: ForecastFiguresDto;
  @ApiProperty() generatedAt: string;
}

class UnpostedAreaDto extends ForecastFiguresDto {
  @ApiProperty() productionAreaId: string;
  @ApiProperty({ nullable: true, type: String }) areaName: string | null;
  @ApiProperty() cooperativeId: string;
  @ApiProperty() cooperativeName: string;
  @ApiProperty({ nullable: true, type: String }) contactName: string | null;
  @ApiProperty({ nullable: true, type: String }) contactPhone: string | null;
  @ApiProperty({ nullable: true, type: String }) provinceCode: string | null;
  @ApiProperty({ nullable: true, type: String }) communeId: string | null;
  @ApiProperty({ nullable: true, type: String }) communeName: string | null;
  @ApiProperty() product: string;
  @ApiProperty({ nullable: true, type: String }) productName: string | null;
  @ApiProperty({ nullable: true, type: String }) season: string | null;
  @ApiProperty() areaHa: number;
  @ApiProperty() harvestFrom: string;
  @ApiProperty() harvestTo: string;
  @ApiProperty({ description: 'Days from the reference day to harvestFrom (0 or less: under way)' })
  daysUntilHarvest: number;
}

export class UnpostedAreasResponseDto {
  @ApiProperty() date: string;
  @ApiProperty() within: number;
  @ApiProperty({ nullable: true, type: String }) province: string | null;
  @ApiProperty({ nullable: true, type: String }) product: string | null;
  @ApiProperty() total: number;
  @ApiProperty({ type: [UnpostedAreaDto] }) items: UnpostedAreaDto[];
}

class HarvestCapacityRowDto extends WeekPlaceDto {
  @ApiProperty({ example: 100 }) dueHa: number;
  @ApiProperty({ example: 35 }) capacityHa: number;
  @ApiProperty({ example: 65 }) shortageHa: number;
  @ApiProperty() shortage: boolean;
  @ApiProperty() peakDueHaPerDay: number;
  @ApiProperty() peakDayCapacityHa: number;
  @ApiProperty() resources: number;
  @ApiProperty() combineHarvesters: number;
  @ApiProperty() harvestTeams: number;
}

class CapacityShortageDto {
  @ApiProperty() week: string;
  @ApiProperty({ nullable: true, type: String }) communeId: string | null;
  @ApiProperty({ nullable: true, type: String }) communeName: string | null;
  @ApiProperty() shortageHa: number;
}

class CapacityWeekTotalDto {
  @ApiProperty() week: string;
  @ApiProperty() dueHa: number;
  @ApiProperty() capacityHa: number;
  @ApiProperty() shortageHa: number;
}

export class HarvestCapacityResponseDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ nullable: true, type: String }) province: string | null;
  @ApiProperty({ example: { area: 'ha' } }) units: { area: 'ha' };
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) definitions: Record<string, string>;
  @ApiProperty({ type: [WeekDto] }) weeks: WeekDto[];
  @ApiProperty({ type: [HarvestCapacityRowDto] }) rows: HarvestCapacityRowDto[];
  @ApiProperty({ type: [CapacityShortageDto] }) shortages: CapacityShortageDto[];
  @ApiProperty({ type: [CapacityWeekTotalDto] }) totalsByWeek: CapacityWeekTotalDto[];
  @ApiProperty() generatedAt: string;
}
