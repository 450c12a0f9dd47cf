import { Body, Query } from '@nestjs/common';
import { Actor, AuditLogsService, ZonesService } from '@agrilink/core';
import { PageQueryDto } from '../common/dto';
import { CurrentActor } from '../auth/current-actor.decorator';
import {
  CreateZoneDto,
  EndZoneDto,
  ListZonesQueryDto,
  UpdateZoneDto,
  ZoneHistoryPageResponse,
  ZoneResponse,
  ZonePageResponse,
} from './zone.dto';
import { ApiController, IdParam, Route } from '../common/routes';

@ApiController('zones')
export class ZonesController {
  constructor(
    private readonly zones: ZonesService,
    private readonly audit: AuditLogsService,
  ) {}

  @Route('post', undefined, {
    roles: ['admin', 'staff'],
    summary: 'Declare a restricted zone',
    created: ZoneResponse,
    errors: {
      409: 'ZONE.CODE_TAKEN',
      422: 'ZONE.INVALID_POLYGON, ZONE.UNKNOWN_COMMUNE, ZONE.EXTENT_REQUIRED, ZONE.PERIOD_REVERSED',
    },
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateZoneDto) {
    return this.zones.create(actor, dto);
  }

  @Route('get', undefined, { summary: 'List zones', ok: ZonePageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListZonesQueryDto) {
    return this.zones.list(q, actor);
  }

  @Route('get', ':id', {
    summary: 'One zone by id',
    ok: ZoneResponse,
    errors: {
      403: "ZONE.OUTSIDE_PROVINCES: of other provinces than a province staff member's",
      404: 'ZONE.NOT_FOUND',
    },
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.zones.get(id, actor);
  }

  @Route('patch', ':id', {
    roles: ['admin', 'staff'],
    summary: 'Change a zone',
    ok: ZoneResponse,
    errors: {
      404: 'ZONE.NOT_FOUND',
      409: 'ZONE.CODE_TAKEN',
      422: 'ZONE.INVALID_POLYGON, ZONE.UNKNOWN_COMMUNE, ZONE.PERIOD_REVERSED',
    },
  })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateZoneDto) {
    return this.zones.update(actor, id, dto);
  }

  @Route('post', ':id/end', {
    roles: ['admin', 'staff'],
    status: 200,
    summary: 'End a zone on a day (it stays on file)',
    ok: { type: ZoneResponse, description: 'The zone with its last day set; it stays on file with its history' },
    errors: { 404: 'ZONE.NOT_FOUND' },
    described: { 409: 'ZONE.ALREADY_ENDED', 422: "ZONE.PERIOD_REVERSED: before the zone's first day" },
  })
  end(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: EndZoneDto) {
    return this.zones.end(actor, id, dto.on);
  }

  @Route('get', ':id/history', {
    roles: ['admin', 'staff'],
    summary: 'Changes of a zone (audit log)',
    ok: { type: ZoneHistoryPageResponse, description: 'Every change of the zone, newest first (audit log)' },
    errors: { 404: 'ZONE.NOT_FOUND' },
  })
  history(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() q: PageQueryDto) {
    return this.audit.list(actor, { entityType: 'zone', entityId: id, limit: q.limit, offset: q.offset });
  }

  /** For a zone drawn by mistake; a zone that was in force is ended instead (POST :id/end). */
  @Route('delete', ':id', {
    roles: ['admin', 'staff'],
    summary: 'Delete a zone drawn by mistake',
    errors: { 404: 'ZONE.NOT_FOUND' },
    noContent: 'Deleted',
  })
  async remove(@CurrentActor() actor: Actor, @IdParam() id: string) {
    await this.zones.remove(actor, id);
  }
}
