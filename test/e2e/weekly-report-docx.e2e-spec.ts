import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import {
  DOCX_DETAIL_TABLE_COLUMNS,
  DOCX_PRODUCT_TABLE_COLUMNS,
  inSentence,
  NO_AGENCY_REPORTS_TEXT,
  WEEKLY_AGENCY_XLSX_COLUMNS,
  WEEKLY_XLSX_COLUMNS,
  WEEKLY_XLSX_HEADER_ROW,
  WEEKLY_XLSX_SHEETS,
  weeklyForecastXlsxColumns,
} from '@agrilink/core';
import { ensureProduct, makeBuyer, makeCooperative, makePurchaseRequest, makeSupplyLot } from '@agrilink/testing';
import { createTestApp, TestApp } from '../support/test-app';

// Issue 13 item 4: the weekly report of the Sở Công Thương to the Sub-committee as a Decree 30
// document (.docx) with its annex (.docx tables and .xlsx), built from the JSON report.
// 2026-W10 is Monday 2 to Sunday 8 March 2026; 2026-W09 is 23 February to 1 March.
const WEEK = '2026-W10';
const square = (lng: number, lat: number, d = 0.02) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lng, lat],
      [lng + d, lat],
      [lng + d, lat + d],
      [lng, lat + d],
      [lng, lat],
    ],
  ],
});

