import { normalizeAgencyReport, reportableWeek } from './agency-report.rules';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as { code: string }).code;
  }
};

describe('agency report rules', () => {
  it('trims the texts, upper-cases product codes and keeps whole kg', () => {
    const sut = normalizeAgencyReport({ situation: '  Ổn định \r\n', lines: [{ productCode: 'lua_st', soldKg: 0 }] });
    expect(sut).toEqual({
      situation: 'Ổn định',
      difficulties: '',
      proposals: '',
      lines: [{ productCode: 'LUA_ST', harvestedKg: null, soldKg: 0, backlogKg: null, note: null }],
    });
  });

  it.each([
    [{}, 'AGENCY_REPORT.EMPTY'],
    [{ lines: [{ productCode: 'A' }] }, 'AGENCY_REPORT.LINE_WITHOUT_FIGURES'],
    [{ lines: [{ soldKg: -1 }] }, 'AGENCY_REPORT.INVALID_KG'],
    [{ lines: [{ soldKg: 2.5 }] }, 'AGENCY_REPORT.INVALID_KG'],
    [{ lines: [{ soldKg: 1 }, { backlogKg: 1 }] }, 'AGENCY_REPORT.DUPLICATE_LINE'],
    [
      {
        lines: [
          { productCode: 'a', soldKg: 1 },
          { productCode: 'A', soldKg: 1 },
        ],
      },
      'AGENCY_REPORT.DUPLICATE_LINE',
    ],
    [{ situation: 'x'.repeat(20_001) }, 'AGENCY_REPORT.TEXT_TOO_LONG'],
  ])('refuses %j with %s', (input, code) => {
    expect(codeOf(() => normalizeAgencyReport(input))).toBe(code);
  });

  it('takes this week and earlier ones, not a week that has not begun', () => {
    const now = new Date('2026-12-02T05:00:00Z');
    expect(reportableWeek('2026-W49', now).start).toBe('2026-11-30');
    expect(codeOf(() => reportableWeek('2026-W48', now))).toBe('ok');
    expect(codeOf(() => reportableWeek('2026-W50', now))).toBe('AGENCY_REPORT.WEEK_IN_FUTURE');
    expect(codeOf(() => reportableWeek('2026-W54', now))).toBe('VALIDATION.FAILED');
  });
});
