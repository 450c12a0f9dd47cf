import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, HarvestCapacityReport, HarvestForecastReport } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
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
  @ApiOperation({ summary: 'Harvest forecast by week from production areas' })
  @ApiOkResponse({ type: HarvestForecastResponseDto })
  harvestForecast(@CurrentActor() actor: Actor, @Query() q: HarvestForecastQueryDto) {
    return this.forecast.forecast(q, actor);
  }

  @Roles('admin', 'staff')
  @Get('harvest-forecast/unposted-areas')
  @ApiOperation({ summary: 'Production areas about to harvest with no lot posted' })
  @ApiOkResponse({ type: UnpostedAreasResponseDto })
  unpostedAreas(@CurrentActor() actor: Actor, @Query() q: UnpostedAreasQueryDto) {
    return this.forecast.unpostedAreas({ ...q, within: q.within ?? 14 }, actor);
  }

  @Roles('admin', 'staff')
  @Get('harvest-capacity')
  @ApiOperation({ summary: 'Harvest capacity against the forecast, by week' })
  @ApiOkResponse({ type: HarvestCapacityResponseDto })
  harvestCapacity(@CurrentActor() actor: Actor, @Query() q: HarvestCapacityQueryDto) {
    return this.capacity.capacity(q, actor);
  }
}
