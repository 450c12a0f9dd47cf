import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Actor } from '@agrilink/core';
import type { ActorRequest } from './actor-request';

/** The signed-in actor (non-null on protected routes), or null on public routes for anonymous callers. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor | null => {
  return ctx.switchToHttp().getRequest<ActorRequest>().actor ?? null;
});
