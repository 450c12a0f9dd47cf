import 'reflect-metadata';
import { DataSource } from 'typeorm';
import {
  AdministrativeUnit,
  AdministrativeUnitsService,
  ENTITIES,
  PRODUCT_CATALOGUE,
  verifyPassword,
} from '@agrilink/core';
import { KIEN_GIANG_DISTRICTS, SeedingService } from '@agrilink/seed';
import { buildDataSourceOptions } from '@agrilink/database';
import { createTestDatabase, TestDatabase } from '@agrilink/testing';

const TODAY = '2025-11-20';
const TABLES = [
  'products',
  'administrative_units',
  'administrative_unit_mappings',
  'cooperatives',
  'buyers',
  'production_areas',
  'supply_lots',
  'purchase_requests',
  'contracts',
  'zones',
  'transport_operators',
  'harvest_resources',
  'inventory_reports',
  'users',
];

describe('SeedingService on PostgreSQL + PostGIS', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let sut: SeedingService;
  let credentials: Array<{ email: string; password: string }> = [];

  const count = async (sql: string, params: unknown[] = []) => Number((await ds.query(sql, params))[0].count);
  const counts = async () =>
    Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await count(`SELECT count(*) FROM ${t}`)])));

  beforeAll(async () => {
    db = await createTestDatabase('agrilink_seeding');
    ds = new DataSource(buildDataSourceOptions({ url: db.url, entities: ENTITIES, poolSize: 4 }));
    await ds.initialize();
    await ds.runMigrations();
    sut = new SeedingService(ds);
    await sut.ensureReferenceData();
    await sut.ensureAdmin('Admin@AgriLink.local', 'Admin@12345');
    credentials = (await sut.seedDemo(TODAY)).credentials ?? [];
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  describe('reference data', () => {
    it('loads every catalogue product (farm produce and agricultural inputs) with its price band', async () => {
      expect(await count('SELECT count(*) FROM products')).toBe(PRODUCT_CATALOGUE.length);
      expect(
        await count(
          'SELECT count(*) FROM products WHERE typical_price_min_vnd > 0 AND typical_price_max_vnd >= typical_price_min_vnd',
        ),
      ).toBe(PRODUCT_CATALOGUE.length);
    });

    it('loads both maps: 34 current provinces, 63 pre-2025 provinces with districts and communes', async () => {
      const byLevel = await ds.query(`SELECT era, level, count(*)::int AS n FROM administrative_units GROUP BY 1, 2`);
      const n = (era: string, level: string) => byLevel.find((r: any) => r.era === era && r.level === level)?.n ?? 0;
      expect(n('current', 'province')).toBe(34);
      expect(n('current', 'district')).toBe(0);
      expect(n('current', 'commune')).toBe(3321);
      expect(n('pre2025', 'province')).toBe(63);
      expect(n('pre2025', 'district')).toBeGreaterThan(690);
      expect(n('pre2025', 'commune')).toBeGreaterThan(10_000);
      expect(await count('SELECT count(*) FROM administrative_unit_mappings')).toBeGreaterThan(10_000);
    });

    it('keeps Kiên Giang (91) as pre-2025 province and An Giang as the current 91', async () => {
      const units = ds.getRepository(AdministrativeUnit);
      expect(await units.findOneBy({ id: 'pre2025:province:91' })).toMatchObject({ name: 'Tỉnh Kiên Giang' });
      expect(await units.findOneBy({ id: 'current:province:91' })).toMatchObject({ name: 'Tỉnh An Giang' });
    });

    it('maps every Kiên Giang pre-2025 district of districts.json to current An Giang communes', async () => {
      expect(KIEN_GIANG_DISTRICTS).toHaveLength(15);
      for (const d of KIEN_GIANG_DISTRICTS) {
        const rows: Array<{ province_code: string }> = await ds.query(
          `SELECT DISTINCT n.province_code FROM administrative_units c
             JOIN administrative_unit_mappings m ON m.pre2025_unit_id = c.id
             JOIN administrative_units n ON n.id = m.current_unit_id
            WHERE c.parent_id = $1`,
          [`pre2025:district:${d.code}`],
        );
        expect({ district: d.code, provinces: rows.map((r) => r.province_code) }).toEqual({
          district: d.code,
          provinces: ['91'],
        });
      }
    });
  });

  describe('demo data set', () => {
    it('holds the cooperatives, buyers and their dependants', async () => {
      const c = await counts();
      expect(c.cooperatives).toBe(40);
      expect(c.buyers).toBe(27);
      expect(c.production_areas).toBeGreaterThan(30);
      expect(c.supply_lots).toBeGreaterThan(50);
      expect(c.purchase_requests).toBeGreaterThan(50);
      expect(c.contracts).toBeGreaterThanOrEqual(3);
      expect(c.zones).toBeGreaterThanOrEqual(1);
      expect(c.transport_operators).toBeGreaterThanOrEqual(3);
      expect(c.harvest_resources).toBeGreaterThanOrEqual(3);
      expect(c.inventory_reports).toBeGreaterThanOrEqual(2);
    });

    it('has one user per role, bound to HTX-DEMO-001 and BUY-001, each with its own generated password', async () => {
      const users = await ds.query(
        `SELECT u.email, u.role, u.password_hash, c.external_ref AS coop, b.external_ref AS buyer
           FROM users u LEFT JOIN cooperatives c ON c.id = u.cooperative_id LEFT JOIN buyers b ON b.id = u.buyer_id
          ORDER BY u.role`,
      );
      expect(users.map((u: any) => [u.role, u.email, u.coop, u.buyer])).toEqual([
        ['admin', 'admin@agrilink.local', null, null],
        ['buyer', 'buyer@agrilink.local', null, 'BUY-001'],
        ['cooperative', 'htx@agrilink.local', 'HTX-DEMO-001', null],
        ['staff', 'staff@agrilink.local', null, null],
      ]);
      const hashOf = (email: string) => users.find((u: any) => u.email === email).password_hash;
      expect(credentials.map((c) => c.email).sort()).toEqual([
        'buyer@agrilink.local',
        'htx@agrilink.local',
        'staff@agrilink.local',
      ]);
      expect(new Set(credentials.map((c) => c.password)).size).toBe(3);
      for (const c of credentials) expect(await verifyPassword(hashOf(c.email), c.password)).toBe(true);
      expect(await verifyPassword(hashOf('htx@agrilink.local'), 'Htx@12345')).toBe(false);
      expect(await verifyPassword(hashOf('admin@agrilink.local'), 'Admin@12345')).toBe(true);
    });

    it('places cooperatives in current An Giang communes and buyers in current provinces', async () => {
      expect(
        await count(
          `SELECT count(*) FROM cooperatives WHERE province_code = '91' AND administrative_unit_id LIKE 'current:commune:%'`,
        ),
      ).toBe(40);
      const provinces = (await ds.query(`SELECT DISTINCT province_code FROM buyers ORDER BY 1`)).map(
        (r: any) => r.province_code,
      );
      expect(provinces).toEqual(expect.arrayContaining(['01', '79', '91', '92']));
    });

    it('spreads harvest windows around today: harvesting now, coming weeks, and a past backlog', async () => {
      expect(
        await count(`SELECT count(*) FROM supply_lots WHERE harvest_from <= $1 AND harvest_to >= $1`, [TODAY]),
      ).toBeGreaterThan(5);
      expect(await count(`SELECT count(*) FROM supply_lots WHERE harvest_from > $1`, [TODAY])).toBeGreaterThan(5);
      expect(await count(`SELECT count(*) FROM supply_lots WHERE harvest_to < $1`, [TODAY])).toBeGreaterThan(0);
    });

    it('asks and bids inside each product price band', async () => {
      expect(
        await count(`SELECT count(*) FROM supply_lots l JOIN products p ON p.code = l.product_code
                      WHERE l.ask_vnd_per_kg NOT BETWEEN p.typical_price_min_vnd AND p.typical_price_max_vnd`),
      ).toBe(0);
      expect(
        await count(`SELECT count(*) FROM purchase_requests r JOIN products p ON p.code = r.product_code
                      WHERE r.bid_vnd_per_kg NOT BETWEEN p.typical_price_min_vnd AND p.typical_price_max_vnd`),
      ).toBe(0);
    });

    it('draws valid production-area polygons of about the stated hectares', async () => {
      expect(await count(`SELECT count(*) FROM production_areas WHERE NOT ST_IsValid(boundary)`)).toBe(0);
      expect(
        await count(
          `SELECT count(*) FROM production_areas WHERE abs(ST_Area(boundary::geography) / 10000 - area_ha) > 0.05 * area_ha`,
        ),
      ).toBe(0);
    });

    it('has an unrestricted zone and one restricted zone active today', async () => {
      const zones = await ds.query(
        `SELECT code, restricted, active_from <= $1 AND active_to >= $1 AS active FROM zones ORDER BY code`,
        [TODAY],
      );
      expect(zones.some((z: any) => !z.restricted)).toBe(true);
      expect(zones.some((z: any) => z.restricted && z.active)).toBe(true);
    });
  });

  describe('run again', () => {
    it('changes nothing', async () => {
      const before = await counts();
      const lotsBefore = await ds.query(
        `SELECT external_ref, quantity_kg, harvest_from, updated_at FROM supply_lots ORDER BY external_ref`,
      );
      await sut.ensureReferenceData();
      await sut.ensureAdmin('admin@agrilink.local', 'another-password');
      expect(await sut.seedDemo('2026-03-01')).toEqual({ seeded: false });
      expect(await counts()).toEqual(before);
      expect(
        await ds.query(
          `SELECT external_ref, quantity_kg, harvest_from, updated_at FROM supply_lots ORDER BY external_ref`,
        ),
      ).toEqual(lotsBefore);
      const [admin] = await ds.query(`SELECT password_hash FROM users WHERE email = 'admin@agrilink.local'`);
      expect(await verifyPassword(admin.password_hash, 'Admin@12345')).toBe(true);
    });
  });

  describe('AdministrativeUnitsService', () => {
    let units: AdministrativeUnitsService;
    beforeAll(() => {
      units = new AdministrativeUnitsService(ds.getRepository(AdministrativeUnit));
    });

    it('finds "Rạch Giá" without diacritics, in the current era by default', async () => {
      const page = await units.list({ q: 'rach gia' });
      expect(page.items.map((u) => u.name)).toContain('Phường Rạch Giá');
      expect(page.items.every((u) => u.era === 'current')).toBe(true);
    });

    it('lists the 15 pre-2025 districts of Kiên Giang by parent', async () => {
      const page = await units.list({ era: 'pre2025', parentId: 'pre2025:province:91', limit: 100 });
      expect(page.total).toBe(15);
      expect(page.items.map((u) => u.code).sort()).toEqual(KIEN_GIANG_DISTRICTS.map((d) => d.code).sort());
    });

    it('pages with a total', async () => {
      const page = await units.list({ level: 'province', limit: 10, offset: 30 });
      expect(page).toMatchObject({ total: 34, limit: 10, offset: 30 });
      expect(page.items).toHaveLength(4);
    });

    it('follows a district to its successors and a commune back to its predecessors', async () => {
      const successors = await units.successors('pre2025:district:899');
      expect(successors.map((u) => u.name).sort()).toEqual(['Phường Rạch Giá', 'Phường Vĩnh Thông']);
      const predecessors = await units.predecessors(successors.find((u) => u.name === 'Phường Rạch Giá')!.id);
      expect(predecessors.length).toBeGreaterThan(5);
      expect(predecessors.every((u) => u.era === 'pre2025' && u.provinceCode === '91')).toBe(true);
    });

    it('links provinces across the reform: Kiên Giang → An Giang', async () => {
      expect((await units.successors('pre2025:province:91')).map((u) => u.id)).toEqual(['current:province:91']);
      expect((await units.predecessors('current:province:91')).map((u) => u.id).sort()).toEqual([
        'pre2025:province:89',
        'pre2025:province:91',
      ]);
    });

    it('rejects an unknown id and a wrong era with stable codes', async () => {
      await expect(units.get('current:commune:00000')).rejects.toMatchObject({ code: 'ADMINISTRATIVE_UNIT.NOT_FOUND' });
      await expect(units.successors('current:province:91')).rejects.toMatchObject({
        code: 'ADMINISTRATIVE_UNIT.WRONG_ERA',
      });
    });
  });
});
