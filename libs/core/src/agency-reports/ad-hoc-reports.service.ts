import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Agency, AgencyKind } from '../agencies/agency.entity';
import { ownAgency } from '../agencies/agency.rules';
import { AuditService } from '../audit/audit.service';
import { Actor, isStaff } from '../common/actor';
import { provincesOf } from '../common/territory/province-scope';
import { agencyProvinceColumn, assertEntityInProvinces } from '../common/territory/row-provinces';
import { isDateOnly } from '../common/dates';
import { DomainError } from '../common/domain-error';
import { Page, PageQuery, pageBounds } from '../common/page';
import { queryRow, queryRows, SqlRunner } from '../common/sql-rows';
import { AdHocReport } from './agency-report.entity';
import { AdHocReportInput, normalizeAdHocReport } from './agency-report.rules';
import type { AdHocReportView } from './agency-report-view';
export type { AdHocReportView } from './agency-report-view';

export interface AdHocReportFilter extends PageQuery {
  agencyId?: string;
  from?: string;
  to?: string;
}

/** Báo cáo đột xuất: an agency's report on one subject and date, outside the weekly cycle. */
@Injectable()
export class AdHocReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, input: AdHocReportInput & { agencyId?: string | null }): Promise<AdHocReportView> {
    let agencyId: string;
    if (isStaff(actor)) {
      if (!input.agencyId)
        throw DomainError.invalid(
          'AD_HOC_REPORT.AGENCY_REQUIRED',
          'agencyId',
          'agencyId is required when staff file a report',
        );
      agencyId = input.agencyId;
    } else if (actor.role === 'agency' && actor.organizationId) {
      if (input.agencyId && input.agencyId !== actor.organizationId)
        throw new DomainError(
          'forbidden',
          'AD_HOC_REPORT.FORBIDDEN',
          'agencyId: you may only report for your own agency',
          { field: 'agencyId' },
        );
      agencyId = actor.organizationId;
    } else {
      throw new DomainError('forbidden', 'AD_HOC_REPORT.FORBIDDEN', `role ${actor.role} does not send agency reports`);
    }
    const report = normalizeAdHocReport(input);
    await assertEntityInProvinces(this.dataSource.manager, actor, 'agency', agencyId, 'AD_HOC_REPORT');
    return this.dataSource.transaction(async (em) => {
      if (!(await em.existsBy(Agency, { id: agencyId })))
        throw DomainError.invalid('AD_HOC_REPORT.UNKNOWN_AGENCY', 'agencyId', `agencyId: no agency ${agencyId}`);
      const saved = await em.save(em.create(AdHocReport, { agencyId, ...report, submittedByUserId: actor.userId }));
      await this.audit.record(em, actor, 'create', 'ad_hoc_report', saved.id, { agencyId, ...report });
      return this.load(saved.id, em);
    });
  }

  async list(actor: Actor, filter: AdHocReportFilter): Promise<Page<AdHocReportView>> {
    const { limit, offset } = pageBounds(filter);
    const agencyId = isStaff(actor) ? (filter.agencyId ?? null) : ownAgency(actor);
    for (const f of ['from', 'to'] as const) {
      if (filter[f] !== undefined && !isDateOnly(filter[f]))
        throw DomainError.invalid('AD_HOC_REPORT.INVALID_DATE', f, `${f} must be a date YYYY-MM-DD`);
    }
    // Province staff read their provinces' agencies' reports only.
    const params = [agencyId, filter.from ?? null, filter.to ?? null, provincesOf(actor)];
    const where = `($1::uuid IS NULL OR r.agency_id = $1::uuid) AND ($2::date IS NULL OR r.reported_on >= $2::date) AND ($3::date IS NULL OR r.reported_on <= $3::date)
                   AND ($4::text[] IS NULL OR ${agencyProvinceColumn('r.agency_id')} = ANY($4::text[]))`;
    const counted = await queryRow<{ total: number }>(
      this.dataSource,
      `SELECT count(*)::int AS total FROM ad_hoc_reports r WHERE ${where}`,
      params,
    );
    const total = counted?.total ?? 0;
    const rows = await queryRows<AdHocReportRow>(
      this.dataSource,
      `${SELECT} WHERE ${where} ORDER BY r.reported_on DESC, r.created_at DESC, r.id LIMIT $5 OFFSET $6`,
      [...params, limit, offset],
    );
    return { items: rows.map(toView), total, limit, offset };
  }

  async get(actor: Actor, id: string): Promise<AdHocReportView> {
    const v = await this.load(id, this.dataSource);
    // Another agency's report answers like a missing one.
    if (!isStaff(actor) && v.agency.id !== ownAgency(actor)) throw DomainError.notFound('AD_HOC_REPORT', id);
    await assertEntityInProvinces(this.dataSource.manager, actor, 'agency', v.agency.id, 'AD_HOC_REPORT');
    return v;
  }

  private async load(id: string, db: SqlRunner): Promise<AdHocReportView> {
    const row = await queryRow<AdHocReportRow>(db, `${SELECT} WHERE r.id = $1`, [id]);
    if (!row) throw DomainError.notFound('AD_HOC_REPORT', id);
    return toView(row);
  }
}

const SELECT = `SELECT r.id, r.subject, to_char(r.reported_on, 'YYYY-MM-DD') AS reported_on, r.content, r.submitted_by_user_id, r.created_at, r.updated_at,
                       a.id AS agency_id, a.name AS agency_name, a.kind AS agency_kind, a.administrative_unit_id
                  FROM ad_hoc_reports r JOIN agencies a ON a.id = r.agency_id`;

interface AdHocReportRow {
  id: string;
  subject: string;
  reported_on: string;
  content: string;
  submitted_by_user_id: string | null;
  created_at: Date;
  updated_at: Date;
  agency_id: string;
  agency_name: string;
  agency_kind: AgencyKind;
  administrative_unit_id: string | null;
}

function toView(r: AdHocReportRow): AdHocReportView {
  return {
    id: r.id,
    agency: {
      id: r.agency_id,
      name: r.agency_name,
      kind: r.agency_kind,
      administrativeUnitId: r.administrative_unit_id,
    },
    subject: r.subject,
    reportedOn: r.reported_on,
    content: r.content,
    submittedByUserId: r.submitted_by_user_id,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
}
