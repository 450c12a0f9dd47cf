import { Actor, isStaff } from '../actor';
import { DomainError } from '../domain-error';

/**
 * Registry writes that only the province office makes (registering, deleting,
 * reference data). `entity` is the error-code prefix (`COOPERATIVE` →
 * `COOPERATIVE.FORBIDDEN`); `what` ends the message: "only staff and admin may …".
 */
export function assertStaff(actor: Actor, entity: string, what: string): void {
  if (!isStaff(actor)) throw new DomainError('forbidden', `${entity}.FORBIDDEN`, `only staff and admin may ${what}`);
}
