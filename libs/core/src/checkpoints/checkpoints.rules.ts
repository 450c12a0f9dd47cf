import { isDateOnly } from '../common/dates';
import { DomainError } from '../common/domain-error';
import { isOnVietnamTerritory, LatLng } from '../common/geo';

export interface CheckpointInput {
  name: string;
  location: LatLng;
  zoneId?: string | null;
  provinceCode?: string | null;
  note?: string | null;
  from?: string | null;
  to?: string | null;
}

export type CheckpointPatch = Partial<CheckpointInput>;

/** One reading of a checkpoint's fields for every transport (api, import). */
export function normalizeCheckpoint<T extends CheckpointPatch>(input: T): T {
  const out: any = { ...input };
  if (input.name !== undefined) {
    const name = String(input.name ?? '').trim();
    if (!name || name.length > 200)
      throw DomainError.invalid('VALIDATION.FAILED', 'name', 'name must be 1–200 characters');
    out.name = name;
  }
  if (input.location !== undefined) {
    const p = input.location as LatLng | null;
    if (!p || typeof p.lat !== 'number' || typeof p.lng !== 'number' || !isOnVietnamTerritory(p)) {
      // Land and islands, not the bounding box: that took Phnom Penh and Vientiane for Việt Nam.
      throw DomainError.invalid('VALIDATION.FAILED', 'location', 'location must be {lat, lng} inside Vietnam');
    }
  }
  if (input.note !== undefined) out.note = input.note === null ? null : String(input.note).trim() || null;
  if (input.provinceCode !== undefined)
    out.provinceCode = input.provinceCode === null ? null : String(input.provinceCode).trim() || null;
  for (const f of ['from', 'to'] as const) {
    if (input[f] !== undefined && input[f] !== null && !isDateOnly(input[f]))
      throw DomainError.invalid('VALIDATION.FAILED', f, `${f} must be a day YYYY-MM-DD`);
  }
  return out;
}

export function assertCheckpointPeriod(from: string | null, to: string | null, field = 'to'): void {
  if (from && to && from > to)
    throw DomainError.invalid('CHECKPOINT.PERIOD_REVERSED', field, `${field} must be on or after ${from}`);
}
