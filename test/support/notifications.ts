import { ChildProcess, spawn } from 'node:child_process';
import { createServer as createHttpServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

const ROOT = join(__dirname, '..', '..');

export interface ReceivedMail {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/**
 * A real SMTP server in this process on a loopback port. `stall` holds every DATA without an answer
 * (the message is neither accepted nor refused), as a slow relay would; `refuse` answers 550 for
 * the listed recipients. Only messages the server answered 250 count as received.
 */
export class TestSmtp {
  readonly received: ReceivedMail[] = [];
  stall = false;
  stalled = 0;
  refuse = new Set<string>();
  private server?: SMTPServer;

  constructor(public port = 0) {}

  async start(): Promise<this> {
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onRcptTo: (address, _session, cb) =>
        this.refuse.has(address.address.toLowerCase())
          ? cb(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }))
          : cb(),
      onData: (stream, session, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.stall) {
            this.stalled++;
            return; // never answer: the sender waits until it gives up or dies
          }
          const mail = parseMail(Buffer.concat(chunks).toString('utf8'));
          mail.to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          this.received.push(mail);
          cb();
        });
      },
    });
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      this.server!.server.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    for (const c of s.connections) (c as any)._socket?.destroy?.();
    await new Promise<void>((r) => s.close(() => r()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address.toLowerCase()));
  }
}

/** Just enough MIME for the assertions: unfolded headers, encoded words, the text/plain and text/html parts. */
export function parseMail(raw: string): ReceivedMail {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = parseHeaders(head);
  const body = rest.join('\r\n\r\n');
  const parts: Record<string, string> = {};
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`)) {
      const [ph, ...pb] = chunk.replace(/^\r?\n/, '').split(/\r?\n\r?\n/);
      const h = parseHeaders(ph);
      const ct = (h['content-type'] ?? '').split(';')[0].trim();
      if (ct === 'text/plain' || ct === 'text/html')
        parts[ct] = decodeBody(pb.join('\r\n\r\n'), h['content-transfer-encoding']);
    }
  } else {
    parts[type.split(';')[0].trim()] = decodeBody(body, headers['content-transfer-encoding']);
  }
  return {
    messageId: headers['message-id'] ?? '',
    to: [],
    subject: decodeWords(headers.subject ?? ''),
    text: parts['text/plain'] ?? '',
    html: parts['text/html'] ?? '',
    headers,
  };
}

function parseHeaders(block: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return out;
}

function decodeBody(text: string, encoding = '7bit'): string {
  const enc = encoding.toLowerCase();
  if (enc === 'base64') return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') {
    const bytes = text
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return text;
}

function decodeWords(s: string): string {
  return s.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([BQ])\?([^?]*)\?=/gi, (_, _cs, enc, data) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data
            .replace(/_/g, ' ')
            .replace(/=([0-9A-F]{2})/gi, (_m: string, h: string) => String.fromCharCode(parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
}

/** A local HTTP endpoint standing in for Zalo ZNS or an SMS gateway; `answer` decides each reply. */
export class TestHttpStub {
  readonly requests: Array<{ headers: IncomingMessage['headers']; body: any }> = [];
  answer: (body: any) => { status: number; json: unknown } = () => ({
    status: 200,
    json: { error: 0, message: 'Success', data: { msg_id: `m${this.requests.length}` } },
  });
  private server?: Server;
  port = 0;

  async start(): Promise<this> {
    this.server = createHttpServer((req, res) => {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        let body: any;
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
        this.requests.push({ headers: req.headers, body });
        const a = this.answer(body);
        res.writeHead(a.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(a.json));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/send`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}

/** The real worker as its own process (`apps/worker/src/main.ts`), on this process's environment. */
export function spawnWorker(env: Record<string, string> = {}): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  }) as ChildProcess & { output: () => string };
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + d).slice(-8000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-8000)));
  child.output = () => out;
  child.on('exit', (code, signal) => {
    if (code && code !== 0 && signal === null) console.error(`worker exited ${code}:\n${out}`);
  });
  return child;
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}
