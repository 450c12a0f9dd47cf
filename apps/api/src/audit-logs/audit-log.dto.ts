import type { AuditLogView } from '@agrilink/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQueryDto, trimmed } from '../common/dto';
import { pageResponseOf } from '../common/page-response.dto';
import { OptionalUuid } from '../common/fields';

const DAY_OR_TIMESTAMP = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

export class ListAuditLogsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: 'deal',
    description: 'supply_lot, purchase_request, deal, deal_delivery, proposal, cooperative, buyer, …',
  })
  @IsOptional()
  @trimmed()
  @IsString()
  @Matches(/^[a-z_]{1,60}$/, { message: 'entityType must be a name such as supply_lot' })
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @trimmed()
  @IsString()
  @MaxLength(60)
  entityId?: string;

  @OptionalUuid({ description: 'The user who made the change' })
  actorId?: string;

  @ApiPropertyOptional({
    example: '2026-12-01',
    description: 'A day (from its start, Việt Nam time) or an ISO timestamp',
  })
  @IsOptional()
  @Matches(DAY_OR_TIMESTAMP, { message: 'from must be a date YYYY-MM-DD or an ISO timestamp' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'A day (to its end, inclusive) or an ISO timestamp' })
  @IsOptional()
  @Matches(DAY_OR_TIMESTAMP, { message: 'to must be a date YYYY-MM-DD or an ISO timestamp' })
  to?: string;
}

export class AuditActorResponse {
  @ApiProperty() userId: string;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
  @ApiProperty({ nullable: true, type: String }) email: string | null;
}

export class AuditFieldChangeResponse {
  @ApiProperty() field: string;
  @ApiProperty({ nullable: true, description: 'Any JSON value' }) before: unknown;
  @ApiProperty({ nullable: true, description: 'Any JSON value' }) after: unknown;
}

export class AuditLogResponse implements AuditLogView {
  @ApiProperty() id: string;
  @ApiProperty() at: Date;
  @ApiProperty({ example: 'update' }) action: string;
  @ApiProperty({ example: 'deal' }) entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ type: AuditActorResponse, nullable: true }) actor: AuditActorResponse | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) changes: Record<string, unknown> | null;
  @ApiProperty({ type: [AuditFieldChangeResponse] }) fields: AuditFieldChangeResponse[];
}

export class AuditLogPageResponse extends pageResponseOf(AuditLogResponse) {}
