import { createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The Ed25519 key that signs green-lane permits (luồng xanh QR codes): a PKCS#8 PEM, given inline
 * (PERMIT_SIGNING_KEY_PEM, `\n` escapes allowed so it fits one line of an env file) or as a file
 * (PERMIT_SIGNING_KEY_FILE). Checkpoints verify with the public half alone.
 */
export function readPermitSigningKey(pem: string | undefined, file: string | undefined): KeyObject | null {
  const text = pem ? pem.replace(/\\n/g, '\n') : file ? readFileSync(file, 'utf8') : '';
  if (!text.trim()) return null;
  const key = createPrivateKey({ key: text, format: 'pem' });
  if (key.asymmetricKeyType !== 'ed25519')
    throw new Error(`the key is ${key.asymmetricKeyType ?? 'of no known type'}, not Ed25519`);
  return key;
}

/** A new Ed25519 private key as PKCS#8 PEM (`openssl genpkey -algorithm ed25519` gives the same). */
export function generatePermitSigningKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().trim();
}
