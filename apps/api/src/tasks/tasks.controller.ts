import { Body, Query } from '@nestjs/common';
import { Actor, AgencyTasksService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { PageQueryDto } from '../common/dto';
import { AuditLogPageResponse } from '../audit-logs/audit-log.dto';
import { CreateTaskDto, ListTasksQueryDto, TaskPageResponse, TaskResponse, UpdateTaskDto } from './task.dto';
import { ApiController, IdParam, Route } from '../common/routes';

const READERS = ['admin', 'staff', 'agency'] as const;

/** Tasks given to agencies: staff create and assign; the agency moves its own along and adds notes. */
@ApiController('tasks')
export class TasksController {
  constructor(private readonly tasks: AgencyTasksService) {}

  @Route('post', undefined, {
    roles: ['admin', 'staff'],
    summary: 'Give an agency a task',
    created: TaskResponse,
    described: { 422: 'AGENCY_TASK.UNKNOWN_AGENCY, AGENCY_TASK.AGENCY_INACTIVE, AGENCY_TASK.INVALID_DUE_DATE' },
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateTaskDto) {
    return this.tasks.create(actor, dto);
  }

  @Route('get', undefined, { roles: READERS, summary: 'List tasks', ok: TaskPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListTasksQueryDto) {
    return this.tasks.list(actor, q);
  }

  @Route('get', ':id', {
    roles: READERS,
    summary: 'One task',
    ok: TaskResponse,
    described: { 404: 'AGENCY_TASK.NOT_FOUND (also for another agency’s task)' },
  })
  get(@CurrentActor() actor: Actor, @IdParam() id: string) {
    return this.tasks.get(actor, id);
  }

  @Route('patch', ':id', {
    roles: READERS,
    summary: 'Change a task or its progress',
    errors: { 422: 'A field breaks a rule' },
    ok: TaskResponse,
    described: { 404: 'AGENCY_TASK.NOT_FOUND', 409: 'AGENCY_TASK.INVALID_TRANSITION' },
  })
  update(@CurrentActor() actor: Actor, @IdParam() id: string, @Body() dto: UpdateTaskDto) {
    return this.tasks.update(actor, id, dto);
  }

  @Route('get', ':id/history', {
    roles: READERS,
    summary: 'Changes of a task (audit log)',
    errors: { 404: 'AGENCY_TASK.NOT_FOUND' },
    ok: AuditLogPageResponse,
  })
  history(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() q: PageQueryDto) {
    return this.tasks.history(actor, id, q);
  }
}
