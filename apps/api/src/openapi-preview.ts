import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppConfig, validateEnv } from '@agrilink/config';
import { AppModule } from './app.module';
import { API_PREFIX, createOpenApiDocument } from './openapi';

/**
 * The document /api/docs-json serves, built without a database, Redis or a port: Nest's preview mode
 * resolves the module graph and the controllers' metadata but runs no provider (npm run lint:openapi,
 * npm run generate:client).
 */
export async function previewOpenApiDocument(): Promise<OpenAPIObject> {
  // Placeholders only: nothing connects, but the module graph takes a validated config.
  const config = new AppConfig(
    validateEnv({
      NODE_ENV: 'test',
      DATABASE_URL: 'postgres://openapi@127.0.0.1:1/openapi_test',
      JWT_SECRET: 'openapi-document-only-0123456789',
      SEED_DEMO: 'false',
    }),
  );
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot({ config }), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  app.setGlobalPrefix(API_PREFIX);
  return createOpenApiDocument(app);
}
