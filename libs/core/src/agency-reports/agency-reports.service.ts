import { Injectable } from '@nestjs/common';
import { AppConfig } from '@agrilink/config';
import { DataSource, EntityManager } from 'typeorm';
import { Agency, AgencyKind } from '../agencies/agency.entity';
import { ownAgency } from '../agencies/agency.rules';
import { AuditLogsService, AuditLogView } from '../audit/audit-logs.service';
import { AuditService } from '../audit/audit.service';
import { Page, PageQuery } from '../common/page';
import { Actor, isStaff } from '../common/actor';
import { provincesOf } from '../common/territory/province-scope';
import { agencyProvinceColumn, assertEntityInProvinces } from '../common/territory/row-provinces';
import { DomainError } from '../common/domain-error';
import { queryRow, queryRows } from '../common/sql-rows';
import { parseIsoWeek } from '../reports/iso-week';
import { AgencyReport, AgencyReportLine, AgencyReportSource } from './agency-report.entity';
import type { AgencyReportView, AgencyWeekSummary, SubmitResult } from './agency-report-view';
import {
  AgencyReportInput,
  NormalizedAgencyReport,
  normalizeAgencyReport,
  reportableWeek,
} from './agency-report.rules';
import { agencyReportFromSheet } from './agency-report.spreadsheet';
import { readSheet, sniffFormat } from '../imports/spreadsheet-reader';

export type {
  AgencyRef,
  AgencyReportLineView,
  AgencyReportView,
  AgencyWeekSummary,
  MissingAgencyView,
  SubmitResult,
} from './agency-report-view';

/**
 * The weekly reporting duty (KH 308, closing clause): each department and commune sends the
 * Sở Công Thương its report for an ISO week; staff see who has not and chase them.
 */
