import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { TEST_ADMIN_URL } from '@agrilink/testing';

/** The rule a replication connection from this machine needs on the primary (also added by `.ci/run`). */
export const REPLICATION_HBA_LINE = 'host replication all 127.0.0.1/32 trust';

export interface StreamingReplica {
  port: number;
  /** The same database on the replica (a standby holds every database of its primary). */
  urlFor(database: string): string;
  /** Resolves once the replica has replayed everything the primary had written when called. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** SQL on the replica (read-only), as the superuser. */
  query<T = Record<string, unknown>>(database: string, sql: string, params?: unknown[]): Promise<T[]>;
  /** Stops applying the primary's changes (they keep arriving), and starts again. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real streaming replica of the test PostgreSQL: pg_basebackup -R of the running cluster
 * into a temporary directory, started on a free port as a hot standby, removed by `stop()`.
 * The primary needs wal_level replica or higher, free WAL senders and a `replication` rule in
 * pg_hba.conf for 127.0.0.1; the rule is added here when missing (idempotent), as `.ci/run` does.
 */
export async function startStreamingReplica(): Promise<StreamingReplica> {
  const primary = new URL(TEST_ADMIN_URL);
  const settings = await primarySettings();
  if (settings.wal_level === 'minimal')
    throw new Error(
      'the test PostgreSQL runs with wal_level=minimal; set wal_level=replica and restart it (see .ci/run)',
    );
  await allowReplicationConnections();
  const bin =
    process.env.PG_BINDIR ?? `/usr/lib/postgresql/${Math.floor(Number(settings.server_version_num) / 10000)}/bin`;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'agrilink-replica-'));
  const asOwner = ownerRunner(dir);
  asOwner(join(bin, 'pg_basebackup'), [
    '-h',
    primary.hostname,
    '-p',
    primary.port || '5432',
    '-U',
    primary.username || 'postgres',
    '-D',
    join(dir, 'data'),
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
    '--no-sync',
  ]);
  const data = join(dir, 'data');
  // A Debian cluster keeps its configuration outside the data directory: the standby gets its own.
  // Hot standby needs these at least as high as on the primary.
  const conf = [
    `port = ${port}`,
    `listen_addresses = '127.0.0.1'`,
    `unix_socket_directories = '${dir}'`,
    'hot_standby = on',
    `max_connections = ${settings.max_connections}`,
    `max_worker_processes = ${settings.max_worker_processes}`,
    `max_wal_senders = ${settings.max_wal_senders}`,
    `max_prepared_transactions = ${settings.max_prepared_transactions}`,
    `max_locks_per_transaction = ${settings.max_locks_per_transaction}`,
    'shared_buffers = 32MB',
    'fsync = off',
    'logging_collector = off',
  ];
  writeFileSync(join(data, 'postgresql.conf'), conf.join('\n') + '\n');
  writeFileSync(join(data, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
  asOwner(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'replica.log'), '-w', '-t', '120', 'start']);

  const urlFor = (database: string) => `postgres://${primary.username || 'postgres'}@127.0.0.1:${port}/${database}`;
  const query = async <T>(database: string, sql: string, params: unknown[] = []): Promise<T[]> => {
    const c = new Client({ connectionString: urlFor(database) });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  };
  let stopped = false;
  const replica: StreamingReplica = {
    port,
    urlFor,
    query,
    async caughtUp(timeoutMs = 30_000) {
      const [{ lsn }] = await onPrimary<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
      const until = Date.now() + timeoutMs;
      for (;;) {
        const [{ done }] = await query<{ done: boolean }>(
          'postgres',
          'SELECT COALESCE(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS done',
          [lsn],
        );
        if (done) return;
        if (Date.now() > until) throw new Error(`the replica did not replay up to ${lsn} in ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async pauseReplay() {
      await query('postgres', 'SELECT pg_wal_replay_pause()');
      // A pause is a request: replay stops at its next record. Past this point nothing more is applied.
      for (let i = 0; i < 100; i++) {
        const [{ state }] = await query<{ state: string }>(
          'postgres',
          'SELECT pg_get_wal_replay_pause_state() AS state',
        );
        if (state === 'paused') return;
        await onPrimary('SELECT pg_current_wal_lsn()');
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async resumeReplay() {
      await query('postgres', 'SELECT pg_wal_replay_resume()');
    },
    stop() {
      if (stopped) return Promise.resolve();
      stopped = true;
      try {
        asOwner(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      return Promise.resolve();
    },
  };
  try {
    await replica.caughtUp(60_000);
  } catch (e) {
    await replica.stop().catch(() => undefined);
    throw e;
  }
  return replica;
}

async function onPrimary<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: TEST_ADMIN_URL });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}

async function primarySettings(): Promise<Record<string, string>> {
  const names = [
    'wal_level',
    'server_version_num',
    'max_connections',
    'max_worker_processes',
    'max_wal_senders',
    'max_prepared_transactions',
    'max_locks_per_transaction',
    'hba_file',
  ];
  const rows = await onPrimary<{ name: string; setting: string }>(
    'SELECT name, setting FROM pg_settings WHERE name = ANY($1)',
    [names],
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
}

/** Adds the replication rule to the primary's pg_hba.conf when no rule lets 127.0.0.1 in for replication. */
async function allowReplicationConnections(): Promise<void> {
  const rules = await onPrimary<{ ok: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_hba_file_rules
                     WHERE error IS NULL AND type IN ('host', 'hostnossl') AND 'replication' = ANY(database)
                       AND CASE WHEN address ~ '^[0-9.]+$' THEN ('127.0.0.1'::inet & netmask::inet) = (address::inet & netmask::inet)
                                ELSE address IN ('all', 'samehost', 'samenet') END) AS ok`,
  );
  if (rules[0].ok) return;
  const [{ hba_file }] = await onPrimary<{ hba_file: string }>('SHOW hba_file');
  try {
    appendFileSync(
      hba_file,
      `\n# streaming replicas of the test suite (test/support/streaming-replica.ts, .ci/run)\n${REPLICATION_HBA_LINE}\n`,
    );
  } catch (e) {
    throw new Error(
      `the test PostgreSQL refuses replication connections and ${hba_file} is not writable here; add "${REPLICATION_HBA_LINE}" to it and reload (see .ci/run)`,
      { cause: e },
    );
  }
  await onPrimary('SELECT pg_reload_conf()');
  // The reload is asynchronous: wait until the server has read the new rules.
  for (let i = 0; i < 50; i++) {
    const [{ ok }] = await onPrimary<{ ok: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_hba_file_rules WHERE 'replication' = ANY(database)) AS ok`,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 300));
}

/** PostgreSQL will not run as root: as root, the cluster's files and tools belong to `postgres`. */
function ownerRunner(dir: string): (cmd: string, args: string[]) => void {
  const root = process.getuid?.() === 0;
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  return (cmd, args) => {
    const r = root
      ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', timeout: 180_000 })
      : spawnSync(cmd, args, { encoding: 'utf8', timeout: 180_000 });
    if (r.status !== 0)
      throw new Error(
        `${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}): ${(r.stderr || r.stdout || r.error?.message || '').slice(-2000)}`,
      );
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}
