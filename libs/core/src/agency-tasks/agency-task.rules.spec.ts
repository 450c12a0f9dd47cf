import type { Actor } from '../common/actor';
import { allowedNextStatuses, assertTransition } from './agency-task.rules';

const staff: Actor = { userId: 's', email: 's@x.vn', role: 'staff', organizationId: null };
const agency: Actor = { userId: 'a', email: 'a@x.vn', role: 'agency', organizationId: 'ag' };

describe('agency task transitions', () => {
  it.each([
    ['open', 'in_progress', agency, 'ok'],
    ['open', 'done', agency, 'ok'],
    ['open', 'cancelled', agency, 'AGENCY_TASK.FORBIDDEN'],
    ['open', 'cancelled', staff, 'ok'],
    ['in_progress', 'open', agency, 'ok'],
    ['in_progress', 'done', agency, 'ok'],
    ['done', 'in_progress', agency, 'ok'],
    ['done', 'cancelled', staff, 'AGENCY_TASK.INVALID_TRANSITION'],
    ['done', 'open', staff, 'AGENCY_TASK.INVALID_TRANSITION'],
    ['cancelled', 'open', staff, 'ok'],
    ['cancelled', 'open', agency, 'AGENCY_TASK.FORBIDDEN'],
    ['cancelled', 'done', staff, 'AGENCY_TASK.INVALID_TRANSITION'],
    ['open', 'open', agency, 'ok'],
  ] as const)('%s → %s by %o: %s', (from, to, actor, expected) => {
    let code = 'ok';
    try {
      assertTransition(from, to, actor);
    } catch (e) {
      code = (e as { code: string }).code;
    }
    expect(code).toBe(expected);
  });

  it('offers each caller only the moves it may make', () => {
    expect(allowedNextStatuses('open', agency)).toEqual(['in_progress', 'done']);
    expect(allowedNextStatuses('open', staff)).toEqual(['in_progress', 'done', 'cancelled']);
    expect(allowedNextStatuses('cancelled', agency)).toEqual([]);
  });
});