@Injectable()
export class AgencyReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly auditLogs: AuditLogsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Replaces the agency's report for the week (PUT): the same content again changes nothing; other
   * content becomes the next revision, the earlier one kept in the audit log.
   */
  async submit(
    actor: Actor,
    weekLabel: string,
    input: AgencyReportInput & { agencyId?: string | null },
    source: AgencyReportSource = 'form',
  ): Promise<SubmitResult> {
    const week = reportableWeek(weekLabel);
    const agencyId = await this.agencyToWrite(actor, input.agencyId);
    const report = normalizeAgencyReport(input);
    return this.dataSource.transaction(async (em) => {
      const agency = await em.findOneBy(Agency, { id: agencyId });
      if (!agency)
        throw DomainError.invalid('AGENCY_REPORT.UNKNOWN_AGENCY', 'agencyId', `agencyId: no agency ${agencyId}`);
      await this.assertProducts(em, report);
      let row = await this.lockReport(em, agencyId, week.label);
      let created = false;
      if (!row) {
        const inserted = await queryRows<{ id: string }>(
          em,
          `INSERT INTO agency_reports (agency_id, week, situation, difficulties, proposals, source, submitted_by_user_id, submitted_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, now()) ON CONFLICT (agency_id, week) DO NOTHING RETURNING id`,
          [agencyId, week.label, report.situation, report.difficulties, report.proposals, source, actor.userId],
        );
        if (inserted.length) {
          created = true;
          await this.insertLines(em, inserted[0].id, report);
          await this.audit.record(em, actor, 'submit', 'agency_report', inserted[0].id, {
            agencyId,
            week: week.label,
            revision: 1,
            source,
            ...report,
          });
          return { report: await this.view(em, inserted[0].id), changed: true, created };
        }
        // Another submission for the same agency and week won the insert: replace it in turn.
        row = await this.lockReport(em, agencyId, week.label);
        if (!row) throw new Error(`agency report ${agencyId} ${week.label}: neither inserted nor found`);
      }
      const before = await this.content(em, row.id);
      if (JSON.stringify(before) === JSON.stringify(report))
        return { report: await this.view(em, row.id), changed: false, created };
      const revision = row.revision + 1;
      await em.query(
        `UPDATE agency_reports SET situation = $2, difficulties = $3, proposals = $4, source = $5, submitted_by_user_id = $6, submitted_at = now(), revision = $7, updated_at = now() WHERE id = $1`,
        [row.id, report.situation, report.difficulties, report.proposals, source, actor.userId, revision],
      );
      await em.delete(AgencyReportLine, { reportId: row.id });
      await this.insertLines(em, row.id, report);
      const changes: Record<string, unknown> = {
        week: week.label,
        agencyId,
        source,
        revision: [row.revision, revision],
      };
      for (const f of ['situation', 'difficulties', 'proposals', 'lines'] as const) {
        if (JSON.stringify(before[f]) !== JSON.stringify(report[f])) changes[f] = [before[f], report[f]];
      }
      await this.audit.record(em, actor, 'replace', 'agency_report', row.id, changes);
      return { report: await this.view(em, row.id), changed: true, created };
    });
  }

  /** The same report from the filled-in spreadsheet template (one document, read under the import limits). */
  async submitSpreadsheet(
    actor: Actor,
    weekLabel: string,
    file: { fileName: string; content: Buffer },
    agencyId?: string | null,
  ): Promise<SubmitResult> {
    reportableWeek(weekLabel);
    const format = sniffFormat(file.fileName, file.content);
    const sheet = await readSheet(format, file.content, this.config.importLimits);
    return this.submit(actor, weekLabel, { ...agencyReportFromSheet(sheet), agencyId }, 'spreadsheet');
  }

  /** One agency's report for a week: an agency user's own, or any agency's for staff. */
  async get(actor: Actor, weekLabel: string, agencyId?: string | null): Promise<AgencyReportView> {
    const week = parseIsoWeek(weekLabel);
    const id = await this.agencyToRead(actor, agencyId);
    const row = await queryRow<{ id: string }>(
      this.dataSource,
      `SELECT id FROM agency_reports WHERE agency_id = $1 AND week = $2`,
      [id, week.label],
    );
    if (!row)
      throw new DomainError('not_found', 'AGENCY_REPORT.NOT_FOUND', `no report of agency ${id} for ${week.label}`, {
        field: 'week',
        value: week.label,
      });
    return this.view(this.dataSource.manager, row.id);
  }

  /** Every revision of one agency's report for a week, newest first (from the audit log). */
  async history(
    actor: Actor,
    weekLabel: string,
    agencyId: string | null | undefined,
    page: PageQuery,
  ): Promise<Page<AuditLogView>> {
    const report = await this.get(actor, weekLabel, agencyId);
    return this.auditLogs.entityHistory('agency_report', report.id, page);
  }

  /** Every active agency's report for the week, and the agencies that have not sent theirs. */
  async forWeek(weekLabel: string): Promise<AgencyWeekSummary> {
    return this.summary(parseIsoWeek(weekLabel).label, null);
  }

  /** The week as the caller may see it: staff all agencies, an agency user only its own. */
  async overview(actor: Actor, weekLabel: string): Promise<AgencyWeekSummary> {
    const week = parseIsoWeek(weekLabel).label;
    return this.summary(week, isStaff(actor) ? null : ownAgency(actor), provincesOf(actor));
  }

  /** An agency's reports, newest week first (its own for an agency user). */
  async listForAgency(actor: Actor, agencyId: string | null | undefined, limit = 52): Promise<AgencyReportView[]> {
    const id = await this.agencyToRead(actor, agencyId);
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM agency_reports WHERE agency_id = $1 ORDER BY week DESC LIMIT $2`,
      [id, limit],
    );
    return Promise.all(rows.map((r) => this.view(this.dataSource.manager, r.id)));
  }

  /** `provinces`: a province staff member's, whose agencies alone they see; null for all. */
  private async summary(
    week: string,
    onlyAgencyId: string | null,
    provinces: string[] | null = null,
  ): Promise<AgencyWeekSummary> {
    const w = parseIsoWeek(week);
    const em = this.dataSource.manager;
    const reports: Array<{ id: string }> = await em.query(
      `SELECT r.id FROM agency_reports r JOIN agencies a ON a.id = r.agency_id
        WHERE r.week = $1 AND ($2::uuid IS NULL OR r.agency_id = $2::uuid) AND ($3::text[] IS NULL OR ${agencyProvinceColumn('a.id')} = ANY($3::text[]))
        ORDER BY a.kind, a.name, a.id`,
      [week, onlyAgencyId, provinces],
    );
    // Owed by every agency active now that existed before the week ended (Sunday 24:00 in Việt Nam).
    const missing = await queryRows<{
      id: string;
      name: string;
      kind: AgencyKind;
      administrative_unit_id: string | null;
      last_reminded_at: Date | null;
      reminder_count: number;
    }>(
      em,
      `SELECT a.id, a.name, a.kind, a.administrative_unit_id,
              (SELECT max(m.sent_at) FROM agency_report_reminders m WHERE m.agency_id = a.id AND m.week = $1) AS last_reminded_at,
              (SELECT count(*)::int FROM agency_report_reminders m WHERE m.agency_id = a.id AND m.week = $1) AS reminder_count
         FROM agencies a
        WHERE a.active AND a.created_at < ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
          AND ($2::uuid IS NULL OR a.id = $2::uuid)
          AND ($4::text[] IS NULL OR ${agencyProvinceColumn('a.id')} = ANY($4::text[]))
          AND NOT EXISTS (SELECT 1 FROM agency_reports r WHERE r.agency_id = a.id AND r.week = $1)
        ORDER BY a.kind, a.name, a.id`,
      [week, onlyAgencyId, w.end, provinces],
    );
    return {
      week,
      start: w.start,
      end: w.end,
      submitted: await Promise.all(reports.map((r) => this.view(em, r.id))),
      missing: missing.map((m) => ({
        agency: { id: m.id, name: m.name, kind: m.kind, administrativeUnitId: m.administrative_unit_id },
        lastRemindedAt: m.last_reminded_at ? new Date(m.last_reminded_at) : null,
        reminderCount: m.reminder_count,
      })),
    };
  }

  private async agencyToWrite(actor: Actor, requested: string | null | undefined): Promise<string> {
    if (isStaff(actor)) {
      // Staff may key in a report received on paper, for the agency they name (of their provinces).
      if (!requested)
        throw DomainError.invalid(
          'AGENCY_REPORT.AGENCY_REQUIRED',
          'agencyId',
          'agencyId is required when staff file a report',
        );
      await assertEntityInProvinces(this.dataSource.manager, actor, 'agency', requested, 'AGENCY_REPORT');
      return requested;
    }
    if (actor.role !== 'agency' || !actor.organizationId)
      throw new DomainError('forbidden', 'AGENCY_REPORT.FORBIDDEN', `role ${actor.role} does not send agency reports`);
    if (requested && requested !== actor.organizationId)
      throw new DomainError(
        'forbidden',
        'AGENCY_REPORT.FORBIDDEN',
        'agencyId: you may only report for your own agency',
        { field: 'agencyId' },
      );
    return actor.organizationId;
  }

  private async agencyToRead(actor: Actor, requested: string | null | undefined): Promise<string> {
    if (isStaff(actor)) {
      if (!requested)
        throw DomainError.invalid('AGENCY_REPORT.AGENCY_REQUIRED', 'agencyId', 'agencyId is required for staff');
      await assertEntityInProvinces(this.dataSource.manager, actor, 'agency', requested, 'AGENCY_REPORT');
      return requested;
    }
    if (actor.role !== 'agency')
      throw new DomainError('forbidden', 'AGENCY_REPORT.FORBIDDEN', `role ${actor.role} has no agency reports`);
    if (requested && requested !== actor.organizationId)
      throw new DomainError('forbidden', 'AGENCY_REPORT.FORBIDDEN', 'this report belongs to another agency', {
        field: 'agencyId',
      });
    return ownAgency(actor);
  }

  private async lockReport(
    em: EntityManager,
    agencyId: string,
    week: string,
  ): Promise<{ id: string; revision: number } | null> {
    const row = await queryRow<{ id: string; revision: number }>(
      em,
      `SELECT id, revision FROM agency_reports WHERE agency_id = $1 AND week = $2 FOR UPDATE`,
      [agencyId, week],
    );
    return row ?? null;
  }

  private async assertProducts(em: EntityManager, report: NormalizedAgencyReport): Promise<void> {
    const codes = report.lines.map((l) => l.productCode).filter((c): c is string => !!c);
    if (!codes.length) return;
    const known = new Set(
      (await queryRows<{ code: string }>(em, `SELECT code FROM products WHERE code = ANY($1::text[])`, [codes])).map(
        (r) => r.code,
      ),
    );
    const i = report.lines.findIndex((l) => l.productCode && !known.has(l.productCode));
    if (i >= 0)
      throw DomainError.invalid(
        'AGENCY_REPORT.UNKNOWN_PRODUCT',
        `lines[${i}].productCode`,
        `lines[${i}].productCode: no product ${String(report.lines[i].productCode)} in the catalogue`,
      );
  }

  private async insertLines(em: EntityManager, reportId: string, report: NormalizedAgencyReport): Promise<void> {
    if (!report.lines.length) return;
    await em.insert(
      AgencyReportLine,
      report.lines.map((l, position) => ({ reportId, position, ...l })),
    );
  }

  private async content(em: EntityManager, reportId: string): Promise<NormalizedAgencyReport> {
    const r = await em.findOneByOrFail(AgencyReport, { id: reportId });
    const lines = await em.find(AgencyReportLine, { where: { reportId }, order: { position: 'ASC' } });
    return {
      situation: r.situation,
      difficulties: r.difficulties,
      proposals: r.proposals,
      lines: lines.map((l) => ({
        productCode: l.productCode,
        harvestedKg: l.harvestedKg,
        soldKg: l.soldKg,
        backlogKg: l.backlogKg,
        note: l.note,
      })),
    };
  }

  private async view(em: EntityManager, reportId: string): Promise<AgencyReportView> {
    const r = await em.findOne(AgencyReport, { where: { id: reportId }, relations: { agency: true } });
    if (!r) throw DomainError.notFound('AGENCY_REPORT', reportId);
    // Loaded with the report above; a report cannot outlive its agency (foreign key).
    const { agency } = r;
    if (!agency) throw DomainError.notFound('AGENCY', r.agencyId);
    const lines = await queryRows<{
      product_code: string | null;
      name_vi: string | null;
      harvested_kg: string | null;
      sold_kg: string | null;
      backlog_kg: string | null;
      note: string | null;
    }>(
      em,
      `SELECT l.product_code, p.name_vi, l.harvested_kg, l.sold_kg, l.backlog_kg, l.note
         FROM agency_report_lines l LEFT JOIN products p ON p.code = l.product_code
        WHERE l.report_id = $1 ORDER BY l.position`,
      [reportId],
    );
    const num = (v: string | null) => (v === null ? null : Number(v));
    return {
      id: r.id,
      week: r.week,
      agency: {
        id: agency.id,
        name: agency.name,
        kind: agency.kind,
        administrativeUnitId: agency.administrativeUnitId,
      },
      situation: r.situation,
      difficulties: r.difficulties,
      proposals: r.proposals,
      lines: lines.map((l) => ({
        productCode: l.product_code,
        productName: l.name_vi ?? null,
        harvestedKg: num(l.harvested_kg),
        soldKg: num(l.sold_kg),
        backlogKg: num(l.backlog_kg),
        note: l.note,
      })),
      revision: r.revision,
      source: r.source,
      submittedAt: r.submittedAt,
      submittedByUserId: r.submittedByUserId,
    };
  }
}
