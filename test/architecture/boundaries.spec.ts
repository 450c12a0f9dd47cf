import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';

// The layout's rules (STYLE.md), checked on every `npm test` rather than trusted:
// the engine is pure, libs never reach into apps, apps use the libs' public aliases.
const ROOT = resolve(__dirname, '../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(
    /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
  )) {
    specs.push(m[1] ?? m[2] ?? m[3]);
  }
  return specs;
}

const rel = (f: string) => relative(ROOT, f);
const isBuiltin = (s: string) => s.startsWith('node:') || builtinModules.includes(s);

describe('architecture boundaries', () => {
  it.each(['libs/matching-engine', 'libs/transport-planner'])(
    'keeps %s free of Nest, databases, queues, our other libs and process.env',
    (lib) => {
      const offences: string[] = [];
      for (const file of sources(join(ROOT, lib))) {
        const isTest = file.endsWith('.spec.ts');
        for (const spec of importsOf(file)) {
          const allowed =
            spec.startsWith('.') || isBuiltin(spec) || (isTest && (spec === '@jest/globals' || spec === 'fast-check'));
          if (!allowed) offences.push(`${rel(file)} imports ${spec}`);
        }
        // The CLI is the one place that reads the process's arguments and streams.
        if (!isTest && !file.endsWith('cli.ts') && readFileSync(file, 'utf8').includes('process.env')) {
          offences.push(`${rel(file)} reads process.env`);
        }
      }
      expect(offences).toEqual([]);
    },
  );

  it('never lets a lib import from an app', () => {
    const offences: string[] = [];
    for (const file of sources(join(ROOT, 'libs'))) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.') && resolve(file, '..', spec).startsWith(join(ROOT, 'apps')))
          offences.push(`${rel(file)} imports ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('makes apps import libs through their @agrilink aliases, not deep paths', () => {
    const offences: string[] = [];
    for (const app of ['apps/api/src', 'apps/worker/src']) {
      for (const file of sources(join(ROOT, app))) {
        for (const spec of importsOf(file)) {
          if (/^@agrilink\/[^/]+\//.test(spec)) offences.push(`${rel(file)} imports ${spec}`);
          if (spec.startsWith('.') && resolve(file, '..', spec).startsWith(join(ROOT, 'libs')))
            offences.push(`${rel(file)} imports ${spec}`);
        }
      }
    }
    expect(offences).toEqual([]);
  });

  it('reads process.env only in libs/config (the typed configuration), never at run time elsewhere', () => {
    const offences: string[] = [];
    for (const dir of ['apps/api/src', 'apps/worker/src', 'libs']) {
      for (const file of sources(join(ROOT, dir))) {
        const r = rel(file);
        // Tests and their helpers set up environments; the engine's CLI reads its own arguments.
        if (r.startsWith('libs/config/') || r.startsWith('libs/testing/') || file.endsWith('.spec.ts')) continue;
        if (
          readFileSync(file, 'utf8')
            .replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '')
            .includes('process.env')
        )
          offences.push(r);
      }
    }
    expect(offences).toEqual([]);
  });
});
