import { Body, Query } from '@nestjs/common';
import { Actor, PriceObservationsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  CreatePriceObservationDto,
  ListPriceObservationsQueryDto,
  UpdatePriceObservationDto,
  PriceObservationPageResponse,
  PriceObservationResponse,
} from './price-observation.dto';
import { ApiController, IdParam, registryRoutes } from '../common/routes';

const route = registryRoutes({
  one: 'a market price observation',
  many: 'price observations',
  notFound: 'PRICE_OBSERVATION.NOT_FOUND',
  response: PriceObservationResponse,
  page: PriceObservationPageResponse,
  writers: ['admin', 'staff'],
});

@ApiController('price-observations')
export class PriceObservationsController {
  constructor(private readonly observations: PriceObservationsService) {}

  @route.create()
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePriceObservationDto) {
    return this.observations.create(actor, dto);
  }

  @route.list()
  list(@Query() q: ListPriceObservationsQueryDto) {
    return this.observations.list(q);
  }

  @route.get()
  get(@IdParam() id: string) {
    return this.observations.get(id);
  }

  @route.update()
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdatePriceObservationDto) {
    return this.observations.update(actor, id, dto);
  }

  @route.remove()
  async remove(@CurrentActor() actor: Actor, @IdParam() id: string) {
    await this.observations.remove(actor, id);
  }
}
