import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@agrilink/config';
import { DomainError, toActor, toUserView, User, UsersService, UserView } from '@agrilink/core';
import { AccessTokenClaims } from './auth.guard';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: string;
  user: UserView;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string): Promise<TokenPair> {
    return this.issue(await this.users.authenticate(email, password));
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    let claims: { sub: string; typ: string };
    try {
      claims = await this.jwt.verifyAsync(refreshToken);
    } catch {
      throw new DomainError('unauthorized', 'AUTH.INVALID_REFRESH_TOKEN', 'the refresh token is invalid or expired');
    }
    if (claims.typ !== 'refresh') throw new DomainError('unauthorized', 'AUTH.INVALID_REFRESH_TOKEN', 'not a refresh token');
    const user = await this.users.get(claims.sub).catch(() => null);
    if (!user || !user.active) throw new DomainError('unauthorized', 'AUTH.INVALID_REFRESH_TOKEN', 'the account is no longer active');
    return this.issue(user);
  }

  private async issue(user: User): Promise<TokenPair> {
    const actor = toActor(user);
    const access: AccessTokenClaims = { sub: actor.userId, email: actor.email, role: actor.role, org: actor.organizationId, typ: 'access' };
    const [accessToken, refreshToken] = await Promise.all([
      this.jwt.signAsync(access, { expiresIn: this.config.jwtExpiresIn as any }),
      this.jwt.signAsync({ sub: actor.userId, typ: 'refresh' }, { expiresIn: this.config.jwtRefreshExpiresIn as any }),
    ]);
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.config.jwtExpiresIn, user: toUserView(user) };
  }
}
