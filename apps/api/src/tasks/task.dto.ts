import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { AGENCY_TASK_STATUSES, AgencyTaskStatus, type AgencyTaskView } from '@agrilink/core';
import { PageQueryDto } from '../common/dto';
import { AgencyRefResponse } from '../agencies/agency.dto';
import { pageResponseOf } from '../common/page-response.dto';
import { OptionalOneOf, OptionalText, OptionalUuid, QueryBoolean } from '../common/fields';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateTaskDto {
  @ApiProperty({ example: 'Rà soát diện tích lúa chưa thu hoạch tại xã' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title: string;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  assigneeAgencyId: string;

  @ApiPropertyOptional({ example: '2026-12-11', nullable: true, type: String })
  @IsOptional()
  @Matches(DAY, { message: 'dueOn must be a date YYYY-MM-DD' })
  dueOn?: string | null;

  @OptionalText(20000)
  notes?: string;
}

export class UpdateTaskDto {
  @ApiPropertyOptional({ description: 'Staff only' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  title?: string;

  @OptionalUuid({ format: 'uuid', description: 'Staff only' })
  assigneeAgencyId?: string;

  @ApiPropertyOptional({ nullable: true, type: String, description: 'Staff only' })
  @IsOptional()
  @Matches(DAY, { message: 'dueOn must be a date YYYY-MM-DD' })
  dueOn?: string | null;

  @OptionalOneOf(AGENCY_TASK_STATUSES, {
    description: 'open → in_progress → done; cancelled and reopening a cancelled task are staff only',
  })
  status?: AgencyTaskStatus;

  @OptionalText(20000)
  notes?: string;
}

export class ListTasksQueryDto extends PageQueryDto {
  @OptionalOneOf(AGENCY_TASK_STATUSES)
  status?: AgencyTaskStatus;

  @OptionalUuid({ format: 'uuid', description: 'Staff only; an agency user sees its own tasks' })
  assigneeAgencyId?: string;

  @QueryBoolean({ description: 'Open or in progress, due before today' })
  overdue?: boolean;
}

export class TaskResponse implements AgencyTaskView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: AgencyRefResponse }) assignee: AgencyRefResponse;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-11' }) dueOn: string | null;
  @ApiProperty({ enum: AGENCY_TASK_STATUSES }) status: AgencyTaskStatus;
  @ApiProperty() notes: string;
  @ApiProperty({
    enum: AGENCY_TASK_STATUSES,
    isArray: true,
    description: 'Statuses the caller may move the task to now',
  })
  nextStatuses: AgencyTaskStatus[];
  @ApiProperty({ nullable: true, type: String }) createdByUserId: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}

export class TaskPageResponse extends pageResponseOf(TaskResponse) {}
