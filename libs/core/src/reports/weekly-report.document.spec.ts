import type { OfficialReportConfig } from '@agrilink/config';
import type { WeeklyReport, WeeklyTotals } from './weekly-report.types';
import {
  documentSettings,
  formatViNumber,
  inSentence,
  NO_AGENCY_REPORTS_TEXT,
  numberAndSymbol,
  placeAndDate,
  placeName,
  tonnesText,
  weeklyNarrative,
} from './weekly-report.document';

/** As REPORT_* gives them by default (libs/config/src/official-report.spec.ts holds those). */
const CONFIG: OfficialReportConfig = {
  parentAuthority: 'UBND TỈNH AN GIANG',
  agency: 'SỞ CÔNG THƯƠNG',
  agencyName: 'Sở Công Thương',
  place: 'An Giang',
  symbol: 'BC-SCT',
  recipients: ['Tiểu ban Hỗ trợ tiêu thụ nông sản tỉnh', 'Ủy ban nhân dân tỉnh An Giang'],
  copyTo: [],
  archive: 'VT, QLTM',
  planReference: 'Kế hoạch số 308/KH-TB',
  signerAuthority: null,
  signerTitle: 'GIÁM ĐỐC',
  signerName: null,
};

const zero: WeeklyTotals = {
  harvestedKg: 0,
  harvestedTonnes: 0,
  expectedKg: [],
  expectedNext4WeeksKg: 0,
  requestedKg: 0,
  unmetDemandKg: 0,
  connectedKg: 0,
  deliveredKg: 0,
  backlogKg: 0,
  backlogOldestDays: null,
  backlogAvgAgeDays: null,
  inventoryKg: 0,
  avgAskVndPerKg: null,
  avgDealVndPerKg: null,
  activeCooperatives: 0,
  activeBuyers: 0,
};
const change = { previous: 0, current: 0, delta: 0, percent: null };

function report(over: Partial<WeeklyReport> = {}): WeeklyReport {
  return {
    week: '2026-W10',
    period: { from: '2026-03-02', to: '2026-03-08' },
    province: null,
    provinceName: null,
    units: { volume: 'kg', price: 'VND/kg' },
    definitions: {},
    rows: [],
    byProduct: [],
    totals: zero,
    previousWeek: { week: '2026-W09', period: { from: '2026-02-23', to: '2026-03-01' }, totals: zero, byProduct: [] },
    change: Object.fromEntries(
      [
        'harvestedKg',
        'requestedKg',
        'unmetDemandKg',
        'connectedKg',
        'backlogKg',
        'inventoryKg',
        'avgAskVndPerKg',
        'avgDealVndPerKg',
        'activeCooperatives',
        'activeBuyers',
      ].map((k) => [k, change]),
    ) as WeeklyReport['change'],
    prices: { thresholdPercent: 10, definitions: {}, items: [] },
    harvestForecast: {
      from: '2026-03-02',
      to: '2026-04-05',
      weeks: [],
      rows: [],
      totalsByWeek: [],
      totals: { forecastKg: 0, postedKg: 0, unpostedKg: 0 },
      definitions: {},
    },
    agencyReports: { submitted: [], missing: [] },
    generatedAt: '2026-03-09T01:00:00Z',
    ...over,
  };
}

