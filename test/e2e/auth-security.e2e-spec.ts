import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import * as jwt from 'jsonwebtoken';
import { newTotpSecret, SIGN_IN_FIRST_DELAY_S, SIGN_IN_FREE_ATTEMPTS, totpCodeAt, UsersService } from '@agrilink/core';
import { createTestApp, TestApp } from '../support/test-app';

const ROOT = resolve(__dirname, '../..');
const SECRET = 'test-secret-0123456789abcdef'; // test-app's JWT_SECRET

interface Answer {
  status: number;
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Sign-in attempts are counted per source address, so each test speaks from its own loopback
 * address (127.0.0.0/8 is all local on Linux) and never shares a count or a rate limit.
 */
let nextSource = 10;
function newSource(): string {
  nextSource += 1;
  return `127.0.${Math.floor(nextSource / 250)}.${(nextSource % 250) + 2}`;
}

function call(
  t: TestApp,
  method: string,
  path: string,
  opts: { from: string; body?: unknown; token?: string },
): Promise<Answer> {
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const data = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
  return new Promise((ok, fail) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        localAddress: opts.from,
        headers: {
          ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}),
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let body: any = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            /* not JSON */
          }
          ok({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
      },
    );
    req.on('error', fail);
    if (data) req.write(data);
    req.end();
  });
}

async function makeUser(t: TestApp, role: 'staff' | 'admin' = 'staff', password = 'Right@12345') {
  const email = `${role}-${randomBytes(5).toString('hex')}@test.agrilink.vn`;
  const user = await t.app.get(UsersService).create(null, { email, password, role });
  return { id: user.id, email, password };
}

