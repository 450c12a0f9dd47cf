import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Actor, AuthSessionsRepository, DomainError, Role } from '@agrilink/core';

export interface AccessTokenClaims {
  sub: string;
  /** The sign-in session (refresh-token family) the token belongs to. */
  sid: string;
  /** users.token_version when issued; a password change or a disable bumps it. */
  ver: number;
  email: string;
  role: Role;
  org: string | null;
  typ: 'access';
  iat?: number;
  exp?: number;
}

/** Claims as a token carries them before they are checked: any field may be missing or of another type. */
export type UntrustedClaims<T> = { [K in keyof T]?: unknown };

export interface VerifiedAccess {
  actor: Actor;
  sessionId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A token is accepted when its signature (HS256 only) and `exp` hold, it says `typ: access`,
 * and its user exists, is active, is not locked, still has the token's version, and its
 * session is not revoked. The role and organisation come from the database, not the token.
 */
@Injectable()
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: AuthSessionsRepository,
  ) {}

  async verify(token: string, now = new Date()): Promise<VerifiedAccess> {
    const invalid = new DomainError('unauthorized', 'AUTH.INVALID_TOKEN', 'the access token is invalid or expired');
    let claims: UntrustedClaims<AccessTokenClaims>;
    try {
      claims = await this.jwt.verifyAsync<UntrustedClaims<AccessTokenClaims>>(token);
    } catch {
      throw invalid;
    }
    if (claims.typ !== 'access' || typeof claims.exp !== 'number' || typeof claims.iat !== 'number') throw invalid;
    if (
      typeof claims.sub !== 'string' ||
      !UUID.test(claims.sub) ||
      typeof claims.sid !== 'string' ||
      !UUID.test(claims.sid)
    )
      throw invalid;
    const holder = await this.sessions.holderOf(claims.sub, claims.sid);
    if (!holder || !holder.active || holder.sessionRevoked || holder.tokenVersion !== claims.ver) throw invalid;
    if (holder.lockedUntil && holder.lockedUntil > now) throw invalid;
    return {
      actor: {
        userId: holder.userId,
        email: holder.email,
        role: holder.role,
        organizationId: holder.organizationId,
        provinceCodes: holder.provinceCodes,
      },
      sessionId: claims.sid,
    };
  }
}