describe('weekly report as a Decree 30 document (.docx) and its annex (.xlsx) (e2e)', () => {
  let t: TestApp;
  let staff: string;
  let json: any;
  let names: { communeA: string; communeB: string; province: string };
  const bearer = () => ({ Authorization: `Bearer ${staff}` });
  const DOC_QUERY = `week=${WEEK}&province=91&number=125&issuedOn=2026-03-09&signerAuthority=${encodeURIComponent('KT. GIÁM ĐỐC')}&signerTitle=${encodeURIComponent('PHÓ GIÁM ĐỐC')}&signerName=${encodeURIComponent('Nguyễn Văn An')}`;

  beforeAll(async () => {
    t = await createTestApp();
    const ds = t.dataSource;
    staff = await t.tokenFor('staff');
    await ensureProduct(ds, { code: 'LUA_TUOI_CLC', nameVi: 'Lúa tươi chất lượng cao' });
    await ensureProduct(ds, { code: 'XOAI_CAT', nameVi: 'Xoài cát Hòa Lộc' });
    const communes: Array<{ id: string; name: string }> = await ds.query(
      `SELECT id, name FROM administrative_units WHERE era = 'current' AND level = 'commune' AND province_code = '91' ORDER BY id LIMIT 2`,
    );
    const [province] = await ds.query(
      `SELECT name FROM administrative_units WHERE era = 'current' AND level = 'province' AND code = '91'`,
    );
    names = { communeA: communes[0].name, communeB: communes[1].name, province: province.name };
    const coopA = await makeCooperative(ds, { provinceCode: '91', administrativeUnitId: communes[0].id });
    const coopB = await makeCooperative(ds, { provinceCode: '91', administrativeUnitId: communes[1].id });
    // A lot counts where it lies: these lie at Châu Đốc, far from every known commune seat, so each counts at its cooperative's commune.
    const at = { location: { type: 'Point', coordinates: [105.12, 10.7] } as any };
    // Backlog 14 days old (harvest ended 22 Feb), the week's harvest, mangoes straddling, last week's rice.
    const l1 = await makeSupplyLot(ds, {
      cooperativeId: coopA.id,
      productCode: 'LUA_TUOI_CLC',
      harvestFrom: '2026-02-16',
      harvestTo: '2026-02-22',
      quantityKg: 80_000,
      askVndPerKg: 7000,
      ...at,
    });
    await makeSupplyLot(ds, {
      cooperativeId: coopA.id,
      productCode: 'LUA_TUOI_CLC',
      harvestFrom: '2026-03-02',
      harvestTo: '2026-03-08',
      quantityKg: 70_000,
      askVndPerKg: 7400,
      ...at,
    });
    await makeSupplyLot(ds, {
      cooperativeId: coopB.id,
      productCode: 'XOAI_CAT',
      harvestFrom: '2026-03-05',
      harvestTo: '2026-03-18',
      quantityKg: 14_000,
      askVndPerKg: 25_000,
      ...at,
    });
    await makeSupplyLot(ds, {
      cooperativeId: coopB.id,
      productCode: 'LUA_TUOI_CLC',
      harvestFrom: '2026-02-23',
      harvestTo: '2026-03-01',
      quantityKg: 35_000,
      askVndPerKg: 7100,
      ...at,
    });
    const buyer = await makeBuyer(ds, { provinceCode: '91', administrativeUnitId: communes[1].id });
    const rice = await makePurchaseRequest(ds, {
      buyerId: buyer.id,
      productCode: 'LUA_TUOI_CLC',
      deliverFrom: '2026-03-01',
      deliverTo: '2026-03-31',
      quantityKg: 200_000,
      provinceCode: '91',
    });
    await makePurchaseRequest(ds, {
      buyerId: buyer.id,
      productCode: 'XOAI_CAT',
      deliverFrom: '2026-03-06',
      deliverTo: '2026-03-10',
      quantityKg: 10_000,
      provinceCode: '91',
    });
    await makePurchaseRequest(ds, {
      buyerId: buyer.id,
      productCode: 'XOAI_CAT',
      deliverFrom: '2026-03-09',
      deliverTo: '2026-03-20',
      quantityKg: 5_000,
      provinceCode: '91',
    });
    await ds.query(
      `INSERT INTO deals (supply_lot_id, purchase_request_id, cooperative_id, buyer_id, product_code, quantity_kg, price_vnd_per_kg, status, created_at)
       VALUES ($1, $2, $3, $4, 'LUA_TUOI_CLC', 50000, 7200, 'confirmed', '2026-03-04T02:00:00Z')`,
      [l1.id, rice.id, coopA.id, buyer.id],
    );
    await ds.query(`UPDATE supply_lots SET committed_kg = 50000 WHERE id = $1`, [l1.id]);
    await ds.query(`UPDATE purchase_requests SET committed_kg = 50000 WHERE id = $1`, [rice.id]);
    for (const [d, price] of [
      ['2026-02-24', 7000],
      ['2026-02-26', 7000],
      ['2026-03-03', 8500],
      ['2026-03-04', 8600],
      ['2026-03-05', 8400],
    ] as const) {
      await ds.query(
        `INSERT INTO price_observations (product_code, market_name, observed_on, price_vnd_per_kg, source, province_code) VALUES ('LUA_TUOI_CLC', 'Chợ lúa Tân Hiệp', $1, $2, 'test', '91')`,
        [d, price],
      );
    }
    // 100 ha harvesting 9–22 March at 6 000 kg/ha: 600 t forecast over W11 and W12, none posted.
    await t
      .http()
      .post('/api/production-areas')
      .set(bearer())
      .send({
        cooperativeId: coopA.id,
        product: 'LUA_TUOI_CLC',
        name: 'Cánh đồng lớn',
        areaHa: 100,
        boundary: square(105.29, 9.92),
        harvestSchedule: [{ harvestFrom: '2026-03-09', harvestTo: '2026-03-22', expectedYieldKgPerHa: 6000 }],
      })
      .expect(201);
    json = (await t.http().get(`/api/reports/weekly?week=${WEEK}&province=91`).set(bearer()).expect(200)).body;
  }, 90_000);

  afterAll(async () => t?.close());

  it('answers demand, backlog age, per-product figures, the previous week and the forecast in the JSON report', () => {
    expect(json).toMatchObject({ week: WEEK, province: '91', provinceName: names.province });
    const row = (commune: string, product: string) =>
      json.rows.find((r: any) => r.communeName === commune && r.product === product);
    // Commune A rice: 70 t harvested; backlog 30 t (14 days) + 70 t (ended on Sunday, 0 days).
    expect(row(names.communeA, 'LUA_TUOI_CLC')).toMatchObject({
      harvestedKg: 70_000,
      backlogKg: 100_000,
      backlogOldestDays: 14,
      backlogAvgAgeDays: 4,
      connectedKg: 50_000,
      avgAskVndPerKg: 7400,
      requestedKg: 0,
    });
    // Commune B: the buyer's demand is counted at its commune; last week's rice is backlog 7 days old.
    expect(row(names.communeB, 'LUA_TUOI_CLC')).toMatchObject({
      harvestedKg: 0,
      backlogKg: 35_000,
      backlogOldestDays: 7,
      requestedKg: 200_000,
      unmetDemandKg: 150_000,
    });
    expect(row(names.communeB, 'XOAI_CAT')).toMatchObject({
      harvestedKg: 4_000,
      requestedKg: 10_000,
      unmetDemandKg: 10_000,
      avgAskVndPerKg: 25_000,
    });
    const rice = json.byProduct.find((p: any) => p.product === 'LUA_TUOI_CLC');
    expect(rice).toMatchObject({
      harvestedKg: 70_000,
      requestedKg: 200_000,
      unmetDemandKg: 150_000,
      backlogKg: 135_000,
      backlogOldestDays: 14,
      avgAskVndPerKg: 7400,
      avgDealVndPerKg: 7200,
    });
    expect(json.totals).toMatchObject({
      harvestedKg: 74_000,
      requestedKg: 210_000,
      unmetDemandKg: 160_000,
      backlogKg: 135_000,
      backlogOldestDays: 14,
      backlogAvgAgeDays: 5,
    });
    // W09: last week's rice harvested; backlog as of 1 March (the 22 February lot, 7 days; last week's lot, 0 days).
    expect(json.previousWeek).toMatchObject({
      week: '2026-W09',
      totals: { harvestedKg: 35_000, backlogKg: 65_000, backlogOldestDays: 7, requestedKg: 200_000 },
    });
    expect(json.previousWeek.totals.expectedKg[0]).toEqual({ week: '2026-W10', kg: 74_000 });
    expect(json.change.requestedKg).toMatchObject({ previous: 200_000, current: 210_000, percent: 5 });
    expect(json.harvestForecast.weeks.map((w: any) => w.week)).toEqual([
      '2026-W10',
      '2026-W11',
      '2026-W12',
      '2026-W13',
      '2026-W14',
    ]);
    expect(json.harvestForecast.totals).toEqual({ forecastKg: 600_000, postedKg: 0, unpostedKg: 600_000 });
    expect(json.harvestForecast.totalsByWeek.map((w: any) => w.forecastKg)).toEqual([0, 300_000, 300_000, 0, 0]);
    expect(json.agencyReports).toEqual({ submitted: [], missing: [] });
  });

  it('gives the same forecast as the harvest forecast report', async () => {
    const f = (
      await t
        .http()
        .get('/api/reports/harvest-forecast?from=2026-03-02&to=2026-04-05&province=91')
        .set(bearer())
        .expect(200)
    ).body;
    expect(json.harvestForecast.totals).toEqual(f.totals);
    expect(json.harvestForecast.rows).toEqual(f.rows);
  });

  it('produces a .docx with every part Decree 30 fixes, in order', async () => {
    const res = await t
      .http()
      .get(`/api/reports/weekly?${DOC_QUERY}&format=docx`)
      .set(bearer())
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="bao-cao-tuan-${WEEK}-91.docx"`);
    const files = await unzip(res.body);
    const doc = files.get('word/document.xml')!;
    const lines = paragraphs(doc);
    const parts = [
      'UBND TỈNH AN GIANG',
      'SỞ CÔNG THƯƠNG',
      'Số: 125/BC-SCT',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'An Giang, ngày 09 tháng 3 năm 2026',
      'BÁO CÁO',
      'Tình hình thu hoạch, kết nối tiêu thụ nông sản tuần 10 năm 2026',
      '(từ ngày 02/3/2026 đến ngày 08/3/2026)',
      'Kính gửi:',
      'I. KẾT QUẢ THU HOẠCH, KẾT NỐI TIÊU THỤ NÔNG SẢN',
      'II. TÌNH HÌNH TẠI CÁC SỞ, NGÀNH, ĐỊA PHƯƠNG',
      NO_AGENCY_REPORTS_TEXT,
      'III. KHÓ KHĂN, VƯỚNG MẮC',
      'IV. ĐỀ XUẤT, KIẾN NGHỊ',
      'Nơi nhận:',
      '- Như trên;',
      '- Lưu: VT, QLTM.',
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
      'Nguyễn Văn An',
      'Phụ lục',
      'SỐ LIỆU THU HOẠCH, KẾT NỐI TIÊU THỤ NÔNG SẢN TUẦN 10 NĂM 2026',
    ];
    let at = -1;
    for (const p of parts) {
      const i = lines.findIndex((l, k) => k > at && (l === p || l.startsWith(p)));
      if (i < 0) throw new Error(`"${p}" missing after line ${at} ("${lines[at]}")`);
      at = i;
    }
    // The body ends with "./." and the Kính gửi names the Sub-committee.
    expect(lines.some((l) => l.includes('Tiểu ban'))).toBe(true);
    expect(lines.find((l) => l.startsWith('Trên đây là báo cáo'))).toMatch(/\.\/\.$/);
    expect(lines).toContain('(Kèm theo Báo cáo số 125/BC-SCT ngày 09 tháng 3 năm 2026 của Sở Công Thương)');
    // The figures of the body are the JSON report's.
    const body = lines.join('\n');
    expect(body).toContain('Sản lượng thu hoạch trong tuần ước đạt 74 tấn (tuần trước 35 tấn, tăng 111,4%)');
    expect(body).toContain(
      `${tonnes(json.totals.requestedKg)} tấn, trong đó còn ${tonnes(json.totals.unmetDemandKg)} tấn chưa được đáp ứng`,
    );
    expect(body).toContain(`còn ${tonnes(json.totals.backlogKg)} tấn nông sản đã thu hoạch chưa tiêu thụ`);
    expect(body).toContain('lâu nhất 14 ngày sau khi kết thúc thu hoạch');
    expect(body).toContain(
      '- Lúa tươi chất lượng cao: 8.500 đồng/kg, tăng 21,4% so với tuần trước (vượt ngưỡng theo dõi 10%).',
    );
    expect(body).toContain('dự kiến thu hoạch 600 tấn; đã đăng bán 0 tấn, còn 600 tấn chưa đăng bán');
    expect(body).toContain(
      `Nông sản tồn đọng quá 7 ngày sau khi kết thúc thu hoạch: 100 tấn tại 1 xã, phường (nhiều nhất: lúa tươi chất lượng cao tại ${inSentence(names.communeA)} 100 tấn)`,
    );

    // Layout: A4 portrait, margins 20/20/30/15 mm, Times New Roman 14 pt; page numbers from page 2; the annex landscape.
    const sections = [...doc.matchAll(/<w:sectPr[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    expect(sections[0]).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margin = attrs(sections[0], 'w:pgMar');
    const mm = (k: string) => Math.round((Number(margin[k]) / 1440) * 25.4);
    expect([mm('w:top'), mm('w:bottom'), mm('w:left'), mm('w:right')]).toEqual([20, 20, 30, 15]);
    expect(sections[0]).toContain('<w:titlePg');
    expect(sections[1]).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
    const styles = files.get('word/styles.xml')!;
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:ascii="Times New Roman"[\s\S]*<w:sz w:val="28"\/>/);
    const sizes = [...doc.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(Math.min(...sizes.filter((s) => s > 4))).toBeGreaterThanOrEqual(18);
    // Annex tables repeat their header rows on each page; table rows do not split.
    expect(doc).toContain('<w:tblHeader/>');
    expect(doc).toContain('<w:cantSplit/>');
  });

  it('puts the annex in the .docx as tables whose figures equal the JSON report, with no average across products', async () => {
    const res = await t
      .http()
      .get(`/api/reports/weekly?${DOC_QUERY}&format=docx`)
      .set(bearer())
      .buffer(true)
      .parse(binary)
      .expect(200);
    const tables = tablesOf((await unzip(res.body)).get('word/document.xml')!);
    const byHeader = (title: string, second: string) =>
      tables.find((tb) => tb[0][1] === second && tb[0].includes(title))!;
    const products = byHeader('Nhu cầu chưa đáp ứng', 'Sản phẩm');
    expect(products[0]).toEqual(DOCX_PRODUCT_TABLE_COLUMNS.map((c) => c.title));
    const col = (title: string) => DOCX_PRODUCT_TABLE_COLUMNS.findIndex((c) => c.title === title);
    const body = products.slice(2);
    for (const p of json.byProduct) {
      const r = body.find((x) => x[1] === p.productName)!;
      expect(kg(r[col('Thu hoạch trong tuần')])).toBe(p.harvestedKg);
      expect(kg(r[col('Nhu cầu thu mua')])).toBe(p.requestedKg);
      expect(kg(r[col('Nhu cầu chưa đáp ứng')])).toBe(p.unmetDemandKg);
      expect(kg(r[col('Đã kết nối tiêu thụ')])).toBe(p.connectedKg);
      expect(kg(r[col('Tồn đọng chưa tiêu thụ')])).toBe(p.backlogKg);
      expect(r[col('Tồn đọng lâu nhất (ngày)')]).toBe(p.backlogOldestDays === null ? '' : String(p.backlogOldestDays));
      expect(vnd(r[col('Giá chào bán bình quân')])).toBe(p.avgAskVndPerKg);
      expect(vnd(r[col('Giá giao dịch bình quân')])).toBe(p.avgDealVndPerKg);
    }
    const total = body.find((x) => x[1] === 'Tổng cộng')!;
    expect(kg(total[col('Thu hoạch trong tuần')])).toBe(json.totals.harvestedKg);
    expect(kg(total[col('Dự kiến 4 tuần tới')])).toBe(json.totals.expectedNext4WeeksKg);
    expect(kg(total[col('Nhu cầu chưa đáp ứng')])).toBe(json.totals.unmetDemandKg);
    expect(kg(total[col('Tồn đọng chưa tiêu thụ')])).toBe(json.totals.backlogKg);
    expect([total[col('Giá chào bán bình quân')], total[col('Giá giao dịch bình quân')]]).toEqual(['', '']);
    const previous = body.find((x) => x[1].startsWith('Tuần trước (tuần 9'))!;
    expect(kg(previous[col('Thu hoạch trong tuần')])).toBe(json.previousWeek.totals.harvestedKg);
    expect(kg(previous[col('Tồn đọng chưa tiêu thụ')])).toBe(json.previousWeek.totals.backlogKg);

    // By commune and product: one line per JSON row, the commune's name (the province is the report's).
    const detail = byHeader('Tồn đọng lâu nhất (ngày)', 'Xã/phường');
    expect(detail[0].slice(2)).toEqual(DOCX_DETAIL_TABLE_COLUMNS.slice(2).map((c) => c.title));
    expect(detail.slice(2)).toHaveLength(json.rows.length);
    const riceName = json.byProduct.find((p: any) => p.product === 'LUA_TUOI_CLC').productName;
    const a = detail.find((x) => x[1] === names.communeA && x[2] === riceName)!;
    expect([kg(a[3]), kg(a[8]), a[9]]).toEqual([70_000, 100_000, '14']);

    // The forecast and the prices.
    const forecast = tables.find((tb) => tb[0].includes('Chưa đăng bán'))!;
    expect(forecast[0].slice(3, 8)).toEqual([
      'Tuần 10 (02/03–08/03)',
      'Tuần 11 (09/03–15/03)',
      'Tuần 12 (16/03–22/03)',
      'Tuần 13 (23/03–29/03)',
      'Tuần 14 (30/03–05/04)',
    ]);
    const ft = forecast.find((x) => x[1] === 'Tổng cộng')!;
    expect(ft.slice(3).map(kg)).toEqual([0, 300_000, 300_000, 0, 0, 600_000, 0, 600_000]);
    const prices = tables.find((tb) => tb[0].includes('Giá tuần này (trung vị)'))!;
    expect(prices[2]).toEqual(['1', riceName, '8.500', '7.000', '+21,4%', '8.400', '8.600', '3', 'Biến động quá 10%']);
  });

  it('downloads the .xlsx annex with every column of issue 13, printable on A4', async () => {
    const res = await t
      .http()
      .get(`/api/reports/weekly?${DOC_QUERY}&format=xlsx`)
      .set(bearer())
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.worksheets[0];
    // The parent authority line and the place-and-date line.
    expect(ws.getCell(1, 1).value).toBe('UBND TỈNH AN GIANG');
    expect(ws.getCell(2, 1).value).toBe('SỞ CÔNG THƯƠNG');
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(c.text)));
    expect(texts).toContain('An Giang, ngày 09 tháng 3 năm 2026');
    expect(texts).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(ws.getRow(WEEKLY_XLSX_HEADER_ROW).values).toEqual([undefined, ...WEEKLY_XLSX_COLUMNS]);
    for (const h of [
      'Nhu cầu thu mua (tấn)',
      'Nhu cầu chưa đáp ứng (tấn)',
      'Tồn đọng chưa tiêu thụ (tấn)',
      'Tồn đọng lâu nhất (ngày)',
      'Tuổi tồn đọng bình quân (ngày)',
      'Xã/phường',
      'Sản phẩm',
    ]) {
      expect(WEEKLY_XLSX_COLUMNS).toContain(h);
    }
    const col = (h: (typeof WEEKLY_XLSX_COLUMNS)[number]) => WEEKLY_XLSX_COLUMNS.indexOf(h) + 1;
    const rows: ExcelJS.Row[] = [];
    ws.eachRow((row, n) => n > WEEKLY_XLSX_HEADER_ROW + 1 && rows.push(row));
    const label = (r: ExcelJS.Row) => r.getCell(2).text;
    const data = rows.filter((r) => typeof r.getCell(1).value === 'number');
    expect(data).toHaveLength(json.rows.length);
    // Province names, not codes; commune names.
    expect(new Set(data.map((r) => r.getCell(col('Tỉnh/thành phố')).value))).toEqual(new Set([names.province]));
    const a = data.find((r) => r.getCell(col('Xã/phường')).value === names.communeA)!;
    expect(kg(a.getCell(col('Tồn đọng chưa tiêu thụ (tấn)')).value)).toBe(100_000);
    expect(a.getCell(col('Tồn đọng lâu nhất (ngày)')).value).toBe(14);
    expect(a.getCell(col('Tuổi tồn đọng bình quân (ngày)')).value).toBe(4);
    const riceJson = json.byProduct.find((p: any) => p.product === 'LUA_TUOI_CLC');
    const b = data.find(
      (r) =>
        r.getCell(col('Xã/phường')).value === names.communeB &&
        r.getCell(col('Sản phẩm')).value === riceJson.productName,
    )!;
    expect([
      kg(b.getCell(col('Nhu cầu thu mua (tấn)')).value),
      kg(b.getCell(col('Nhu cầu chưa đáp ứng (tấn)')).value),
    ]).toEqual([200_000, 150_000]);
    // Average prices per product (its subtotal), none across products.
    const rice = rows.find((r) => label(r) === `Cộng ${riceJson.productName}`)!;
    expect(rice.getCell(col('Giá chào bán bình quân (đồng/kg)')).value).toBe(riceJson.avgAskVndPerKg);
    expect(rice.getCell(col('Giá giao dịch bình quân (đồng/kg)')).value).toBe(riceJson.avgDealVndPerKg);
    expect(kg(rice.getCell(col('Nhu cầu chưa đáp ứng (tấn)')).value)).toBe(riceJson.unmetDemandKg);
    const total = rows.find((r) => label(r) === 'TỔNG CỘNG')!;
    expect(total.getCell(col('Giá chào bán bình quân (đồng/kg)')).value).toBeNull();
    expect(kg(total.getCell(col('Nhu cầu thu mua (tấn)')).value)).toBe(json.totals.requestedKg);
    expect(kg(total.getCell(col('Nhu cầu chưa đáp ứng (tấn)')).value)).toBe(json.totals.unmetDemandKg);
    // The previous week's row.
    const previous = rows.find((r) => label(r).startsWith('Tuần trước (tuần 9'))!;
    expect(kg(previous.getCell(col('Sản lượng thu hoạch trong tuần (tấn)')).value)).toBe(
      json.previousWeek.totals.harvestedKg,
    );
    expect(kg(previous.getCell(col('Tồn đọng chưa tiêu thụ (tấn)')).value)).toBe(json.previousWeek.totals.backlogKg);
    expect(previous.getCell(col('Tồn đọng lâu nhất (ngày)')).value).toBe(7);
    // Names are not cut: wide columns, wrapped text, rows tall enough for the lines.
    for (const h of ['Tỉnh/thành phố', 'Xã/phường', 'Sản phẩm'] as const) {
      const width = ws.getColumn(col(h)).width!;
      for (const r of data) {
        const text = r.getCell(col(h)).text;
        expect(r.getCell(col(h)).alignment?.wrapText).toBe(true);
        expect(r.height).toBeGreaterThanOrEqual(15 * Math.min(3, Math.ceil(text.length / width)));
      }
      expect(width).toBeGreaterThanOrEqual(12);
    }
    // A4 landscape, fit to the page width, header rows repeated; the signature below the table.
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${WEEKLY_XLSX_HEADER_ROW}:${WEEKLY_XLSX_HEADER_ROW + 1}`,
    });
    expect(texts).toContain('PHÓ GIÁM ĐỐC');
    expect(texts).toContain('Nguyễn Văn An');

    // The harvest forecast section.
    const fs = wb.getWorksheet(WEEKLY_XLSX_SHEETS.forecast)!;
    const fcols = weeklyForecastXlsxColumns(json);
    expect(fs.getRow(9).values).toEqual([undefined, ...fcols]);
    let ft: ExcelJS.Row | undefined;
    fs.eachRow((r) => r.getCell(2).value === 'TỔNG CỘNG' && (ft = r));
    expect(fcols.slice(4).map((_, i) => kg(ft!.getCell(5 + i).value))).toEqual([
      0, 300_000, 300_000, 0, 0, 600_000, 0, 600_000,
    ]);
    expect(fs.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
    // The price section and the agencies' reports.
    const ps = wb.getWorksheet(WEEKLY_XLSX_SHEETS.prices)!;
    expect([ps.getRow(4).getCell(2).value, ps.getRow(4).getCell(4).value, ps.getRow(4).getCell(5).value]).toEqual([
      'LUA_TUOI_CLC',
      8500,
      7000,
    ]);
    expect(wb.getWorksheet(WEEKLY_XLSX_SHEETS.agencies)!.getCell(4, 1).value).toBe(
      'Chưa có báo cáo của các sở, ngành, địa phương.',
    );
  });

  it("quotes the agencies' weekly reports in the .docx and lists who has not sent one", async () => {
    const dept = (
      await t
        .http()
        .post('/api/agencies')
        .set(bearer())
        .send({ name: 'Sở Nông nghiệp và Môi trường', kind: 'department' })
        .expect(201)
    ).body;
    const late = (
      await t
        .http()
        .post('/api/agencies')
        .set(bearer())
        .send({ name: 'UBND xã Thử Nghiệm', kind: 'commune' })
        .expect(201)
    ).body;
    // Owed for the week: it existed before the week ended.
    await t.dataSource.query(`UPDATE agencies SET created_at = '2026-02-01' WHERE id = $1`, [late.id]);
    await t
      .http()
      .put(`/api/agency-reports/${WEEK}`)
      .set(bearer())
      .send({
        agencyId: dept.id,
        situation: 'Lúa Đông Xuân đã thu hoạch 60% diện tích.',
        difficulties: 'Thiếu máy gặt tại các xã vùng trũng',
        proposals: 'Điều phối thêm 5 máy gặt từ các xã lân cận',
      })
      .expect(200);
    const r = (await t.http().get(`/api/reports/weekly?week=${WEEK}&province=91`).set(bearer()).expect(200)).body;
    expect(r.agencyReports.submitted).toEqual([
      expect.objectContaining({
        agencyId: dept.id,
        agencyName: 'Sở Nông nghiệp và Môi trường',
        agencyKind: 'department',
        situation: 'Lúa Đông Xuân đã thu hoạch 60% diện tích.',
      }),
    ]);
    expect(r.agencyReports.missing).toEqual([
      { agencyId: late.id, agencyName: 'UBND xã Thử Nghiệm', agencyKind: 'commune' },
    ]);
    const res = await t
      .http()
      .get(`/api/reports/weekly?${DOC_QUERY}&format=docx`)
      .set(bearer())
      .buffer(true)
      .parse(binary)
      .expect(200);
    const xml = (await unzip(res.body)).get('word/document.xml')!;
    const lines = paragraphs(xml);
    const after = (heading: string) => lines.slice(lines.findIndex((l) => l.startsWith(heading)) + 1);
    expect(after('II. TÌNH HÌNH')[0]).toBe('- Sở Nông nghiệp và Môi trường: Lúa Đông Xuân đã thu hoạch 60% diện tích.');
    expect(after('II. TÌNH HÌNH')[1]).toBe('Chưa gửi báo cáo tuần: UBND xã Thử Nghiệm.');
    expect(after('III. KHÓ KHĂN')).toContain('- Sở Nông nghiệp và Môi trường: Thiếu máy gặt tại các xã vùng trũng.');
    expect(
      after('IV. ĐỀ XUẤT').some((l) =>
        l.startsWith('- Sở Nông nghiệp và Môi trường: Điều phối thêm 5 máy gặt từ các xã lân cận'),
      ),
    ).toBe(true);
    const status = tablesOf(xml).find((tb) => tb[0].includes('Cơ quan, đơn vị'))!;
    expect(status.slice(2).map((row) => row.slice(1, 3))).toEqual([
      ['Sở Nông nghiệp và Môi trường', 'Đã gửi'],
      ['UBND xã Thử Nghiệm', 'Chưa gửi'],
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (
        await t
          .http()
          .get(`/api/reports/weekly?${DOC_QUERY}&format=xlsx`)
          .set(bearer())
          .buffer(true)
          .parse(binary)
          .expect(200)
      ).body,
    );
    const sheet = wb.getWorksheet(WEEKLY_XLSX_SHEETS.agencies)!;
    expect(sheet.getRow(3).values).toEqual([undefined, ...WEEKLY_AGENCY_XLSX_COLUMNS]);
    expect([sheet.getCell(4, 2).value, sheet.getCell(4, 3).value, sheet.getCell(4, 6).value]).toEqual([
      'Sở Nông nghiệp và Môi trường',
      'Đã gửi',
      'Thiếu máy gặt tại các xã vùng trũng',
    ]);
    expect([sheet.getCell(5, 2).value, sheet.getCell(5, 3).value]).toEqual(['UBND xã Thử Nghiệm', 'Chưa gửi']);
  });

  it('refuses a bad format, number or date with 400 naming the field', async () => {
    for (const [q, field] of [
      ['format=pdf', 'format'],
      ['issuedOn=09/03/2026', 'issuedOn'],
      ['number=12%2F3', 'number'],
    ] as const) {
      const res = await t.http().get(`/api/reports/weekly?week=${WEEK}&${q}`).set(bearer()).expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field })]);
    }
    const coop = await t.tokenFor('cooperative', (await makeCooperative(t.dataSource)).id);
    await t
      .http()
      .get(`/api/reports/weekly?week=${WEEK}&format=docx`)
      .set('Authorization', `Bearer ${coop}`)
      .expect(403);
    await t.http().get(`/api/reports/weekly?week=${WEEK}&format=docx`).expect(401);
  });
});

