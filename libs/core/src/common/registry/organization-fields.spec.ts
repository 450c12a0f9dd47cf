import { normalizeTaxCode, normalizeVietnamesePhone } from './organization-fields';

describe('normalizeTaxCode', () => {
  it.each([
    ['1701234567', '1701234567'],
    [' 1701234567 ', '1701234567'],
    ['1701234567-001', '1701234567-001'],
    ['1701234567001', '1701234567-001'],
    ['170123456', null],
    ['17012345678', null],
    ['1701234567-01', null],
    ['17O1234567', null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeTaxCode(input)).toBe(expected);
  });
});

describe('normalizeVietnamesePhone', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['0912 345 678', '0912345678'],
    ['091.234.5678', '0912345678'],
    ['+84 912 345 678', '0912345678'],
    ['84912345678', '0912345678'],
    ['0297 3862 123', '02973862123'],
    ['(028) 3877-1234', '02838771234'],
    ['1900 1234', '19001234'],
    ['0112345678', null], // 01x prefixes were retired in 2018
    ['091234567', null],
    ['+33 1 23 45 67 89', null],
    ['hotline', null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeVietnamesePhone(input)).toBe(expected);
  });
});
