import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Actor, AuditLogsService, CheckpointsService, parseBbox } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
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
import { ApiErrors } from '../common/api-errors';

/** Chốt kiểm soát: staff keep them (edited and ended, never deleted); every signed-in user reads them. */
@ApiTags('checkpoints')
@ApiBearerAuth()
@Controller('checkpoints')
export class CheckpointsController {
  constructor(
    private readonly checkpoints: CheckpointsService,
    private readonly audit: AuditLogsService,
  ) {}

  @Roles('admin', 'staff')
  @Post()
  @ApiOperation({ summary: 'Set up a checkpoint (chốt kiểm soát)' })
  @ApiErrors({ 409: 'CHECKPOINT.CODE_TAKEN' })
  @ApiCreatedResponse({ type: CheckpointResponse })
  @ApiUnprocessableEntityResponse({ description: 'CHECKPOINT.UNKNOWN_ZONE, CHECKPOINT.PERIOD_REVERSED' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCheckpointDto) {
    return this.checkpoints.create(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List checkpoints' })
  @ApiOkResponse({ type: CheckpointPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListCheckpointsQueryDto) {
    return this.checkpoints.list(q, actor);
  }

  /** The map layer (signed-in users): checkpoints in force, GeoJSON points [lng, lat]. */
  @Get('layer')
  @ApiOperation({ summary: 'Checkpoints as a GeoJSON map layer' })
  @ApiOkResponse({ type: CheckpointLayerResponse })
  layer(@CurrentActor() actor: Actor, @Query() q: CheckpointLayerQueryDto) {
    const r = q.bbox ? parseBbox(q.bbox) : undefined;
    const bbox = r && 'bbox' in r && !r.world ? r.bbox : undefined;
    return this.checkpoints.layer({ bbox, activeOn: q.activeOn }, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One checkpoint' })
  @ApiErrors({
    403: "CHECKPOINT.OUTSIDE_PROVINCES: of other provinces than a province staff member's",
    404: 'CHECKPOINT.NOT_FOUND',
  })
  @ApiOkResponse({ type: CheckpointResponse })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.checkpoints.get(id, actor);
  }

  @Roles('admin', 'staff')
  @Patch(':id')
  @ApiOperation({ summary: 'Change a checkpoint' })
  @ApiErrors({ 404: 'CHECKPOINT.NOT_FOUND', 409: 'CHECKPOINT.CODE_TAKEN' })
  @ApiOkResponse({ type: CheckpointResponse })
  @ApiUnprocessableEntityResponse({ description: 'CHECKPOINT.UNKNOWN_ZONE, CHECKPOINT.PERIOD_REVERSED' })
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateCheckpointDto) {
    return this.checkpoints.update(actor, id, dto);
  }

  @Roles('admin', 'staff')
  @Post(':id/end')
  @ApiOperation({ summary: 'Close a checkpoint on a day' })
  @ApiErrors({ 404: 'CHECKPOINT.NOT_FOUND' })
  @HttpCode(200)
  @ApiOkResponse({ type: CheckpointResponse, description: 'Its last day set; it stays on file with its history' })
  @ApiConflictResponse({ description: 'CHECKPOINT.ALREADY_ENDED' })
  end(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: EndCheckpointDto) {
    return this.checkpoints.end(actor, id, dto.on);
  }

  @Roles('admin', 'staff')
  @Get(':id/history')
  @ApiOperation({ summary: 'Changes of a checkpoint (audit log)' })
  @ApiErrors({ 404: 'CHECKPOINT.NOT_FOUND' })
  @ApiOkResponse({ type: CheckpointHistoryPageResponse })
  history(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQueryDto) {
    return this.audit.list(actor, { entityType: 'checkpoint', entityId: id, limit: q.limit, offset: q.offset });
  }
}
