import { Body, HttpCode, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiForbiddenResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor, TransportPlansService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  CreateTransportPlanDto,
  ListTransportPlansQueryDto,
  TransportPlanOffersResponse,
  TransportPlanPageResponse,
  TransportPlanResponse,
} from './transport-plan.dto';
import { ApiController, IdParam, Route } from '../common/routes';

/** Kế hoạch điều xe: staff plan which truck takes which loads on a day, then turn the plan into offers. */
@ApiController('transport-plans')
export class TransportPlansController {
  constructor(private readonly plans: TransportPlansService) {}

  @Roles('admin', 'staff')
  @Post()
  @ApiOperation({ summary: 'Plan transport for confirmed deals (queued)' })
  @HttpCode(202)
  @ApiAcceptedResponse({ type: TransportPlanResponse, description: 'saved and queued; poll GET /transport-plans/{id}' })
  @ApiUnprocessableEntityResponse({
    description:
      'VALIDATION.FAILED, TRANSPORT_PLAN.INVALID_DATE, TRANSPORT_PLAN.INVALID_PROVINCES, TRANSPORT_PLAN.INVALID_RATE',
  })
  @ApiForbiddenResponse({ description: 'staff and admin only' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTransportPlanDto) {
    return this.plans.create(actor, dto);
  }

  @Route('get', undefined, {
    roles: ['admin', 'staff'],
    summary: 'List transport plans',
    ok: TransportPlanPageResponse,
  })
  list(@CurrentActor() actor: Actor, @Query() q: ListTransportPlansQueryDto) {
    return this.plans.list(actor, q);
  }

  @Route('get', ':id', {
    roles: ['admin', 'staff'],
    summary: 'One transport plan with its trips',
    ok: TransportPlanResponse,
    described: { 404: 'TRANSPORT_PLAN.NOT_FOUND' },
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.plans.get(actor, id);
  }

  /** One action: every part of every trip becomes a load offer for the plan's day. */
  @Route('post', ':id/offers', {
    roles: ['admin', 'staff'],
    status: 201,
    summary: "Turn a plan's trips into load offers to operators",
    created: TransportPlanOffersResponse,
    described: {
      404: 'TRANSPORT_PLAN.NOT_FOUND',
      409: 'TRANSPORT_PLAN.NOT_COMPLETED, TRANSPORT_PLAN.OFFERS_ALREADY_MADE',
    },
  })
  makeOffers(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.plans.makeOffers(actor, id);
  }
}
