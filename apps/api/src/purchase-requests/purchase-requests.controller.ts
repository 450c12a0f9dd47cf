import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, PurchaseRequestsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreatePurchaseRequestDto, ListPurchaseRequestsQueryDto, UpdatePurchaseRequestDto } from './purchase-request.dto';

@ApiTags('purchase-requests')
@ApiBearerAuth()
@Controller('purchase-requests')
export class PurchaseRequestsController {
  constructor(private readonly requests: PurchaseRequestsService) {}

  @Roles('admin', 'staff', 'buyer')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePurchaseRequestDto) {
    return this.requests.create(actor, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() q: ListPurchaseRequestsQueryDto) {
    return this.requests.list(actor, q);
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.requests.get(id);
  }

  @Roles('admin', 'staff', 'buyer')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdatePurchaseRequestDto) {
    return this.requests.update(actor, id, dto);
  }

  @Roles('admin', 'staff', 'buyer')
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.requests.remove(actor, id);
  }
}
