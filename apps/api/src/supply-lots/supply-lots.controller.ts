import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, SupplyLotsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  CreateSupplyLotDto,
  ListSupplyLotsQueryDto,
  SupplyLotResponse,
  UpdateSupplyLotDto,
  SupplyLotPageResponse,
} from './supply-lot.dto';
import { ApiErrors } from '../common/api-errors';

@ApiTags('supply-lots')
@ApiBearerAuth()
@Controller('supply-lots')
export class SupplyLotsController {
  constructor(private readonly lots: SupplyLotsService) {}

  @Roles('admin', 'staff', 'cooperative')
  @Post()
  @ApiOperation({ summary: 'Register a supply lot' })
  @ApiCreatedResponse({ type: SupplyLotResponse })
  @ApiErrors({ 409: 'A supply lot with the same natural key exists', 422: 'A field breaks a rule (the code names it)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateSupplyLotDto) {
    return this.lots.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List supply lots, filtered and paged' })
  @ApiOkResponse({ type: SupplyLotPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListSupplyLotsQueryDto) {
    return this.lots.list(actor, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One supply lot by id' })
  @ApiOkResponse({ type: SupplyLotResponse })
  @ApiErrors({ 404: 'SUPPLY_LOT.NOT_FOUND' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.lots.get(id);
  }

  @Roles('admin', 'staff', 'cooperative')
  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of a supply lot' })
  @ApiOkResponse({ type: SupplyLotResponse })
  @ApiErrors({
    404: 'SUPPLY_LOT.NOT_FOUND',
    409: 'Conflicts with its current state or another row',
    422: 'A field breaks a rule (the code names it)',
  })
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateSupplyLotDto) {
    return this.lots.update(actor, id, dto);
  }

  /** Undo a withdrawal while the lot can still sell: 409 SUPPLY_LOT.REOPEN_EXPIRED or .REOPEN_SOLD_OUT otherwise. */
  @Roles('admin', 'staff', 'cooperative')
  @Post(':id/reopen')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a withdrawn supply lot that can still sell (undo)' })
  @ApiErrors({
    404: 'SUPPLY_LOT.NOT_FOUND',
    409: 'SUPPLY_LOT.NOT_WITHDRAWN, SUPPLY_LOT.REOPEN_EXPIRED or SUPPLY_LOT.REOPEN_SOLD_OUT',
  })
  @ApiOkResponse({ type: SupplyLotResponse })
  reopen(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.lots.reopen(actor, id);
  }

  @Roles('admin', 'staff', 'cooperative')
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a supply lot' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 404: 'SUPPLY_LOT.NOT_FOUND', 409: 'Still referenced (e.g. by deals or proposals)' })
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.lots.remove(actor, id);
  }
}
