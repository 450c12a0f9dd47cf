import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, SupplyLotsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreateSupplyLotDto, ListSupplyLotsQueryDto, SupplyLotResponse, UpdateSupplyLotDto } from './supply-lot.dto';

@ApiTags('supply-lots')
@ApiBearerAuth()
@Controller('supply-lots')
export class SupplyLotsController {
  constructor(private readonly lots: SupplyLotsService) {}

  @Roles('admin', 'staff', 'cooperative')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateSupplyLotDto) {
    return this.lots.create(actor, dto);
  }

  @Get()
  list(@CurrentActor() actor: Actor, @Query() q: ListSupplyLotsQueryDto) {
    return this.lots.list(actor, q);
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.lots.get(id);
  }

  @Roles('admin', 'staff', 'cooperative')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateSupplyLotDto) {
    return this.lots.update(actor, id, dto);
  }

  /** Undo a withdrawal while the lot can still sell: 409 SUPPLY_LOT.REOPEN_EXPIRED or .REOPEN_SOLD_OUT otherwise. */
  @Roles('admin', 'staff', 'cooperative')
  @Post(':id/reopen')
  @HttpCode(200)
  @ApiOkResponse({ type: SupplyLotResponse })
  reopen(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.lots.reopen(actor, id);
  }

  @Roles('admin', 'staff', 'cooperative')
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.lots.remove(actor, id);
  }
}
