import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Role } from '../common/actor';

export type SessionRevokedReason = 'logout' | 'refresh_reuse' | 'password_changed' | 'password_reset' | 'disabled';

/** What the guard needs about a token's user and session, read in one indexed query. */
export interface SessionHolder {
  userId: string;
  email: string;
  role: Role;
  organizationId: string | null;
  provinceCodes: string[] | null;
  active: boolean;
  lockedUntil: Date | null;
  tokenVersion: number;
  sessionRevoked: boolean;
  sessionExpiresAt: Date;
}

export type RotateOutcome =
  { kind: 'rotated'; userId: string; generation: number } | { kind: 'reused'; userId: string } | { kind: 'invalid' };

/** Rows of an UPDATE … RETURNING: TypeORM's postgres driver answers UPDATE and DELETE with [rows, count]. */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number')
    return result[0] as T[];
  return Array.isArray(result) ? (result as T[]) : [];
}

export function refreshTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Sign-in sessions (refresh-token families). Only a hash of the current refresh token is
 * stored; each refresh moves the session to the next generation, so presenting an older
 * generation means the token was copied, and the whole session is revoked.
 */
@Injectable()
export class AuthSessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A new session (the id chosen by the caller, who signs it into the first refresh token). */
  async open(sessionId: string, userId: string, firstRefreshToken: string, expiresAt: Date): Promise<void> {
    // The user's sessions past their life are of no use to anyone; a sign-in clears them.
    await this.dataSource.query(
      `DELETE FROM auth_sessions WHERE user_id = $1 AND expires_at < now() - interval '1 day'`,
      [userId],
    );
    await this.dataSource.query(
      `INSERT INTO auth_sessions (id, user_id, refresh_token_hash, expires_at) VALUES ($1, $2, $3, $4)`,
      [sessionId, userId, refreshTokenHash(firstRefreshToken), expiresAt],
    );
  }

  /**
   * Trades the refresh token of `generation` for the next one, in one conditional UPDATE (two
   * parallel refreshes with one token: exactly one wins). A token of an older generation whose
   * session is still live is a reuse: the session is revoked and the caller says so.
   */
  async rotate(sessionId: string, generation: number, presented: string, nextToken: string): Promise<RotateOutcome> {
    const rows = returnedRows<{ user_id: string; generation: number }>(
      await this.dataSource.query(
        `UPDATE auth_sessions s SET generation = s.generation + 1, refresh_token_hash = $4, refreshed_at = now()
        WHERE s.id = $1 AND s.generation = $2 AND s.refresh_token_hash = $3 AND s.revoked_at IS NULL AND s.expires_at > now()
        RETURNING s.user_id, s.generation`,
        [sessionId, generation, refreshTokenHash(presented), refreshTokenHash(nextToken)],
      ),
    );
    if (rows.length) return { kind: 'rotated', userId: rows[0].user_id, generation: rows[0].generation };
    const reused = returnedRows<{ user_id: string }>(
      await this.dataSource.query(
        `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'refresh_reuse'
        WHERE id = $1 AND generation > $2 AND revoked_at IS NULL RETURNING user_id`,
        [sessionId, generation],
      ),
    );
    return reused.length ? { kind: 'reused', userId: reused[0].user_id } : { kind: 'invalid' };
  }

  async revoke(sessionId: string, userId: string, reason: SessionRevokedReason): Promise<boolean> {
    const rows = returnedRows(
      await this.dataSource.query(
        `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id`,
        [sessionId, userId, reason],
      ),
    );
    return rows.length > 0;
  }

  async revokeAllOf(em: EntityManager, userId: string, reason: SessionRevokedReason): Promise<void> {
    await em.query(
      `UPDATE auth_sessions SET revoked_at = now(), revoked_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, reason],
    );
  }

  async holderOf(userId: string, sessionId: string): Promise<SessionHolder | null> {
    const [r] = await this.dataSource.query(
      `SELECT u.id, u.email, u.role, u.cooperative_id, u.buyer_id, u.transport_operator_id, u.agency_id, u.province_codes, u.active, u.locked_until, u.token_version,
              s.revoked_at IS NOT NULL AS session_revoked, s.expires_at
         FROM users u JOIN auth_sessions s ON s.user_id = u.id
        WHERE u.id = $1 AND s.id = $2`,
      [userId, sessionId],
    );
    if (!r) return null;
    return {
      userId: r.id,
      email: r.email,
      role: r.role,
      organizationId: r.cooperative_id ?? r.buyer_id ?? r.transport_operator_id ?? r.agency_id ?? null,
      provinceCodes: r.province_codes?.length ? r.province_codes : null,
      active: r.active === true || r.active === 't',
      lockedUntil: r.locked_until ? new Date(r.locked_until) : null,
      tokenVersion: Number(r.token_version),
      sessionRevoked: r.session_revoked === true || r.session_revoked === 't',
      sessionExpiresAt: new Date(r.expires_at),
    };
  }
}
