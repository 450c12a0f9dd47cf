import { Secret, TOTP } from 'otpauth';

// RFC 6238 as authenticator apps expect it: SHA-1, 30 s, 6 digits.
const PARAMS = { issuer: 'AgriLink', algorithm: 'SHA1', digits: 6, period: 30 } as const;

/** A new 160-bit secret, base32 (RFC 4226's recommended length). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secret: string, accountName: string): string {
  return new TOTP({ ...PARAMS, label: accountName, secret: Secret.fromBase32(secret) }).toString();
}

/**
 * The 30 s step the code belongs to, or null when it is wrong. One step either side is
 * accepted for clock drift; the caller stores the step so a code works only once.
 */
export function totpStepOf(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = new TOTP({ ...PARAMS, secret: Secret.fromBase32(secret) });
  const delta = totp.validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : totp.counter({ timestamp: now }) + delta;
}

/** The code for a time: for tests and for provisioning checks. */
export function totpCodeAt(secret: string, timestamp: number): string {
  return new TOTP({ ...PARAMS, secret: Secret.fromBase32(secret) }).generate({ timestamp });
}

export function isBase32Secret(s: string): boolean {
  return /^[A-Z2-7]{16,}=*$/i.test(s);
}
