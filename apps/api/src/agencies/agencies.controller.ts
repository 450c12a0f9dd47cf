import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor, AgenciesService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  AgencyPageResponse,
  AgencyResponse,
  CreateAgencyDto,
  ListAgenciesQueryDto,
  UpdateAgencyDto,
} from './agency.dto';
import { ApiErrors } from '../common/api-errors';

/** Reporting agencies (departments, communes): staff keep the register; an agency user reads its own. */
@ApiTags('agencies')
@ApiBearerAuth()
@Controller('agencies')
export class AgenciesController {
  constructor(private readonly agencies: AgenciesService) {}

  @Roles('admin', 'staff')
  @Post()
  @ApiOperation({ summary: 'Register an agency that reports weekly' })
  @ApiCreatedResponse({ type: AgencyResponse })
  @ApiConflictResponse({ description: 'AGENCY.NAME_TAKEN' })
  @ApiUnprocessableEntityResponse({
    description: 'AGENCY.UNKNOWN_ADMINISTRATIVE_UNIT, AGENCY.PRE2025_ADMINISTRATIVE_UNIT, AGENCY.NAME_REQUIRED',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAgencyDto) {
    return this.agencies.create(actor, dto);
  }

  @Roles('admin', 'staff', 'agency')
  @Get()
  @ApiOperation({ summary: 'List agencies' })
  @ApiOkResponse({ type: AgencyPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListAgenciesQueryDto) {
    return this.agencies.list(actor, q);
  }

  @Roles('admin', 'staff', 'agency')
  @Get(':id')
  @ApiOperation({ summary: 'One agency' })
  @ApiOkResponse({ type: AgencyResponse })
  @ApiNotFoundResponse({ description: 'AGENCY.NOT_FOUND (also for another agency’s id)' })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.agencies.get(actor, id);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  @ApiOperation({ summary: 'Change an agency' })
  @ApiErrors({ 422: 'A field breaks a rule' })
  @ApiOkResponse({ type: AgencyResponse })
  @ApiNotFoundResponse({ description: 'AGENCY.NOT_FOUND' })
  @ApiConflictResponse({ description: 'AGENCY.NAME_TAKEN' })
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateAgencyDto) {
    return this.agencies.update(actor, id, dto);
  }
}
