import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { Actor, DomainError, Role } from '@agrilink/core';
import { IS_PUBLIC_KEY } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';

export interface AccessTokenClaims {
  sub: string;
  email: string;
  role: Role;
  org: string | null;
  typ: 'access';
}

/** Global guard: every route needs a valid access token unless marked @Public(); @Roles narrows further. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [ctx.getHandler(), ctx.getClass()]);
    const header: string | undefined = req.headers['authorization'];
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (token) {
      try {
        const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
        if (claims.typ !== 'access') throw new Error('not an access token');
        const actor: Actor = { userId: claims.sub, email: claims.email, role: claims.role, organizationId: claims.org };
        req.actor = actor;
      } catch {
        if (!isPublic) throw new DomainError('unauthorized', 'AUTH.INVALID_TOKEN', 'the access token is invalid or expired');
      }
    }
    if (isPublic) return true;
    if (!req.actor) throw new DomainError('unauthorized', 'AUTH.UNAUTHENTICATED', 'sign in first (Authorization: Bearer <token>)');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (roles?.length && !roles.includes(req.actor.role)) {
      throw new DomainError('forbidden', 'AUTH.ROLE_NOT_ALLOWED', `this action needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }
}
