import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, Role } from '@agrilink/core';
import { AccessTokenVerifier } from './access-token.verifier';
import { IS_PUBLIC_KEY } from './public.decorator';
import { ROLES_KEY } from './roles.decorator';
import type { ActorRequest } from './actor-request';

export type { AccessTokenClaims } from './access-token.verifier';

/** Global guard: every route needs a valid access token unless marked @Public(); @Roles narrows further. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<ActorRequest>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [ctx.getHandler(), ctx.getClass()]);
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (token) {
      try {
        const verified = await this.verifier.verify(token);
        req.actor = verified.actor;
        req.authSessionId = verified.sessionId;
      } catch (e) {
        // A database outage is not a bad token: let the filter answer 503.
        if (!(e instanceof DomainError)) throw e;
        if (!isPublic) throw e;
      }
    }
    if (isPublic) return true;
    if (!req.actor)
      throw new DomainError('unauthorized', 'AUTH.UNAUTHENTICATED', 'sign in first (Authorization: Bearer <token>)');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [ctx.getHandler(), ctx.getClass()]);
    if (roles?.length && !roles.includes(req.actor.role)) {
      throw new DomainError(
        'forbidden',
        'AUTH.ROLE_NOT_ALLOWED',
        `this action needs one of the roles: ${roles.join(', ')}`,
      );
    }
    return true;
  }
}
