import { Controller, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, AuditLogsService } from '@agrilink/core';
import { CurrentActor } from '../auth/current-actor.decorator';
import { PageQueryDto } from '../common/dto';
import { AuditLogPageResponse, ListAuditLogsQueryDto } from './audit-log.dto';
import { ApiController, IdParam, Route } from '../common/routes';

@ApiController('audit-logs')
export class AuditLogsController {
  constructor(private readonly logs: AuditLogsService) {}

  /** Who changed what and when, newest first. */
  @Route('get', undefined, { roles: ['admin', 'staff'], summary: 'The audit log, filtered', ok: AuditLogPageResponse })
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

  @Route('get', 'supply-lots/:id/history', {
    summary: 'Changes of a supply lot (audit log)',
    ok: AuditLogPageResponse,
    errors: {
      403: "SUPPLY_LOT.FORBIDDEN (another party's), SUPPLY_LOT.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
      404: 'SUPPLY_LOT.NOT_FOUND',
    },
  })
  lot(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() q: PageQueryDto) {
    return this.logs.history(actor, 'supply_lot', id, q);
  }

  @Route('get', 'purchase-requests/:id/history', {
    summary: 'Changes of a purchase request (audit log)',
    ok: AuditLogPageResponse,
    errors: {
      403: "PURCHASE_REQUEST.FORBIDDEN (another party's), PURCHASE_REQUEST.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
      404: 'PURCHASE_REQUEST.NOT_FOUND',
    },
  })
  request(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() q: PageQueryDto) {
    return this.logs.history(actor, 'purchase_request', id, q);
  }

  @Route('get', 'production-areas/:id/history', {
    summary: 'Changes of a production area (audit log)',
    ok: AuditLogPageResponse,
    errors: {
      403: "PRODUCTION_AREA.FORBIDDEN (another party's), PRODUCTION_AREA.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
      404: 'PRODUCTION_AREA.NOT_FOUND',
    },
  })
  productionArea(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() q: PageQueryDto) {
    return this.logs.history(actor, 'production_area', id, q);
  }

  @Route('get', 'deals/:id/history', {
    summary: 'Changes of a deal (audit log)',
    ok: AuditLogPageResponse,
    errors: {
      403: "DEAL.FORBIDDEN (another party's), DEAL.OUTSIDE_PROVINCES (of other provinces than a province staff member's)",
      404: 'DEAL.NOT_FOUND',
    },
  })
  deal(@CurrentActor() actor: Actor, @IdParam() id: string, @Query() q: PageQueryDto) {
    return this.logs.history(actor, 'deal', id, q);
  }
}
