import type { AgencyWeekSummary } from '../agency-reports/agency-reports.service';

/**
 * What the weekly report needs from the agencies' own weekly reports (issue 13 item 3):
 * their texts and who has not sent one. The agencies feature provides it under
 * AGENCY_WEEKLY_TEXTS; the report reads only this shape, so it does not depend on how
 * agencies store their reports.
 */
export interface AgencyWeeklyText {
  agencyId: string;
  agencyName: string;
  /** department | commune | other */
  agencyKind: string;
  /** Tình hình */
  situation: string;
  /** Khó khăn, vướng mắc */
  difficulties: string;
  /** Đề xuất, kiến nghị */
  proposals: string;
  submittedAt: string;
}

export interface AgencyWeeklySection {
  submitted: AgencyWeeklyText[];
  /** Agencies expected to report that have not, for the week. */
  missing: Array<{ agencyId: string; agencyName: string; agencyKind: string }>;
}

export interface AgencyWeeklyTexts {
  forWeek(week: string): Promise<AgencyWeeklySection>;
}

export const AGENCY_WEEKLY_TEXTS = Symbol('AGENCY_WEEKLY_TEXTS');

/** Until agencies report through the app there is nothing to quote. */
export const NO_AGENCY_TEXTS: AgencyWeeklyTexts = {
  forWeek: () => Promise.resolve({ submitted: [], missing: [] }),
};

/** The agencies' week (AgencyReportsService.forWeek) as the report reads it. */
export function agencyWeeklySection(week: AgencyWeekSummary): AgencyWeeklySection {
  // Departments first, then other bodies, then the communes, as a report lists them.
  const rank = (kind: string) => ({ department: 0, other: 1, commune: 2 })[kind] ?? 3;
  const byKind = <T extends { agency: { kind: string; name: string } }>(list: T[]) =>
    [...list].sort(
      (a, b) => rank(a.agency.kind) - rank(b.agency.kind) || a.agency.name.localeCompare(b.agency.name, 'vi'),
    );
  return {
    submitted: byKind(week.submitted).map((r) => ({
      agencyId: r.agency.id,
      agencyName: r.agency.name,
      agencyKind: r.agency.kind,
      situation: r.situation,
      difficulties: r.difficulties,
      proposals: r.proposals,
      submittedAt: new Date(r.submittedAt).toISOString(),
    })),
    missing: byKind(week.missing).map((m) => ({
      agencyId: m.agency.id,
      agencyName: m.agency.name,
      agencyKind: m.agency.kind,
    })),
  };
}
