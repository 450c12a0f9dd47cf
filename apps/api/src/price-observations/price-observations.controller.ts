import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, PriceObservationsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  CreatePriceObservationDto,
  ListPriceObservationsQueryDto,
  UpdatePriceObservationDto,
  PriceObservationPageResponse,
  PriceObservationResponse,
} from './price-observation.dto';
import { ApiErrors } from '../common/api-errors';

@ApiTags('price-observations')
@ApiBearerAuth()
@Controller('price-observations')
export class PriceObservationsController {
  constructor(private readonly observations: PriceObservationsService) {}

  @Roles('admin', 'staff')
  @Post()
  @ApiOperation({ summary: 'Register a market price observation' })
  @ApiCreatedResponse({ type: PriceObservationResponse })
  @ApiErrors({
    409: 'A market price observation with the same natural key exists',
    422: 'A field breaks a rule (the code names it)',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePriceObservationDto) {
    return this.observations.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List price observations, filtered and paged' })
  @ApiOkResponse({ type: PriceObservationPageResponse })
  list(@Query() q: ListPriceObservationsQueryDto) {
    return this.observations.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One market price observation by id' })
  @ApiOkResponse({ type: PriceObservationResponse })
  @ApiErrors({ 404: 'PRICE_OBSERVATION.NOT_FOUND' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.observations.get(id);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of a market price observation' })
  @ApiOkResponse({ type: PriceObservationResponse })
  @ApiErrors({
    404: 'PRICE_OBSERVATION.NOT_FOUND',
    409: 'Conflicts with its current state or another row',
    422: 'A field breaks a rule (the code names it)',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdatePriceObservationDto,
  ) {
    return this.observations.update(actor, id, dto);
  }

  @Roles('admin', 'staff')
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a market price observation' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 404: 'PRICE_OBSERVATION.NOT_FOUND', 409: 'Still referenced (e.g. by deals or proposals)' })
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.observations.remove(actor, id);
  }
}
