import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, isStaff } from '../common/actor';
import { isDateOnly } from '../common/dates';
import { DomainError } from '../common/domain-error';
import { Page, PageQuery, pageBounds } from '../common/page';
import { queryRow, queryRows } from '../common/sql-rows';
import { assertEntityInProvinces, auditProvinceConditionSql } from '../common/territory/row-provinces';

export interface AuditLogFilter extends PageQuery {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** ISO timestamp, or a day YYYY-MM-DD (from its start in Việt Nam). */
  from?: string;
  /** ISO timestamp, or a day YYYY-MM-DD (to its end in Việt Nam, inclusive). */
  to?: string;
}

export interface AuditFieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditLogView {
  id: string;
  at: Date;
  action: string;
  entityType: string;
  entityId: string;
  actor: { userId: string; role: string | null; email: string | null } | null;
  /** As recorded: for changes { field: [before, after] }, for creates the row, plus context such as dealId or reason. */
  changes: Record<string, unknown> | null;
  /** The same, read as before/after per field. */
  fields: AuditFieldChange[];
}

/** The entities whose history an owner may read, and who owns them. */
export type HistoryEntity = 'supply_lot' | 'purchase_request' | 'deal' | 'production_area';

/** Context stored beside the before/after pairs; shown with the entry, not as a changed field. */
const CONTEXT_KEYS = new Set(['dealId', 'deliveryId', 'reason', 'side', 'proposalId']);

export function auditFields(action: string, changes: Record<string, unknown> | null): AuditFieldChange[] {
  if (!changes) return [];
  const out: AuditFieldChange[] = [];
  for (const [field, value] of Object.entries(changes)) {
    if (CONTEXT_KEYS.has(field)) continue;
    if (action === 'create') out.push({ field, before: null, after: value });
    else if (action === 'delete') out.push({ field, before: value, after: null });
    else if (Array.isArray(value) && value.length === 2) out.push({ field, before: value[0], after: value[1] });
    else out.push({ field, before: null, after: value });
  }
  return out;
}

/**
 * Reads the audit trail. Staff and admin read all of it; a cooperative or buyer reads only the
 * history of its own lot, request or deal (through `history`), never the log at large.
 */
@Injectable()
export class AuditLogsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(actor: Actor, filter: AuditLogFilter): Promise<Page<AuditLogView>> {
    if (!isStaff(actor))
      throw new DomainError('forbidden', 'AUDIT.FORBIDDEN', 'only staff and admin read the audit log');
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.entityType) add('a.entity_type = ?', filter.entityType);
    if (filter.entityId) add('a.entity_id = ?', filter.entityId);
    if (filter.actorId) add('a.actor_user_id = ?', filter.actorId);
    const from = filter.from ? boundary(filter.from, 'from') : null;
    const to = filter.to ? boundary(filter.to, 'to') : null;
    if (from && to && from > to) throw DomainError.invalid('AUDIT.INVALID_RANGE', 'to', 'to must be on or after from');
    if (from) add('a.at >= ?', from);
    if (to) add(isDateOnly(filter.to) ? 'a.at < ?' : 'a.at <= ?', to);
    // Province staff read the trail of their provinces' rows only.
    const scope = auditProvinceConditionSql(actor, params);
    if (scope !== 'true') where.push(scope);
    return this.page(where, params, filter);
  }

  async history(actor: Actor, entity: HistoryEntity, id: string, page: PageQuery): Promise<Page<AuditLogView>> {
    await this.assertMayRead(actor, entity, id);
    if (entity === 'deal') {
      // A deal's history includes its deliveries (each names its deal).
      return this.page(
        [
          `((a.entity_type = 'deal' AND a.entity_id = $1) OR (a.entity_type = 'deal_delivery' AND a.changes->>'dealId' = $1))`,
        ],
        [id],
        page,
      );
    }
    return this.page([`a.entity_type = $1 AND a.entity_id = $2`], [entity, id], page);
  }

  /** One entity's entries, for a service that has already checked the caller may read them. */
  entityHistory(entityType: string, id: string, page: PageQuery): Promise<Page<AuditLogView>> {
    return this.page([`a.entity_type = $1 AND a.entity_id = $2`], [entityType, id], page);
  }

  private async assertMayRead(actor: Actor, entity: HistoryEntity, id: string): Promise<void> {
    const sql = {
      supply_lot: {
        q: 'SELECT cooperative_id AS coop, NULL::uuid AS buyer FROM supply_lots WHERE id = $1',
        code: 'SUPPLY_LOT',
      },
      purchase_request: {
        q: 'SELECT NULL::uuid AS coop, buyer_id AS buyer FROM purchase_requests WHERE id = $1',
        code: 'PURCHASE_REQUEST',
      },
      deal: { q: 'SELECT cooperative_id AS coop, buyer_id AS buyer FROM deals WHERE id = $1', code: 'DEAL' },
      production_area: {
        q: 'SELECT cooperative_id AS coop, NULL::uuid AS buyer FROM production_areas WHERE id = $1',
        code: 'PRODUCTION_AREA',
      },
    }[entity];
    const row = await queryRow<{ coop: string | null; buyer: string | null }>(this.dataSource, sql.q, [id]);
    if (!row) throw DomainError.notFound(sql.code, id);
    if (isStaff(actor)) return assertEntityInProvinces(this.dataSource.manager, actor, entity, id, sql.code);
    if (actor.role === 'cooperative' && row.coop && row.coop === actor.organizationId) return;
    if (actor.role === 'buyer' && row.buyer && row.buyer === actor.organizationId) return;
    throw new DomainError('forbidden', `${sql.code}.FORBIDDEN`, `this history belongs to another organisation`);
  }

  private async page(where: string[], params: unknown[], q: PageQuery): Promise<Page<AuditLogView>> {
    const { limit, offset } = pageBounds(q);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const counted = await queryRow<{ total: number }>(
      this.dataSource,
      `SELECT count(*)::int AS total FROM audit_logs a ${clause}`,
      params,
    );
    const total = counted?.total ?? 0;
    const rows = await queryRows<{
      id: string;
      at: Date;
      action: string;
      entity_type: string;
      entity_id: string;
      actor_user_id: string | null;
      actor_role: string | null;
      changes: Record<string, unknown> | null;
      email: string | null;
    }>(
      this.dataSource,
      `SELECT a.id::text AS id, a.at, a.action, a.entity_type, a.entity_id, a.actor_user_id, a.actor_role, a.changes, u.email
         FROM audit_logs a LEFT JOIN users u ON u.id = a.actor_user_id
         ${clause} ORDER BY a.at DESC, a.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, limit, offset],
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        at: r.at,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        actor: r.actor_user_id ? { userId: r.actor_user_id, role: r.actor_role, email: r.email ?? null } : null,
        changes: r.changes,
        fields: auditFields(r.action, r.changes),
      })),
      total,
      limit,
      offset,
    };
  }
}

/** A day means its whole Việt Nam calendar day: `from` at its start, `to` up to (not including) the next day. */
function boundary(value: string, side: 'from' | 'to'): Date {
  if (isDateOnly(value)) {
    const start = new Date(`${value}T00:00:00+07:00`);
    return side === 'from' ? start : new Date(start.getTime() + 86_400_000);
  }
  const d = new Date(value);
  if (Number.isNaN(d.getTime()))
    throw DomainError.invalid('AUDIT.INVALID_DATE', side, `${side} must be a date YYYY-MM-DD or an ISO timestamp`);
  return d;
}
