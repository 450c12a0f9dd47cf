import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '@agrilink/config';
import express from 'express';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { ApiExceptionFilter, bodyParserErrors } from './common/api-exception.filter';
import { compressResponses } from './common/response-compression';
import { rejectUnsafeInput, UnsafeInputPipe } from './common/unsafe-input';
import { createValidationPipe } from './common/validation.pipe';
import { configureOperations } from './observability/configure-operations';
import { API_PREFIX, createOpenApiDocument } from './openapi';

// The Vite build sits at apps/web/dist: three levels up from the TypeScript source
// (tests), four from its compiled copy under dist/ (npm start, Docker image).
const WEB_DIST_CANDIDATES = [
  resolve(__dirname, '../../../apps/web/dist'),
  resolve(__dirname, '../../../../apps/web/dist'),
];
export const WEB_DIST_DIR =
  WEB_DIST_CANDIDATES.find((d) => existsSync(join(d, 'index.html'))) ?? WEB_DIST_CANDIDATES[0];
const WEB_DIST = WEB_DIST_DIR;

/** Everything main.ts and the e2e tests share, so tests exercise the real HTTP surface. */
export function configureApp(app: NestExpressApplication): void {
  const config = app.get(AppConfig);
  // Before anything reads req.ip: the rate limits, the logs.
  app.set('trust proxy', config.trustProxy);
  // First, so the web app, JSON and the docs all leave compressed when the client accepts it.
  app.use(compressResponses());
  configureOperations(app, WEB_DIST);
  app.useBodyParser('json', { limit: config.bodyLimit });
  app.useBodyParser('urlencoded', { limit: config.bodyLimit, extended: false, parameterLimit: 1000 });
  // NUL, lone surrogates and over-deep nesting never reach a route (query, JSON/form body, path).
  app.use(bodyParserErrors);
  app.use(rejectUnsafeInput);
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(new UnsafeInputPipe(), createValidationPipe());
  app.useGlobalFilters(new ApiExceptionFilter());
  const origins = config.corsOrigins;
  if (origins.length) app.enableCors({ origin: origins, credentials: false });

  SwaggerModule.setup('api/docs', app, () => createOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
  });

  // The web app (Vite build) is served at / with a fallback to index.html for client routes.
  if (existsSync(WEB_DIST)) {
    // Vite names everything under /assets by content hash, so a phone keeps it for a year and never asks
    // again; index.html names the current hashes, so it is revalidated on every load.
    const assets = join(WEB_DIST, 'assets');
    app.use(
      express.static(WEB_DIST, {
        index: 'index.html',
        maxAge: '1h',
        setHeaders: (res, path) => {
          if (path.startsWith(assets + sep)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
          else if (path.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
        },
      }),
    );
    app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.includes('.')) {
        next();
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(join(WEB_DIST, 'index.html'), { cacheControl: false });
    });
  }
}
