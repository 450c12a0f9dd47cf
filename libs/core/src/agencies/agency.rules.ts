import { Actor } from '../common/actor';
import { DomainError } from '../common/domain-error';
import { AGENCY_KINDS, AgencyKind } from './agency.entity';

export interface AgencyInput {
  name: string;
  kind: AgencyKind;
  administrativeUnitId?: string | null;
  active?: boolean;
}

export type AgencyPatch = Partial<AgencyInput>;

/** A name as people type it: spaces collapsed, never empty. */
export function normalizeAgencyName(name: unknown): string {
  const v = (
    typeof name === 'string' ? name : typeof name === 'number' || typeof name === 'boolean' ? String(name) : ''
  )
    .replace(/\s+/g, ' ')
    .trim();
  if (!v) throw DomainError.invalid('AGENCY.NAME_REQUIRED', 'name', 'name must not be empty');
  if (v.length > 200) throw DomainError.invalid('AGENCY.NAME_TOO_LONG', 'name', 'name must be at most 200 characters');
  return v;
}

export function assertAgencyKind(kind: unknown): AgencyKind {
  if (!AGENCY_KINDS.includes(kind as AgencyKind)) {
    throw DomainError.invalid('AGENCY.INVALID_KIND', 'kind', `kind must be one of ${AGENCY_KINDS.join(', ')}`);
  }
  return kind as AgencyKind;
}

/** The agency an agency user acts for; any other non-staff caller owns none (a nil id matches no row). */
export function ownAgency(actor: Actor): string {
  return actor.role === 'agency' && actor.organizationId
    ? actor.organizationId
    : '00000000-0000-0000-0000-000000000000';
}