describe('auth security: tokens, sessions, second factor, sign-in limits (e2e)', () => {
  let t: TestApp;
  let adminToken: string;
  beforeAll(async () => {
    t = await createTestApp();
    await new Promise<void>((r) => t.app.getHttpServer().listen(0, '127.0.0.1', () => r()));
    adminToken = await t.tokenFor('admin');
  });
  afterAll(() => t?.close());

  const login = (from: string, body: Record<string, unknown>) => call(t, 'POST', '/api/auth/login', { from, body });
  const me = (from: string, token: string) => call(t, 'GET', '/api/auth/me', { from, token });

  describe('forged and stale access tokens', () => {
    it('refuses tokens signed with the old default secret, a wrong secret, without exp, for an unknown user, or of another type', async () => {
      const from = newSource();
      const real = await makeUser(t);
      const signedIn = await login(from, { email: real.email, password: real.password });
      expect(signedIn.status).toBe(200);
      const genuine = jwt.decode(signedIn.body.accessToken) as any;
      expect(genuine).toMatchObject({ typ: 'access', sub: real.id });
      expect(typeof genuine.exp).toBe('number');
      expect(typeof genuine.iat).toBe('number');
      expect((await me(from, signedIn.body.accessToken)).status).toBe(200);

      const adminClaims = {
        sub: genuine.sub,
        sid: genuine.sid,
        ver: genuine.ver,
        email: real.email,
        role: 'admin',
        org: null,
        typ: 'access',
      };
      const forged = {
        oldDefaultSecret: jwt.sign(adminClaims, 'agrilink-dev-secret-change-me', { expiresIn: '15m' }),
        wrongSecret: jwt.sign(adminClaims, randomBytes(32).toString('hex'), { expiresIn: '15m' }),
        noExp: jwt.sign(adminClaims, SECRET),
        unknownUser: jwt.sign(
          { ...adminClaims, sub: randomUUID(), sid: randomUUID() } satisfies jwt.JwtPayload,
          SECRET,
          { expiresIn: '15m' },
        ),
        unknownSession: jwt.sign({ ...adminClaims, sid: randomUUID() }, SECRET, { expiresIn: '15m' }),
        refreshAsAccess: signedIn.body.refreshToken,
        noType: jwt.sign({ ...adminClaims, typ: undefined }, SECRET, { expiresIn: '15m' }),
        algNone: jwt.sign(adminClaims, '', { algorithm: 'none', expiresIn: '15m' } as any),
        otherAlgorithm: jwt.sign(adminClaims, SECRET, { algorithm: 'HS512', expiresIn: '15m' }),
        staleVersion: jwt.sign({ ...adminClaims, role: 'staff', ver: genuine.ver + 1 }, SECRET, { expiresIn: '15m' }),
      };
      for (const [name, token] of Object.entries(forged)) {
        const res = await call(t, 'GET', '/api/users', { from, token });
        expect(`${name}: ${res.status} ${res.body?.code}`).toBe(`${name}: 401 AUTH.INVALID_TOKEN`);
      }
      // The role comes from the database, not the token: a staff token claiming admin stays staff.
      const claimsAdmin = jwt.sign({ ...adminClaims, role: 'admin' }, SECRET, { expiresIn: '15m' });
      expect((await call(t, 'POST', `/api/users/${real.id}/disable`, { from, token: claimsAdmin })).status).toBe(403);
    });
  });

  describe('sessions', () => {
    it('rotates refresh tokens; reusing an old one ends the whole session', async () => {
      const from = newSource();
      const u = await makeUser(t);
      const first = await login(from, { email: u.email, password: u.password });
      const second = await call(t, 'POST', '/api/auth/refresh', {
        from,
        body: { refreshToken: first.body.refreshToken },
      });
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
      const third = await call(t, 'POST', '/api/auth/refresh', {
        from,
        body: { refreshToken: second.body.refreshToken },
      });
      expect(third.status).toBe(200);
      expect((await me(from, third.body.accessToken)).status).toBe(200);

      const replay = await call(t, 'POST', '/api/auth/refresh', {
        from,
        body: { refreshToken: first.body.refreshToken },
      });
      expect([replay.status, replay.body.code]).toEqual([401, 'AUTH.REFRESH_TOKEN_REUSED']);
      // The family is gone: the newest refresh token and every access token of the session.
      expect(
        (await call(t, 'POST', '/api/auth/refresh', { from, body: { refreshToken: third.body.refreshToken } })).status,
      ).toBe(401);
      expect((await me(from, third.body.accessToken)).status).toBe(401);
      expect((await me(from, first.body.accessToken)).status).toBe(401);
      // Only hashes are stored.
      const rows = await t.dataSource.query(
        `SELECT refresh_token_hash, revoked_reason FROM auth_sessions WHERE user_id = $1`,
        [u.id],
      );
      expect(rows).toEqual([
        { refresh_token_hash: expect.stringMatching(/^[0-9a-f]{64}$/), revoked_reason: 'refresh_reuse' },
      ]);
      expect(JSON.stringify(rows)).not.toContain(third.body.refreshToken);
    });

    it('lets exactly one of two parallel refreshes with the same token win', async () => {
      const from = newSource();
      const u = await makeUser(t);
      const first = await login(from, { email: u.email, password: u.password });
      const answers = await Promise.all(
        [0, 1, 2].map(() =>
          call(t, 'POST', '/api/auth/refresh', { from, body: { refreshToken: first.body.refreshToken } }),
        ),
      );
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 401)).toHaveLength(2);
    });

    it('logs out: the refresh token and the access tokens of that session stop working, other sessions go on', async () => {
      const from = newSource();
      const u = await makeUser(t);
      const a = await login(from, { email: u.email, password: u.password });
      const b = await login(from, { email: u.email, password: u.password });
      const out = await call(t, 'POST', '/api/auth/logout', {
        from,
        body: { refreshToken: a.body.refreshToken },
        token: a.body.accessToken,
      });
      expect(out.status).toBe(204);
      expect((await me(from, a.body.accessToken)).status).toBe(401);
      expect(
        (await call(t, 'POST', '/api/auth/refresh', { from, body: { refreshToken: a.body.refreshToken } })).status,
      ).toBe(401);
      expect((await me(from, b.body.accessToken)).status).toBe(200);
      expect(
        (await call(t, 'POST', '/api/auth/logout', { from, body: { refreshToken: 'not-a-token-at-all' } })).status,
      ).toBe(401);
    });

    it('ends every session when an admin disables the account, and signs in again once enabled', async () => {
      const from = newSource();
      const u = await makeUser(t);
      const s = await login(from, { email: u.email, password: u.password });
      const staffToken = await t.tokenFor('staff');
      expect((await call(t, 'POST', `/api/users/${u.id}/disable`, { from, token: staffToken })).status).toBe(403);
      const disabled = await call(t, 'POST', `/api/users/${u.id}/disable`, { from, token: adminToken });
      expect([disabled.status, disabled.body.active]).toEqual([200, false]);
      expect((await me(from, s.body.accessToken)).status).toBe(401);
      expect(
        (await call(t, 'POST', '/api/auth/refresh', { from, body: { refreshToken: s.body.refreshToken } })).status,
      ).toBe(401);
      const refused = await login(from, { email: u.email, password: u.password });
      expect([refused.status, refused.body.code]).toEqual([401, 'AUTH.INVALID_CREDENTIALS']);
      expect((await call(t, 'POST', `/api/users/${u.id}/enable`, { from, token: adminToken })).body.active).toBe(true);
      expect((await login(from, { email: u.email, password: u.password })).status).toBe(200);
      const self = jwt.decode(adminToken) as any;
      expect((await call(t, 'POST', `/api/users/${self.sub}/disable`, { from, token: adminToken })).body.code).toBe(
        'USER.CANNOT_DISABLE_SELF',
      );
      expect((await call(t, 'POST', `/api/users/${randomUUID()}/disable`, { from, token: adminToken })).status).toBe(
        404,
      );
    });

    it('changes a password: every session ends, the caller gets a new one, the old password stops working', async () => {
      const from = newSource();
      const u = await makeUser(t);
      const a = await login(from, { email: u.email, password: u.password });
      const b = await login(from, { email: u.email, password: u.password });
      const wrong = await call(t, 'POST', '/api/auth/change-password', {
        from,
        token: a.body.accessToken,
        body: { currentPassword: 'nope', newPassword: 'Brand-new-pass-2026' },
      });
      expect([wrong.status, wrong.body.details?.[0]?.field]).toEqual([422, 'currentPassword']);
      const short = await call(t, 'POST', '/api/auth/change-password', {
        from,
        token: a.body.accessToken,
        body: { currentPassword: u.password, newPassword: 'short' },
      });
      expect(short.status).toBe(400);
      const changed = await call(t, 'POST', '/api/auth/change-password', {
        from,
        token: a.body.accessToken,
        body: { currentPassword: u.password, newPassword: 'Brand-new-pass-2026' },
      });
      expect(changed.status).toBe(200);
      for (const old of [a, b]) {
        expect((await me(from, old.body.accessToken)).status).toBe(401);
        expect(
          (await call(t, 'POST', '/api/auth/refresh', { from, body: { refreshToken: old.body.refreshToken } })).status,
        ).toBe(401);
      }
      expect((await me(from, changed.body.accessToken)).status).toBe(200);
      expect((await login(from, { email: u.email, password: u.password })).status).toBe(401);
      expect((await login(from, { email: u.email, password: 'Brand-new-pass-2026' })).status).toBe(200);
    });

    it('resets a password by an admin: sessions end and the next sign-in must set a new password', async () => {
      const from = newSource();
      const u = await makeUser(t);
      const before = await login(from, { email: u.email, password: u.password });
      const reset = await call(t, 'POST', `/api/users/${u.id}/reset-password`, { from, token: adminToken });
      expect(reset.status).toBe(200);
      expect(reset.body.user.passwordChangeRequired).toBe(true);
      const temporary = reset.body.temporaryPassword as string;
      expect(temporary.length).toBeGreaterThanOrEqual(16);
      expect((await me(from, before.body.accessToken)).status).toBe(401);
      expect((await login(from, { email: u.email, password: u.password })).status).toBe(401);
      const asked = await login(from, { email: u.email, password: temporary });
      expect([asked.status, asked.body.code, asked.body.details]).toEqual([
        403,
        'AUTH.PASSWORD_CHANGE_REQUIRED',
        { path: '/api/auth/login', field: 'newPassword' },
      ]);
      expect(asked.body.accessToken).toBeUndefined();
      const set = await login(from, { email: u.email, password: temporary, newPassword: 'Chosen-by-me-2026' });
      expect(set.status).toBe(200);
      expect(set.body.user.passwordChangeRequired).toBe(false);
      expect((await login(from, { email: u.email, password: temporary })).status).toBe(401);
      expect((await login(from, { email: u.email, password: 'Chosen-by-me-2026' })).status).toBe(200);
    });
  });

  describe('two-step sign-in (TOTP, RFC 6238)', () => {
    it('sets up, enables and then asks for the code at sign-in; a code works once', async () => {
      const from = newSource();
      const u = await makeUser(t);
      const s = await login(from, { email: u.email, password: u.password });
      const setup = await call(t, 'POST', '/api/auth/totp/setup', { from, token: s.body.accessToken });
      expect(setup.status).toBe(200);
      const { secret, otpauthUrl } = setup.body;
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const url = new URL(otpauthUrl);
      expect(url.protocol).toBe('otpauth:');
      expect(url.host).toBe('totp');
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        secret,
        algorithm: 'SHA1',
        digits: '6',
        period: '30',
        issuer: 'AgriLink',
      });

      const badEnable = await call(t, 'POST', '/api/auth/totp/enable', {
        from,
        token: s.body.accessToken,
        body: { code: totpCodeAt(secret, Date.now() - 10 * 60_000) },
      });
      expect([badEnable.status, badEnable.body.code]).toEqual([422, 'AUTH.TOTP_INVALID']);
      const enabled = await call(t, 'POST', '/api/auth/totp/enable', {
        from,
        token: s.body.accessToken,
        body: { code: totpCodeAt(secret, Date.now()) },
      });
      expect([enabled.status, enabled.body.totpEnabled]).toEqual([200, true]);
      expect(JSON.stringify(enabled.body)).not.toContain(secret);
      expect(JSON.stringify((await me(from, s.body.accessToken)).body)).not.toContain(secret);
      expect((await call(t, 'POST', '/api/auth/totp/setup', { from, token: s.body.accessToken })).body.code).toBe(
        'AUTH.TOTP_ALREADY_ENABLED',
      );

      const without = await login(from, { email: u.email, password: u.password });
      expect([without.status, without.body.code]).toEqual([401, 'AUTH.TOTP_REQUIRED']);
      const wrongCode = await login(from, {
        email: u.email,
        password: u.password,
        totp: '000000' === totpCodeAt(secret, Date.now()) ? '111111' : '000000',
      });
      expect([wrongCode.status, wrongCode.body.code]).toEqual([401, 'AUTH.TOTP_INVALID']);
      // The next 30 s step's code (accepted for clock drift) differs from the one used to enable.
      const code = totpCodeAt(secret, Date.now() + 30_000);
      const withCode = await login(from, { email: u.email, password: u.password, totp: code });
      expect(withCode.status).toBe(200);
      const replay = await login(from, { email: u.email, password: u.password, totp: code });
      expect([replay.status, replay.body.code]).toEqual([401, 'AUTH.TOTP_INVALID']);
      // A wrong password with a right code says nothing about the code.
      const wrongPassword = await login(from, {
        email: u.email,
        password: 'wrong',
        totp: totpCodeAt(secret, Date.now() + 30_000),
      });
      expect([wrongPassword.status, wrongPassword.body.code]).toEqual([401, 'AUTH.INVALID_CREDENTIALS']);
    });
  });

  describe('sign-in limits', () => {
    it(`counts ${SIGN_IN_FREE_ATTEMPTS} of 12 concurrent wrong passwords exactly, and makes only that address wait`, async () => {
      const attacker = newSource();
      const u = await makeUser(t);
      const answers = await Promise.all(
        Array.from({ length: 12 }, (_, i) => login(attacker, { email: u.email, password: `guess-${i}` })),
      );
      const codes = answers.map((a) => `${a.status} ${a.body.code}`);
      expect(codes.filter((c) => c === '401 AUTH.INVALID_CREDENTIALS')).toHaveLength(SIGN_IN_FREE_ATTEMPTS);
      expect(codes.filter((c) => c === '429 AUTH.SIGN_IN_DELAYED')).toHaveLength(12 - SIGN_IN_FREE_ATTEMPTS);
      for (const a of answers.filter((x) => x.status === 429)) {
        expect(Number(a.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(a.headers['retry-after'])).toBeLessThanOrEqual(SIGN_IN_FIRST_DELAY_S);
      }
      const [row] = await t.dataSource.query(
        `SELECT attempts FROM sign_in_throttles WHERE account = $1 AND source = $2`,
        [u.email, attacker],
      );
      expect(row.attempts).toBe(SIGN_IN_FREE_ATTEMPTS);
      // The right password from the attacker's address waits too…
      expect((await login(attacker, { email: u.email, password: u.password })).status).toBe(429);
      // …but the owner elsewhere is not locked out by it.
      expect((await login(newSource(), { email: u.email, password: u.password })).status).toBe(200);
    });

    it('doubles the wait with each further attempt from that address', async () => {
      const from = newSource();
      const u = await makeUser(t);
      for (let i = 0; i < SIGN_IN_FREE_ATTEMPTS; i++)
        expect((await login(from, { email: u.email, password: `guess-${i}` })).status).toBe(401);
      const waits: number[] = [];
      for (let round = 0; round < 3; round++) {
        const limited = await login(from, { email: u.email, password: 'guess-again' });
        expect(limited.status).toBe(429);
        waits.push(Number(limited.headers['retry-after']));
        // Let the wait pass without sleeping through it.
        await t.dataSource.query(
          `UPDATE sign_in_throttles SET next_attempt_at = now() - interval '1 second' WHERE account = $1 AND source = $2`,
          [u.email, from],
        );
        expect((await login(from, { email: u.email, password: 'guess-again' })).status).toBe(401);
      }
      const last = await login(from, { email: u.email, password: 'guess-again' });
      waits.push(Number(last.headers['retry-after']));
      // 30 s, 60 s, 120 s, 240 s (a second may tick between the write and the read).
      waits.forEach((w, i) => expect(Math.abs(w - SIGN_IN_FIRST_DELAY_S * 2 ** i)).toBeLessThanOrEqual(2));
    });

    it('treats an unknown account like a known one: the same answer, the same limit', async () => {
      const from = newSource();
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => login(from, { email: 'nobody-here@test.agrilink.vn', password: 'guess' })),
      );
      const known = await makeUser(t);
      const knownAnswer = await login(newSource(), { email: known.email, password: 'guess' });
      expect(answers.filter((a) => a.status === 401)).toHaveLength(SIGN_IN_FREE_ATTEMPTS);
      const unknownAnswer = answers.find((a) => a.status === 401)!;
      expect(unknownAnswer.body).toEqual(knownAnswer.body);
    });

    it('takes the same time for an unknown account as for a wrong password (medians within 30 %)', async () => {
      const known = await makeUser(t);
      const timeOf = async (email: string) => {
        const started = process.hrtime.bigint();
        const res = await login(newSource(), { email, password: 'not-the-password' });
        expect(res.status).toBe(401);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      await timeOf(known.email); // warm both paths (the stand-in hash is made on first use)
      await timeOf('warm-up@test.agrilink.vn');
      const knownMs: number[] = [];
      const unknownMs: number[] = [];
      for (let i = 0; i < 25; i++) {
        // Interleaved, so a burst of load on the machine hits both alike.
        knownMs.push(await timeOf(known.email));
        unknownMs.push(await timeOf(`nobody-${i}@test.agrilink.vn`));
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const [k, u] = [median(knownMs), median(unknownMs)];
      // Before the fix the unknown path skipped the Argon2 work: about 10 % of the known time.
      expect(u / k).toBeGreaterThan(0.7);
      expect(u / k).toBeLessThan(1.3);
      console.log(`sign-in timing medians over 25 tries: known ${k.toFixed(1)} ms, unknown ${u.toFixed(1)} ms`);
    });
  });
});

