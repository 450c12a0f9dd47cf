import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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

@ApiTags('deals')
@ApiBearerAuth()
@Controller('deals')
export class DealsController {
  constructor(
    private readonly deals: DealsService,
    private readonly deliveries: DealDeliveriesService,
  ) {}

  @Roles('admin', 'staff')
  @Post()
  @ApiCreatedResponse({ type: DealResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateDealDto) {
    return this.deals.create(actor, dto);
  }

  /** Staff see every deal; a cooperative or buyer its own. */
  @Get()
  @ApiOkResponse({ type: DealPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListDealsQueryDto) {
    return this.deals.list(actor, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: DealResponse })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.deals.get(actor, id);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  @ApiOperation({ deprecated: true, summary: 'Old one-call delivery or cancel: deliveredKg is the total delivered so far. Use POST :id/deliveries and POST :id/cancel.' })
  @ApiOkResponse({ type: DealResponse })
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateDealDto) {
    if (dto.status === 'cancelled') {
      if (dto.deliveredKg !== undefined || dto.deliveredAt !== undefined) {
        throw new DomainError('validation', 'DEAL.CANCEL_WITH_DELIVERY', 'a cancellation cannot record a delivery at the same time', [{ field: 'status', message: 'a cancellation cannot record a delivery at the same time' }]);
      }
      return this.deals.cancel(actor, id, null);
    }
    if (dto.status === 'delivered' || dto.deliveredKg !== undefined || dto.deliveredAt !== undefined) return this.deliveries.recordUpTo(actor, id, dto);
    return this.deals.get(actor, id);
  }

  @Roles('admin', 'staff')
  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: DealResponse, description: 'The deal, cancelled; its kilograms are back on the lot and the request' })
  cancel(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: CancelDealDto) {
    return this.deals.cancel(actor, id, dto.reason);
  }

  /** The deal's parties and staff see its deliveries. */
  @Get(':id/deliveries')
  @ApiOkResponse({ type: DeliveryPageResponse })
  listDeliveries(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQueryDto) {
    return this.deliveries.list(actor, id, q);
  }

  @Roles('admin', 'staff')
  @Post(':id/deliveries')
  @ApiCreatedResponse({ type: DeliveryRecordedResponse, description: 'The delivery and the deal after it (partially_delivered, or delivered once the parts reach the deal)' })
  recordDelivery(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: RecordDeliveryDto) {
    return this.deliveries.record(actor, id, dto);
  }

  @Roles('admin', 'staff')
  @Patch(':id/deliveries/:deliveryId')
  @ApiOkResponse({ type: DeliveryRecordedResponse })
  correctDelivery(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('deliveryId', new ParseUUIDPipe()) deliveryId: string,
    @Body() dto: CorrectDeliveryDto,
  ) {
    return this.deliveries.correct(actor, id, deliveryId, dto);
  }
}
