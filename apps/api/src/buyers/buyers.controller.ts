import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, BuyersService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreateBuyerDto, ListBuyersQueryDto, UpdateBuyerDto, BuyerPageResponse, BuyerResponse } from './buyer.dto';
import { ApiErrors } from '../common/api-errors';

@ApiTags('buyers')
@ApiBearerAuth()
@Controller('buyers')
export class BuyersController {
  constructor(private readonly buyers: BuyersService) {}

  @Roles('admin', 'staff')
  @Post()
  @ApiOperation({ summary: 'Register a buyer' })
  @ApiCreatedResponse({ type: BuyerResponse })
  @ApiErrors({ 409: 'A buyer with the same natural key exists', 422: 'A field breaks a rule (the code names it)' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateBuyerDto) {
    return this.buyers.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List buyers, filtered and paged' })
  @ApiOkResponse({ type: BuyerPageResponse })
  list(@Query() q: ListBuyersQueryDto) {
    return this.buyers.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One buyer by id' })
  @ApiOkResponse({ type: BuyerResponse })
  @ApiErrors({ 404: 'BUYER.NOT_FOUND' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.buyers.get(id);
  }

  @Roles('admin', 'staff', 'buyer')
  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of a buyer' })
  @ApiOkResponse({ type: BuyerResponse })
  @ApiErrors({
    404: 'BUYER.NOT_FOUND',
    409: 'Conflicts with its current state or another row',
    422: 'A field breaks a rule (the code names it)',
  })
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateBuyerDto) {
    return this.buyers.update(actor, id, dto);
  }

  @Roles('admin', 'staff')
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a buyer' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 404: 'BUYER.NOT_FOUND', 409: 'Still referenced (e.g. by deals or proposals)' })
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.buyers.remove(actor, id);
  }
}
