import { createServer } from 'node:http';
import { Writable } from 'node:stream';
import pinoHttp, { Options } from 'pino-http';
import request from 'supertest';
import { loggerParams } from './logging';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe('request logging', () => {
  it('logs one JSON line per request with its id, and never the token, password or query string', async () => {
    const { lines, stream } = capture();
    const opts = loggerParams('info').pinoHttp as Options;
    const sut = pinoHttp(opts, stream);
    const server = createServer((req, res) => {
      sut(req, res);
      req.log.info({ body: { email: 'a@b.vn', password: 'Secret@123', refreshToken: 'rt-secret' } }, 'login attempt');
      res.end('ok');
    });
    const res = await request(server)
      .post('/api/auth/login?token=query-secret')
      .set('Authorization', 'Bearer header-secret')
      .set('x-request-id', 'rid-42')
      .send({});
    expect(res.headers['x-request-id']).toBe('rid-42');
    const text = lines.join('\n');
    expect(text).not.toMatch(/header-secret|Secret@123|rt-secret|query-secret/);
    const done = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request completed');
    expect(done).toMatchObject({
      req: { id: 'rid-42', method: 'POST', url: '/api/auth/login' },
      res: { statusCode: 200 },
    });
  });
});
