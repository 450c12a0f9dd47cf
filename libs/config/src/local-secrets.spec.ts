import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { localSecret, provideEmbeddedSecrets } from './local-secrets';
import { readPermitSigningKey } from './permit-signing-key';
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

  it('gives the embedded start a generated Ed25519 permit key, kept for later starts; a server start none', () => {
    const embedded: NodeJS.ProcessEnv = { DATA_DIR: dir };
    expect(provideEmbeddedSecrets(embedded).generated).toContain(join(dir, 'permit-signing-key.pem'));
    expect(embedded.PERMIT_SIGNING_KEY_FILE).toBe(join(dir, 'permit-signing-key.pem'));
    expect(statSync(embedded.PERMIT_SIGNING_KEY_FILE!).mode & 0o777).toBe(0o600);
    expect(readPermitSigningKey(undefined, embedded.PERMIT_SIGNING_KEY_FILE)!.asymmetricKeyType).toBe('ed25519');
    const again: NodeJS.ProcessEnv = { DATA_DIR: dir };
    expect(provideEmbeddedSecrets(again).generated).toEqual([]);
    expect(validateEnv(again).PERMIT_SIGNING_KEY_FILE).toBe(embedded.PERMIT_SIGNING_KEY_FILE);

    const server: NodeJS.ProcessEnv = {
      DATA_DIR: dir,
      DATABASE_URL: 'postgres://db/agrilink',
      JWT_SECRET: 'x'.repeat(32),
    };
    provideEmbeddedSecrets(server);
    expect(server.PERMIT_SIGNING_KEY_FILE).toBeUndefined();
  });

  it('refuses a permit key that is not an Ed25519 private key, naming the variable', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    expect(() => validateEnv({ JWT_SECRET: 'x'.repeat(32), PERMIT_SIGNING_KEY_PEM: rsa })).toThrow(
      /PERMIT_SIGNING_KEY_PEM.*not Ed25519/,
    );
    expect(() => validateEnv({ JWT_SECRET: 'x'.repeat(32), PERMIT_SIGNING_KEY_PEM: 'garbage' })).toThrow(
      /PERMIT_SIGNING_KEY_PEM/,
    );
    const file = join(dir, 'key.pem');
    writeFileSync(file, 'not a key');
    expect(() => validateEnv({ JWT_SECRET: 'x'.repeat(32), PERMIT_SIGNING_KEY_FILE: file })).toThrow(
      /PERMIT_SIGNING_KEY_FILE/,
    );
    expect(() =>
      validateEnv({ JWT_SECRET: 'x'.repeat(32), PERMIT_SIGNING_KEY_FILE: join(dir, 'missing.pem') }),
    ).toThrow(/PERMIT_SIGNING_KEY_FILE/);
    const ed = generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString()
      .replace(/\n/g, '\\n');
    expect(validateEnv({ JWT_SECRET: 'x'.repeat(32), PERMIT_SIGNING_KEY_PEM: ed }).PERMIT_SIGNING_KEY_PEM).toBe(ed);
  });
});
