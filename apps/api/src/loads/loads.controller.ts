import { Body, Controller, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, LoadsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
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
import { ApiController, IdParam, Route } from '../common/routes';

@ApiController('loads')
export class LoadsController {
  constructor(private readonly loads: LoadsService) {}

  @Route('post', undefined, {
    roles: ['admin', 'staff', 'cooperative', 'buyer'],
    summary: 'Post a load for transport operators to bid on',
    created: { type: LoadResponse, description: "A deal's transport need, posted by its seller, its buyer or staff" },
    described: {
      422: 'LOAD.UNKNOWN_DEAL, LOAD.KG_EXCEEDS_DEAL, LOAD.WINDOW_REVERSED',
      409: 'LOAD.ALREADY_POSTED, LOAD.DEAL_NOT_OPEN',
      403: 'LOAD.FORBIDDEN: not a party of the deal',
    },
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateLoadDto) {
    return this.loads.create(actor, dto);
  }

  @Route('get', undefined, {
    roles: ['admin', 'staff', 'cooperative', 'buyer', 'transport'],
    summary: 'List loads',
    ok: {
      type: LoadPageResponse,
      description: 'Staff: all loads; seller and buyer: their own; an operator: open loads in the provinces it serves',
    },
  })
  list(@CurrentActor() actor: Actor, @Query() q: ListLoadsQueryDto) {
    return this.loads.list(actor, q);
  }

  @Route('get', ':id', {
    roles: ['admin', 'staff', 'cooperative', 'buyer', 'transport'],
    summary: 'One load',
    ok: LoadResponse,
    described: { 404: 'LOAD.NOT_FOUND (also for a load the caller may not see)' },
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.loads.get(actor, id);
  }

  @Route('post', ':id/cancel', {
    roles: ['admin', 'staff', 'cooperative', 'buyer'],
    status: 200,
    summary: 'Cancel an open load (its pending offers are declined)',
    ok: { type: LoadResponse, description: 'Cancelled; pending offers are declined and their operators told' },
    errors: { 404: 'LOAD.NOT_FOUND' },
    described: { 409: 'LOAD.NOT_CANCELLABLE: an offer was accepted' },
  })
  cancel(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: CancelLoadDto) {
    return this.loads.cancel(actor, id, dto.reason ?? null);
  }

  @Route('get', ':id/offers', {
    roles: ['admin', 'staff', 'cooperative', 'buyer', 'transport'],
    summary: 'Offers made on a load',
    ok: {
      type: LoadOfferPageResponse,
      description: "Every offer for the load's parties and staff; its own for an operator",
    },
    errors: { 404: 'LOAD.NOT_FOUND' },
  })
  offers(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() q: PageQueryDto) {
    return this.loads.offers(actor, id, q);
  }

  @Route('post', ':id/offers', {
    roles: ['transport'],
    summary: 'Offer to carry a load (transport operator)',
    created: LoadOfferResponse,
    errors: { 404: 'LOAD.NOT_FOUND' },
    described: {
      422: 'LOAD_OFFER.VEHICLE_TOO_SMALL, LOAD_OFFER.PERMIT_REQUIRED (the route leaves or enters a restricted zone and the vehicle has no permit valid on pickupOn), LOAD_OFFER.VEHICLE_NOT_REFRIGERATED, LOAD_OFFER.KG_EXCEEDS_OPEN, LOAD_OFFER.PICKUP_OUTSIDE_WINDOW, LOAD_OFFER.UNKNOWN_VEHICLE, LOAD_OFFER.VEHICLE_NOT_YOURS',
      409: 'LOAD.NOT_OPEN, LOAD_OFFER.DUPLICATE',
    },
  })
  makeOffer(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: CreateLoadOfferDto) {
    return this.loads.makeOffer(actor, id, dto);
  }
}

@ApiTags('loads')
@ApiBearerAuth()
@Controller('load-offers')
export class LoadOffersController {
  constructor(private readonly loads: LoadsService) {}

  @Route('get', undefined, {
    roles: ['admin', 'staff', 'transport'],
    summary: 'The offers made to or by the caller',
    ok: { type: LoadOfferPageResponse, description: "An operator's own offers across loads (staff: all)" },
  })
  mine(@CurrentActor() actor: Actor, @Query() q: ListOffersQueryDto) {
    return this.loads.myOffers(actor, q);
  }

  @Route('post', ':id/accept', {
    roles: ['admin', 'staff', 'cooperative', 'buyer'],
    status: 200,
    summary: 'Accept an offer on a load',
    ok: LoadOfferAcceptanceResponse,
    errors: { 404: 'LOAD_OFFER.NOT_FOUND' },
    described: {
      409: 'LOAD_OFFER.NOT_PENDING, LOAD.NOT_OPEN',
      422: 'LOAD_OFFER.KG_EXCEEDS_OPEN, LOAD_OFFER.PERMIT_REQUIRED (judged again on accepting)',
    },
  })
  accept(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.loads.acceptOffer(actor, id);
  }

  @Route('post', ':id/decline', {
    roles: ['admin', 'staff', 'cooperative', 'buyer'],
    status: 200,
    summary: 'Decline an offer on a load',
    ok: LoadOfferResponse,
    errors: { 404: 'LOAD_OFFER.NOT_FOUND' },
    described: { 409: 'LOAD_OFFER.NOT_PENDING' },
  })
  decline(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.loads.declineOffer(actor, id);
  }

  @Route('post', ':id/withdraw', {
    roles: ['admin', 'staff', 'transport'],
    status: 200,
    summary: "Withdraw one's own offer",
    ok: LoadOfferResponse,
    errors: { 404: 'LOAD_OFFER.NOT_FOUND' },
    described: { 409: 'LOAD_OFFER.NOT_PENDING' },
  })
  withdraw(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.loads.withdrawOffer(actor, id);
  }
}
