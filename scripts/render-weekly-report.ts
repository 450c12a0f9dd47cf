/**
 * The weekly report as an official would see it: loads the demo data set around a fixed
 * day into a fresh `_test` database on the server PostgreSQL, adds a week of deals, price
 * observations, harvest schedules and two agencies' reports, and writes the .docx and .xlsx the route serves
 * (same service, same builders) into OUT_DIR. scripts/render-weekly-report.sh turns them
 * into PDF and PNG pages with LibreOffice; nothing here needs LibreOffice, and CI never runs it.
 * Env: RENDER_DAY (default 2026-03-04, a Wednesday of 2026-W10), RENDER_OUT (default .data/render),
 * TEST_DATABASE_ADMIN_URL, REDIS_URL.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { AppConfig } from '@agrilink/config';
import {
  addDays,
  buildWeeklyReportDocx,
  buildWeeklyReportXlsx,
  documentSettings,
  isoWeekOf,
  ReportsService,
} from '@agrilink/core';
import { SeedingService } from '@agrilink/seed';
import { createTestDatabase } from '@agrilink/testing';

const DAY = process.env.RENDER_DAY ?? '2026-03-04';
const OUT = resolve(process.env.RENDER_OUT ?? '.data/render');

async function main() {
  const db = await createTestDatabase('agrilink_render');
  Object.assign(process.env, {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    QUEUE_PREFIX: `agrilink-render-${randomBytes(4).toString('hex')}`,
    SEED_DEMO: 'false',
    RUN_WORKER: 'false',
    JWT_SECRET: randomBytes(24).toString('base64url'),
    ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
    DEMO_PASSWORD: randomBytes(18).toString('base64url'),
  });
  // Loaded after the environment is set: the configuration is read when the container is built.
  const { AppModule } = await import('../apps/api/src/app.module');
  const { prepareDatabase } = await import('../apps/api/src/prepare-database');
  const app = await NestFactory.create(AppModule.forRoot(), { logger: ['error', 'warn'] });
  try {
    await prepareDatabase(app);
    await app.get(SeedingService).seedDemo(DAY);
    const ds = app.get(DataSource);
    await addWeekOfTrade(ds, DAY);
    await addAgencyReports(ds, DAY);
    const week = isoWeekOf(DAY).label;
    const report = await app.get(ReportsService).weekly(week, '91');
    const settings = documentSettings(app.get(AppConfig).officialReport, { issuedOn: addDays(isoWeekOf(DAY).end, 1) });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(resolve(OUT, `bao-cao-tuan-${week}.docx`), await buildWeeklyReportDocx(report, settings));
    writeFileSync(resolve(OUT, `bao-cao-tuan-${week}.xlsx`), await buildWeeklyReportXlsx(report, settings));
    writeFileSync(resolve(OUT, `bao-cao-tuan-${week}.json`), JSON.stringify(report, null, 2));
    console.log(`${OUT}/bao-cao-tuan-${week}.{docx,xlsx,json}`);
  } finally {
    await app.close();
    await db.drop();
  }
}

/** Deals on the demo lots, price observations for two weeks, and harvest schedules on some areas. */
async function addWeekOfTrade(ds: DataSource, day: string) {
  const week = isoWeekOf(day);
  const pairs: Array<{
    lot: string;
    request: string;
    coop: string;
    buyer: string;
    product: string;
    kg: string;
    price: number;
  }> = await ds.query(
    `SELECT DISTINCT ON (l.product_code) l.id AS lot, r.id AS request, l.cooperative_id AS coop, r.buyer_id AS buyer, l.product_code AS product,
            LEAST(l.remaining_kg, r.remaining_kg) / 3 AS kg, r.bid_vnd_per_kg AS price
       FROM supply_lots l JOIN purchase_requests r ON r.product_code = l.product_code AND r.status = 'open'
      WHERE l.status = 'open' AND l.province_code = '91' AND l.remaining_kg > 3000
      ORDER BY l.product_code, l.remaining_kg DESC
      LIMIT 6`,
  );
  for (const [i, p] of pairs.entries()) {
    const kg = Math.max(1000, Math.round(Number(p.kg) / 1000) * 1000);
    await ds.query(
      `INSERT INTO deals (supply_lot_id, purchase_request_id, cooperative_id, buyer_id, product_code, quantity_kg, price_vnd_per_kg, status, delivered_kg, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ($10::date + interval '9 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh')`,
      [
        p.lot,
        p.request,
        p.coop,
        p.buyer,
        p.product,
        kg,
        p.price,
        i % 2 ? 'delivered' : 'confirmed',
        i % 2 ? kg : null,
        addDays(week.start, i % 5),
      ],
    );
    await ds.query(`UPDATE supply_lots SET committed_kg = committed_kg + $2 WHERE id = $1`, [p.lot, kg]);
    await ds.query(`UPDATE purchase_requests SET committed_kg = committed_kg + $2 WHERE id = $1`, [p.request, kg]);
  }
  const prices: Array<[string, string, number[], number[]]> = [
    ['LUA_TUOI_CLC', 'Chợ lúa Tân Hiệp', [7000, 7100, 6950], [8500, 8600, 8450]],
    ['KHOM', 'Chợ đầu mối Rạch Giá', [9000, 9200], [9100, 9300, 9000]],
    ['PHAN_URE', 'Đại lý vật tư Giồng Riềng', [11500, 11600], [11700, 11800]],
  ];
  for (const [product, market, before, during] of prices) {
    for (const [j, price] of before.entries()) await observe(ds, product, market, addDays(week.start, -6 + j), price);
    for (const [j, price] of during.entries()) await observe(ds, product, market, addDays(week.start, j + 1), price);
  }
  // Two seasons on the largest rice areas: the forecast nobody has posted yet.
  const areas: Array<{ id: string }> = await ds.query(
    `SELECT id FROM production_areas WHERE province_code = '91' ORDER BY area_ha DESC LIMIT 4`,
  );
  for (const [i, a] of areas.entries()) {
    await ds.query(
      `INSERT INTO production_area_harvests (production_area_id, position, season, harvest_from, harvest_to, expected_yield_kg_per_ha)
       VALUES ($1, 100, 'Đông Xuân', $2, $3, $4)`,
      [a.id, addDays(week.start, 3 + i * 5), addDays(week.start, 16 + i * 5), 6500 - i * 300],
    );
  }
}

