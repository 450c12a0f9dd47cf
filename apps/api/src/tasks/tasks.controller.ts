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
import { Actor, AgencyTasksService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { PageQueryDto } from '../common/dto';
import { AuditLogPageResponse } from '../audit-logs/audit-log.dto';
import { CreateTaskDto, ListTasksQueryDto, TaskPageResponse, TaskResponse, UpdateTaskDto } from './task.dto';
import { ApiErrors } from '../common/api-errors';

/** Tasks given to agencies: staff create and assign; the agency moves its own along and adds notes. */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: AgencyTasksService) {}

  @Roles('admin', 'staff')
  @Post()
  @ApiOperation({ summary: 'Give an agency a task' })
  @ApiCreatedResponse({ type: TaskResponse })
  @ApiUnprocessableEntityResponse({
    description: 'AGENCY_TASK.UNKNOWN_AGENCY, AGENCY_TASK.AGENCY_INACTIVE, AGENCY_TASK.INVALID_DUE_DATE',
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTaskDto) {
    return this.tasks.create(actor, dto);
  }

  @Roles('admin', 'staff', 'agency')
  @Get()
  @ApiOperation({ summary: 'List tasks' })
  @ApiOkResponse({ type: TaskPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListTasksQueryDto) {
    return this.tasks.list(actor, q);
  }

  @Roles('admin', 'staff', 'agency')
  @Get(':id')
  @ApiOperation({ summary: 'One task' })
  @ApiOkResponse({ type: TaskResponse })
  @ApiNotFoundResponse({ description: 'AGENCY_TASK.NOT_FOUND (also for another agency’s task)' })
  get(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.tasks.get(actor, id);
  }

  @Roles('admin', 'staff', 'agency')
  @Patch(':id')
  @ApiOperation({ summary: 'Change a task or its progress' })
  @ApiErrors({ 422: 'A field breaks a rule' })
  @ApiOkResponse({ type: TaskResponse })
  @ApiNotFoundResponse({ description: 'AGENCY_TASK.NOT_FOUND' })
  @ApiConflictResponse({ description: 'AGENCY_TASK.INVALID_TRANSITION' })
  update(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Body() dto: UpdateTaskDto) {
    return this.tasks.update(actor, id, dto);
  }

  @Roles('admin', 'staff', 'agency')
  @Get(':id/history')
  @ApiOperation({ summary: 'Changes of a task (audit log)' })
  @ApiErrors({ 404: 'AGENCY_TASK.NOT_FOUND' })
  @ApiOkResponse({ type: AuditLogPageResponse })
  history(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQueryDto) {
    return this.tasks.history(actor, id, q);
  }
}
