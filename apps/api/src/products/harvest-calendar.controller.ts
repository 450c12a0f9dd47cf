import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { defaultHarvestCalendar, ProductsService, todayInVietnam } from '@agrilink/core';
import { Public } from '../auth/public.decorator';
import { ApiErrors } from '../common/api-errors';
import { OptionalDay } from '../common/fields';

export class HarvestCalendarDefaultsQueryDto {
  @ApiPropertyOptional({ example: '91', description: "The area's province: its region decides the calendar" })
  @IsOptional()
  @IsString()
  @Matches(/^\d{2}$/, { message: 'province must be a two-digit province code such as 91' })
  province?: string;

  @OptionalDay({ description: 'Each season is dated at its next window not ended by this day (default today)' })
  from?: string;
}

class DefaultHarvestEntryDto {
  @ApiProperty({ example: 'Đông Xuân' }) season: string;
  @ApiProperty({ example: 'winter-spring' }) seasonEn: string;
  @ApiProperty({ example: '2027-03-01' }) harvestFrom: string;
  @ApiProperty({ example: '2027-03-31' }) harvestTo: string;
  @ApiProperty({ nullable: true, type: Number, example: 7400 }) expectedYieldKgPerHa: number | null;
  @ApiProperty({ type: [Number], example: [2, 3, 4] }) regionalHarvestMonths: number[];
  @ApiProperty({ example: 'Kiên Giang ĐX 2021-22: 283,868 ha, 7.4 t/ha' }) source: string;
}

export class DefaultHarvestCalendarDto {
  @ApiProperty() product: string;
  @ApiProperty({ nullable: true, type: String, example: 'mekong_delta' }) region: string | null;
  @ApiProperty({ nullable: true, type: String }) regionNameVi: string | null;
  @ApiProperty({ nullable: true, type: String }) regionNameEn: string | null;
  @ApiProperty({ type: [DefaultHarvestEntryDto] }) seasons: DefaultHarvestEntryDto[];
}

@ApiTags('products')
@Controller('products')
export class HarvestCalendarController {
  constructor(private readonly products: ProductsService) {}

  /** The product's usual seasons and yield in the province's region: defaults for a production area's schedule. */
  @Public()
  @Get(':code/harvest-calendar')
  @ApiOperation({ summary: 'Harvest calendar of one product (lịch thu hoạch)' })
  @ApiErrors({ 404: 'PRODUCT.NOT_FOUND' })
  @ApiOkResponse({ type: DefaultHarvestCalendarDto })
  async harvestCalendar(
    @Param('code') code: string,
    @Query() q: HarvestCalendarDefaultsQueryDto,
  ): Promise<DefaultHarvestCalendarDto> {
    const product = await this.products.get(code.trim().toUpperCase());
    return defaultHarvestCalendar(product.code, q.province, q.from ?? todayInVietnam());
  }
}
