import { Body, Delete, HttpCode, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation } from '@nestjs/swagger';
import { Actor, MatchingSchedulesService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import {
  CreateMatchingScheduleDto,
  ListMatchingSchedulesQueryDto,
  MatchingSchedulePageResponse,
  MatchingScheduleResponse,
} from './matching-schedule.dto';
import { ApiErrors } from '../common/api-errors';
import { ApiController, IdParam, Route } from '../common/routes';

/** Recurring matching runs per scope (staff, admin). */
@ApiController('matching-schedules')
export class MatchingSchedulesController {
  constructor(private readonly schedules: MatchingSchedulesService) {}

  @Route('post', undefined, {
    roles: ['admin', 'staff'],
    summary: 'Schedule recurring matching runs',
    created: MatchingScheduleResponse,
    errors: { 422: 'A field breaks a rule (e.g. an invalid cron expression)' },
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMatchingScheduleDto) {
    return this.schedules.create(actor, dto);
  }

  @Route('get', undefined, {
    roles: ['admin', 'staff'],
    summary: 'List matching schedules',
    ok: MatchingSchedulePageResponse,
  })
  list(@CurrentActor() actor: Actor, @Query() q: ListMatchingSchedulesQueryDto) {
    return this.schedules.list(q, actor);
  }

  @Route('get', ':id', {
    roles: ['admin', 'staff'],
    summary: 'One matching schedule',
    ok: MatchingScheduleResponse,
    errors: { 404: 'MATCHING_SCHEDULE.NOT_FOUND' },
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.schedules.get(id, actor);
  }

  @Route('post', ':id/pause', {
    roles: ['admin', 'staff'],
    status: 200,
    summary: 'Pause a matching schedule',
    ok: MatchingScheduleResponse,
    errors: { 404: 'MATCHING_SCHEDULE.NOT_FOUND' },
  })
  pause(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.schedules.setPaused(actor, id, true);
  }

  @Route('post', ':id/resume', {
    roles: ['admin', 'staff'],
    status: 200,
    summary: 'Resume a paused matching schedule',
    ok: MatchingScheduleResponse,
    errors: { 404: 'MATCHING_SCHEDULE.NOT_FOUND' },
  })
  resume(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.schedules.setPaused(actor, id, false);
  }

  @Roles('admin', 'staff')
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a matching schedule' })
  @ApiErrors({ 404: 'MATCHING_SCHEDULE.NOT_FOUND' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentActor() actor: Actor, @IdParam() id: string) {
    await this.schedules.remove(actor, id);
  }
}
