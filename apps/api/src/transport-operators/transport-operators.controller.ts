import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, TransportOperatorsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreateTransportOperatorDto, ListTransportOperatorsQueryDto, UpdateTransportOperatorDto } from './transport-operator.dto';

@ApiTags('transport-operators')
@ApiBearerAuth()
@Controller('transport-operators')
export class TransportOperatorsController {
  constructor(private readonly operators: TransportOperatorsService) {}

  @Roles('admin', 'staff')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTransportOperatorDto) {
    return this.operators.create(actor, dto);
  }

  @Get()
  list(@Query() q: ListTransportOperatorsQueryDto) {
    return this.operators.list(q);
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.operators.get(id);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateTransportOperatorDto) {
    return this.operators.update(actor, id, dto);
  }

  @Roles('admin', 'staff')
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.operators.remove(actor, id);
  }
}
