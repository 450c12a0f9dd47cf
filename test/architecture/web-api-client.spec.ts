import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

// The web app reaches the API only through its typed client (apps/web/src/api.ts, openapi-fetch over
// the generated schema), and takes the server's shapes from that schema: a server DTO change then
// breaks `npm run typecheck` instead of a screen at run time. Checked here, because a hand-written
// copy of a response type or a bare fetch() typechecks just fine.
const ROOT = resolve(__dirname, '../..');
const WEB = join(ROOT, 'apps/web/src');
const CLIENT = join(WEB, 'api.ts');
const GENERATED = join(WEB, 'api/schema.d.ts');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (p.endsWith('.ts') && p !== GENERATED) out.push(p);
  }
  return out;
}

const rel = (f: string) => relative(ROOT, f);
/** Lines of code without comments, numbered from 1. */
function codeLines(file: string): Array<[number, string]> {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  return text.split('\n').map((l, i) => [i + 1, l.replace(/(^|[^:'"`])\/\/.*$/, '$1')] as [number, string]);
}

describe('the web app and the API document', () => {
  const files = sources(WEB);

  it('sends every request through the typed client (no fetch() or XMLHttpRequest beside it)', () => {
    const offences: string[] = [];
    for (const file of files) {
      if (file === CLIENT) continue;
      for (const [n, line] of codeLines(file)) {
        if (/(^|[^.\w])fetch\s*\(|XMLHttpRequest|sendBeacon/.test(line))
          offences.push(`${rel(file)}:${n}: ${line.trim()}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('declares no response or request shapes of its own: *View, *Dto, *Response and *Json types come from the schema', () => {
    const offences: string[] = [];
    for (const file of files) {
      for (const [n, line] of codeLines(file)) {
        // An alias of the generated schema (`type ProposalView = Schema<'ProposalCardResponse'>`) is the way.
        const m = /^\s*(?:export\s+)?(interface|type)\s+(\w*(?:View|Dto|DTO|Response|Json))\b(.*)/.exec(line);
        if (m && !(m[1] === 'type' && /^\s*(<[^>]*>)?\s*=\s*(Schema<|components\[)/.test(m[3])))
          offences.push(`${rel(file)}:${n}: ${line.trim()}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('never imports server code (libs/ or @agrilink/*) for its types', () => {
    const offences: string[] = [];
    for (const file of files) {
      for (const [n, line] of codeLines(file)) {
        if (/from\s+['"](@agrilink\/|(\.\.\/)+libs\/)/.test(line)) offences.push(`${rel(file)}:${n}: ${line.trim()}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('keeps the untyped calls gone: no api.get<T>(path) with a hand-picked answer type', () => {
    const offences: string[] = [];
    for (const file of files) {
      for (const [n, line] of codeLines(file)) {
        if (/\bapi\s*\.\s*(get|post|put|patch|del|upload|uploadPut)\b/.test(line))
          offences.push(`${rel(file)}:${n}: ${line.trim()}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
