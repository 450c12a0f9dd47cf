import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import {
  Buyer,
  checked,
  Contract,
  Cooperative,
  ensureReferenceData,
  foldVietnamese,
  hashPassword,
  HarvestResource,
  InventoryReport,
  isDateOnly,
  normalizeBuyer,
  normalizeCooperative,
  normalizeProductionArea,
  normalizePurchaseRequest,
  normalizeSupplyLot,
  ProductionArea,
  provinceKey,
  PurchaseRequest,
  ReferenceDataReport,
  SupplyLot,
  TransportOperator,
  User,
  Zone,
} from '@agrilink/core';
import { DemoDataSet, DemoGeography, buildDemoDataSet } from './demo-data-set';

export interface DemoCredential {
  email: string;
  role: string;
  password: string;
}

// Serialises demo seeding when the api and the worker start together.
const DEMO_LOCK_KEY = 7_308_000_1;

/**
 * Start-up data: the reference catalogue and both administrative maps (every
 * database), the configured admin (created once, never overwritten), and the
 * demo data set (only into a database without cooperatives).
 */
@Injectable()
export class SeedingService {
  private readonly log = new Logger('Seeding');

  constructor(private readonly dataSource: DataSource) {}

  async ensureReferenceData(): Promise<void> {
    const r: ReferenceDataReport = await ensureReferenceData(this.dataSource);
    const loaded = [
      r.products.loaded && `${r.products.rows} products`,
      r.administrativeUnits.loaded && `${r.administrativeUnits.rows} administrative units`,
      r.administrativeUnitMappings.loaded &&
        `${r.administrativeUnitMappings.rows} old→new commune links (${r.administrativeUnitMappings.unresolvedSourceRows} source rows unresolved)`,
      r.storedUnits.seats && `${r.storedUnits.seats} commune seats`,
      (r.storedUnits.translatedUnits || r.storedUnits.translatedProvinceCodes) &&
        `${r.storedUnits.translatedUnits} stored pre-2025 units and ${r.storedUnits.translatedProvinceCodes} province codes moved to the current map`,
    ].filter(Boolean);
    if (r.storedUnits.untranslatedSplitUnits) {
      this.log.warn(
        `${r.storedUnits.untranslatedSplitUnits} stored pre-2025 units were split in 2025 and need a person to choose their current unit`,
      );
    }
    this.log.log(
      loaded.length
        ? `Reference data loaded: ${loaded.join(', ')} in ${r.ms} ms`
        : `Reference data up to date (${r.ms} ms)`,
    );
  }

  /**
   * Creates the admin when the e-mail is unknown; an existing account (and its password) is left
   * alone. `password` is asked for only when the account is created. A TOTP secret, when given,
   * is the admin's second factor unless the admin already has one.
   */
  async ensureAdmin(
    email: string,
    password: string | (() => string),
    totpSecret?: string,
  ): Promise<{ created: boolean }> {
    const normalised = email.trim().toLowerCase();
    const [exists] = await this.dataSource.query<Array<{ id: string }>>('SELECT id FROM users WHERE email = $1', [
      normalised,
    ]);
    const totp = totpSecret
      ? { totpSecret: totpSecret.toUpperCase().replace(/=+$/, ''), totpEnabledAt: new Date() }
      : {};
    if (exists) {
      if (totpSecret) {
        await this.dataSource.query(
          `UPDATE users SET totp_secret = $2, totp_enabled_at = now() WHERE id = $1 AND totp_enabled_at IS NULL`,
          [exists.id, totp.totpSecret],
        );
      }
      return { created: false };
    }
    const passwordHash = await hashPassword(typeof password === 'function' ? password() : password);
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(User)
      .values({
        email: normalised,
        passwordHash,
        role: 'admin',
        displayName: 'Quản trị hệ thống',
        cooperativeId: null,
        buyerId: null,
        ...totp,
      })
      .orIgnore()
      .execute();
    const created = Array.isArray(result.raw) && result.raw.length > 0;
    if (created) this.log.log(`Admin ${normalised} created`);
    return { created };
  }

