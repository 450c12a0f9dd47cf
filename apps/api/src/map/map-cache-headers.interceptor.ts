import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { Observable } from 'rxjs';
import type { ActorRequest } from '../auth/actor-request';

/**
 * HTTP caching of map layers. Anonymous answers may be kept by browsers and shared caches for
 * a few seconds (MAP_PUBLIC_MAX_AGE_S: the public map may lag that much); answers to a signed-in
 * caller carry contacts and stay private. Express adds a weak ETag, so a revalidation that
 * finds the layer unchanged is a 304 without a body.
 */
export const MAP_PUBLIC_MAX_AGE_S = 5;

@Injectable()
export class MapCacheHeadersInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = ctx.switchToHttp();
    const res = http.getResponse<Response>();
    res.setHeader('Vary', 'Authorization');
    res.setHeader(
      'Cache-Control',
      http.getRequest<ActorRequest>().actor ? 'private, no-cache' : `public, max-age=${MAP_PUBLIC_MAX_AGE_S}`,
    );
    return next.handle();
  }
}
