import { Injectable } from '@nestjs/common';
import { EntityManager, QueryDeepPartialEntity } from 'typeorm';
import type { Actor } from '../common/actor';
import { AuditLog } from './audit-log.entity';

@Injectable()
export class AuditService {
  /** Call inside the transaction of the change, so the log and the row commit together. */
  async record(
    em: EntityManager,
    actor: Actor | null,
    action: string,
    entityType: string,
    entityId: string,
    changes: Record<string, unknown> | null,
  ): Promise<void> {
    await em.insert(AuditLog, {
      actorUserId: actor?.userId ?? null,
      actorRole: actor?.role ?? null,
      action,
      entityType,
      entityId,
      // TypeORM's deep-partial type has no room for `unknown` members; the jsonb column takes the object as it is.
      changes: (changes ? sanitize(changes) : null) as QueryDeepPartialEntity<AuditLog>['changes'],
    });
  }

  /** Field-by-field before/after of what an update changed. */
  diff(before: object, after: object, fields: readonly string[]): Record<string, [unknown, unknown]> {
    const out: Record<string, [unknown, unknown]> = {};
    for (const f of fields) {
      const a = (before as Record<string, unknown>)[f];
      const b = (after as Record<string, unknown>)[f];
      if (JSON.stringify(a) !== JSON.stringify(b)) out[f] = [a ?? null, b ?? null];
    }
    return out;
  }
}

const SECRET_FIELDS = /password|secret|token/i;

function sanitize(changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(changes)) out[k] = SECRET_FIELDS.test(k) ? '[redacted]' : v;
  return out;
}
