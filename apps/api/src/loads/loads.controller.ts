import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
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
import { Actor, LoadsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { PageQueryDto } from '../common/dto';
import {
  CancelLoadDto,
  CreateLoadDto,
  CreateLoadOfferDto,
  ListLoadsQueryDto,
  ListOffersQueryDto,
  LoadOfferAcceptanceResponse,
  LoadOfferPageResponse,
  LoadOfferResponse,
  LoadPageResponse,
  LoadResponse,
} from './load.dto';
import { ApiErrors } from '../common/api-errors';

@ApiTags('loads')
@ApiBearerAuth()
@Controller('loads')
export class LoadsController {
  constructor(private readonly loads: LoadsService) {}

  @Roles('admin', 'staff', 'cooperative', 'buyer')
  @Post()
  @ApiOperation({ summary: 'Post a load for transport operators to bid on' })
  @ApiCreatedResponse({
    type: LoadResponse,
    description: "A deal's transport need, posted by its seller, its buyer or staff",
  })
  @ApiUnprocessableEntityResponse({ description: 'LOAD.UNKNOWN_DEAL, LOAD.KG_EXCEEDS_DEAL, LOAD.WINDOW_REVERSED' })
  @ApiConflictResponse({ description: 'LOAD.ALREADY_POSTED, LOAD.DEAL_NOT_OPEN' })
  @ApiForbiddenResponse({ description: 'LOAD.FORBIDDEN: not a party of the deal' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateLoadDto) {
    return this.loads.create(actor, dto);
  }

  @Roles('admin', 'staff', 'cooperative', 'buyer', 'transport')
  @Get()
  @ApiOperation({ summary: 'List loads' })
  @ApiOkResponse({
    type: LoadPageResponse,
    description: 'Staff: all loads; seller and buyer: their own; an operator: open loads in the provinces it serves',
  })
  list(@CurrentActor() actor: Actor, @Query() q: ListLoadsQueryDto) {
    return this.loads.list(actor, q);
  }

  @Roles('admin', 'staff', 'cooperative', 'buyer', 'transport')
  @Get(':id')
  @ApiOperation({ summary: 'One load' })
  @ApiOkResponse({ type: LoadResponse })
  @ApiNotFoundResponse({ description: 'LOAD.NOT_FOUND (also for a load the caller may not see)' })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.loads.get(actor, id);
  }

  @Roles('admin', 'staff', 'cooperative', 'buyer')
  @Post(':id/cancel')
  @ApiOperation({ summary: 'Cancel an open load (its pending offers are declined)' })
  @ApiErrors({ 404: 'LOAD.NOT_FOUND' })
  @HttpCode(200)
  @ApiOkResponse({ type: LoadResponse, description: 'Cancelled; pending offers are declined and their operators told' })
  @ApiConflictResponse({ description: 'LOAD.NOT_CANCELLABLE: an offer was accepted' })
  cancel(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CancelLoadDto) {
    return this.loads.cancel(actor, id, dto.reason ?? null);
  }

  @Roles('admin', 'staff', 'cooperative', 'buyer', 'transport')
  @Get(':id/offers')
  @ApiOperation({ summary: 'Offers made on a load' })
  @ApiErrors({ 404: 'LOAD.NOT_FOUND' })
  @ApiOkResponse({
    type: LoadOfferPageResponse,
    description: "Every offer for the load's parties and staff; its own for an operator",
  })
  offers(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQueryDto) {
    return this.loads.offers(actor, id, q);
  }

  @Roles('transport')
  @Post(':id/offers')
  @ApiOperation({ summary: 'Offer to carry a load (transport operator)' })
  @ApiErrors({ 404: 'LOAD.NOT_FOUND' })
  @ApiCreatedResponse({ type: LoadOfferResponse })
  @ApiUnprocessableEntityResponse({
    description:
      'LOAD_OFFER.VEHICLE_TOO_SMALL, LOAD_OFFER.PERMIT_REQUIRED (the route leaves or enters a restricted zone and the vehicle has no permit valid on pickupOn), LOAD_OFFER.VEHICLE_NOT_REFRIGERATED, LOAD_OFFER.KG_EXCEEDS_OPEN, LOAD_OFFER.PICKUP_OUTSIDE_WINDOW, LOAD_OFFER.UNKNOWN_VEHICLE, LOAD_OFFER.VEHICLE_NOT_YOURS',
  })
  @ApiConflictResponse({ description: 'LOAD.NOT_OPEN, LOAD_OFFER.DUPLICATE' })
  makeOffer(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: CreateLoadOfferDto,
  ) {
    return this.loads.makeOffer(actor, id, dto);
  }
}

@ApiTags('loads')
@ApiBearerAuth()
@Controller('load-offers')
export class LoadOffersController {
  constructor(private readonly loads: LoadsService) {}

  @Roles('admin', 'staff', 'transport')
  @Get()
  @ApiOperation({ summary: 'The offers made to or by the caller' })
  @ApiOkResponse({ type: LoadOfferPageResponse, description: "An operator's own offers across loads (staff: all)" })
  mine(@CurrentActor() actor: Actor, @Query() q: ListOffersQueryDto) {
    return this.loads.myOffers(actor, q);
  }

  @Roles('admin', 'staff', 'cooperative', 'buyer')
  @Post(':id/accept')
  @ApiOperation({ summary: 'Accept an offer on a load' })
  @ApiErrors({ 404: 'LOAD_OFFER.NOT_FOUND' })
  @HttpCode(200)
  @ApiOkResponse({ type: LoadOfferAcceptanceResponse })
  @ApiConflictResponse({ description: 'LOAD_OFFER.NOT_PENDING, LOAD.NOT_OPEN' })
  @ApiUnprocessableEntityResponse({
    description: 'LOAD_OFFER.KG_EXCEEDS_OPEN, LOAD_OFFER.PERMIT_REQUIRED (judged again on accepting)',
  })
  accept(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.loads.acceptOffer(actor, id);
  }

  @Roles('admin', 'staff', 'cooperative', 'buyer')
  @Post(':id/decline')
  @ApiOperation({ summary: 'Decline an offer on a load' })
  @ApiErrors({ 404: 'LOAD_OFFER.NOT_FOUND' })
  @HttpCode(200)
  @ApiOkResponse({ type: LoadOfferResponse })
  @ApiConflictResponse({ description: 'LOAD_OFFER.NOT_PENDING' })
  decline(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.loads.declineOffer(actor, id);
  }

  @Roles('admin', 'staff', 'transport')
  @Post(':id/withdraw')
  @ApiOperation({ summary: "Withdraw one's own offer" })
  @ApiErrors({ 404: 'LOAD_OFFER.NOT_FOUND' })
  @HttpCode(200)
  @ApiOkResponse({ type: LoadOfferResponse })
  @ApiConflictResponse({ description: 'LOAD_OFFER.NOT_PENDING' })
  withdraw(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.loads.withdrawOffer(actor, id);
  }
}
