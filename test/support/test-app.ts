import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { generatePermitSigningKeyPem } from '@agrilink/config';
import { Role, UsersService } from '@agrilink/core';
import { createTestDatabase, TestDatabase } from '@agrilink/testing';
import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { prepareDatabase } from '../../apps/api/src/prepare-database';

export interface TestApp {
  app: NestExpressApplication;
  dataSource: DataSource;
  db: TestDatabase;
  queuePrefix: string;
  /** supertest against the real HTTP stack (global prefix, pipes, filter, guards). */
  http(): request.Agent;
  /** Creates a user of that role (bound to organizationId for cooperative/buyer) and returns a Bearer token. */
  tokenFor(role: Role, organizationId?: string | null, options?: { provinceCodes?: string[] }): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real api on a fresh PostgreSQL+PostGIS database and a private Redis
 * key prefix, so test files run in parallel without touching each other.
 */
export async function createTestApp(
  env: Record<string, string> | ((db: TestDatabase) => Promise<Record<string, string>>) = {},
): Promise<TestApp> {
  const db = await createTestDatabase('agrilink_e2e');
  // Some settings name the test database (a replica's URL): those come from a function of it.
  const extra = typeof env === 'function' ? await env(db) : env;
  const queuePrefix = `agrilink-test-${randomBytes(4).toString('hex')}`;
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '20',
    QUEUE_PREFIX: queuePrefix,
    SEED_DEMO: 'false',
    RUN_WORKER: 'false',
    JWT_SECRET: 'test-secret-0123456789abcdef',
    // Each test app signs green-lane permits with its own key.
    PERMIT_SIGNING_KEY_PEM: generatePermitSigningKeyPem(),
    // Only creates the database's first admin; tests sign in with users they make.
    ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
    ...extra,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot()] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: ['error', 'warn'] });
  configureApp(app);
  await prepareDatabase(app);
  await app.init();
  const dataSource = app.get(DataSource);
  const server = app.getHttpServer();

  return {
    app,
    dataSource,
    db,
    queuePrefix,
    http: () => request.agent(server),
    async tokenFor(role: Role, organizationId?: string | null, options: { provinceCodes?: string[] } = {}) {
      const email = `${role}-${randomBytes(5).toString('hex')}@test.agrilink.vn`;
      const password = 'Test@12345';
      await app.get(UsersService).create(null, {
        email,
        password,
        role,
        organizationId: organizationId ?? null,
        provinceCodes: options.provinceCodes,
      });
      const res = await request(server).post('/api/auth/login').send({ email, password }).expect(200);
      return res.body.accessToken as string;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
