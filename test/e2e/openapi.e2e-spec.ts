import { previewOpenApiDocument } from '../../apps/api/src/openapi-preview';
import { createTestApp, TestApp } from '../support/test-app';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: unknown;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}
interface Operation {
  operationId: string;
  summary?: string;
  security?: unknown[];
  parameters?: Array<{ name: string; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; responses?: Record<string, unknown> };
}

const VERBS = ['get', 'post', 'put', 'patch', 'delete'];

describe('the OpenAPI document (e2e)', () => {
  let t: TestApp;
  let doc: Document;
  let operations: Array<{ key: string; op: Operation }>;

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/api/docs-json').expect(200)).body as Document;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([verb]) => VERBS.includes(verb))
        .map(([verb, op]) => ({ key: `${verb.toUpperCase()} ${path}`, op })),
    );
  });
  afterAll(() => t?.close());

  it('declares a 2xx answer with its schema for every operation (204 alone answers nothing)', () => {
    expect(operations.length).toBeGreaterThan(150);
    const missing = operations
      .filter(({ op }) => {
        const ok = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
        if (!ok.length) return true;
        return ok.some(([status, r]) => status !== '204' && !Object.values(r.content ?? {}).some((c) => c.schema));
      })
      .map(({ key }) => key);
    expect(missing).toEqual([]);
  });

  it('types every request property: no bare object where a string, number, list or geometry is meant', () => {
    const bare = (s: Schema | undefined): boolean =>
      !!s &&
      s.type === 'object' &&
      !s.properties &&
      s.additionalProperties === undefined &&
      !s.allOf &&
      !s.oneOf &&
      !s.anyOf &&
      !s.$ref;
    const seen = new Set<string>();
    const queue: string[] = [];
    const collect = (o: unknown): void => {
      if (!o || typeof o !== 'object') return;
      const ref = (o as Schema).$ref;
      if (ref) {
        const name = ref.split('/').pop()!;
        if (!seen.has(name)) {
          seen.add(name);
          queue.push(name);
        }
      }
      for (const v of Object.values(o)) collect(v);
    };
    const untyped: string[] = [];
    for (const { key, op } of operations) {
      collect(op.requestBody);
      collect(op.parameters);
      for (const p of op.parameters ?? [])
        if (bare(p.schema) || bare(p.schema?.items)) untyped.push(`${key} ?${p.name}`);
      for (const c of Object.values(op.requestBody?.content ?? {})) if (bare(c.schema)) untyped.push(`${key} body`);
    }
    while (queue.length) collect(doc.components.schemas[queue.shift()!]);
    expect(seen.size).toBeGreaterThan(40);
    for (const name of seen) {
      for (const [prop, s] of Object.entries(doc.components.schemas[name]?.properties ?? {})) {
        if (bare(s) || bare(s.items)) untyped.push(`${name}.${prop}`);
      }
    }
    expect(untyped).toEqual([]);
  });

  it('declares the shared error answers of every route, with one error schema', () => {
    const gaps: string[] = [];
    for (const { key, op } of operations) {
      const statuses = Object.keys(op.responses);
      for (const s of ['429', '503']) if (!statuses.includes(s)) gaps.push(`${key} ${s}`);
      if (op.security?.length && !statuses.includes('401')) gaps.push(`${key} 401`);
      if (!op.summary) gaps.push(`${key} summary`);
    }
    expect(gaps).toEqual([]);
    const error = doc.components.schemas.ApiErrorResponse;
    expect(Object.keys(error.properties ?? {})).toEqual(
      expect.arrayContaining(['statusCode', 'code', 'message', 'details']),
    );
  });

  it('answers errors in the shape it declares', async () => {
    const res = await t.http().get('/api/supply-lots/6f1c2a9e-3b7d-4c41-9a55-0d8e2f7b1c33').expect(401);
    const declared = Object.keys(doc.components.schemas.ApiErrorResponse.properties ?? {});
    expect(Object.keys(res.body).filter((k) => !declared.includes(k))).toEqual([]);
    expect(doc.paths['/api/supply-lots/{id}'].get.responses['401']).toBeDefined();
  });

  it('is the document lint:openapi and generate:client build without a server', async () => {
    expect(JSON.parse(JSON.stringify(await previewOpenApiDocument()))).toEqual(doc);
  });
});
