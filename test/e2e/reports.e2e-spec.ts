import ExcelJS from 'exceljs';
import { SupplyLot, WEEKLY_XLSX_COLUMNS, WEEKLY_XLSX_HEADER_ROW } from '@agrilink/core';
import { ensureProduct, makeBuyer, makeCooperative, makePurchaseRequest, makeSupplyLot } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

// 2026-W10 is Monday 2 March to Sunday 8 March 2026.
const WEEK = { label: '2026-W10', start: '2026-03-02', end: '2026-03-08' };
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86400_000;
const overlapDays = (from: string, to: string, ws: string, we: string) =>
  Math.max(0, Math.min(day(to), day(we)) - Math.max(day(from), day(ws)) + 1);
const addDays = (iso: string, n: number) => new Date((day(iso) + n) * 86400_000).toISOString().slice(0, 10);

describe('Reports (e2e)', () => {
  let t: TestApp;
  let staff: string;
  const lots: SupplyLot[] = [];
  let communeA: string | null = null;
  let deals: Array<{ qty: number; price: number; coop: string; buyer: string }> = [];
  let inventoryKg = 0;

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.tokenFor('staff');
    const ds = t.dataSource;
    await ensureProduct(ds, { code: 'LUA_ST' });
    await ensureProduct(ds, { code: 'XOAI_CAT' });
    const unit = await ds.query(
      `SELECT id FROM administrative_units WHERE era = 'current' AND level = 'commune' ORDER BY id LIMIT 1`,
    );
    communeA = unit[0]?.id ?? null;
    const coops = [
      await makeCooperative(ds, { provinceCode: '91', administrativeUnitId: communeA }),
      await makeCooperative(ds, { provinceCode: '91' }),
      await makeCooperative(ds, { provinceCode: '91' }),
    ];
    const other = await makeCooperative(ds, { provinceCode: '79' });
    // A spread of windows: inside, straddling, long, next weeks, past (backlog), withdrawn, other province.
    const specs: Array<[number, string, string, string, number, number, 'open' | 'withdrawn']> = [
      [0, 'LUA_ST', '2026-03-03', '2026-03-05', 30_000, 7000, 'open'],
      [0, 'LUA_ST', '2026-02-25', '2026-03-04', 80_001, 7200, 'open'],
      [1, 'LUA_ST', '2026-03-01', '2026-04-15', 460_000, 6800, 'open'],
      [1, 'XOAI_CAT', '2026-03-07', '2026-03-20', 14_003, 25_000, 'open'],
      [2, 'XOAI_CAT', '2026-03-16', '2026-03-29', 50_000, 24_000, 'open'],
      [2, 'LUA_ST', '2026-02-01', '2026-02-20', 90_000, 6500, 'open'],
      [2, 'LUA_ST', '2026-03-02', '2026-03-08', 11_111, 6900, 'withdrawn'],
    ];
    // A lot counts where it lies: the first cooperative's lots lie far from any known commune seat, so they
    // count at its commune (communeA); the others lie at the factory's point, next to Xã Giồng Riềng's seat.
    const farFromSeats = { type: 'Point', coordinates: [105.85, 21.03] } as any;
    for (const [c, product, from, to, qty, ask, status] of specs) {
      lots.push(
        await makeSupplyLot(ds, {
          cooperativeId: coops[c].id,
          productCode: product,
          harvestFrom: from,
          harvestTo: to,
          quantityKg: qty,
          askVndPerKg: ask,
          status,
          provinceCode: '91',
          ...(c === 0 ? { location: farFromSeats } : {}),
        }),
      );
    }
    await makeSupplyLot(ds, {
      cooperativeId: other.id,
      harvestFrom: '2026-03-02',
      harvestTo: '2026-03-08',
      quantityKg: 999_999,
      provinceCode: '79',
    });

    const buyer = await makeBuyer(ds, { provinceCode: '91' });
    const request = await makePurchaseRequest(ds, {
      buyerId: buyer.id,
      productCode: 'LUA_ST',
      deliverFrom: '2026-03-01',
      deliverTo: '2026-03-31',
      quantityKg: 1_000_000,
      provinceCode: '91',
    });
    // Two deals in the week on lot 5 (backlog lot), one cancelled, one the week before.
    const dealRows: Array<[number, number, string, string]> = [
      [20_000, 6600, 'confirmed', '2026-03-03T02:00:00Z'],
      [10_000, 6900, 'delivered', '2026-03-08T16:00:00Z'], // Sunday 23:00 in Việt Nam
      [5_000, 9999, 'cancelled', '2026-03-04T02:00:00Z'],
      [7_000, 6000, 'confirmed', '2026-02-27T02:00:00Z'],
    ];
    for (const [qty, price, status, at] of dealRows) {
      await ds.query(
        `INSERT INTO deals (supply_lot_id, purchase_request_id, cooperative_id, buyer_id, product_code, quantity_kg, price_vnd_per_kg, status, created_at)
         VALUES ($1, $2, $3, $4, 'LUA_ST', $5, $6, $7, $8)`,
        [lots[5].id, request.id, coops[2].id, buyer.id, qty, price, status, at],
      );
    }
    await ds.query(`UPDATE supply_lots SET committed_kg = 37000 WHERE id = $1`, [lots[5].id]);
    deals = [
      { qty: 20_000, price: 6600, coop: coops[2].id, buyer: buyer.id },
      { qty: 10_000, price: 6900, coop: coops[2].id, buyer: buyer.id },
    ];
    // Latest report up to Sunday counts; the one after the week does not.
    for (const [d, qty] of [
      ['2026-02-20', 100_000],
      ['2026-03-06', 120_500],
      ['2026-03-10', 1],
    ] as const) {
      await ds.query(
        `INSERT INTO inventory_reports (buyer_id, product_code, quantity_kg, reported_at) VALUES ($1, 'LUA_ST', $2, $3)`,
        [buyer.id, qty, d],
      );
    }
    inventoryKg = 120_500;
    for (const [d, price] of [
      ['2026-02-24', 7000],
      ['2026-02-26', 7000],
      ['2026-03-03', 7800],
      ['2026-03-05', 8200],
    ] as const) {
      await ds.query(
        `INSERT INTO price_observations (product_code, market_name, observed_on, price_vnd_per_kg, source, province_code) VALUES ('LUA_ST', 'Chợ Long Xuyên', $1, $2, 'test', '91')`,
        [d, price],
      );
    }
  }, 60_000);

  afterAll(async () => t?.close());

  /** The figures, computed here from the rows inserted above, independently of the service's SQL. */
  function expected(ws: string, we: string) {
    const live = lots.filter((l) => l.status !== 'withdrawn');
    const groups = new Map<string, number>();
    for (const l of live) {
      const k = `${l.cooperativeId === lots[0].cooperativeId ? communeA : null}|${l.productCode}`;
      groups.set(
        k,
        (groups.get(k) ?? 0) +
          (l.quantityKg * overlapDays(l.harvestFrom, l.harvestTo, ws, we)) /
            (day(l.harvestTo) - day(l.harvestFrom) + 1),
      );
    }
    // Rows of the report are per commune and product; each row is rounded, the total adds the rows.
    const harvestedKg = [...groups.values()].reduce((s, v) => s + Math.round(v), 0);
    const overlapping = live.filter((l) => overlapDays(l.harvestFrom, l.harvestTo, ws, we) > 0);
    const askKg = overlapping.reduce((s, l) => s + l.quantityKg, 0);
    const avgAsk = Math.round(overlapping.reduce((s, l) => s + l.askVndPerKg * l.quantityKg, 0) / askKg);
    return { harvestedKg, avgAsk, coops: new Set(overlapping.map((l) => l.cooperativeId)) };
  }

  it('answers the weekly totals equal to sums computed from the inserted rows', async () => {
    const res = await t
      .http()
      .get(`/api/reports/weekly?week=${WEEK.label}&province=91`)
      .set('Authorization', `Bearer ${staff}`)
      .expect(200);
    const r = res.body;
    expect(r).toMatchObject({ week: WEEK.label, period: { from: WEEK.start, to: WEEK.end }, province: '91' });
    const e = expected(WEEK.start, WEEK.end);
    expect(r.totals.harvestedKg).toBe(e.harvestedKg);
    expect(r.totals.harvestedKg).toBe(r.rows.reduce((s: number, x: any) => s + x.harvestedKg, 0));
    for (let i = 1; i <= 4; i++) {
      const ws = addDays(WEEK.start, 7 * i);
      expect(r.totals.expectedKg[i - 1]).toEqual({
        week: `2026-W${10 + i}`,
        kg: expected(ws, addDays(ws, 6)).harvestedKg,
      });
    }
    expect(r.totals.avgAskVndPerKg).toBe(e.avgAsk);
    const dealKg = deals.reduce((s, d) => s + d.qty, 0);
    expect(r.totals.connectedKg).toBe(dealKg);
    expect(r.totals.deliveredKg).toBe(10_000);
    expect(r.totals.avgDealVndPerKg).toBe(Math.round(deals.reduce((s, d) => s + d.qty * d.price, 0) / dealKg));
    // Backlog: open lots whose window ended by Sunday with kg left: lot 1 (ended 4 March) and lot 5 less its deals.
    expect(r.totals.backlogKg).toBe(lots[1].quantityKg + lots[0].quantityKg + (lots[5].quantityKg - 37_000));
    expect(r.totals.inventoryKg).toBe(inventoryKg);
    expect(r.totals.activeCooperatives).toBe(new Set([...e.coops, deals[0].coop]).size);
    expect(r.totals.activeBuyers).toBe(1);
    expect(r.rows.every((x: any) => x.provinceCode === '91')).toBe(true);
    // Week on week: the previous week's harvest computed the same way.
    const prev = expected('2026-02-23', '2026-03-01');
    expect(r.previousWeek.totals.harvestedKg).toBe(prev.harvestedKg);
    expect(r.change.harvestedKg).toMatchObject({
      previous: prev.harvestedKg,
      current: e.harvestedKg,
      delta: e.harvestedKg - prev.harvestedKg,
    });
    expect(r.previousWeek.totals.connectedKg).toBe(7_000);
  });

  it('downloads the same figures as an administrative .xlsx that parses back', async () => {
    const json = (
      await t
        .http()
        .get(`/api/reports/weekly?week=${WEEK.label}&province=91`)
        .set('Authorization', `Bearer ${staff}`)
        .expect(200)
    ).body;
    const res = await t
      .http()
      .get(`/api/reports/weekly?week=${WEEK.label}&province=91&format=xlsx`)
      .set('Authorization', `Bearer ${staff}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.worksheets[0];
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(c.text)));
    // The statistics are the annex of the report (issue 13).
    expect(texts.some((s) => s.startsWith('PHỤ LỤC') && s.includes('TUẦN 10 NĂM 2026'))).toBe(true);
    expect(texts.some((s) => s.includes('02/03/2026') && s.includes('08/03/2026'))).toBe(true);
    expect(texts.some((s) => s.includes('tấn') && s.includes('đồng/kg'))).toBe(true);
    expect(ws.getRow(WEEKLY_XLSX_HEADER_ROW).values).toEqual([undefined, ...WEEKLY_XLSX_COLUMNS]);
    const col = (h: string) => WEEKLY_XLSX_COLUMNS.indexOf(h as any) + 1;
    let total: ExcelJS.Row | undefined;
    const dataRows: ExcelJS.Row[] = [];
    ws.eachRow((row, n) => {
      if (n <= WEEKLY_XLSX_HEADER_ROW) return;
      if (row.getCell(2).value === 'TỔNG CỘNG') total = row;
      else if (!total && typeof row.getCell(1).value === 'number') dataRows.push(row);
    });
    expect(total).toBeDefined();
    expect(dataRows).toHaveLength(json.rows.length);
    const kg = (row: ExcelJS.Row, h: string) => Math.round(Number(row.getCell(col(h)).value) * 1000);
    expect(kg(total!, 'Sản lượng thu hoạch trong tuần (tấn)')).toBe(json.totals.harvestedKg);
    expect(kg(total!, 'Dự kiến tuần +1 (tấn)')).toBe(json.totals.expectedKg[0].kg);
    expect(kg(total!, 'Đã kết nối tiêu thụ (tấn)')).toBe(json.totals.connectedKg);
    expect(kg(total!, 'Tồn đọng chưa tiêu thụ (tấn)')).toBe(json.totals.backlogKg);
    expect(kg(total!, 'Tồn kho cơ sở chế biến (tấn)')).toBe(json.totals.inventoryKg);
    // No average price across different products (issue 13): the grand total leaves them out.
    expect(total!.getCell(col('Giá chào bán bình quân (đồng/kg)')).value).toBeNull();
    expect(total!.getCell(col('Giá giao dịch bình quân (đồng/kg)')).value).toBeNull();
    expect(total!.getCell(col('Số HTX hoạt động')).value).toBe(json.totals.activeCooperatives);
    expect(dataRows.reduce((s, r) => s + kg(r, 'Sản lượng thu hoạch trong tuần (tấn)'), 0)).toBe(
      json.totals.harvestedKg,
    );
  });

  it('rejects week 53 of a 52-week year with 400 naming week, and accepts it in a 53-week year', async () => {
    const res = await t
      .http()
      .get('/api/reports/weekly?week=2025-W53')
      .set('Authorization', `Bearer ${staff}`)
      .expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'week' })]);
    await t.http().get('/api/reports/weekly?week=2026-W53').set('Authorization', `Bearer ${staff}`).expect(200);
    const bad = await t
      .http()
      .get('/api/reports/weekly?week=2026-10')
      .set('Authorization', `Bearer ${staff}`)
      .expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'week' })]);
  });

  it('gives the harvest calendar by ISO week and product', async () => {
    const res = await t
      .http()
      .get(`/api/reports/harvest-calendar?from=2026-03-04&weeks=5&province=91`)
      .set('Authorization', `Bearer ${staff}`)
      .expect(200);
    expect(res.body.weeks.map((w: any) => w.week)).toEqual([
      '2026-W10',
      '2026-W11',
      '2026-W12',
      '2026-W13',
      '2026-W14',
    ]);
    const lua = res.body.series.find((s: any) => s.product === 'LUA_ST');
    expect(lua.kgByWeek).toHaveLength(5);
    const sumW10 = res.body.totalsByWeek[0].expectedKg;
    // Per product rows (no commune split) may round differently from the weekly report by at most a kg per row.
    expect(Math.abs(sumW10 - expected(WEEK.start, WEEK.end).harvestedKg)).toBeLessThanOrEqual(3);
  });

  it('flags a weekly price move above the threshold', async () => {
    const flagged = await t
      .http()
      .get('/api/reports/price-watch?product=LUA_ST&weeks=2&thresholdPercent=10&to=2026-03-04')
      .set('Authorization', `Bearer ${staff}`)
      .expect(200);
    const w10 = flagged.body.items.find((i: any) => i.week === '2026-W10');
    expect(w10).toMatchObject({
      product: 'LUA_ST',
      avgPriceVndPerKg: 8000,
      previousAvgPriceVndPerKg: 7000,
      changePercent: 14.3,
      flagged: true,
      observations: 2,
    });
    const calm = await t
      .http()
      .get('/api/reports/price-watch?product=LUA_ST&weeks=2&thresholdPercent=20&to=2026-03-04')
      .set('Authorization', `Bearer ${staff}`)
      .expect(200);
    expect(calm.body.items.find((i: any) => i.week === '2026-W10').flagged).toBe(false);
    await t
      .http()
      .get('/api/reports/price-watch?thresholdPercent=abc')
      .set('Authorization', `Bearer ${staff}`)
      .expect(400);
  });

  it('sums the unsold backlog by commune', async () => {
    const res = await t
      .http()
      .get('/api/reports/backlog-by-commune?province=91&date=2026-03-09')
      .set('Authorization', `Bearer ${staff}`)
      .expect(200);
    expect(res.body.totalBacklogKg).toBe(lots[0].quantityKg + lots[1].quantityKg + lots[5].quantityKg - 37_000);
    expect(res.body.items.find((i: any) => i.communeId === communeA)).toMatchObject({
      backlogKg: lots[0].quantityKg + lots[1].quantityKg,
    });
  });

  it('keeps price observations: staff write, signed-in users read with filters', async () => {
    const body = {
      product: 'lua_st',
      marketName: 'Chợ đầu mối Thủ Đức',
      observedOn: '2026-03-06',
      priceVndPerKg: 8100,
      source: 'Phòng Kinh tế',
      location: { lat: 10.86, lng: 106.75 },
    };
    const created = await t
      .http()
      .post('/api/price-observations')
      .set('Authorization', `Bearer ${staff}`)
      .send(body)
      .expect(201);
    expect(created.body).toMatchObject({
      product: 'LUA_ST',
      priceVndPerKg: 8100,
      location: { lat: 10.86, lng: 106.75 },
    });
    const coop = await t.tokenFor('cooperative', (await makeCooperative(t.dataSource)).id);
    await t.http().post('/api/price-observations').set('Authorization', `Bearer ${coop}`).send(body).expect(403);
    const list = await t
      .http()
      .get('/api/price-observations?product=LUA_ST&from=2026-03-05&to=2026-03-06')
      .set('Authorization', `Bearer ${coop}`)
      .expect(200);
    expect(list.body.items.map((i: any) => i.observedOn).sort()).toEqual(['2026-03-05', '2026-03-06']);
    await t
      .http()
      .post('/api/price-observations')
      .set('Authorization', `Bearer ${staff}`)
      .send({ ...body, priceVndPerKg: 12.5 })
      .expect(400);
    await t
      .http()
      .post('/api/price-observations')
      .set('Authorization', `Bearer ${staff}`)
      .send({ ...body, product: 'NOPE' })
      .expect(422);
  });
});

function binary(res: any, cb: (e: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}
