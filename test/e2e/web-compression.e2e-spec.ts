import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { get, IncomingMessage } from 'node:http';
import { resolve } from 'node:path';
import { ensureProduct, makeCooperative } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

const WEB_DIST = resolve(__dirname, '../../apps/web/dist');

/** Raw HTTP so the encoding on the wire is what we see (fetch and supertest decode it away). */
function fetchRaw(url: string, headers: Record<string, string>): Promise<{ res: IncomingMessage; body: Buffer }> {
  return new Promise((ok, fail) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ res, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    }).on('error', fail);
  });
}

/** Issue 15 item 7: the app and JSON leave the server compressed for a weak connection. */
describe('web app and JSON are served compressed (e2e)', () => {
  let t: TestApp;
  let base: string;
  let mainScript: string;

  beforeAll(async () => {
    // The static web app is only mounted when the Vite build exists when the app module loads.
    if (!existsSync(resolve(WEB_DIST, 'index.html'))) {
      execFileSync('npx', ['vite', 'build', '--config', 'apps/web/vite.config.ts', '--logLevel', 'error'], {
        cwd: resolve(__dirname, '../..'),
        stdio: 'inherit',
      });
    }
    const html = readFileSync(resolve(WEB_DIST, 'index.html'), 'utf8');
    mainScript = /<script[^>]+type="module"[^>]+src="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(mainScript).toMatch(/^\/assets\/.+\.js$/);
    t = await createTestApp();
    for (let i = 0; i < 30; i++)
      await ensureProduct(t.dataSource, {
        code: `NEN_${i}`,
        nameVi: `Nông sản nén thử ${i}`,
        nameEn: `Compression product ${i}`,
      });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as any).port}`;
  }, 180_000);
  afterAll(async () => {
    await t?.close();
  });

  it.each(['br', 'gzip'])('serves the main script with Content-Encoding %s when accepted', async (enc) => {
    const { res, body } = await fetchRaw(base + mainScript, { 'Accept-Encoding': enc });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe(enc);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    const plain = readFileSync(resolve(WEB_DIST, '.' + mainScript));
    expect(body.length).toBeLessThan(plain.length / 2);
  });

  it('serves index.html compressed for a client route', async () => {
    const { res } = await fetchRaw(`${base}/lots`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    // index.html is small; under the 1 kB threshold it may go out as is, but never mis-encoded.
    expect([undefined, 'br', 'gzip']).toContain(res.headers['content-encoding']);
  });

  it.each(['br', 'gzip'])('serves a JSON route with Content-Encoding %s when accepted', async (enc) => {
    const { res, body } = await fetchRaw(`${base}/api/products`, { 'Accept-Encoding': enc });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.headers['content-encoding']).toBe(enc);
    const zlib = await import('node:zlib');
    const json = JSON.parse((enc === 'br' ? zlib.brotliDecompressSync(body) : zlib.gunzipSync(body)).toString('utf8'));
    expect(JSON.stringify(json)).toContain('Nông sản nén thử 29');
  });

  it('sends plain bytes to a client that does not accept compression', async () => {
    const { res, body } = await fetchRaw(`${base}/api/products`, { 'Accept-Encoding': 'identity' });
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(() => JSON.parse(body.toString('utf8'))).not.toThrow();
  });

  it('never compresses the notification stream: its first event arrives at once, unencoded', async () => {
    const token = await t.tokenFor('cooperative', (await makeCooperative(t.dataSource)).id);
    const ticket = (
      await t.http().post('/api/notifications/stream-tickets').auth(token, { type: 'bearer' }).expect(200)
    ).body.ticket as string;
    const first = await new Promise<{ encoding?: string; type?: string; text: string }>((ok, fail) => {
      const req = get(
        `${base}/api/notifications/stream?ticket=${encodeURIComponent(ticket)}`,
        { headers: { 'Accept-Encoding': 'br, gzip', Accept: 'text/event-stream' } },
        (res) => {
          res.once('data', (c: Buffer) => {
            ok({
              encoding: res.headers['content-encoding'],
              type: res.headers['content-type'],
              text: c.toString('utf8'),
            });
            req.destroy();
          });
        },
      );
      req.on('error', (e) => (req.destroyed ? undefined : fail(e)));
    });
    expect(first.type).toMatch(/^text\/event-stream/);
    expect(first.encoding).toBeUndefined();
    expect(first.text).toContain('event: ready');
  });

  it('lets a browser keep hashed assets for a year and revalidate index.html', async () => {
    const script = await fetchRaw(base + mainScript, { 'Accept-Encoding': 'br' });
    expect(script.res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/lots']) {
      const { res } = await fetchRaw(base + path, {});
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });
});
