import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localSecret, provideEmbeddedSecrets } from './local-secrets';
import { validateEnv } from './validate-env';

describe('local secrets in the data folder', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'agrilink-secrets-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates a secret once, owner-only, and returns the same one on the next start', () => {
    const first = localSecret(join(dir, 'data'), 'jwt-secret');
    expect(first.created).toBe(true);
    expect(first.value.length).toBeGreaterThanOrEqual(40);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    const again = localSecret(join(dir, 'data'), 'jwt-secret');
    expect(again).toEqual({ ...first, created: false });
    expect(readFileSync(first.path, 'utf8').trim()).toBe(first.value);
  });

  it('gives the embedded start a generated JWT_SECRET, and a server start none', () => {
    const embedded: NodeJS.ProcessEnv = { DATA_DIR: dir };
    provideEmbeddedSecrets(embedded);
    expect(embedded.JWT_SECRET).toBe(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim());
    expect(validateEnv(embedded).JWT_SECRET).toBe(embedded.JWT_SECRET);

    const server: NodeJS.ProcessEnv = { DATA_DIR: dir, DATABASE_URL: 'postgres://db/agrilink' };
    provideEmbeddedSecrets(server);
    expect(server.JWT_SECRET).toBeUndefined();
    expect(() => validateEnv(server)).toThrow(/JWT_SECRET is required when DATABASE_URL is set/);
  });

  it('refuses the published example secrets', () => {
    for (const JWT_SECRET of ['agrilink-dev-secret-change-me', 'change-me-to-a-long-random-secret']) {
      expect(() => validateEnv({ JWT_SECRET })).toThrow(/published example value/);
    }
  });
});
