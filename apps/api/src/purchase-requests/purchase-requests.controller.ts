import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, PurchaseRequestsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  CreatePurchaseRequestDto,
  ListPurchaseRequestsQueryDto,
  UpdatePurchaseRequestDto,
  PurchaseRequestPageResponse,
  PurchaseRequestResponse,
} from './purchase-request.dto';
import { ApiErrors } from '../common/api-errors';

@ApiTags('purchase-requests')
@ApiBearerAuth()
@Controller('purchase-requests')
export class PurchaseRequestsController {
  constructor(private readonly requests: PurchaseRequestsService) {}

  @Roles('admin', 'staff', 'buyer')
  @Post()
  @ApiOperation({ summary: 'Register a purchase request' })
  @ApiCreatedResponse({ type: PurchaseRequestResponse })
  @ApiErrors({
    409: 'A purchase request with the same natural key exists',
    422: 'A field breaks a rule (the code names it)',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePurchaseRequestDto) {
    return this.requests.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List purchase requests, filtered and paged' })
  @ApiOkResponse({ type: PurchaseRequestPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListPurchaseRequestsQueryDto) {
    return this.requests.list(actor, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One purchase request by id' })
  @ApiOkResponse({ type: PurchaseRequestResponse })
  @ApiErrors({ 404: 'PURCHASE_REQUEST.NOT_FOUND' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.requests.get(id);
  }

  @Roles('admin', 'staff', 'buyer')
  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of a purchase request' })
  @ApiOkResponse({ type: PurchaseRequestResponse })
  @ApiErrors({
    404: 'PURCHASE_REQUEST.NOT_FOUND',
    409: 'Conflicts with its current state or another row',
    422: 'A field breaks a rule (the code names it)',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdatePurchaseRequestDto,
  ) {
    return this.requests.update(actor, id, dto);
  }

  @Roles('admin', 'staff', 'buyer')
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a purchase request' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 404: 'PURCHASE_REQUEST.NOT_FOUND', 409: 'Still referenced (e.g. by deals or proposals)' })
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.requests.remove(actor, id);
  }
}
