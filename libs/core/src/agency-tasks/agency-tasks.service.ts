import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity';
import { ownAgency } from '../agencies/agency.rules';
import { AuditLogsService, AuditLogView } from '../audit/audit-logs.service';
import { AuditService } from '../audit/audit.service';
import { Actor, isStaff } from '../common/actor';
import { provincesOf } from '../common/territory/province-scope';
import { agencyProvinceColumn, assertEntityInProvinces } from '../common/territory/row-provinces';
import { DomainError } from '../common/domain-error';
import { assertStaff } from '../common/registry';
import { Page, PageQuery, pageBounds } from '../common/page';
import type { AgencyTaskView } from '../agency-reports/agency-report-view';
export type { AgencyTaskView } from '../agency-reports/agency-report-view';
import { AgencyTask, AgencyTaskStatus } from './agency-task.entity';
import {
  allowedNextStatuses,
  assertDueOn,
  assertTransition,
  normalizeTaskNotes,
  normalizeTaskTitle,
} from './agency-task.rules';

export interface AgencyTaskInput {
  title: string;
  assigneeAgencyId: string;
  dueOn?: string | null;
  notes?: string | null;
}

export interface AgencyTaskPatch {
  title?: string;
  assigneeAgencyId?: string;
  dueOn?: string | null;
  notes?: string | null;
  status?: AgencyTaskStatus;
}

export interface AgencyTaskFilter extends PageQuery {
  status?: AgencyTaskStatus;
  assigneeAgencyId?: string;
  /** Open or in progress with a due date before today (Việt Nam). */
  overdue?: boolean;
}

const AUDITED = ['title', 'assigneeAgencyId', 'dueOn', 'status', 'notes'];

