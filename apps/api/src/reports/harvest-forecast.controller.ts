import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { HarvestCapacityReport, HarvestForecastReport } from '@agrilink/core';
import { Roles } from '../auth/roles.decorator';
import {
  HarvestCapacityQueryDto,
  HarvestCapacityResponseDto,
  HarvestForecastQueryDto,
  HarvestForecastResponseDto,
  UnpostedAreasQueryDto,
  UnpostedAreasResponseDto,
} from './harvest-forecast.dto';

/** The harvest still to come (forecast from production areas) and the machines to cut it: staff and admin only. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class HarvestForecastController {
  constructor(
    private readonly forecast: HarvestForecastReport,
    private readonly capacity: HarvestCapacityReport,
  ) {}

  @Roles('admin', 'staff')
  @Get('harvest-forecast')
  @ApiOkResponse({ type: HarvestForecastResponseDto })
  harvestForecast(@Query() q: HarvestForecastQueryDto) {
    return this.forecast.forecast(q);
  }

  @Roles('admin', 'staff')
  @Get('harvest-forecast/unposted-areas')
  @ApiOkResponse({ type: UnpostedAreasResponseDto })
  unpostedAreas(@Query() q: UnpostedAreasQueryDto) {
    return this.forecast.unpostedAreas({ ...q, within: q.within ?? 14 });
  }

  @Roles('admin', 'staff')
  @Get('harvest-capacity')
  @ApiOkResponse({ type: HarvestCapacityResponseDto })
  harvestCapacity(@Query() q: HarvestCapacityQueryDto) {
    return this.capacity.capacity(q);
  }
}
