import { Body, Query } from '@nestjs/common';
import { Actor, TransportOperatorsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  CreateTransportOperatorDto,
  ListTransportOperatorsQueryDto,
  UpdateTransportOperatorDto,
  TransportOperatorPageResponse,
  TransportOperatorResponse,
} from './transport-operator.dto';
import { ApiController, IdParam, registryRoutes } from '../common/routes';

const route = registryRoutes({
  one: 'a transport operator',
  many: 'transport operators',
  notFound: 'TRANSPORT_OPERATOR.NOT_FOUND',
  response: TransportOperatorResponse,
  page: TransportOperatorPageResponse,
  writers: ['admin', 'staff'],
});

@ApiController('transport-operators')
export class TransportOperatorsController {
  constructor(private readonly operators: TransportOperatorsService) {}

  @route.create()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTransportOperatorDto) {
    return this.operators.create(actor, dto);
  }

  @route.list()
  list(@Query() q: ListTransportOperatorsQueryDto) {
    return this.operators.list(q);
  }

  @route.get()
  get(@IdParam() id: string) {
    return this.operators.get(id);
  }

  @route.update()
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateTransportOperatorDto) {
    return this.operators.update(actor, id, dto);
  }

  @route.remove()
  async remove(@CurrentActor() actor: Actor, @IdParam() id: string) {
    await this.operators.remove(actor, id);
  }
}
