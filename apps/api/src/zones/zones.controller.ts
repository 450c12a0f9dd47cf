import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor, AuditLogsService, ZonesService } from '@agrilink/core';
import { PageQueryDto } from '../common/dto';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  CreateZoneDto,
  EndZoneDto,
  ListZonesQueryDto,
  UpdateZoneDto,
  ZoneHistoryPageResponse,
  ZoneResponse,
  ZonePageResponse,
} from './zone.dto';
import { ApiErrors } from '../common/api-errors';

@ApiTags('zones')
@ApiBearerAuth()
@Controller('zones')
export class ZonesController {
  constructor(
    private readonly zones: ZonesService,
    private readonly audit: AuditLogsService,
  ) {}

  @Roles('admin', 'staff')
  @Post()
  @ApiOperation({ summary: 'Declare a restricted zone' })
  @ApiCreatedResponse({ type: ZoneResponse })
  @ApiErrors({
    409: 'ZONE.CODE_TAKEN',
    422: 'ZONE.INVALID_POLYGON, ZONE.UNKNOWN_COMMUNE, ZONE.EXTENT_REQUIRED, ZONE.PERIOD_REVERSED',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateZoneDto) {
    return this.zones.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List zones' })
  @ApiOkResponse({ type: ZonePageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListZonesQueryDto) {
    return this.zones.list(q, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One zone by id' })
  @ApiOkResponse({ type: ZoneResponse })
  @ApiErrors({
    403: "ZONE.OUTSIDE_PROVINCES: of other provinces than a province staff member's",
    404: 'ZONE.NOT_FOUND',
  })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.zones.get(id, actor);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  @ApiOperation({ summary: 'Change a zone' })
  @ApiOkResponse({ type: ZoneResponse })
  @ApiErrors({
    404: 'ZONE.NOT_FOUND',
    409: 'ZONE.CODE_TAKEN',
    422: 'ZONE.INVALID_POLYGON, ZONE.UNKNOWN_COMMUNE, ZONE.PERIOD_REVERSED',
  })
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateZoneDto) {
    return this.zones.update(actor, id, dto);
  }

  @Roles('admin', 'staff')
  @Post(':id/end')
  @ApiOperation({ summary: 'End a zone on a day (it stays on file)' })
  @ApiErrors({ 404: 'ZONE.NOT_FOUND' })
  @HttpCode(200)
  @ApiOkResponse({
    type: ZoneResponse,
    description: 'The zone with its last day set; it stays on file with its history',
  })
  @ApiConflictResponse({ description: 'ZONE.ALREADY_ENDED' })
  @ApiUnprocessableEntityResponse({ description: "ZONE.PERIOD_REVERSED: before the zone's first day" })
  end(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: EndZoneDto) {
    return this.zones.end(actor, id, dto.on);
  }

  @Roles('admin', 'staff')
  @Get(':id/history')
  @ApiOperation({ summary: 'Changes of a zone (audit log)' })
  @ApiErrors({ 404: 'ZONE.NOT_FOUND' })
  @ApiOkResponse({ type: ZoneHistoryPageResponse, description: 'Every change of the zone, newest first (audit log)' })
  history(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQueryDto) {
    return this.audit.list(actor, { entityType: 'zone', entityId: id, limit: q.limit, offset: q.offset });
  }

  /** For a zone drawn by mistake; a zone that was in force is ended instead (POST :id/end). */
  @Roles('admin', 'staff')
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a zone drawn by mistake' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors({ 404: 'ZONE.NOT_FOUND' })
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.zones.remove(actor, id);
  }
}
