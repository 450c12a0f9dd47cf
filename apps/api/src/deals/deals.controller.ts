import { Body, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Actor, DealDeliveriesService, DealsService, DomainError } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { PageQueryDto } from '../common/dto';
import {
  CancelDealDto,
  CorrectDeliveryDto,
  CreateDealDto,
  DealPageResponse,
  DealResponse,
  DeliveryPageResponse,
  DeliveryRecordedResponse,
  ListDealsQueryDto,
  RecordDeliveryDto,
  UpdateDealDto,
} from './deal.dto';
import { ApiController, IdParam, Route } from '../common/routes';

@ApiController('deals')
export class DealsController {
  constructor(
    private readonly deals: DealsService,
    private readonly deliveries: DealDeliveriesService,
  ) {}

  @Route('post', undefined, {
    roles: ['admin', 'staff'],
    summary: 'Record a deal directly',
    created: DealResponse,
    errors: { 409: 'More than remains on the lot or request', 422: 'A field breaks a rule' },
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateDealDto) {
    return this.deals.create(actor, dto);
  }

  /** Staff see every deal; a cooperative or buyer its own. */
  @Route('get', undefined, { summary: 'List deals (staff all; a party its own)', ok: DealPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListDealsQueryDto) {
    return this.deals.list(actor, q);
  }

  @Route('get', ':id', {
    summary: 'One deal',
    ok: DealResponse,
    errors: {
      403: "DEAL.FORBIDDEN (another party's), DEAL.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
      404: 'DEAL.NOT_FOUND',
    },
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.deals.get(actor, id);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  @ApiOperation({
    deprecated: true,
    summary:
      'Old one-call delivery or cancel: deliveredKg is the total delivered so far. Use POST :id/deliveries and POST :id/cancel.',
  })
  @ApiOkResponse({ type: DealResponse })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateDealDto) {
    if (dto.status === 'cancelled') {
      if (dto.deliveredKg !== undefined || dto.deliveredAt !== undefined) {
        throw new DomainError(
          'validation',
          'DEAL.CANCEL_WITH_DELIVERY',
          'a cancellation cannot record a delivery at the same time',
          [{ field: 'status', message: 'a cancellation cannot record a delivery at the same time' }],
        );
      }
      return this.deals.cancel(actor, id, null);
    }
    if (dto.status === 'delivered' || dto.deliveredKg !== undefined || dto.deliveredAt !== undefined)
      return this.deliveries.recordUpTo(actor, id, dto);
    return this.deals.get(actor, id);
  }

  @Route('post', ':id/cancel', {
    roles: ['admin', 'staff'],
    status: 200,
    summary: 'Cancel a deal (its kilograms go back)',
    ok: { type: DealResponse, description: 'The deal, cancelled; its kilograms are back on the lot and the request' },
    errors: { 404: 'DEAL.NOT_FOUND', 409: 'DEAL.NOT_CANCELLABLE' },
  })
  cancel(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: CancelDealDto) {
    return this.deals.cancel(actor, id, dto.reason);
  }

  /** The deal's parties and staff see its deliveries. */
  @Route('get', ':id/deliveries', {
    summary: 'Deliveries recorded for a deal',
    ok: DeliveryPageResponse,
    errors: {
      403: "DEAL.FORBIDDEN (another party's), DEAL.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
      404: 'DEAL.NOT_FOUND',
    },
  })
  listDeliveries(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() q: PageQueryDto) {
    return this.deliveries.list(actor, id, q);
  }

  @Route('post', ':id/deliveries', {
    roles: ['admin', 'staff'],
    summary: 'Record a delivery against a deal',
    created: {
      type: DeliveryRecordedResponse,
      description:
        'The delivery and the deal after it (partially_delivered, or delivered once the parts reach the deal)',
    },
    errors: {
      404: 'DEAL.NOT_FOUND',
      409: 'More than remains to deliver, or the deal is cancelled',
      422: 'A field breaks a rule',
    },
  })
  recordDelivery(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: RecordDeliveryDto) {
    return this.deliveries.record(actor, id, dto);
  }

  @Route('patch', ':id/deliveries/:deliveryId', {
    roles: ['admin', 'staff'],
    summary: 'Correct a recorded delivery',
    ok: DeliveryRecordedResponse,
    errors: {
      404: 'DEAL.NOT_FOUND or DEAL_DELIVERY.NOT_FOUND',
      409: 'The correction would deliver more than the deal',
      422: 'A field breaks a rule',
    },
  })
  correctDelivery(
    @CurrentActor() actor: Actor,
    @IdParam() id: string,
    @Param('deliveryId', new ParseUUIDPipe()) deliveryId: string,
    @Body() dto: CorrectDeliveryDto,
  ) {
    return this.deliveries.correct(actor, id, deliveryId, dto);
  }
}
