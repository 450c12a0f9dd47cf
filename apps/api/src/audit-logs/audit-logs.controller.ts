import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, AuditLogsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { PageQueryDto } from '../common/dto';
import { AuditLogPageResponse, ListAuditLogsQueryDto } from './audit-log.dto';
import { ApiErrors } from '../common/api-errors';

@ApiTags('audit-logs')
@ApiBearerAuth()
@Controller('audit-logs')
export class AuditLogsController {
  constructor(private readonly logs: AuditLogsService) {}

  /** Who changed what and when, newest first. */
  @Roles('admin', 'staff')
  @Get()
  @ApiOperation({ summary: 'The audit log, filtered' })
  @ApiOkResponse({ type: AuditLogPageResponse })
  list(@CurrentActor() actor: Actor, @Query() q: ListAuditLogsQueryDto) {
    return this.logs.list(actor, q);
  }
}

/** A lot's, request's, production area's or deal's own history: staff, or the organisation that owns it (a deal: either party). */
@ApiTags('audit-logs')
@ApiBearerAuth()
@Controller()
export class EntityHistoryController {
  constructor(private readonly logs: AuditLogsService) {}

  @Get('supply-lots/:id/history')
  @ApiOperation({ summary: 'Changes of a supply lot (audit log)' })
  @ApiErrors({
    403: "SUPPLY_LOT.FORBIDDEN (another party's), SUPPLY_LOT.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
    404: 'SUPPLY_LOT.NOT_FOUND',
  })
  @ApiOkResponse({ type: AuditLogPageResponse })
  lot(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQueryDto) {
    return this.logs.history(actor, 'supply_lot', id, q);
  }

  @Get('purchase-requests/:id/history')
  @ApiOperation({ summary: 'Changes of a purchase request (audit log)' })
  @ApiErrors({
    403: "PURCHASE_REQUEST.FORBIDDEN (another party's), PURCHASE_REQUEST.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
    404: 'PURCHASE_REQUEST.NOT_FOUND',
  })
  @ApiOkResponse({ type: AuditLogPageResponse })
  request(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQueryDto) {
    return this.logs.history(actor, 'purchase_request', id, q);
  }

  @Get('production-areas/:id/history')
  @ApiOperation({ summary: 'Changes of a production area (audit log)' })
  @ApiErrors({
    403: "PRODUCTION_AREA.FORBIDDEN (another party's), PRODUCTION_AREA.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
    404: 'PRODUCTION_AREA.NOT_FOUND',
  })
  @ApiOkResponse({ type: AuditLogPageResponse })
  productionArea(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQueryDto) {
    return this.logs.history(actor, 'production_area', id, q);
  }

  @Get('deals/:id/history')
  @ApiOperation({ summary: 'Changes of a deal (audit log)' })
  @ApiErrors({
    403: "DEAL.FORBIDDEN (another party's), DEAL.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
    404: 'DEAL.NOT_FOUND',
  })
  @ApiOkResponse({ type: AuditLogPageResponse })
  deal(@CurrentActor() actor: Actor, @Param('id', new ParseUUIDPipe()) id: string, @Query() q: PageQueryDto) {
    return this.logs.history(actor, 'deal', id, q);
  }
}
