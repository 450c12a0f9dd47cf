import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService, JwtSignOptions } from '@nestjs/jwt';
import { AppConfig } from '@agrilink/config';
import {
  Actor,
  AuthSessionsRepository,
  DomainError,
  SignInInput,
  SignInService,
  toActor,
  toUserView,
  User,
  UsersService,
  UserView,
} from '@agrilink/core';
import { AccessTokenClaims, UntrustedClaims } from './access-token.verifier';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: string;
  user: UserView;
}

interface RefreshTokenClaims {
  sub: string;
  sid: string;
  /** Rotation count of the session: only the newest generation is accepted. */
  gen: number;
  typ: 'refresh';
  exp?: number;
  iat?: number;
}

/** Tokens and sessions: JWTs are the api's business; who may sign in is SignInService's. */
@Injectable()
export class AuthService {
  constructor(
    private readonly signIn: SignInService,
    private readonly users: UsersService,
    private readonly sessions: AuthSessionsRepository,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async login(input: SignInInput): Promise<TokenPair> {
    return this.startSession(await this.signIn.signIn(input));
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const invalid = new DomainError(
      'unauthorized',
      'AUTH.INVALID_REFRESH_TOKEN',
      'the refresh token is invalid or expired',
    );
    const claims = await this.refreshClaims(refreshToken, false);
    if (!claims) throw invalid;
    // The session keeps the lifetime of its first sign-in: rotation does not extend it.
    const exp = claims.exp;
    const nextRefresh = await this.signRefresh({
      sub: claims.sub,
      sid: claims.sid,
      gen: claims.gen + 1,
      typ: 'refresh',
      exp,
    });
    const outcome = await this.sessions.rotate(claims.sid, claims.gen, refreshToken, nextRefresh);
    if (outcome.kind === 'reused') {
      throw new DomainError(
        'unauthorized',
        'AUTH.REFRESH_TOKEN_REUSED',
        'this refresh token was already used; the session is ended, sign in again',
      );
    }
    if (outcome.kind === 'invalid') throw invalid;
    const user = await this.users.get(outcome.userId).catch(() => null);
    if (!user || !user.active || (user.lockedUntil && user.lockedUntil > new Date())) throw invalid;
    return this.pair(user, claims.sid, nextRefresh);
  }

  /** Ends the refresh token's session (and so its access tokens); an expired token still logs out. */
  async logout(refreshToken: string, actor: Actor | null, currentSessionId: string | undefined): Promise<void> {
    const claims = await this.refreshClaims(refreshToken, true);
    if (claims) await this.sessions.revoke(claims.sid, claims.sub, 'logout');
    if (actor && currentSessionId) await this.sessions.revoke(currentSessionId, actor.userId, 'logout');
    if (!claims && !(actor && currentSessionId)) {
      throw new DomainError('unauthorized', 'AUTH.INVALID_REFRESH_TOKEN', 'the refresh token is invalid');
    }
  }

  /** Every session ends with a password change; the caller gets a fresh one. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string, source: string): Promise<TokenPair> {
    return this.startSession(await this.signIn.changePassword(actor, currentPassword, newPassword, source));
  }

  private async startSession(user: User): Promise<TokenPair> {
    const sid = randomUUID();
    const refreshToken = await this.signRefresh({ sub: user.id, sid, gen: 0, typ: 'refresh' });
    const { exp } = this.jwt.decode<{ exp: number }>(refreshToken);
    await this.sessions.open(sid, user.id, refreshToken, new Date(exp * 1000));
    return this.pair(user, sid, refreshToken);
  }

  private async pair(user: User, sid: string, refreshToken: string): Promise<TokenPair> {
    const actor = toActor(user);
    const access: AccessTokenClaims = {
      sub: actor.userId,
      sid,
      ver: user.tokenVersion,
      email: actor.email,
      role: actor.role,
      org: actor.organizationId,
      typ: 'access',
    };
    const accessToken = await this.jwt.signAsync(access, {
      expiresIn: this.config.jwtExpiresIn as JwtSignOptions['expiresIn'],
    });
    return {
      accessToken,
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.config.jwtExpiresIn,
      user: toUserView(user),
    };
  }

  private signRefresh(claims: RefreshTokenClaims): Promise<string> {
    // jti: two tokens of one session never hash alike, even within the same second.
    const jwtid = randomBytes(12).toString('base64url');
    if (claims.exp) return this.jwt.signAsync({ ...claims }, { jwtid });
    return this.jwt.signAsync(
      { ...claims },
      { jwtid, expiresIn: this.config.jwtRefreshExpiresIn as JwtSignOptions['expiresIn'] },
    );
  }

  private async refreshClaims(
    token: string,
    ignoreExpiration: boolean,
  ): Promise<(RefreshTokenClaims & { exp: number }) | null> {
    try {
      const c = await this.jwt.verifyAsync<UntrustedClaims<RefreshTokenClaims>>(token, { ignoreExpiration });
      const ok =
        c.typ === 'refresh' &&
        typeof c.sid === 'string' &&
        /^[0-9a-f-]{36}$/i.test(c.sid) &&
        typeof c.sub === 'string' &&
        /^[0-9a-f-]{36}$/i.test(c.sub) &&
        Number.isInteger(c.gen) &&
        typeof c.exp === 'number';
      return ok ? (c as RefreshTokenClaims & { exp: number }) : null;
    } catch {
      return null;
    }
  }
}
