import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePermitSigningKeyPem } from './permit-signing-key';

/**
 * A secret generated once for this machine and kept in the git-ignored data folder,
 * readable by the owner only; the same value on every later start.
 * `created` tells the caller to show it once (a password a person must learn).
 */
export function localSecret(
  dataDir: string,
  name: string,
  make: () => string = () => randomBytes(32).toString('base64url'),
): { value: string; created: boolean; path: string } {
  const path = join(dataDir, name);
  try {
    const value = readFileSync(path, 'utf8').trim();
    if (value) return { value, created: false, path };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code !== 'ENOENT') throw new Error(`cannot read ${path}: ${err.message}`, { cause: e });
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const value = make();
  // 'wx': two processes starting at once keep the first one's secret.
  try {
    writeFileSync(path, `${value}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST')
      return { value: readFileSync(path, 'utf8').trim(), created: false, path };
    throw e;
  }
  chmodSync(path, 0o600);
  return { value, created: true, path };
}

/** A password that passes any sane policy: 18 characters from a 64-letter alphabet plus a fixed class mix. */
export function generatePassword(): string {
  return `${randomBytes(12).toString('base64url')}-Aa1`;
}

/**
 * The embedded start (no DATABASE_URL) needs no set-up: a missing JWT_SECRET is generated
 * into `<DATA_DIR>/jwt-secret`, a missing permit signing key into `<DATA_DIR>/permit-signing-key.pem`.
 * A server start must be given a JWT secret (validateEnv says so); without a permit key it issues no permits.
 */
export function provideEmbeddedSecrets(env: NodeJS.ProcessEnv = process.env): { generated: string[] } {
  const generated: string[] = [];
  if (env.DATABASE_URL) return { generated };
  const dataDir = env.DATA_DIR || '.data';
  if (!env.JWT_SECRET) {
    const secret = localSecret(dataDir, 'jwt-secret');
    env.JWT_SECRET = secret.value;
    if (secret.created) generated.push(secret.path);
  }
  // The green-lane permit key: checkpoints hold its public half, so it must outlive restarts.
  if (!env.PERMIT_SIGNING_KEY_PEM && !env.PERMIT_SIGNING_KEY_FILE) {
    const key = localSecret(dataDir, 'permit-signing-key.pem', generatePermitSigningKeyPem);
    env.PERMIT_SIGNING_KEY_FILE = key.path;
    if (key.created) generated.push(key.path);
  }
  return { generated };
}
