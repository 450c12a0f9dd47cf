import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { readFromPrimary } from '@agrilink/database';
import { DataSource } from 'typeorm';
import { messageOf } from '../common/domain-error';

/** What the map needs of one open lot (status open, remaining_kg > 0) to filter and cluster it. */
export interface OpenLot {
  id: string;
  lng: number;
  lat: number;
  remainingKg: number;
  productCode: string;
  certifications: string[];
  harvestFrom: string;
  harvestTo: string;
  provinceCode: string | null;
  cooperativeId: string;
}

/** Written by the TRUNCATE trigger: every lot may have changed. */
const EVERYTHING = '00000000-0000-0000-0000-000000000000';
/** More changed lots than this since the last sync: reload everything rather than row by row. */
const MAX_INCREMENTAL = 2000;
const LOAD_CHUNK = 10_000;
/** A process that has not synced for this long reloads; the change log keeps 15 minutes (see cleanup). */
const RELOAD_AFTER_MS = 5 * 60_000;
const CHANGE_LOG_KEEP = '15 minutes';
/**
 * Idle processes still follow the log, so their next request does not pay a full reload. Per process
 * on purpose (each follows its own copy), hence a timer; trimming the shared log is a job scheduler
 * (`SupplyLotChangeLogJobs`), done once per iteration however many processes run.
 */
const BACKGROUND_MS = 30_000;

/** Drops change-log rows older than any process still follows (one run of the periodic job). */
export async function trimSupplyLotChanges(dataSource: DataSource): Promise<void> {
  await dataSource.query(`DELETE FROM supply_lot_changes WHERE changed_at < now() - interval '${CHANGE_LOG_KEEP}'`);
}

/**
 * Whether any supply lot changed since `snapshot` (a `pg_current_snapshot()` text taken with
 * the data it vouches for): one indexed query on the change log.
 */
export async function supplyLotsChangedSince(dataSource: DataSource, snapshot: string): Promise<boolean> {
  const [{ changed }] = await dataSource.query<Array<{ changed: boolean }>>(
    `SELECT EXISTS (SELECT 1 FROM supply_lot_changes c
                     WHERE c.xid >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(c.xid, $1::pg_snapshot)) AS changed`,
    [snapshot],
  );
  return changed;
}

const LOT_COLUMNS = `l.id::text AS id, ST_X(l.location::geometry) AS lng, ST_Y(l.location::geometry) AS lat,
  l.remaining_kg::float8 AS remaining_kg, l.product_code, l.certifications,
  to_char(l.harvest_from, 'YYYY-MM-DD') AS harvest_from, to_char(l.harvest_to, 'YYYY-MM-DD') AS harvest_to,
  l.province_code, l.cooperative_id::text AS cooperative_id`;
const IS_OPEN = `l.status = 'open' AND l.remaining_kg > 0`;

/** A row of LOT_COLUMNS. */
interface OpenLotRow {
  id: string;
  lng: number;
  lat: number;
  remaining_kg: number;
  product_code: string;
  certifications: string[] | null;
  harvest_from: string;
  harvest_to: string;
  province_code: string | null;
  cooperative_id: string;
}

/**
 * The open supply lots held in memory, for the map's clusters and counts.
 *
 * Never stale: `fresh()` asks PostgreSQL, in one indexed query, which lots changed since the
 * snapshot this copy reflects (triggers on supply_lots write `supply_lot_changes` with the
 * writing transaction id, and `pg_visible_in_snapshot` tells which of them this copy has not
 * seen), then reloads just those rows. Every api process keeps its own copy and follows the
 * same log, so a lot posted through one process, an import or a test factory shows on the
 * next map request to any process. Concurrent callers share one check.
 */
