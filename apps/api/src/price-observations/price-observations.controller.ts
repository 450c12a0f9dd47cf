import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, PriceObservationsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreatePriceObservationDto, ListPriceObservationsQueryDto, UpdatePriceObservationDto } from './price-observation.dto';

@ApiTags('price-observations')
@ApiBearerAuth()
@Controller('price-observations')
export class PriceObservationsController {
  constructor(private readonly observations: PriceObservationsService) {}

  @Roles('admin', 'staff')
  @Post()
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePriceObservationDto) {
    return this.observations.create(actor, dto);
  }

  @Get()
  list(@Query() q: ListPriceObservationsQueryDto) {
    return this.observations.list(q);
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.observations.get(id);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdatePriceObservationDto) {
    return this.observations.update(actor, id, dto);
  }

  @Roles('admin', 'staff')
  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.observations.remove(actor, id);
  }
}
