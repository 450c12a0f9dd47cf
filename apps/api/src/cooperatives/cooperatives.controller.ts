import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Actor, CooperativesService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  CreateCooperativeDto,
  ListCooperativesQueryDto,
  UpdateCooperativeDto,
  CooperativePageResponse,
  CooperativeResponse,
} from './cooperative.dto';
import { ApiErrors } from '../common/api-errors';

/** Sellers. Any signed-in user reads them, contacts included; anonymous users do not reach them. */
@ApiTags('cooperatives')
@ApiBearerAuth()
@Controller('cooperatives')
export class CooperativesController {
  constructor(private readonly cooperatives: CooperativesService) {}

  @Roles('admin', 'staff')
  @Post()
  @ApiOperation({ summary: 'Register a cooperative (hợp tác xã)' })
  @ApiCreatedResponse({ type: CooperativeResponse })
  @ApiErrors({
    409: 'A cooperative with the same natural key exists',
    422: 'A field breaks a rule (the code names it)',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCooperativeDto) {
    return this.cooperatives.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List cooperatives, filtered and paged' })
  @ApiOkResponse({ type: CooperativePageResponse })
  list(@Query() q: ListCooperativesQueryDto) {
    return this.cooperatives.list(q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One cooperative by id' })
  @ApiOkResponse({ type: CooperativeResponse })
  @ApiErrors({ 404: 'COOPERATIVE.NOT_FOUND' })
  get(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.cooperatives.get(id);
  }

  @Roles('admin', 'staff', 'cooperative')
  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of a cooperative' })
  @ApiOkResponse({ type: CooperativeResponse })
  @ApiErrors({
    404: 'COOPERATIVE.NOT_FOUND',
    409: 'Conflicts with its current state or another row',
    422: 'A field breaks a rule (the code names it)',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateCooperativeDto,
  ) {
    return this.cooperatives.update(actor, id, dto);
  }

  @Roles('admin', 'staff')
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a cooperative' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 404: 'COOPERATIVE.NOT_FOUND', 409: 'Still referenced (e.g. by deals or proposals)' })
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.cooperatives.remove(actor, id);
  }
}
