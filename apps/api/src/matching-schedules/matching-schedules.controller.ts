import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
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

/** Recurring matching runs per scope (staff, admin). */
@ApiTags('matching-schedules')
@ApiBearerAuth()
@Controller('matching-schedules')
export class MatchingSchedulesController {
  constructor(private readonly schedules: MatchingSchedulesService) {}

  @Roles('admin', 'staff')
  @Post()
  @ApiOperation({ summary: 'Schedule recurring matching runs' })
  @ApiErrors({ 422: 'A field breaks a rule (e.g. an invalid cron expression)' })
  @ApiCreatedResponse({ type: MatchingScheduleResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMatchingScheduleDto) {
    return this.schedules.create(actor, dto);
  }

  @Roles('admin', 'staff')
  @Get()
  @ApiOperation({ summary: 'List matching schedules' })
  @ApiOkResponse({ type: MatchingSchedulePageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListMatchingSchedulesQueryDto) {
    return this.schedules.list(q, actor);
  }

  @Roles('admin', 'staff')
  @Get(':id')
  @ApiOperation({ summary: 'One matching schedule' })
  @ApiErrors({ 404: 'MATCHING_SCHEDULE.NOT_FOUND' })
  @ApiOkResponse({ type: MatchingScheduleResponse })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.schedules.get(id, actor);
  }

  @Roles('admin', 'staff')
  @Post(':id/pause')
  @ApiOperation({ summary: 'Pause a matching schedule' })
  @ApiErrors({ 404: 'MATCHING_SCHEDULE.NOT_FOUND' })
  @HttpCode(200)
  @ApiOkResponse({ type: MatchingScheduleResponse })
  pause(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.schedules.setPaused(actor, id, true);
  }

  @Roles('admin', 'staff')
  @Post(':id/resume')
  @ApiOperation({ summary: 'Resume a paused matching schedule' })
  @ApiErrors({ 404: 'MATCHING_SCHEDULE.NOT_FOUND' })
  @HttpCode(200)
  @ApiOkResponse({ type: MatchingScheduleResponse })
  resume(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.schedules.setPaused(actor, id, false);
  }

  @Roles('admin', 'staff')
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a matching schedule' })
  @ApiErrors({ 404: 'MATCHING_SCHEDULE.NOT_FOUND' })
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.schedules.remove(actor, id);
  }
}