@Injectable()
export class SupplyLotSnapshot implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SupplyLotSnapshot.name);
  private lots = new Map<string, OpenLot>();
  private snapshot: string | null = null;
  private syncedAt = 0;
  private changes = 0;
  private current?: Promise<void>;
  private next?: Promise<void>;
  private timer?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  /** Bumped whenever the copy changes: answers derived from it are keyed by it. */
  get version(): number {
    return this.changes;
  }

  get size(): number {
    return this.lots.size;
  }

  values(): IterableIterator<OpenLot> {
    return this.lots.values();
  }

  /** Resolves once the copy reflects every change committed before the call. */
  fresh(): Promise<void> {
    if (!this.current) return this.start();
    // The running check may have begun before a commit this caller has seen: wait for the next one.
    this.next ??= this.current
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return this.start();
      });
    return this.next;
  }

  onModuleInit(): void {
    this.timer = setInterval(
      () => void this.background().catch((e: unknown) => this.logger.warn(`supply lot change log: ${messageOf(e)}`)),
      BACKGROUND_MS,
    );
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async background(): Promise<void> {
    if (this.snapshot !== null) await this.fresh();
  }

  private start(): Promise<void> {
    // On the primary, whoever's request starts it: one copy serves every caller, writers included,
    // so it must hold every committed change (a replica's reads only fill in names around it).
    const run = readFromPrimary(() => this.sync()).finally(() => {
      if (this.current === run) this.current = undefined;
    });
    this.current = run;
    return run;
  }

  private async sync(): Promise<void> {
    if (this.snapshot === null || Date.now() - this.syncedAt > RELOAD_AFTER_MS) return this.reload();
    const checkedAt = Date.now();
    const [{ snap, ids }]: Array<{ snap: string; ids: string[] }> = await this.dataSource.query(
      `SELECT pg_current_snapshot()::text AS snap,
              ARRAY(SELECT DISTINCT c.lot_id::text FROM supply_lot_changes c
                     WHERE c.xid >= pg_snapshot_xmin($1::pg_snapshot)
                       AND NOT pg_visible_in_snapshot(c.xid, $1::pg_snapshot)
                     LIMIT ${MAX_INCREMENTAL + 1}) AS ids`,
      [this.snapshot],
    );
    if (ids.length > MAX_INCREMENTAL || ids.includes(EVERYTHING)) return this.reload();
    if (ids.length) {
      // Read after the check: at least as new as `snap`; a later change is read again next time.
      const rows: Array<OpenLotRow & { open: boolean }> = await this.dataSource.query(
        `SELECT ${LOT_COLUMNS}, (${IS_OPEN}) AS open FROM supply_lots l WHERE l.id = ANY($1::uuid[])`,
        [ids],
      );
      for (const id of ids) this.lots.delete(id);
      for (const r of rows) if (r.open) this.lots.set(r.id, toOpenLot(r));
      this.changes++;
    }
    this.snapshot = snap;
    this.syncedAt = checkedAt;
  }

  private async reload(): Promise<void> {
    const startedAt = Date.now();
    // Taken before reading: the rows read are at least this new, so no change after it is lost.
    const [{ snap }]: Array<{ snap: string }> = await this.dataSource.query(
      `SELECT pg_current_snapshot()::text AS snap`,
    );
    const lots = new Map<string, OpenLot>();
    let after = EVERYTHING;
    for (;;) {
      // Keyset chunks: short queries, and the event loop breathes between them.
      const rows: OpenLotRow[] = await this.dataSource.query(
        `SELECT ${LOT_COLUMNS} FROM supply_lots l WHERE ${IS_OPEN} AND l.id > $1::uuid ORDER BY l.id LIMIT ${LOAD_CHUNK}`,
        [after],
      );
      for (const r of rows) lots.set(r.id, toOpenLot(r));
      if (rows.length < LOAD_CHUNK) break;
      after = rows[rows.length - 1].id;
    }
    this.lots = lots;
    this.snapshot = snap;
    this.syncedAt = startedAt;
    this.changes++;
    this.logger.debug(`loaded ${lots.size} open lots in ${Date.now() - startedAt} ms`);
  }
}

function toOpenLot(r: OpenLotRow): OpenLot {
  return {
    id: r.id,
    lng: r.lng,
    lat: r.lat,
    remainingKg: r.remaining_kg,
    productCode: r.product_code,
    certifications: r.certifications ?? [],
    harvestFrom: r.harvest_from,
    harvestTo: r.harvest_to,
    provinceCode: r.province_code,
    cooperativeId: r.cooperative_id,
  };
}
