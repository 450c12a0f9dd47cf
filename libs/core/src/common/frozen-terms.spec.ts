import { DomainError } from './domain-error';
import { assertTermsKeptWhileCommitted } from './frozen-terms';

const FROZEN: Array<[string, 'productCode' | 'askVndPerKg']> = [
  ['product', 'productCode'],
  ['askVndPerKg', 'askVndPerKg'],
];
const lot = { productCode: 'LUA_ST', askVndPerKg: 7000, note: 'a' };

describe('assertTermsKeptWhileCommitted', () => {
  it('lets anything change while nothing is committed', () => {
    expect(() =>
      assertTermsKeptWhileCommitted('SUPPLY_LOT', 0, lot, { ...lot, productCode: 'TOM_SU', askVndPerKg: 1 }, FROZEN),
    ).not.toThrow();
  });

  it('lets unfrozen fields and unchanged frozen ones through once kilograms are committed', () => {
    expect(() => assertTermsKeptWhileCommitted('SUPPLY_LOT', 500, lot, { ...lot, note: 'b' }, FROZEN)).not.toThrow();
  });

  it.each([
    ['product', { productCode: 'TOM_SU' }],
    ['askVndPerKg', { askVndPerKg: 7100 }],
  ])('refuses a change of %s with 409 naming the field', (field, change) => {
    let error: DomainError | undefined;
    try {
      assertTermsKeptWhileCommitted('SUPPLY_LOT', 500, lot, { ...lot, ...change }, FROZEN);
    } catch (e) {
      error = e as DomainError;
    }
    expect(error).toMatchObject({
      kind: 'conflict',
      code: 'SUPPLY_LOT.FIELD_FROZEN',
      details: { field, committedKg: 500 },
    });
  });
});