/** Three agencies owe the week's report; two have sent theirs (demo texts, for the render only). */
async function addAgencyReports(ds: DataSource, day: string) {
  const week = isoWeekOf(day);
  const agency = async (name: string, kind: string) =>
    (
      await ds.query<Array<{ id: string }>>(
        `INSERT INTO agencies (name, kind, created_at) VALUES ($1, $2, '2026-01-05') RETURNING id`,
        [name, kind],
      )
    )[0].id;
  const dept = await agency('Sở Nông nghiệp và Môi trường', 'department');
  const commune = await agency('UBND xã Tân Hiệp', 'commune');
  await agency('Sở Xây dựng', 'department');
  const report = (id: string, situation: string, difficulties: string, proposals: string, at: string) =>
    ds.query(
      `INSERT INTO agency_reports (agency_id, week, situation, difficulties, proposals, submitted_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, week.label, situation, difficulties, proposals, at],
    );
  await report(
    dept,
    'Lúa vụ Đông Xuân đã thu hoạch khoảng 62% diện tích; năng suất bình quân 6,8 tấn/ha, chất lượng lúa tốt.',
    'Mưa trái mùa cuối tuần làm chậm tiến độ thu hoạch tại các xã vùng trũng; một số máy gặt đập liên hợp hư hỏng chưa sửa kịp.',
    'Đề nghị các doanh nghiệp thu mua lúa tươi tại ruộng trong tuần tới để giảm áp lực sấy, tồn trữ.',
    `${addDays(week.start, 4)}T03:15:00Z`,
  );
  await report(
    commune,
    'Trên địa bàn xã đã thu hoạch 1.150 ha lúa; thương lái thu mua ổn định.',
    '',
    'Đề nghị hỗ trợ kết nối thêm đầu ra cho khoảng 300 tấn lúa dự kiến thu hoạch tuần tới.',
    `${addDays(week.start, 5)}T08:40:00Z`,
  );
}

async function observe(ds: DataSource, product: string, market: string, day: string, price: number) {
  await ds.query(
    `INSERT INTO price_observations (product_code, market_name, observed_on, price_vnd_per_kg, source, province_code) VALUES ($1, $2, $3, $4, 'Khảo sát của Sở Công Thương (demo)', '91')`,
    [product, market, day, price],
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
