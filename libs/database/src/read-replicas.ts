import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@agrilink/config';
import { DataSource } from 'typeorm';

/** Where the queries of the code running now go. */
export type ReadTarget = 'replica' | 'primary';

const routing = new AsyncLocalStorage<ReadTarget>();

/**
 * Runs `fn` with the queries it makes through the DataSource (plain queries, repositories and
 * transactions alike) on a streaming replica, when one is configured and caught up. Only for
 * work that reads: a hot standby refuses writes, locks and SERIALIZABLE.
 */
export function readFromReplica<T>(fn: () => T): T {
  return routing.run('replica', fn);
}

/** Runs `fn` on the primary, even inside work sent to a replica (state shared by every caller). */
export function readFromPrimary<T>(fn: () => T): T {
  return routing.run('primary', fn);
}

/** Where reads of the code running now are meant to go; the primary unless asked otherwise. */
export function currentReadTarget(): ReadTarget {
  return routing.getStore() ?? 'primary';
}

interface PgPool {
  query(sql: string, params?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>;
  connect(cb: (err: Error | undefined, connection: unknown, release: (err?: unknown) => void) => void): void;
}

interface ReplicatedDriver {
  master: PgPool;
  slaves: PgPool[];
  isReplicated: boolean;
  createQueryRunner(mode: 'master' | 'slave'): unknown;
  obtainMasterConnection(): Promise<[unknown, (err?: unknown) => void]>;
  obtainSlaveConnection(): Promise<[unknown, (err?: unknown) => void]>;
}

export interface ReplicaState {
  url: string;
  /** Replayed the primary's WAL position as of this time (ms since epoch); 0: not yet seen caught up. */
  caughtUpAt: number;
  /** Read from now: reachable, a standby, and no further behind than half the sticky window. */
  inUse: boolean;
  error: string | null;
}

/**
 * Streaming replicas for reads (TypeORM replication, DATABASE_REPLICA_URLS). TypeORM's own
 * routing sends every SELECT built by a query builder to a replica; here the default stays on
 * the primary (`defaultMode: 'master'`) and only work run through `readFromReplica` goes to a
 * replica, so a read never lands on a replica by accident inside a write.
 *
 * A replica is read only while it is known to be close behind: each tick reads the primary's
 * WAL position, then asks every replica whether it has replayed it; a replica is in use while
 * the last time it had is less than half the sticky window ago (DATABASE_REPLICA_STICKY_MS).
 * A replica that is down, promoted or behind is left out and reads go to the primary.
 */
@Injectable()
export class ReadReplicas implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ReadReplicas');
  private readonly states: ReplicaState[];
  private timer?: NodeJS.Timeout;
  private checking?: Promise<void>;
  private readonly maxLagMs: number;
  private readonly tickMs: number;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.states = config.databaseReplicaUrls.map((url) => ({
      url: redact(url),
      caughtUpAt: 0,
      inUse: false,
      error: null,
    }));
    this.maxLagMs = Math.max(1, Math.floor(config.databaseReplicaStickyMs / 2));
    this.tickMs = Math.min(1000, Math.max(50, Math.floor(this.maxLagMs / 2)));
  }

  get configured(): boolean {
    return this.states.length > 0;
  }

  /** What each replica looks like now (for health and tests). */
  status(): ReplicaState[] {
    this.refreshInUse();
    return this.states.map((s) => ({ ...s }));
  }

  async onModuleInit(): Promise<void> {
    if (!this.configured) return;
    const driver = this.driver();
    if (!driver.isReplicated || driver.slaves.length !== this.states.length)
      throw new Error('DATABASE_REPLICA_URLS is set but the DataSource has no replication pools');
    const createQueryRunner = driver.createQueryRunner.bind(driver);
    driver.createQueryRunner = (mode) =>
      createQueryRunner(mode === 'master' && currentReadTarget() === 'replica' ? 'slave' : mode);
    driver.obtainSlaveConnection = () => {
      const usable = this.usable();
      if (!usable.length) return driver.obtainMasterConnection();
      const pool = driver.slaves[usable[Math.floor(Math.random() * usable.length)]];
      return new Promise((ok, fail) =>
        pool.connect((err, connection, release) => (err ? fail(err) : ok([connection, release]))),
      );
    };
    await this.check();
    this.timer = setInterval(() => void this.check(), this.tickMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One round of the catch-up check; concurrent callers share it. */
  check(): Promise<void> {
    this.checking ??= this.checkOnce().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    const driver = this.driver();
    const askedAt = Date.now();
    let lsn: string;
    try {
      const { rows } = await withTimeout(
        driver.master.query('SELECT pg_current_wal_lsn()::text AS lsn'),
        this.tickMs * 2,
      );
      lsn = String(rows[0].lsn);
    } catch (e) {
      // The primary itself is away: nothing to compare against; reads will fail over as writes do.
      this.logger.warn(`primary WAL position unreadable: ${(e as Error).message}`);
      return;
    }
    await Promise.all(
      driver.slaves.map(async (pool, i) => {
        const state = this.states[i];
        try {
          const { rows } = await withTimeout(
            pool.query(
              'SELECT pg_is_in_recovery() AS standby, COALESCE(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS caught_up',
              [lsn],
            ),
            this.tickMs * 2,
          );
          if (!rows[0].standby) throw new Error('not a standby (promoted?)');
          if (rows[0].caught_up) state.caughtUpAt = askedAt;
          if (state.error) this.logger.log(`replica ${state.url} answers again`);
          state.error = null;
        } catch (e) {
          if (!state.error) this.logger.warn(`replica ${state.url} left out: ${(e as Error).message}`);
          state.error = (e as Error).message;
          state.caughtUpAt = 0;
        }
      }),
    );
    this.refreshInUse();
  }

  private usable(): number[] {
    this.refreshInUse();
    return this.states.flatMap((s, i) => (s.inUse ? [i] : []));
  }

  private refreshInUse(): void {
    const now = Date.now();
    for (const s of this.states) s.inUse = !s.error && s.caughtUpAt > 0 && now - s.caughtUpAt < this.maxLagMs;
  }

  private driver(): ReplicatedDriver {
    return this.dataSource.driver as unknown as ReplicatedDriver;
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'replica';
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`no answer in ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