  /**
   * The demo set, placed around `today` (YYYY-MM-DD); skipped when any cooperative exists.
   * Demo users get `password` when given, else each a generated one, returned once to show.
   */
  async seedDemo(
    today: string,
    opts: { password?: string } = {},
  ): Promise<{ seeded: boolean; credentials?: DemoCredential[] }> {
    if (!isDateOnly(today)) throw new Error(`seedDemo: today must be a date YYYY-MM-DD, got "${today}"`);
    if (await this.hasCooperatives(this.dataSource.manager)) return { seeded: false };
    await this.ensureReferenceData();
    const started = Date.now();
    const data = buildDemoDataSet(today, await this.geography());
    const credentials: DemoCredential[] = data.users.map((u) => ({
      email: u.email.toLowerCase(),
      role: u.role,
      password: opts.password ?? `${randomBytes(9).toString('base64url')}-Aa1`,
    }));
    // Hash outside the transaction: argon2 is deliberately slow.
    const hashes = new Map(
      await Promise.all(credentials.map(async (c) => [c.email, await hashPassword(c.password)] as const)),
    );
    const seeded = await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [DEMO_LOCK_KEY]);
      if (await this.hasCooperatives(em)) return false;
      await this.insertDemo(em, data, hashes);
      return true;
    });
    if (!seeded) return { seeded: false };
    this.log.log(
      `Demo data set seeded for ${today} in ${Date.now() - started} ms: ${data.cooperatives.length} cooperatives, ` +
        `${data.buyers.length} buyers, ${data.supplyLots.length} supply lots, ${data.purchaseRequests.length} purchase requests`,
    );
    return { seeded: true, credentials };
  }

  private async hasCooperatives(em: EntityManager): Promise<boolean> {
    const [row] = await em.query<Array<{ present: boolean | string }>>(
      'SELECT EXISTS (SELECT 1 FROM cooperatives) AS present',
    );
    return row.present === true || row.present === 't';
  }

  /** Name lookups over the current map, for cooperatives' communes and buyers' provinces. */
  private async geography(): Promise<DemoGeography> {
    const rows = await this.dataSource.query<
      Array<{ id: string; level: string; code: string; name: string; province_code: string | null }>
    >(`SELECT id, level, code, name, province_code FROM administrative_units WHERE era = 'current'`);
    const provinces = new Map<string, string>();
    const communes = new Map<string, string>();
    for (const r of rows) {
      if (r.level === 'province') provinces.set(provinceKey(r.name), r.code);
      else communes.set(`${r.province_code}|${foldVietnamese(r.name)}`, r.id);
    }
    return {
      provinceCodeOf: (name) => provinces.get(provinceKey(name)) ?? null,
      communeIdOf: (provinceCode, name) => communes.get(`${provinceCode}|${foldVietnamese(name)}`) ?? null,
    };
  }

  private async insertDemo(em: EntityManager, d: DemoDataSet, hashes: Map<string, string>): Promise<void> {
    // Idempotent by natural key: a row already there (externalRef, code, email) is kept as it is.
    const insert = async <T>(entity: new () => T, rows: Array<Partial<T>>) => {
      if (rows.length) await em.createQueryBuilder().insert().into(entity).values(rows).orIgnore().execute();
    };

    // Through each resource's rules, as the API and the import are: demo data the rules refuse stops the seed.
    await insert(
      Cooperative,
      d.cooperatives.map(({ externalRef, ...c }) => ({
        ...c,
        ...checked((check) =>
          normalizeCooperative(
            { kind: c.kind, name: c.name, address: c.address, provinceCode: c.provinceCode, members: c.members },
            check,
          ),
        ),
        externalRef,
        taxCode: null,
      })),
    );
    await insert(
      Buyer,
      d.buyers.map(({ externalRef, ...b }) => ({
        ...b,
        ...checked((check) =>
          normalizeBuyer({ type: b.type, name: b.name, address: b.address, provinceCode: b.provinceCode }, check),
        ),
        externalRef,
        taxCode: null,
      })),
    );
    const coopIds = await this.idsByRef(
      em,
      'cooperatives',
      d.cooperatives.map((c) => c.externalRef),
    );
    const buyerIds = await this.idsByRef(
      em,
      'buyers',
      d.buyers.map((b) => b.externalRef),
    );
    const coop = (ref: string) => required(coopIds, ref, 'cooperative');
    const buyer = (ref: string) => required(buyerIds, ref, 'buyer');

    await insert(
      ProductionArea,
      d.productionAreas.map(({ cooperativeRef, ...a }) => ({
        ...a,
        ...checked((check) =>
          normalizeProductionArea({ name: a.name, areaHa: a.areaHa, certifications: a.certifications }, check),
        ),
        cooperativeId: coop(cooperativeRef),
        growingAreaCode: null,
      })),
    );
    const areaIds = await this.idsByRef(
      em,
      'production_areas',
      d.productionAreas.map((a) => a.externalRef),
    );

    await insert(
      SupplyLot,
      d.supplyLots.map(({ cooperativeRef, productionAreaRef, phase: _phase, ...l }) => ({
        ...l,
        ...checked((check) =>
          normalizeSupplyLot(
            { harvestFrom: l.harvestFrom, harvestTo: l.harvestTo, certifications: l.certifications },
            check,
          ),
        ),
        cooperativeId: coop(cooperativeRef),
        productionAreaId: productionAreaRef ? (areaIds.get(productionAreaRef) ?? null) : null,
        status: 'open' as const,
        zone: null,
      })),
    );
    await insert(
      PurchaseRequest,
      d.purchaseRequests.map(({ buyerRef, ...r }) => ({
        ...r,
        ...checked((check) =>
          normalizePurchaseRequest(
            { deliverFrom: r.deliverFrom, deliverTo: r.deliverTo, requiredCertifications: r.requiredCertifications },
            check,
          ),
        ),
        buyerId: buyer(buyerRef),
        status: 'open' as const,
        zone: null,
      })),
    );
    await insert(
      Contract,
      d.contracts.map(({ cooperativeRef, buyerRef, ...c }) => ({
        ...c,
        cooperativeId: coop(cooperativeRef),
        buyerId: buyer(buyerRef),
      })),
    );
    await insert(Zone, d.zones);
    await insert(TransportOperator, d.transportOperators);
    await insert(
      HarvestResource,
      d.harvestResources.map(({ cooperativeRef, ...h }) => ({ ...h, cooperativeId: coop(cooperativeRef) })),
    );
    await insert(
      InventoryReport,
      d.inventoryReports.map(({ buyerRef, ...r }) => ({ ...r, buyerId: buyer(buyerRef) })),
    );
    await insert(
      User,
      d.users.map((u) => ({
        email: u.email.toLowerCase(),
        passwordHash: required(hashes, u.email.toLowerCase(), 'password hash'),
        role: u.role,
        displayName: u.displayName,
        cooperativeId: u.cooperativeRef ? coop(u.cooperativeRef) : null,
        buyerId: u.buyerRef ? buyer(u.buyerRef) : null,
      })),
    );
  }

  private async idsByRef(em: EntityManager, table: string, refs: string[]): Promise<Map<string, string>> {
    const rows = await em.query<Array<{ id: string; external_ref: string }>>(
      `SELECT id, external_ref FROM ${table} WHERE external_ref = ANY($1::varchar[])`,
      [refs],
    );
    return new Map(rows.map((r) => [r.external_ref, r.id]));
  }
}

function required(map: Map<string, string>, key: string, what: string): string {
  const v = map.get(key);
  if (!v) throw new Error(`demo data: ${what} ${key} missing`);
  return v;
}
