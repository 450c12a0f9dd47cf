import { Body, Query } from '@nestjs/common';
import { Actor, AuditLogsService, CheckpointsService, parseBbox } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { PageQueryDto } from '../common/dto';
import {
  CheckpointHistoryPageResponse,
  CheckpointLayerQueryDto,
  CheckpointLayerResponse,
  CheckpointPageResponse,
  CheckpointResponse,
  CreateCheckpointDto,
  EndCheckpointDto,
  ListCheckpointsQueryDto,
  UpdateCheckpointDto,
} from './checkpoint.dto';
import { ApiController, IdParam, Route } from '../common/routes';

/** Chốt kiểm soát: staff keep them (edited and ended, never deleted); every signed-in user reads them. */
@ApiController('checkpoints')
export class CheckpointsController {
  constructor(
    private readonly checkpoints: CheckpointsService,
    private readonly audit: AuditLogsService,
  ) {}

  @Route('post', undefined, {
    roles: ['admin', 'staff'],
    summary: 'Set up a checkpoint (chốt kiểm soát)',
    created: CheckpointResponse,
    errors: { 409: 'CHECKPOINT.CODE_TAKEN' },
    described: { 422: 'CHECKPOINT.UNKNOWN_ZONE, CHECKPOINT.PERIOD_REVERSED' },
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCheckpointDto) {
    return this.checkpoints.create(actor, dto);
  }

  @Route('get', undefined, { summary: 'List checkpoints', ok: CheckpointPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListCheckpointsQueryDto) {
    return this.checkpoints.list(q, actor);
  }

  /** The map layer (signed-in users): checkpoints in force, GeoJSON points [lng, lat]. */
  @Route('get', 'layer', { summary: 'Checkpoints as a GeoJSON map layer', ok: CheckpointLayerResponse })
  layer(@CurrentActor() actor: Actor, @Query() q: CheckpointLayerQueryDto) {
    const r = q.bbox ? parseBbox(q.bbox) : undefined;
    const bbox = r && 'bbox' in r && !r.world ? r.bbox : undefined;
    return this.checkpoints.layer({ bbox, activeOn: q.activeOn }, actor);
  }

  @Route('get', ':id', {
    summary: 'One checkpoint',
    ok: CheckpointResponse,
    errors: {
      403: "CHECKPOINT.OUTSIDE_PROVINCES: of other provinces than a province staff member's",
      404: 'CHECKPOINT.NOT_FOUND',
    },
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.checkpoints.get(id, actor);
  }

  @Route('patch', ':id', {
    roles: ['admin', 'staff'],
    summary: 'Change a checkpoint',
    ok: CheckpointResponse,
    errors: { 404: 'CHECKPOINT.NOT_FOUND', 409: 'CHECKPOINT.CODE_TAKEN' },
    described: { 422: 'CHECKPOINT.UNKNOWN_ZONE, CHECKPOINT.PERIOD_REVERSED' },
  })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateCheckpointDto) {
    return this.checkpoints.update(actor, id, dto);
  }

  @Route('post', ':id/end', {
    roles: ['admin', 'staff'],
    status: 200,
    summary: 'Close a checkpoint on a day',
    ok: { type: CheckpointResponse, description: 'Its last day set; it stays on file with its history' },
    errors: { 404: 'CHECKPOINT.NOT_FOUND' },
    described: { 409: 'CHECKPOINT.ALREADY_ENDED' },
  })
  end(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: EndCheckpointDto) {
    return this.checkpoints.end(actor, id, dto.on);
  }

  @Route('get', ':id/history', {
    roles: ['admin', 'staff'],
    summary: 'Changes of a checkpoint (audit log)',
    ok: CheckpointHistoryPageResponse,
    errors: { 404: 'CHECKPOINT.NOT_FOUND' },
  })
  history(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() q: PageQueryDto) {
    return this.audit.list(actor, { entityType: 'checkpoint', entityId: id, limit: q.limit, offset: q.offset });
  }
}
