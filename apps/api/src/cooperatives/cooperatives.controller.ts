import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, CooperativesService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreateCooperativeDto, ListCooperativesQueryDto, UpdateCooperativeDto } from './cooperative.dto';

/** Sellers. Any signed-in user reads them, contacts included; anonymous users do not reach them. */
@ApiTags('cooperatives')
@ApiBearerAuth()
@Controller('cooperatives')
export class CooperativesController {
  constructor(private readonly cooperatives: CooperativesService) {}

  @Roles('admin', 'staff')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCooperativeDto) {
    return this.cooperatives.create(actor, dto);
  }

  @Get()
  list(@Query() q: ListCooperativesQueryDto) {
    return this.cooperatives.list(q);
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.cooperatives.get(id);
  }

  @Roles('admin', 'staff', 'cooperative')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateCooperativeDto) {
    return this.cooperatives.update(actor, id, dto);
  }

  @Roles('admin', 'staff')
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.cooperatives.remove(actor, id);
  }
}
