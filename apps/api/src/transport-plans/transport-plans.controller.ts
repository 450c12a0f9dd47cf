import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
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

/** Kế hoạch điều xe: staff plan which truck takes which loads on a day, then turn the plan into offers. */
@ApiTags('transport-plans')
@ApiBearerAuth()
@Controller('transport-plans')
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

  @Roles('admin', 'staff')
  @Get()
  @ApiOperation({ summary: 'List transport plans' })
  @ApiOkResponse({ type: TransportPlanPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListTransportPlansQueryDto) {
    return this.plans.list(actor, q);
  }

  @Roles('admin', 'staff')
  @Get(':id')
  @ApiOperation({ summary: 'One transport plan with its trips' })
  @ApiOkResponse({ type: TransportPlanResponse })
  @ApiNotFoundResponse({ description: 'TRANSPORT_PLAN.NOT_FOUND' })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.plans.get(actor, id);
  }

  /** One action: every part of every trip becomes a load offer for the plan's day. */
  @Roles('admin', 'staff')
  @Post(':id/offers')
  @ApiOperation({ summary: "Turn a plan's trips into load offers to operators" })
  @HttpCode(201)
  @ApiCreatedResponse({ type: TransportPlanOffersResponse })
  @ApiNotFoundResponse({ description: 'TRANSPORT_PLAN.NOT_FOUND' })
  @ApiConflictResponse({ description: 'TRANSPORT_PLAN.NOT_COMPLETED, TRANSPORT_PLAN.OFFERS_ALREADY_MADE' })
  makeOffers(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.plans.makeOffers(actor, id);
  }
}
