import { makeAgency, makeBuyer, makeCooperative, makeSupplyLot, makeTransportOperator } from '@agrilink/testing';
import { documentRoutes, routeKey as key, RouteRule, routeRules } from '../support/route-rules';
import { createTestApp, TestApp } from '../support/test-app';

// Anyone may read these; everything else answers 401 to an anonymous caller.
// The notification stream is authenticated by its single-use ticket, not by the bearer header (EventSource sends none).
const PUBLIC_PREFIXES = [
  '/api/products',
  '/api/administrative-units',
  '/api/map',
  '/api/health',
  '/api/web-config',
  '/api/auth/login',
  '/api/auth/refresh',
  '/api/auth/logout',
  '/api/notifications/stream',
  '/api/green-lane-permits/public-key',
  '/api/green-lane-permits/verify',
];
const ROLES = ['anonymous', 'admin', 'staff', 'cooperative', 'buyer', 'transport', 'agency'] as const;
type Caller = (typeof ROLES)[number];
const RANDOM_ID = '6f1c2a9e-3b7d-4c41-9a55-0d8e2f7b1c33';

describe('authorization matrix: every route of the OpenAPI document × every role (e2e)', () => {
  let t: TestApp;
  const tokens: Partial<Record<Caller, string>> = {};
  let routes: Array<{ method: string; path: string }>;
  let rules: Map<string, RouteRule>;

  beforeAll(async () => {
    t = await createTestApp();
    const [coop, buyer] = await Promise.all([makeCooperative(t.dataSource), makeBuyer(t.dataSource)]);
    tokens.admin = await t.tokenFor('admin');
    tokens.staff = await t.tokenFor('staff');
    tokens.cooperative = await t.tokenFor('cooperative', coop.id);
    tokens.buyer = await t.tokenFor('buyer', buyer.id);
    tokens.transport = await t.tokenFor('transport', (await makeTransportOperator(t.dataSource)).id);
    tokens.agency = await t.tokenFor('agency', (await makeAgency(t.dataSource)).id);
    routes = await documentRoutes(t);
    rules = routeRules(t);
  });
  afterAll(() => t?.close());

  it('finds the registry, map, auth and matching routes in the document and in the controllers', () => {
    expect(routes.length).toBeGreaterThan(30);
    for (const r of routes) expect(rules.has(key(r.method, r.path))).toBe(true);
  });

  it('answers anonymous callers 401 except on the public routes, and never 500 to any role', async () => {
    const failures: string[] = [];
    for (const { method, path } of routes) {
      const rule = rules.get(key(method, path))!;
      const url = path.replace(/\{[^}]+\}/g, RANDOM_ID);
      const isPublicPath = PUBLIC_PREFIXES.some(
        (p) => path === p || path.startsWith(p + '/') || path.startsWith(p + '?'),
      );
      expect(`${method} ${path} public=${String(rule.isPublic)}`).toBe(
        `${method} ${path} public=${String(isPublicPath)}`,
      );
      for (const caller of ROLES) {
        let req = (t.http() as any)[method](url);
        if (caller !== 'anonymous') req = req.auth(tokens[caller], { type: 'bearer' });
        if (method !== 'get' && method !== 'delete') req = req.send({});
        const res = await req;
        const where = `${method.toUpperCase()} ${url} as ${caller} → ${res.status} ${res.body?.code ?? ''}`;
        if (res.status >= 500) failures.push(where);
        else if (caller === 'anonymous') {
          if (!rule.isPublic && res.status !== 401) failures.push(`${where} (expected 401)`);
          if (rule.isPublic && res.status === 401) failures.push(`${where} (public route)`);
        } else if (rule.roles?.length && !rule.roles.includes(caller)) {
          if (res.status !== 403) failures.push(`${where} (expected 403: roles ${rule.roles.join(',')})`);
        } else if (res.status === 401) {
          failures.push(`${where} (a signed-in ${caller} was refused as anonymous)`);
        } else if (res.status === 403 && res.body?.code === 'AUTH.ROLE_NOT_ALLOWED') {
          failures.push(`${where} (role guard refused an allowed role)`);
        }
      }
    }
    expect(failures).toEqual([]);
    // Every route times every role: about a minute on an idle 2-core machine, more beside other suites.
  }, 240_000);

  it('keeps transport plans to staff and admin: planning, reading and turning a plan into offers', () => {
    const plans = routes.filter((r) => r.path.startsWith('/api/transport-plans'));
    expect(plans.map((r) => key(r.method, r.path)).sort()).toEqual([
      'GET /api/transport-plans',
      'GET /api/transport-plans/{id}',
      'POST /api/transport-plans',
      'POST /api/transport-plans/{id}/offers',
    ]);
    for (const r of plans)
      expect(rules.get(key(r.method, r.path))).toEqual({ isPublic: false, roles: ['admin', 'staff'] });
  });

  it('keeps undoing a withdrawal to the lot cooperative and staff, and user care to staff and admin', async () => {
    expect(rules.get('POST /api/supply-lots/{id}/reopen')).toEqual({
      isPublic: false,
      roles: ['admin', 'staff', 'cooperative'],
    });
    expect(rules.get('GET /api/production-areas/{id}/history')).toEqual({ isPublic: false, roles: undefined });
    for (const action of ['disable', 'enable', 'reset-password']) {
      expect(rules.get(`POST /api/users/{id}/${action}`)).toEqual({ isPublic: false, roles: ['admin', 'staff'] });
    }
    // The owner rule behind the role: another cooperative's withdrawn lot is not this cooperative's to reopen.
    const other = await makeCooperative(t.dataSource);
    const lot = await makeSupplyLot(t.dataSource, { cooperativeId: other.id, status: 'withdrawn' });
    const res = await t.http().post(`/api/supply-lots/${lot.id}/reopen`).auth(tokens.cooperative!, { type: 'bearer' });
    expect(res.status).toBe(403);
    // Staff look after organisations' users, not staff or admins.
    const admin = await t.http().get('/api/users?role=admin').auth(tokens.admin!, { type: 'bearer' }).expect(200);
    const adminId = admin.body.items[0].id as string;
    const refused = await t.http().post(`/api/users/${adminId}/reset-password`).auth(tokens.staff!, { type: 'bearer' });
    expect([refused.status, refused.body.code]).toEqual([403, 'USER.ROLE_NOT_ALLOWED']);
  });

  it('never shows contacts to anonymous callers on the map or the public supply list', async () => {
    const contact = { contactName: 'Nguyễn Văn Bí Mật', contactPhone: '0912345678', contactEmail: 'bimat@htx.test.vn' };
    const coop = await makeCooperative(t.dataSource, contact);
    await makeSupplyLot(t.dataSource, { cooperativeId: coop.id });
    await makeBuyer(t.dataSource, { ...contact, contactEmail: 'bimat@buyer.test.vn' });
    for (const path of [
      '/api/map/supply?zoom=18',
      '/api/map/buyers?zoom=18',
      '/api/map/supply-list',
      '/api/map/production-areas?zoom=18',
    ]) {
      const anon = await t.http().get(path);
      expect(anon.status).toBe(200);
      const text = JSON.stringify(anon.body);
      expect(text).not.toMatch(/"contact[A-Za-z]*"/);
      expect(text).not.toContain('0912345678');
      expect(text).not.toContain('bimat@');
    }
    // A signed-in caller does see them on the map, so the check above is not vacuous.
    const signedIn = await t.http().get('/api/map/supply?zoom=18').auth(tokens.staff!, { type: 'bearer' }).expect(200);
    expect(JSON.stringify(signedIn.body)).toContain('0912345678');
  });
});
