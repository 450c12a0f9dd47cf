import type { EntityManager } from 'typeorm';
import type { Actor } from './actor';
import { DomainError } from './domain-error';
import { assertEntityInProvinces } from './territory/row-provinces';

/**
 * A cooperative user writes only its own organisation's rows, a buyer only its
 * own; staff and admin write all. Returns the organisation id to write under.
 */
export function resolveOwnerForWrite(
  actor: Actor,
  ownerRole: 'cooperative' | 'buyer',
  requestedOwnerId: string | undefined | null,
  field: string,
  entity: string,
): string {
  if (actor.role === 'admin' || actor.role === 'staff') {
    if (!requestedOwnerId) throw DomainError.invalid(`${entity}.OWNER_REQUIRED`, field, `${field} is required`);
    return requestedOwnerId;
  }
  if (actor.role !== ownerRole || !actor.organizationId) {
    throw new DomainError(
      'forbidden',
      `${entity}.FORBIDDEN`,
      `role ${actor.role} may not write ${entity.toLowerCase().replace(/_/g, ' ')}s`,
    );
  }
  if (requestedOwnerId && requestedOwnerId !== actor.organizationId) {
    throw new DomainError(
      'forbidden',
      `${entity}.FORBIDDEN`,
      `${field}: you may only write rows of your own organisation`,
      {
        field,
      },
    );
  }
  return actor.organizationId;
}

/**
 * The owner a new row is written for (`cooperativeId` or `buyerId` of the input, as
 * resolveOwnerForWrite decides), refused when it lies outside a province staff member's provinces.
 */
export async function ownerOfNewRow(
  em: EntityManager,
  actor: Actor,
  ownerRole: 'cooperative' | 'buyer',
  requestedOwnerId: string | undefined | null,
  entity: string,
): Promise<string> {
  const ownerId = resolveOwnerForWrite(actor, ownerRole, requestedOwnerId, `${ownerRole}Id`, entity);
  await assertEntityInProvinces(em, actor, ownerRole, ownerId, entity);
  return ownerId;
}

export function assertOwnsRow(actor: Actor, ownerRole: 'cooperative' | 'buyer', ownerId: string, entity: string): void {
  if (actor.role === 'admin' || actor.role === 'staff') return;
  if (actor.role === ownerRole && actor.organizationId === ownerId) return;
  throw new DomainError(
    'forbidden',
    `${entity}.FORBIDDEN`,
    `this ${entity.toLowerCase().replace(/_/g, ' ')} belongs to another organisation`,
  );
}
