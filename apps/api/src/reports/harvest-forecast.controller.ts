import { Query } from '@nestjs/common';
import { Actor, HarvestCapacityReport, HarvestForecastReport } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  HarvestCapacityQueryDto,
  HarvestCapacityResponseDto,
  HarvestForecastQueryDto,
  HarvestForecastResponseDto,
  UnpostedAreasQueryDto,
  UnpostedAreasResponseDto,
} from './harvest-forecast.dto';
import { ApiController, Route } from '../common/routes';

/** The harvest still to come (forecast from production areas) and the machines to cut it: staff and admin only. */
@ApiController('reports')
export class HarvestForecastController {
  constructor(
    private readonly forecast: HarvestForecastReport,
    private readonly capacity: HarvestCapacityReport,
  ) {}

  @Route('get', 'harvest-forecast', {
    roles: ['admin', 'staff'],
    summary: 'Harvest forecast by week from production areas',
    ok: HarvestForecastResponseDto,
  })
  harvestForecast(@CurrentActor() actor: Actor, @Query() q: HarvestForecastQueryDto) {
    return this.forecast.forecast(q, actor);
  }

  @Route('get', 'harvest-forecast/unposted-areas', {
    roles: ['admin', 'staff'],
    summary: 'Production areas about to harvest with no lot posted',
    ok: UnpostedAreasResponseDto,
  })
  unpostedAreas(@CurrentActor() actor: Actor, @Query() q: UnpostedAreasQueryDto) {
    return this.forecast.unpostedAreas({ ...q, within: q.within ?? 14 }, actor);
  }

  @Route('get', 'harvest-capacity', {
    roles: ['admin', 'staff'],
    summary: 'Harvest capacity against the forecast, by week',
    ok: HarvestCapacityResponseDto,
  })
  harvestCapacity(@CurrentActor() actor: Actor, @Query() q: HarvestCapacityQueryDto) {
    return this.capacity.capacity(q, actor);
  }
}
