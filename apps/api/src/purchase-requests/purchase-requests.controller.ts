import { Body, Query } from '@nestjs/common';
import { Actor, PurchaseRequestsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  CreatePurchaseRequestDto,
  ListPurchaseRequestsQueryDto,
  UpdatePurchaseRequestDto,
  PurchaseRequestPageResponse,
  PurchaseRequestResponse,
} from './purchase-request.dto';
import { ApiController, IdParam, registryRoutes } from '../common/routes';

const route = registryRoutes({
  one: 'a purchase request',
  many: 'purchase requests',
  notFound: 'PURCHASE_REQUEST.NOT_FOUND',
  response: PurchaseRequestResponse,
  page: PurchaseRequestPageResponse,
  writers: ['admin', 'staff', 'buyer'],
});

@ApiController('purchase-requests')
export class PurchaseRequestsController {
  constructor(private readonly requests: PurchaseRequestsService) {}

  @route.create()
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePurchaseRequestDto) {
    return this.requests.create(actor, dto);
  }

  @route.list()
  list(@CurrentActor() actor: Actor, @Query() q: ListPurchaseRequestsQueryDto) {
    return this.requests.list(actor, q);
  }

  @route.get()
  get(@IdParam() id: string) {
    return this.requests.get(id);
  }

  @route.update()
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdatePurchaseRequestDto) {
    return this.requests.update(actor, id, dto);
  }

  @route.remove()
  async remove(@CurrentActor() actor: Actor, @IdParam() id: string) {
    await this.requests.remove(actor, id);
  }
}