const tonnes = (kgs: number) => {
  const [i, f] = (kgs / 1000).toFixed(3).split('.');
  const frac = f.replace(/0+$/, '');
  return `${i.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}${frac ? `,${frac}` : ''}`;
};
/** "1.234,567" tấn → kg; "-" is none. */
const kg = (v: unknown) => {
  if (typeof v === 'number') return Math.round(v * 1000);
  if (v === '-' || v === '' || v === null) return 0;
  return typeof v === 'string' ? Math.round(Number(v.replace(/\./g, '').replace(',', '.')) * 1000) : NaN;
};
const vnd = (s: string) => (s === '' ? null : Number(s.replace(/\./g, '')));

function binary(res: any, cb: (e: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

/** The entries of a zip (a .docx is one) as text. */
function unzip(buf: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) {
        reject(err ?? new Error('not a zip'));
        return;
      }
      const out = new Map<string, string>();
      zip.on('entry', (e: yauzl.Entry) =>
        zip.openReadStream(e, (er, s) => {
          if (er || !s) {
            reject(er ?? new Error(`cannot read ${e.fileName}`));
            return;
          }
          const chunks: Buffer[] = [];
          s.on('data', (c: Buffer) => chunks.push(c));
          s.on('end', () => {
            out.set(e.fileName, Buffer.concat(chunks).toString('utf8'));
            zip.readEntry();
          });
        }),
      );
      zip.on('end', () => resolve(out));
      zip.readEntry();
    });
  });
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => decode(m[1]))
    .join('')
    .replace(/\u00a0/g, ' ')
    .replace(/ +/g, ' ')
    .trim();

/** The text of every paragraph, in document order, tables included. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => textOf(m[0])).filter(Boolean);
}

/** Each table as rows of cell texts. */
function tablesOf(xml: string): string[][][] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
      [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => textOf(c[0])),
    ),
  );
}

function attrs(xml: string, tag: string): Record<string, string> {
  const m = new RegExp(`<${tag}\\s([^>]*?)/?>`).exec(xml);
  return Object.fromEntries([...(m?.[1] ?? '').matchAll(/([\w:]+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
}
