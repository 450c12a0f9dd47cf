import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * CSP sources ('sha256-…') for the inline scripts of the web app's index.html: the one that asks the
 * map's first layer before the app's script has come (apps/web/index.html). Naming each by its hash
 * keeps `script-src` closed to every other inline script.
 */
export function inlineScriptHashes(indexHtml: string): string[] {
  const hashes: string[] = [];
  for (const m of indexHtml.matchAll(/<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)) {
    if (m[1].trim()) hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** The hashes of the built index.html in `webDist`; none when the web app is not built. */
export function webInlineScriptHashes(webDist: string | undefined): string[] {
  const file = webDist ? join(webDist, 'index.html') : '';
  return file && existsSync(file) ? inlineScriptHashes(readFileSync(file, 'utf8')) : [];
}