describe('auth security: admins need a second factor in production (e2e)', () => {
  let t: TestApp;
  const saved: Record<string, string | undefined> = {};
  const ADMIN_TOTP_SECRET = newTotpSecret();
  const ENV = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ADMIN_EMAIL: 'root@test.agrilink.vn',
    ADMIN_PASSWORD: `Root-${randomBytes(9).toString('base64url')}`,
    ADMIN_TOTP_SECRET,
  };
  beforeAll(async () => {
    for (const k of Object.keys(ENV)) saved[k] = process.env[k];
    t = await createTestApp(ENV);
    await new Promise<void>((r) => t.app.getHttpServer().listen(0, '127.0.0.1', () => r()));
  });
  afterAll(async () => {
    await t?.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) Reflect.deleteProperty(process.env, k);
      else process.env[k] = v;
    }
  });

  it('signs the provisioned first admin in only with a code of ADMIN_TOTP_SECRET', async () => {
    const from = newSource();
    const body = { email: ENV.ADMIN_EMAIL, password: ENV.ADMIN_PASSWORD };
    const without = await call(t, 'POST', '/api/auth/login', { from, body });
    expect([without.status, without.body.code]).toEqual([401, 'AUTH.TOTP_REQUIRED']);
    const ok = await call(t, 'POST', '/api/auth/login', {
      from,
      body: { ...body, totp: totpCodeAt(ADMIN_TOTP_SECRET, Date.now()) },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.user.totpEnabled).toBe(true);
  });

  it('makes any other admin set up a second factor within sign-in; staff need none', async () => {
    const from = newSource();
    const admin = await makeUser(t, 'admin');
    const first = await call(t, 'POST', '/api/auth/login', {
      from,
      body: { email: admin.email, password: admin.password },
    });
    expect([first.status, first.body.code]).toEqual([401, 'AUTH.TOTP_SETUP_REQUIRED']);
    const { secret, otpauthUrl } = first.body.details;
    expect(otpauthUrl).toContain(`secret=${secret}`);
    const ok = await call(t, 'POST', '/api/auth/login', {
      from,
      body: { email: admin.email, password: admin.password, totp: totpCodeAt(secret, Date.now()) },
    });
    expect([ok.status, ok.body.user.totpEnabled]).toEqual([200, true]);
    const later = await call(t, 'POST', '/api/auth/login', {
      from,
      body: { email: admin.email, password: admin.password },
    });
    expect(later.body.code).toBe('AUTH.TOTP_REQUIRED');
    const staff = await makeUser(t, 'staff');
    expect(
      (
        await call(t, 'POST', '/api/auth/login', {
          from: newSource(),
          body: { email: staff.email, password: staff.password },
        })
      ).status,
    ).toBe(200);
  });
});

