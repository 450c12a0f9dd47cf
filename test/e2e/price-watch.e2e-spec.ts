import ExcelJS from 'exceljs';
import { INestApplicationContext } from '@nestjs/common';
import { startWorker } from '../../apps/worker/src/main';
import { createTestApp, TestApp } from '../support/test-app';

// 2026-W09 is 23 Feb – 1 Mar, 2026-W10 is 2 – 8 March. LUA_TUOI_CLC's band in the catalogue: 5,200–9,600 đ/kg.
describe('price watch that can be fed (e2e)', () => {
  let t: TestApp;
  let staff: string;
  const bearer = () => ({ Authorization: `Bearer ${staff}` });
  const observe = (body: Record<string, unknown>) =>
    t
      .http()
      .post('/api/price-observations')
      .set(bearer())
      .send({
        product: 'LUA_TUOI_CLC',
        marketName: 'Chợ lúa Rạch Giá',
        source: 'Phòng Kinh tế',
        provinceCode: '91',
        ...body,
      });
  const flaggedNotices = async () =>
    ((await t.http().get('/api/notifications?limit=100').set(bearer()).expect(200)).body.items as any[]).filter(
      (n) => n.kind === 'price_watch.flagged',
    );

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.tokenFor('staff');
  }, 60_000);
  afterAll(() => t?.close());

  it('notifies staff once when a week moves more than the threshold', async () => {
    await observe({ observedOn: '2026-02-24', priceVndPerKg: 7000 }).expect(201);
    await observe({ observedOn: '2026-02-26', priceVndPerKg: 7000 }).expect(201);
    expect(await flaggedNotices()).toHaveLength(0);
    await observe({ observedOn: '2026-03-03', priceVndPerKg: 8500 }).expect(201);
    await observe({ observedOn: '2026-03-05', priceVndPerKg: 8600 }).expect(201);
    const notices = await flaggedNotices();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({
      data: { product: 'LUA_TUOI_CLC', week: '2026-W10', changePercent: 21.4, priceVndPerKg: 8500 },
    });
    expect(notices[0].title).toContain('tăng');
  });

  it('refuses a 7 đ/kg rice observation (422) and takes it with confirmOutlier, while the median keeps the weekly figure', async () => {
    const refused = await observe({ observedOn: '2026-03-06', priceVndPerKg: 7 }).expect(422);
    expect(refused.body).toMatchObject({
      code: 'PRICE_OBSERVATION.OUTLIER',
      details: [{ field: 'priceVndPerKg', band: { min: 5200, max: 9600 } }],
    });
    expect(refused.body.message).toMatch(/confirmOutlier/);
    const kept = await observe({ observedOn: '2026-03-06', priceVndPerKg: 7, confirmOutlier: true }).expect(201);
    expect(kept.body).toMatchObject({ priceVndPerKg: 7, outsideBand: true });

    const watch = (
      await t
        .http()
        .get('/api/reports/price-watch?product=LUA_TUOI_CLC&weeks=1&to=2026-03-04')
        .set(bearer())
        .expect(200)
    ).body;
    const w10 = watch.items.find((i: any) => i.week === '2026-W10');
    // The mean would read a −18.5 % drop; the median still shows the +21.4 % spike.
    expect(w10).toMatchObject({ priceVndPerKg: 8500, previousPriceVndPerKg: 7000, observations: 3, flagged: true });
    expect(w10.avgPriceVndPerKg).toBe(Math.round((8500 + 8600 + 7) / 3));
    expect(w10.changePercent).toBe(21.4);
    expect(await flaggedNotices()).toHaveLength(1);
    // A correction far off is refused the same way.
    await t
      .http()
      .patch(`/api/price-observations/${kept.body.id}`)
      .set(bearer())
      .send({ priceVndPerKg: 70_000 })
      .expect(422);
  });

  it('puts the price section in the weekly report, JSON and .xlsx', async () => {
    const r = (await t.http().get('/api/reports/weekly?week=2026-W10&province=91').set(bearer()).expect(200)).body;
    expect(r.prices.items).toEqual([
      expect.objectContaining({
        product: 'LUA_TUOI_CLC',
        priceVndPerKg: 8500,
        previousPriceVndPerKg: 7000,
        changePercent: 21.4,
        flagged: true,
      }),
    ]);
    const res = await t
      .http()
      .get('/api/reports/weekly?week=2026-W10&province=91&format=xlsx')
      .set(bearer())
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const sheet = wb.getWorksheet('Giá thị trường')!;
    expect(sheet).toBeDefined();
    const row = sheet.getRow(4);
    expect([row.getCell(2).value, row.getCell(4).value, row.getCell(5).value]).toEqual(['LUA_TUOI_CLC', 8500, 7000]);
  });

  it('accepts agricultural inputs with their own price bands', async () => {
    const inputs = (await t.http().get('/api/products?category=phan_bon&limit=50').expect(200)).body.items.map(
      (p: any) => p.code,
    );
    expect(inputs).toEqual(expect.arrayContaining(['PHAN_URE', 'PHAN_DAP']));
    for (const code of ['GIONG_LUA', 'THUC_AN_CA', 'THUOC_BVTV'])
      await t.http().get(`/api/products/${code}`).expect(200);
    const urea = await observe({
      product: 'PHAN_URE',
      marketName: 'Đại lý vật tư Tân Hiệp',
      observedOn: '2026-03-04',
      priceVndPerKg: 11_500,
    }).expect(201);
    expect(urea.body.product).toBe('PHAN_URE');
    // Urea at a rice price is fine, at 500 đ/kg it is not.
    await observe({ product: 'PHAN_URE', observedOn: '2026-03-04', priceVndPerKg: 500 }).expect(422);
  });
});

