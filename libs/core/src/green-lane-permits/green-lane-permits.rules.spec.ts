import { newPermitCode, normalizePermitCode, permitPayload, permitStatus } from './green-lane-permits.rules';

describe('green-lane permit rules', () => {
  it('makes codes that read back as themselves', () => {
    for (let i = 0; i < 200; i++) {
      const code = newPermitCode();
      expect(code).toMatch(/^LX-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(normalizePermitCode(code)).toBe(code);
    }
  });

  it.each([
    ['lx 7k3q f9m2', 'LX-7K3Q-F9M2'],
    ['LX7K3QF9M2', 'LX-7K3Q-F9M2'],
    ['LX-7K3O-F9MI', 'LX-7K30-F9M1'],
  ])('normalises %j to %s', (text, code) => expect(normalizePermitCode(text)).toBe(code));

  it.each([['7K3Q-F9M2'], ['LX-7K3Q-F9M'], ['LX-7K3Q-F9M2-9'], ['LX-7K3U-F9M2'], ['']])('refuses %j', (text) =>
    expect(normalizePermitCode(text)).toBeNull(),
  );

  it('names code, plate and validity in the payload', () => {
    expect(
      permitPayload({ code: 'LX-7K3Q-F9M2', plate: '68C-123.45', validFrom: '2026-12-01', validTo: '2026-12-07' }),
    ).toBe('LX1|LX-7K3Q-F9M2|68C-123.45|2026-12-01|2026-12-07');
  });

  it.each([
    [{ validFrom: '2026-12-01', validTo: '2026-12-07', revokedAt: null }, '2026-12-01', 'active'],
    [{ validFrom: '2026-12-01', validTo: '2026-12-07', revokedAt: null }, '2026-12-07', 'active'],
    [{ validFrom: '2026-12-01', validTo: '2026-12-07', revokedAt: null }, '2026-12-08', 'expired'],
    [{ validFrom: '2026-12-01', validTo: '2026-12-07', revokedAt: null }, '2026-11-30', 'pending'],
    [{ validFrom: '2026-12-01', validTo: '2026-12-07', revokedAt: new Date() }, '2026-12-03', 'revoked'],
  ])('status of %j on %s is %s', (p, today, status) => expect(permitStatus(p, today)).toBe(status));
});
