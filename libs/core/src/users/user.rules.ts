import { Actor, Role } from '../common/actor';
import { DomainError } from '../common/domain-error';

/** The roles whose users act for one organisation (a cooperative, buyer, transport operator or agency). */
export const ORGANIZATION_ROLES: readonly Role[] = ['cooperative', 'buyer', 'transport', 'agency'];

export function isOrganizationRole(role: Role): boolean {
  return ORGANIZATION_ROLES.includes(role);
}

/**
 * Staff enrol and look after the people of cooperatives, buyers, transport operators and
 * agencies; only an admin makes, stops or resets staff and admins. One rule for create,
 * disable, enable and password reset, so the Users screen and the API agree.
 */
export function assertMayManageRole(actor: Actor | null, role: Role): void {
  if (!actor || actor.role === 'admin') return;
  if (actor.role !== 'staff' || !isOrganizationRole(role)) {
    throw new DomainError('forbidden', 'USER.ROLE_NOT_ALLOWED', `role ${actor.role} may not manage ${role} users`);
  }
}

/** Nobody stops their own account: the last admin could lock everyone out. */
export function assertNotSelf(actor: Actor, userId: string): void {
  if (actor.userId === userId)
    throw new DomainError('conflict', 'USER.CANNOT_DISABLE_SELF', 'an admin cannot disable their own account');
}