describe('weekly report document parts', () => {
  it('writes numbers the Vietnamese way, tonnes exact to the kilogram', () => {
    expect(formatViNumber(1234567.891, 3)).toBe('1.234.567,891');
    expect(formatViNumber(-8500)).toBe('-8.500');
    expect(tonnesText(170_001)).toBe('170,001');
    expect(tonnesText(460_000)).toBe('460');
    expect(tonnesText(6_256_620)).toBe('6.256,62');
  });

  it('dates as Decree 30 does: a 0 before days under 10 and months under 3, the day blank until it is known', () => {
    expect(placeAndDate('An Giang', '2026-01-05')).toBe('An Giang, ngày 05 tháng 01 năm 2026');
    expect(placeAndDate('An Giang', '2026-03-09')).toBe('An Giang, ngày 09 tháng 3 năm 2026');
    expect(placeAndDate('An Giang', '2026-12-25')).toBe('An Giang, ngày 25 tháng 12 năm 2026');
    expect(placeAndDate('An Giang', null, '2026-02-14')).toMatch(/^An Giang, ngày \s+ tháng 02 năm 2026$/);
  });

  it('takes the number and the signer from the download over the configuration', () => {
    const s = documentSettings(CONFIG, {
      number: '125',
      signerName: 'Nguyễn Văn An',
      signerTitle: '',
      issuedOn: undefined,
    });
    expect(numberAndSymbol(s)).toBe('Số: 125/BC-SCT');
    expect(s).toMatchObject({
      signerName: 'Nguyễn Văn An',
      signerTitle: 'GIÁM ĐỐC',
      issuedOn: null,
      agency: 'SỞ CÔNG THƯƠNG',
    });
    expect(numberAndSymbol(documentSettings(CONFIG))).toMatch(/^Số: \s+\/BC-SCT$/);
  });

  it('names a place by its commune, never the province twice, and lower-cases unit words inside a sentence', () => {
    const row = { communeName: 'Xã Thạnh Hưng', provinceName: 'Tỉnh An Giang', provinceCode: '91' };
    expect(placeName(row)).toBe('Xã Thạnh Hưng, Tỉnh An Giang');
    expect(placeName(row, '91')).toBe('Xã Thạnh Hưng');
    expect(placeName({ ...row, communeName: 'Tỉnh An Giang' })).toBe('Chưa rõ xã/phường, Tỉnh An Giang');
    expect(placeName({ communeName: null, provinceName: null, provinceCode: '91' })).toBe(
      'Chưa rõ xã/phường, tỉnh mã 91',
    );
    expect(inSentence('Xã Thạnh Hưng, Tỉnh An Giang')).toBe('xã Thạnh Hưng, tỉnh An Giang');
    expect(inSentence('Đặc khu Phú Quốc')).toBe('đặc khu Phú Quốc');
  });

  it('says so when no agency has reported, and names those that have not', () => {
    const empty = weeklyNarrative(report(), documentSettings(CONFIG));
    const situation = empty.sections.find((s) => s.heading.startsWith('II.'))!;
    expect(situation.paragraphs).toEqual([NO_AGENCY_REPORTS_TEXT]);
    expect(empty.sections.find((s) => s.heading.startsWith('III.'))!.paragraphs).toEqual([
      'Trong tuần chưa ghi nhận khó khăn, vướng mắc.',
    ]);
    const missing = weeklyNarrative(
      report({
        agencyReports: {
          submitted: [],
          missing: [{ agencyId: 'a', agencyName: 'UBND xã Thạnh Hưng', agencyKind: 'commune' }],
        },
      }),
      documentSettings(CONFIG),
    );
    expect(missing.sections.find((s) => s.heading.startsWith('II.'))!.paragraphs).toEqual([
      NO_AGENCY_REPORTS_TEXT,
      'Chưa gửi báo cáo tuần: UBND xã Thạnh Hưng.',
    ]);
  });

  it("quotes each agency's situation, difficulties and proposals under their headings", () => {
    const n = weeklyNarrative(
      report({
        agencyReports: {
          submitted: [
            {
              agencyId: 'a',
              agencyName: 'Sở Nông nghiệp và Môi trường',
              agencyKind: 'department',
              situation: 'Lúa Đông Xuân thu hoạch được 60% diện tích.  ',
              difficulties: 'Thiếu máy gặt tại xã Thạnh Hưng;',
              proposals: 'Điều phối 5 máy gặt từ xã lân cận',
              submittedAt: '2026-03-06T03:00:00Z',
            },
          ],
          missing: [],
        },
      }),
      documentSettings(CONFIG),
    );
    const section = (h: string) => n.sections.find((s) => s.heading.startsWith(h))!.paragraphs;
    expect(section('II.')).toEqual(['- Sở Nông nghiệp và Môi trường: Lúa Đông Xuân thu hoạch được 60% diện tích.']);
    expect(section('III.')).toEqual(['- Sở Nông nghiệp và Môi trường: Thiếu máy gặt tại xã Thạnh Hưng.']);
    expect(section('IV.')).toEqual(['- Sở Nông nghiệp và Môi trường: Điều phối 5 máy gặt từ xã lân cận.']);
    expect(n.closing).toMatch(/\.\/\.$/);
  });
});