describe('price observations from the import template (e2e, real worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let staff: string;

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startWorker();
    staff = await t.tokenFor('staff');
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('serves the template, imports its rows with the same band rule, and writes a file uploaded twice once', async () => {
    const tpl = await t
      .http()
      .get('/api/imports/templates/price-observations')
      .set({ Authorization: `Bearer ${staff}` })
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.body);
    const headers = (wb.worksheets[0].getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers).toEqual(
      expect.arrayContaining([
        'Chợ / nơi quan sát*',
        'Mã sản phẩm*',
        'Giá (đồng/kg)*',
        'Ngày quan sát*',
        'Nguồn tin*',
        'Xác nhận giá bất thường',
      ]),
    );

    const csv = [
      'Chợ / nơi quan sát,Mã sản phẩm,Giá (đồng/kg),Ngày quan sát,Nguồn tin,Mã tỉnh,Xác nhận giá bất thường',
      'Chợ lúa Rạch Giá,LUA_TUOI_CLC,7.200,03/03/2026,Phòng Kinh tế,91,',
      'Đại lý vật tư Tân Hiệp,PHAN_URE,11.500,03/03/2026,Phòng Kinh tế,91,',
      'Chợ lúa Giồng Riềng,LUA_TUOI_CLC,7,04/03/2026,Phòng Kinh tế,91,',
      'Chợ lúa Gò Quao,LUA_TUOI_CLC,7,04/03/2026,Phòng Kinh tế,91,có',
    ].join('\r\n');
    const run = async () => {
      const up = await t
        .http()
        .post('/api/imports')
        .set({ Authorization: `Bearer ${staff}` })
        .field('kind', 'price-observations')
        .field('mode', 'partial')
        .attach('file', Buffer.from(csv, 'utf8'), 'gia.csv')
        .expect(202);
      for (let i = 0; i < 300; i++) {
        const res = await t
          .http()
          .get(`/api/imports/${up.body.id}`)
          .set({ Authorization: `Bearer ${staff}` })
          .expect(200);
        if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('import did not finish');
    };
    const first = await run();
    expect(first).toMatchObject({ status: 'completed', validRows: 3, invalidRows: 1, writtenRows: 3 });
    const errors = (
      await t
        .http()
        .get(`/api/imports/${first.id}/errors`)
        .set({ Authorization: `Bearer ${staff}` })
        .expect(200)
    ).body.items;
    expect(errors).toEqual([
      expect.objectContaining({
        row: 4,
        column: 'Giá (đồng/kg)',
        message: expect.stringContaining('xa ngoài khoảng giá'),
      }),
    ]);
    const rows = await t.dataSource.query(
      `SELECT product_code, price_vnd_per_kg, outside_band FROM price_observations ORDER BY price_vnd_per_kg`,
    );
    expect(rows).toEqual([
      { product_code: 'LUA_TUOI_CLC', price_vnd_per_kg: 7, outside_band: true },
      { product_code: 'LUA_TUOI_CLC', price_vnd_per_kg: 7200, outside_band: false },
      { product_code: 'PHAN_URE', price_vnd_per_kg: 11_500, outside_band: false },
    ]);
    const again = await run();
    expect(again).toMatchObject({ status: 'completed', writtenRows: 0 });
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM price_observations`))[0].n).toBe(3);
  });
});

function binary(res: any, cb: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}
