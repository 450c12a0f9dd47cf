import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, MatchingSchedulesService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { CreateMatchingScheduleDto, ListMatchingSchedulesQueryDto, MatchingSchedulePageResponse, MatchingScheduleResponse } from './matching-schedule.dto';

/** Recurring matching runs per scope (staff, admin). */
@ApiTags('matching-schedules')
@ApiBearerAuth()
@Controller('matching-schedules')
export class MatchingSchedulesController {
  constructor(private readonly schedules: MatchingSchedulesService) {}

  @Roles('admin', 'staff')
  @Post()
  @ApiCreatedResponse({ type: MatchingScheduleResponse })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMatchingScheduleDto) {
    return this.schedules.create(actor, dto);
  }

  @Roles('admin', 'staff')
  @Get()
  @ApiOkResponse({ type: MatchingSchedulePageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListMatchingSchedulesQueryDto) {
    return this.schedules.list(q, actor);
  }

  @Roles('admin', 'staff')
  @Get(':id')
  @ApiOkResponse({ type: MatchingScheduleResponse })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.schedules.get(id, actor);
  }

  @Roles('admin', 'staff')
  @Post(':id/pause')
  @HttpCode(200)
  @ApiOkResponse({ type: MatchingScheduleResponse })
  pause(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.schedules.setPaused(actor, id, true);
  }

  @Roles('admin', 'staff')
  @Post(':id/resume')
  @HttpCode(200)
  @ApiOkResponse({ type: MatchingScheduleResponse })
  resume(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.schedules.setPaused(actor, id, false);
  }

  @Roles('admin', 'staff')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    await this.schedules.remove(actor, id);
  }
}