/** Tasks the Sở Công Thương gives agencies: staff create and assign; the agency moves its own along. */
@Injectable()
export class AgencyTasksService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly auditLogs: AuditLogsService,
  ) {}

  async create(actor: Actor, input: AgencyTaskInput): Promise<AgencyTaskView> {
    assertStaff(actor, 'AGENCY_TASK', 'give agencies tasks');
    const title = normalizeTaskTitle(input.title);
    const dueOn = assertDueOn(input.dueOn);
    const notes = normalizeTaskNotes(input.notes);
    return this.dataSource.transaction(async (em) => {
      await this.assertAgency(em, input.assigneeAgencyId, actor);
      const saved = await em.save(
        em.create(AgencyTask, {
          title,
          assigneeAgencyId: input.assigneeAgencyId,
          dueOn,
          notes,
          status: 'open',
          createdByUserId: actor.userId,
        }),
      );
      await this.audit.record(em, actor, 'create', 'agency_task', saved.id, {
        title,
        assigneeAgencyId: input.assigneeAgencyId,
        dueOn,
        notes,
        status: 'open',
      });
      return this.view(em, actor, saved.id);
    });
  }

  async list(actor: Actor, filter: AgencyTaskFilter): Promise<Page<AgencyTaskView>> {
    const { limit, offset } = pageBounds(filter);
    const agencyId = isStaff(actor) ? (filter.assigneeAgencyId ?? null) : ownAgency(actor);
    const params = [agencyId, filter.status ?? null, filter.overdue ?? false, provincesOf(actor)];
    const where = `($1::uuid IS NULL OR t.assignee_agency_id = $1::uuid) AND ($2::text IS NULL OR t.status = $2::text)
                   AND ($4::text[] IS NULL OR ${agencyProvinceColumn('t.assignee_agency_id')} = ANY($4::text[]))
                   AND (NOT $3::boolean OR (t.status IN ('open', 'in_progress') AND t.due_on < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date))`;
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM agency_tasks t WHERE ${where}`,
      params,
    );
    const rows = await this.dataSource.query(
      `${SELECT} WHERE ${where} ORDER BY (t.status IN ('done', 'cancelled')), t.due_on ASC NULLS LAST, t.created_at DESC, t.id LIMIT $5 OFFSET $6`,
      [...params, limit, offset],
    );
    return { items: rows.map((r: any) => toView(r, actor)), total, limit, offset };
  }

  async get(actor: Actor, id: string): Promise<AgencyTaskView> {
    return this.view(this.dataSource.manager, actor, id);
  }

  /** Staff change anything; the assigned agency only its status and notes. */
  async update(actor: Actor, id: string, patch: AgencyTaskPatch): Promise<AgencyTaskView> {
    return this.dataSource.transaction(async (em) => {
      const t = await em.findOne(AgencyTask, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!t || (!isStaff(actor) && t.assigneeAgencyId !== ownAgency(actor)))
        throw DomainError.notFound('AGENCY_TASK', id);
      await assertEntityInProvinces(em, actor, 'agency', t.assigneeAgencyId, 'AGENCY_TASK');
      if (!isStaff(actor)) {
        const staffOnly = (['title', 'assigneeAgencyId', 'dueOn'] as const).filter((f) => patch[f] !== undefined);
        if (staffOnly.length)
          throw new DomainError('forbidden', 'AGENCY_TASK.FORBIDDEN', `only staff may change ${staffOnly.join(', ')}`, {
            field: staffOnly[0],
          });
      }
      for (const f of ['title', 'assigneeAgencyId', 'status'] as const) {
        if (patch[f] === null)
          throw new DomainError('bad_request', 'VALIDATION.FAILED', `${f} cannot be null`, [
            { field: f, message: `${f} cannot be null` },
          ]);
      }
      const before = { ...t };
      if (patch.title !== undefined) t.title = normalizeTaskTitle(patch.title);
      if (patch.assigneeAgencyId !== undefined && patch.assigneeAgencyId !== t.assigneeAgencyId) {
        await this.assertAgency(em, patch.assigneeAgencyId, actor);
        t.assigneeAgencyId = patch.assigneeAgencyId;
      }
      if (patch.dueOn !== undefined) t.dueOn = assertDueOn(patch.dueOn);
      if (patch.notes !== undefined) t.notes = normalizeTaskNotes(patch.notes);
      if (patch.status !== undefined) {
        assertTransition(t.status, patch.status, actor);
        t.status = patch.status;
      }
      const changes = this.audit.diff(before, t, AUDITED);
      if (Object.keys(changes).length) {
        await em.save(t);
        await this.audit.record(em, actor, 'update', 'agency_task', id, changes);
      }
      return this.view(em, actor, id);
    });
  }

  /** Who changed what and when, newest first. */
  async history(actor: Actor, id: string, page: PageQuery): Promise<Page<AuditLogView>> {
    await this.view(this.dataSource.manager, actor, id);
    return this.auditLogs.entityHistory('agency_task', id, page);
  }

  private async assertAgency(em: EntityManager, id: string, actor: Actor): Promise<void> {
    const a = await em.findOneBy(Agency, { id });
    if (!a)
      throw DomainError.invalid('AGENCY_TASK.UNKNOWN_AGENCY', 'assigneeAgencyId', `assigneeAgencyId: no agency ${id}`);
    await assertEntityInProvinces(em, actor, 'agency', id, 'AGENCY_TASK');
    if (!a.active)
      throw DomainError.invalid(
        'AGENCY_TASK.AGENCY_INACTIVE',
        'assigneeAgencyId',
        `assigneeAgencyId: agency ${a.name} is inactive`,
      );
  }

  private async view(em: EntityManager, actor: Actor, id: string): Promise<AgencyTaskView> {
    const [row] = await em.query(`${SELECT} WHERE t.id = $1`, [id]);
    // Another agency's task answers like a missing one.
    if (!row || (!isStaff(actor) && row.assignee_agency_id !== ownAgency(actor)))
      throw DomainError.notFound('AGENCY_TASK', id);
    await assertEntityInProvinces(em, actor, 'agency', row.assignee_agency_id, 'AGENCY_TASK');
    return toView(row, actor);
  }
}

const SELECT = `SELECT t.id, t.title, t.assignee_agency_id, to_char(t.due_on, 'YYYY-MM-DD') AS due_on, t.status, t.notes, t.created_by_user_id, t.created_at, t.updated_at,
                       a.name AS agency_name, a.kind AS agency_kind, a.administrative_unit_id
                  FROM agency_tasks t JOIN agencies a ON a.id = t.assignee_agency_id`;

function toView(r: any, actor: Actor): AgencyTaskView {
  return {
    id: r.id,
    title: r.title,
    assignee: {
      id: r.assignee_agency_id,
      name: r.agency_name,
      kind: r.agency_kind,
      administrativeUnitId: r.administrative_unit_id,
    },
    dueOn: r.due_on,
    status: r.status,
    notes: r.notes,
    nextStatuses: allowedNextStatuses(r.status, actor),
    createdByUserId: r.created_by_user_id,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}
