import { DomainError } from '../common/domain-error';
import { assertReopenable } from './supply-lot.rules';

const today = '2026-12-02';
const withdrawn = { status: 'withdrawn' as const, availableUntil: '2026-12-10', quantityKg: 1000, committedKg: 0 };

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return (e as DomainError).code;
  }
}

describe('assertReopenable', () => {
  it.each([
    ['a withdrawn lot still available', withdrawn, null],
    ['a withdrawn lot available until today', { ...withdrawn, availableUntil: today }, null],
    ['an open lot', { ...withdrawn, status: 'open' as const }, 'SUPPLY_LOT.NOT_WITHDRAWN'],
    [
      'a withdrawn lot whose availability is over',
      { ...withdrawn, availableUntil: '2026-12-01' },
      'SUPPLY_LOT.REOPEN_EXPIRED',
    ],
    [
      'a withdrawn lot with every kilogram committed',
      { ...withdrawn, committedKg: 1000 },
      'SUPPLY_LOT.REOPEN_SOLD_OUT',
    ],
  ])('%s → %s', (_name, lot, code) => {
    expect(codeOf(() => assertReopenable(lot, today))).toBe(code);
  });
});
