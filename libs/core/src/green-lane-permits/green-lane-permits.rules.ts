import { randomBytes } from 'node:crypto';
import { DomainError } from '../common/domain-error';
import { addDays, isDateOnly } from '../common/dates';

export const PERMIT_STATUSES = ['active', 'pending', 'expired', 'revoked'] as const;
export type PermitStatus = (typeof PERMIT_STATUSES)[number];

/** The longest span one permit covers; a longer lockdown gets a new permit. */
export const MAX_PERMIT_DAYS = 92;

// Crockford base32: no I, L, O, U, so a code read aloud or typed at a checkpoint is unambiguous.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `LX-7K3Q-F9M2`: 40 random bits, typed at a checkpoint when the QR cannot be read. */
export function newPermitCode(): string {
  const bytes = randomBytes(8);
  let s = '';
  for (let i = 0; i < 8; i++) s += ALPHABET[bytes[i] & 31];
  return `LX-${s.slice(0, 4)}-${s.slice(4)}`;
}

/** `lx 7k3q f9m2`, `LX7K3QF9M2`, `LX-7K3Q-F9M2` → `LX-7K3Q-F9M2` (O read as 0, I and L as 1); null when not a code. */
export function normalizePermitCode(text: string | null | undefined): string | null {
  const s = (text ?? '').toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (!s.startsWith('LX')) return null;
  const body = s.slice(2).replace(/O/g, '0').replace(/[IL]/g, '1');
  if (body.length !== 8 || [...body].some((c) => !ALPHABET.includes(c))) return null;
  return `LX-${body.slice(0, 4)}-${body.slice(4)}`;
}

/**
 * What the QR carries, signed: version, code, plate and validity, `|`-separated and short so the
 * QR stays easy to scan on a phone screen or a printed page.
 */
export function permitPayload(p: { code: string; plate: string; validFrom: string; validTo: string }): string {
  return `LX1|${p.code}|${p.plate}|${p.validFrom}|${p.validTo}`;
}

/** The QR's text: the payload, then its signature after the last `|` (base64url has no `|`). */
export function permitQrText(payload: string, signature: string): string {
  return `${payload}|${signature}`;
}

export function permitStatus(
  p: { validFrom: string; validTo: string; revokedAt: Date | null },
  today: string,
): PermitStatus {
  if (p.revokedAt) return 'revoked';
  if (p.validTo < today) return 'expired';
  if (p.validFrom > today) return 'pending';
  return 'active';
}

export function assertPermitWindow(validFrom: string, validTo: string, today: string): void {
  if (!isDateOnly(validFrom))
    throw DomainError.invalid('GREEN_LANE_PERMIT.INVALID_DATE', 'validFrom', 'validFrom must be a date YYYY-MM-DD');
  if (!isDateOnly(validTo))
    throw DomainError.invalid('GREEN_LANE_PERMIT.INVALID_DATE', 'validTo', 'validTo must be a date YYYY-MM-DD');
  if (validFrom > validTo)
    throw DomainError.invalid('GREEN_LANE_PERMIT.WINDOW_REVERSED', 'validTo', 'validTo must be on or after validFrom');
  if (validTo < today)
    throw DomainError.invalid(
      'GREEN_LANE_PERMIT.ALREADY_OVER',
      'validTo',
      `validTo ${validTo} is already past (today is ${today})`,
    );
  if (addDays(validFrom, MAX_PERMIT_DAYS - 1) < validTo) {
    throw DomainError.invalid(
      'GREEN_LANE_PERMIT.TOO_LONG',
      'validTo',
      `a permit covers at most ${MAX_PERMIT_DAYS} days; issue a new one for a longer lockdown`,
    );
  }
}
