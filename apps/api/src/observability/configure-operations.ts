import { getQueueToken } from '@nestjs/bullmq';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { AppConfig } from '@agrilink/config';
import { httpRequestDuration, metricsRegistry } from '@agrilink/observability';
import { QueueName } from '@agrilink/queue';
import { Queue } from 'bullmq';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { DomainError } from '@agrilink/core';
import { AccessTokenVerifier } from '../auth/access-token.verifier';
import { webInlineScriptHashes } from '../common/web-inline-scripts';

export const QUEUE_BOARD_PATH = '/api/admin/queues';
const BOARD_COOKIE = 'agrilink_board_token';

/** Security headers, HTTP metrics, /metrics and the admin-only queue board; called first by configureApp. */
export function configureOperations(app: NestExpressApplication, webDist?: string): void {
  const config = app.get(AppConfig);
  app.use(securityHeaders(config.mapTileUrl, webInlineScriptHashes(webDist)));
  app.use(measureHttp);
  const scrape: RequestHandler = async (_req, res, next) => {
    try {
      res.setHeader('Content-Type', metricsRegistry.contentType);
      res.end(await metricsRegistry.metrics());
    } catch (e) {
      next(e);
    }
  };
  // Metrics tell an outsider versions, routes and load: on the api port they need an admin's token.
  const adminOnlyScrape = adminOnly(app.get(AccessTokenVerifier), { browserSignIn: false, what: 'metrics' });
  app.use('/metrics', adminOnlyScrape, scrape);
  app.use('/api/metrics', adminOnlyScrape, scrape);

  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map(
      (name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name), { strict: false })),
    ),
    serverAdapter: board,
  });
  app.use(
    QUEUE_BOARD_PATH,
    adminOnly(app.get(AccessTokenVerifier), { browserSignIn: true, what: 'the queue board' }),
    board.getRouter(),
  );
}

/**
 * CSP for the Leaflet map: tiles from the configured host, data:/blob: images, inline styles Leaflet
 * sets, and of inline scripts only the web app's own (by hash).
 */
export function securityHeaders(tileUrl: string, inlineScripts: string[] = []): RequestHandler {
  const tileHost = tileSource(tileUrl);
  const strict = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...(tileHost ? [tileHost] : [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'", ...inlineScripts],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  // The queue board and the API docs ship inline scripts; they keep every other header.
  const relaxed = helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false });
  return (req, res, next) =>
    (req.path.startsWith(QUEUE_BOARD_PATH) || req.path.startsWith('/api/docs') ? relaxed : strict)(req, res, next);
}

/** 'https://{s}.tile.example.org/{z}/{x}/{y}.png' → 'https://*.tile.example.org'. */
export function tileSource(tileUrl: string): string | null {
  const m = /^(https?:\/\/)([^/]+)/.exec(tileUrl.trim());
  if (!m) return null;
  return m[1] + m[2].replace(/\{[a-z]+\}/g, '*');
}

function measureHttp(req: Request, res: Response, next: NextFunction): void {
  const end = httpRequestDuration.startTimer();
  res.on('finish', () => {
    // Only matched route patterns as labels, so ids in URLs never blow up the series count.
    const routePath = (req.route as { path?: string } | undefined)?.path;
    const route = routePath
      ? routePath
      : req.path === '/metrics' || req.path === '/api/metrics'
        ? '/metrics'
        : req.path.startsWith('/api')
          ? 'unmatched'
          : 'static';
    end({ method: req.method, route, status_code: String(res.statusCode) });
  });
  next();
}

/**
 * For admins only: a Bearer token; for the board (browserSignIn) also ?token= once, kept in an
 * HttpOnly cookie for the board's own calls.
 */
function adminOnly(verifier: AccessTokenVerifier, opts: { browserSignIn: boolean; what: string }): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    const fromQuery = opts.browserSignIn && typeof req.query.token === 'string' ? req.query.token : undefined;
    const token = header?.startsWith('Bearer ')
      ? header.slice(7).trim()
      : opts.browserSignIn
        ? (fromQuery ?? cookieOf(req, BOARD_COOKIE))
        : undefined;
    if (!token) {
      deny(res, 401, 'AUTH.UNAUTHENTICATED', 'sign in first (Authorization: Bearer <token>)');
      return;
    }
    let role: string;
    try {
      role = (await verifier.verify(token)).actor.role;
    } catch (e) {
      if (!(e instanceof DomainError)) {
        next(e);
        return;
      }
      deny(res, 401, 'AUTH.INVALID_TOKEN', 'the access token is invalid or expired');
      return;
    }
    if (role !== 'admin') {
      deny(res, 403, 'AUTH.ROLE_NOT_ALLOWED', `${opts.what} is for admins`);
      return;
    }
    if (fromQuery) {
      res.cookie(BOARD_COOKIE, token, {
        httpOnly: true,
        sameSite: 'strict',
        path: QUEUE_BOARD_PATH,
        secure: req.secure,
      });
    }
    next();
  };
}

function deny(res: Response, statusCode: number, code: string, message: string) {
  res.status(statusCode).json({ statusCode, code, message });
}

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}