describe('auth security: secrets and deployment (e2e)', () => {
  it('stops a server start (DATABASE_URL set) without JWT_SECRET with a clear message', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/agrilink_e2e_never_used',
      LOG_LEVEL: 'warn',
    };
    delete env.JWT_SECRET;
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(1);
    expect(output).toContain('JWT_SECRET is required when DATABASE_URL is set');
  }, 120_000);

  it('has no default secrets and no demo data in docker/compose.yml, and restarts its services', () => {
    const compose = readFileSync(resolve(ROOT, 'docker/compose.yml'), 'utf8');
    expect(compose).toMatch(/JWT_SECRET: \$\{JWT_SECRET:\?[^}]+\}/);
    expect(compose).toMatch(/ADMIN_PASSWORD: \$\{ADMIN_PASSWORD:\?[^}]+\}/);
    expect(compose).not.toMatch(/(SECRET|PASSWORD)[A-Z_]*: \$\{[A-Z_]+:-[^}]/);
    expect(compose).toMatch(/SEED_DEMO: "false"/);
    const services = compose
      .slice(compose.indexOf('\nservices:'), compose.indexOf('\nvolumes:'))
      .split(/\n {2}(?=\w[\w-]*:\n)/)
      .slice(1);
    expect(services.length).toBeGreaterThanOrEqual(4);
    for (const s of services) expect(s).toContain('restart: unless-stopped');
  });
});
