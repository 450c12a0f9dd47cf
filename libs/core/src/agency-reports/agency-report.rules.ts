import { isDateOnly, todayInVietnam } from '../common/dates';
import { DomainError } from '../common/domain-error';
import { IsoWeek, isoWeekOf, parseIsoWeek } from '../reports/iso-week';

export const AGENCY_REPORT_TEXT_MAX = 20_000;
export const AGENCY_REPORT_LINES_MAX = 200;

export interface AgencyReportLineInput {
  productCode?: string | null;
  harvestedKg?: number | null;
  soldKg?: number | null;
  backlogKg?: number | null;
  note?: string | null;
}

export interface AgencyReportInput {
  situation?: string | null;
  difficulties?: string | null;
  proposals?: string | null;
  lines?: AgencyReportLineInput[] | null;
}

export interface NormalizedAgencyReport {
  situation: string;
  difficulties: string;
  proposals: string;
  lines: Array<{
    productCode: string | null;
    harvestedKg: number | null;
    soldKg: number | null;
    backlogKg: number | null;
    note: string | null;
  }>;
}

const KG_FIELDS = ['harvestedKg', 'soldKg', 'backlogKg'] as const;

/**
 * One weekly report as the form, the API and the spreadsheet template give it: texts trimmed,
 * figures whole kg, one line per product. Whatever the transport, the same rules.
 */
export function normalizeAgencyReport(input: AgencyReportInput): NormalizedAgencyReport {
  const text = (field: 'situation' | 'difficulties' | 'proposals') => {
    const v = String(input[field] ?? '')
      .replace(/\r\n?/g, '\n')
      .trim();
    if (v.length > AGENCY_REPORT_TEXT_MAX)
      throw DomainError.invalid(
        'AGENCY_REPORT.TEXT_TOO_LONG',
        field,
        `${field} must be at most ${AGENCY_REPORT_TEXT_MAX} characters`,
      );
    return v;
  };
  const lines = input.lines ?? [];
  if (lines.length > AGENCY_REPORT_LINES_MAX)
    throw DomainError.invalid(
      'AGENCY_REPORT.TOO_MANY_LINES',
      'lines',
      `at most ${AGENCY_REPORT_LINES_MAX} figure lines`,
    );
  const seen = new Set<string>();
  const out: NormalizedAgencyReport['lines'] = lines.map((l, i) => {
    const productCode = l.productCode ? String(l.productCode).trim().toUpperCase() : null;
    const key = productCode ?? '';
    if (seen.has(key)) {
      throw DomainError.invalid(
        'AGENCY_REPORT.DUPLICATE_LINE',
        `lines[${i}].productCode`,
        productCode
          ? `lines[${i}]: product ${productCode} is already on another line`
          : `lines[${i}]: only one line without a product`,
      );
    }
    seen.add(key);
    const line = {
      productCode,
      harvestedKg: null as number | null,
      soldKg: null as number | null,
      backlogKg: null as number | null,
      note: l.note ? String(l.note).trim() || null : null,
    };
    for (const f of KG_FIELDS) {
      const v = l[f];
      if (v === null || v === undefined) continue;
      if (!Number.isSafeInteger(v) || v < 0)
        throw DomainError.invalid(
          'AGENCY_REPORT.INVALID_KG',
          `lines[${i}].${f}`,
          `lines[${i}].${f} must be a whole number of kg, 0 or more`,
        );
      line[f] = v;
    }
    if (line.harvestedKg === null && line.soldKg === null && line.backlogKg === null) {
      throw DomainError.invalid(
        'AGENCY_REPORT.LINE_WITHOUT_FIGURES',
        `lines[${i}]`,
        `lines[${i}] has no figure (harvestedKg, soldKg or backlogKg)`,
      );
    }
    if (line.note && line.note.length > 2000)
      throw DomainError.invalid(
        'AGENCY_REPORT.TEXT_TOO_LONG',
        `lines[${i}].note`,
        `lines[${i}].note must be at most 2000 characters`,
      );
    return line;
  });
  const report = {
    situation: text('situation'),
    difficulties: text('difficulties'),
    proposals: text('proposals'),
    lines: out,
  };
  if (!report.situation && !report.difficulties && !report.proposals && !report.lines.length) {
    throw DomainError.invalid(
      'AGENCY_REPORT.EMPTY',
      'situation',
      'a report needs its situation text (tình hình) or at least one figure line',
    );
  }
  return report;
}

/** The week a report is for; a week that has not begun yet cannot be reported on. */
export function reportableWeek(value: string, now: Date = new Date()): IsoWeek {
  const week = parseIsoWeek(value);
  const current = isoWeekOf(todayInVietnam(now));
  if (week.start > current.start) {
    throw DomainError.invalid(
      'AGENCY_REPORT.WEEK_IN_FUTURE',
      'week',
      `week ${week.label} has not begun (this is ${current.label})`,
    );
  }
  return week;
}

export interface AdHocReportInput {
  subject: string;
  reportedOn: string;
  content: string;
}

export function normalizeAdHocReport(input: AdHocReportInput, now: Date = new Date()): AdHocReportInput {
  const subject = String(input.subject ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!subject) throw DomainError.invalid('AD_HOC_REPORT.SUBJECT_REQUIRED', 'subject', 'subject must not be empty');
  if (subject.length > 300)
    throw DomainError.invalid('AD_HOC_REPORT.SUBJECT_TOO_LONG', 'subject', 'subject must be at most 300 characters');
  const content = String(input.content ?? '')
    .replace(/\r\n?/g, '\n')
    .trim();
  if (!content) throw DomainError.invalid('AD_HOC_REPORT.CONTENT_REQUIRED', 'content', 'content must not be empty');
  if (content.length > AGENCY_REPORT_TEXT_MAX)
    throw DomainError.invalid(
      'AD_HOC_REPORT.CONTENT_TOO_LONG',
      'content',
      `content must be at most ${AGENCY_REPORT_TEXT_MAX} characters`,
    );
  if (!isDateOnly(input.reportedOn))
    throw DomainError.invalid('AD_HOC_REPORT.INVALID_DATE', 'reportedOn', 'reportedOn must be a date YYYY-MM-DD');
  if (input.reportedOn > todayInVietnam(now))
    throw DomainError.invalid('AD_HOC_REPORT.DATE_IN_FUTURE', 'reportedOn', 'reportedOn must not be after today');
  if (input.reportedOn < '2000-01-01')
    throw DomainError.invalid('AD_HOC_REPORT.INVALID_DATE', 'reportedOn', 'reportedOn must be in 2000 or later');
  return { subject, reportedOn: input.reportedOn, content };
}
