import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

// A view a core service answers with is written twice: the interface the service returns and the
// class the OpenAPI document (and so the web's generated client) describes. `implements` makes the
// compiler hold the two together; this check makes sure no view escapes it, so a field added to a
// view and forgotten in its response class fails the typecheck instead of vanishing from the contract.
const ROOT = resolve(__dirname, '../..');

// Views that are not answered as such by any route.
const NOT_RESPONSES = new Set([
  'MapView', // the bbox and zoom a map request asks for, not an answer
]);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (p.endsWith('.ts') && !p.endsWith('.spec.ts')) out.push(p);
  }
  return out;
}

describe('response views', () => {
  it('has every core view implemented by an api response class', () => {
    const views = new Map<string, string>();
    for (const file of sources(join(ROOT, 'libs/core/src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^export interface (\w+View)\b/gm))
        views.set(m[1], relative(ROOT, file));
    }
    const implemented = new Set<string>();
    for (const file of sources(join(ROOT, 'apps/api/src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(
        /^export class \w+(?: extends [^{]+?)? implements ([\w, ]+)\{/gm,
      )) {
        for (const name of m[1].split(',')) implemented.add(name.trim());
      }
    }
    const missing = [...views]
      .filter(([name]) => !implemented.has(name) && !NOT_RESPONSES.has(name))
      .map(([name, file]) => `${name} (${file})`);
    expect(views.size).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
