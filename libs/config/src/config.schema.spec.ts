import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSchema } from './config.schema';

const ROOT = join(__dirname, '../../..');
const schema = configSchema.describe().keys as Record<string, { flags?: { default?: unknown } }>;

const shown = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** The README's "Environment variables" table: each row's names and, per name, the default as written. */
function readmeTable(): Array<{ names: string[]; defaults: string[] }> {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split('## Environment variables')[1].split('\n## ')[0];
  return section
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((line) => {
      const [names, defaults] = line.split(' | ').map((c) => c.replace(/^\| /, ''));
      return { names: [...names.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]), defaults: defaults.split(' / ') };
    });
}

describe('configuration schema', () => {
  it('is the list the README documents: every variable, none missing, none extra', () => {
    const documented = readmeTable().flatMap((r) => r.names);
    expect([...documented].sort()).toEqual(Object.keys(schema).sort());
  });

  it('has the defaults the README states', () => {
    const mismatches: string[] = [];
    for (const { names, defaults } of readmeTable()) {
      if (names.length !== defaults.length) continue;
      names.forEach((name, i) => {
        // Only a default written as a value (`…` first); prose such as "none: generated" is not compared.
        const written = /^`([^`]*)`/.exec(defaults[i].trim())?.[1];
        const actual = schema[name].flags?.default;
        if (written !== undefined && actual !== undefined && written !== shown(actual))
          mismatches.push(`${name}: README ${written}, schema ${shown(actual)}`);
      });
    }
    expect(mismatches).toEqual([]);
  });

  it('is read by the typed AppConfig, key by key, so no variable is validated and then ignored', () => {
    const source = readFileSync(join(__dirname, 'app-config.ts'), 'utf8');
    const unread = Object.keys(schema).filter((k) => !source.includes(`'${k}'`));
    expect(unread).toEqual([]);
  });
});
