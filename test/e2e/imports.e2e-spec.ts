import ExcelJS from 'exceljs';
import { INestApplicationContext } from '@nestjs/common';
import { Cooperative } from '@agrilink/core';
import { ensureProduct, makeBuyer, makeCooperative } from '@agrilink/testing';
import { startWorker } from '../../apps/worker/src/main';
import { createTestApp, TestApp } from '../support/test-app';

const HEADERS = [
  'Mã số thuế HTX',
  'Tên HTX',
  'Mã sản phẩm',
  'Sản lượng (kg)',
  'Thu hoạch từ ngày',
  'Thu hoạch đến ngày',
  'Giá chào bán (đồng/kg)',
  'Chứng nhận',
];
const ROWS = 10_000;
const BAD = new Map<number, string>([
  [101, 'product'],
  [2002, 'window'],
  [3003, 'taxCode'],
  [5004, 'quantity'],
  [9005, 'formula'],
]);

function ddmmyyyy(d: Date): string {
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

async function xlsx(headers: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('Bulk imports (e2e, real worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let staff: string;
  let coops: Cooperative[];
  let file: Buffer;
  let sheetRows: unknown[][];

  const upload = (content: Buffer, name: string, kind = 'supply-lots', mode?: string, token = staff) => {
    const req = t.http().post('/api/imports').set('Authorization', `Bearer ${token}`).field('kind', kind);
    if (mode) req.field('mode', mode);
    return req.attach('file', content, name);
  };
  const waitDone = async (id: string) => {
    for (let i = 0; i < 600; i++) {
      const res = await t.http().get(`/api/imports/${id}`).set('Authorization', `Bearer ${staff}`).expect(200);
      if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`import ${id} did not finish`);
  };
  const importedLots = async () =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM supply_lots WHERE external_ref LIKE 'imp:%'`))[0].n);

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startWorker();
    staff = await t.tokenFor('staff');
    await ensureProduct(t.dataSource, { code: 'LUA_ST' });
    coops = [];
    for (let i = 0; i < 10; i++)
      coops.push(await makeCooperative(t.dataSource, { taxCode: `17${String(10_000_000 + i).slice(0, 8)}` }));
    const rows: unknown[][] = [];
    for (let i = 0; i < ROWS; i++) {
      const from = new Date(Date.UTC(2026, 0, 1) + i * 86400_000);
      const to = new Date(from.getTime() + 9 * 86400_000);
      const c = coops[i % coops.length];
      const row: unknown[] = [
        c.taxCode,
        '',
        'LUA_ST',
        i % 2 ? (1000 + i).toLocaleString('de-DE') : 1000 + i,
        ddmmyyyy(from),
        i % 3 ? ddmmyyyy(to) : to.toISOString().slice(0, 10),
        '7.200',
        'VIETGAP',
      ];
      const bad = BAD.get(i);
      if (bad === 'product') row[2] = 'KHONG_CO';
      if (bad === 'window') row[5] = '01/01/2020';
      if (bad === 'taxCode') row[0] = '9999999999';
      if (bad === 'quantity') row[3] = '-5';
      if (bad === 'formula') row[3] = { formula: 'SUM(1,2)', result: 3 };
      rows.push(row);
    }
    file = await xlsx(HEADERS, rows);
    sheetRows = rows;
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('all-or-nothing: reports every bad row (Vietnamese, row and column) and writes nothing', async () => {
    const res = await upload(file, 'san-luong-huyen.xlsx').expect(202);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      status: 'queued',
      kind: 'supply-lots',
      mode: 'all-or-nothing',
    });
    const done = await waitDone(res.body.id);
    expect(done).toMatchObject({
      status: 'failed',
      totalRows: ROWS,
      invalidRows: BAD.size,
      validRows: ROWS - BAD.size,
      writtenRows: 0,
      progress: 100,
    });
    expect(done.error.code).toBe('IMPORT.ROWS_INVALID');
    expect(await importedLots()).toBe(0);

    const errors = await t
      .http()
      .get(`/api/imports/${res.body.id}/errors`)
      .set('Authorization', `Bearer ${staff}`)
      .expect(200);
    const rows = errors.body.items.map((e: any) => e.row).sort((a: number, b: number) => a - b);
    expect(rows).toEqual([...BAD.keys()].map((i) => i + 2));
    const byRow = new Map(errors.body.items.map((e: any) => [e.row, e]));
    expect(byRow.get(103)).toMatchObject({
      column: 'Mã sản phẩm',
      message: expect.stringContaining('không có trong danh mục'),
    });
    expect(byRow.get(2004)).toMatchObject({ column: 'Thu hoạch đến ngày' });
    expect(byRow.get(3005)).toMatchObject({ column: 'Mã số thuế HTX' });
    expect(byRow.get(5006)).toMatchObject({ column: 'Sản lượng (kg)' });
    expect(byRow.get(9007)).toMatchObject({ cell: 'D9007', message: expect.stringContaining('công thức') });
  }, 120_000);

  it('partial: writes only the good rows, and the same file again writes nothing new', async () => {
    const first = await waitDone(
      (await upload(file, 'san-luong-huyen.xlsx', 'supply-lots', 'partial').expect(202)).body.id,
    );
    expect(first).toMatchObject({
      status: 'completed',
      invalidRows: BAD.size,
      writtenRows: ROWS - BAD.size,
      unchangedRows: 0,
    });
    expect(await importedLots()).toBe(ROWS - BAD.size);
    const sample = await t.dataSource.query(
      `SELECT quantity_kg, harvest_from::text, harvest_to::text, ask_vnd_per_kg, certifications FROM supply_lots WHERE harvest_from = '2026-01-02'`,
    );
    expect(sample).toEqual([
      {
        quantity_kg: '1001',
        harvest_from: '2026-01-02',
        harvest_to: '2026-01-11',
        ask_vnd_per_kg: 7200,
        certifications: ['VIETGAP'],
      },
    ]);

    const again = await waitDone(
      (await upload(file, 'san-luong-huyen.xlsx', 'supply-lots', 'partial').expect(202)).body.id,
    );
    expect(again).toMatchObject({
      status: 'completed',
      writtenRows: 0,
      unchangedRows: ROWS - BAD.size,
      sha256: first.sha256,
    });
    expect(await importedLots()).toBe(ROWS - BAD.size);
  }, 120_000);

  it('a corrected spreadsheet corrects the lots it names (one UPDATE per chunk, an audit entry per lot) and says which fields changed', async () => {
    // Every tenth row gets a new price; row 4 (i = 2) a new quantity too; the bad rows stay bad.
    const corrected = sheetRows
      .map((r, i) => (i % 10 === 0 ? [...r.slice(0, 6), '7.500', ...r.slice(7)] : r))
      .map((r, i) => (i === 2 ? [...r.slice(0, 3), 1_234, ...r.slice(4)] : r));
    const fixes = sheetRows.filter((_, i) => i % 10 === 0 && !BAD.has(i)).length;
    const done = await waitDone(
      (await upload(await xlsx(HEADERS, corrected), 'san-luong-sua.xlsx', 'supply-lots', 'partial').expect(202)).body
        .id,
    );
    expect(done).toMatchObject({
      status: 'completed',
      invalidRows: BAD.size,
      insertedRows: 0,
      updatedRows: fixes + 1,
      unchangedRows: ROWS - BAD.size - fixes - 1,
      changedFields: { askVndPerKg: fixes, quantityKg: 1 },
    });
    expect(await importedLots()).toBe(ROWS - BAD.size);
    const [lot] = await t.dataSource.query(
      `SELECT id, ask_vnd_per_kg, quantity_kg::int AS kg FROM supply_lots WHERE harvest_from = '2026-01-01'`,
    );
    expect(lot).toMatchObject({ ask_vnd_per_kg: 7500 });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_logs WHERE entity_type = 'supply_lot' AND action = 'update' AND changes ? 'askVndPerKg'`,
    );
    expect(n).toBe(fixes);
    const [quantity] = await t.dataSource.query(
      `SELECT quantity_kg::int AS kg FROM supply_lots WHERE harvest_from = '2026-01-03'`,
    );
    expect(quantity.kg).toBe(1234);
  }, 120_000);

  it('downloads the row errors as CSV and as .xlsx', async () => {
    const id = (await upload(file, 'x.xlsx').expect(202)).body.id;
    await waitDone(id);
    const csv = await t
      .http()
      .get(`/api/imports/${id}/errors?format=csv`)
      .set('Authorization', `Bearer ${staff}`)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('Dòng,Cột,Ô,Lỗi');
    expect(csv.text.trim().split('\r\n')).toHaveLength(1 + BAD.size);
    const x = await t
      .http()
      .get(`/api/imports/${id}/errors?format=xlsx`)
      .set('Authorization', `Bearer ${staff}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.body);
    expect(wb.worksheets[0].actualRowCount).toBe(1 + BAD.size);
  }, 60_000);

  it('imports a Vietnamese CSV (semicolons, 1.234,5 numbers, dd/mm/yyyy) of cooperatives', async () => {
    const csv =
      '\ufeffTên HTX;Loại hình;Mã số thuế;Số điện thoại;Số thành viên;Sản phẩm\nHTX Thử Nghiệm CSV;HTX;0312345678;0912 345 678;1.234;LUA_ST\nTổ hợp tác Rau;Tổ hợp tác;;;"12";\n';
    const done = await waitDone((await upload(Buffer.from(csv), 'htx.csv', 'cooperatives').expect(202)).body.id);
    expect(done).toMatchObject({ status: 'completed', totalRows: 2, writtenRows: 2 });
    const rows = await t.dataSource.query(
      `SELECT name, kind, tax_code, contact_phone, members, products FROM cooperatives WHERE name IN ('HTX Thử Nghiệm CSV', 'Tổ hợp tác Rau') ORDER BY name`,
    );
    expect(rows).toEqual([
      {
        name: 'HTX Thử Nghiệm CSV',
        kind: 'cooperative',
        tax_code: '0312345678',
        contact_phone: '0912345678',
        members: 1234,
        products: ['LUA_ST'],
      },
      {
        name: 'Tổ hợp tác Rau',
        kind: 'cooperative_group',
        tax_code: null,
        contact_phone: null,
        members: 12,
        products: [],
      },
    ]);
    const again = await waitDone((await upload(Buffer.from(csv), 'htx.csv', 'cooperatives').expect(202)).body.id);
    expect(again.writtenRows).toBe(0);
  }, 60_000);

  it('imports buyers, purchase requests, production areas and inventory reports', async () => {
    const buyers =
      'Tên đơn vị;Loại hình;Mã số thuế;Mã tỉnh;Vĩ độ;Kinh độ;Sản phẩm cần mua\nCông ty Chế biến Thử;Cơ sở chế biến;0398765432;;10,38;105,43;LUA_ST\n';
    expect(await waitDone((await upload(Buffer.from(buyers), 'b.csv', 'buyers').expect(202)).body.id)).toMatchObject({
      status: 'completed',
      writtenRows: 1,
    });
    const requests =
      'Mã số thuế bên mua;Mã sản phẩm;Khối lượng cần mua (kg);Giao từ ngày;Giao đến ngày;Giá mua (đồng/kg);Cự ly tối đa (km)\n0398765432;LUA_ST;100.000;01/12/2026;31/12/2026;7.500;120,5\n';
    expect(
      await waitDone((await upload(Buffer.from(requests), 'pr.csv', 'purchase-requests').expect(202)).body.id),
    ).toMatchObject({ status: 'completed', writtenRows: 1 });
    const areas = `Mã số thuế HTX;Mã sản phẩm;Tên vùng;Diện tích (ha);Vĩ độ;Kinh độ\n${coops[0].taxCode};LUA_ST;Cánh đồng lớn;12,5;9,93;105,3\n`;
    expect(
      await waitDone((await upload(Buffer.from(areas), 'pa.csv', 'production-areas').expect(202)).body.id),
    ).toMatchObject({ status: 'completed', writtenRows: 1 });
    const inventory =
      'Mã số thuế bên mua;Mã sản phẩm;Tồn kho (kg);Ngày báo cáo\n0398765432;LUA_ST;250.000;07/12/2026\n';
    expect(
      await waitDone((await upload(Buffer.from(inventory), 'inv.csv', 'inventory-reports').expect(202)).body.id),
    ).toMatchObject({ status: 'completed', writtenRows: 1 });
    expect(
      await waitDone((await upload(Buffer.from(inventory), 'inv.csv', 'inventory-reports').expect(202)).body.id),
    ).toMatchObject({ status: 'completed', writtenRows: 0 });
    const [pr] = await t.dataSource.query(
      `SELECT quantity_kg, bid_vnd_per_kg, max_distance_km, ST_Y(location::geometry) AS lat FROM purchase_requests`,
    );
    expect(pr).toEqual({ quantity_kg: '100000', bid_vnd_per_kg: 7500, max_distance_km: '120.5', lat: 10.38 });
    const [area] = await t.dataSource.query(
      `SELECT area_ha, round((ST_Area(boundary::geography) / 10000)::numeric, 1) AS measured FROM production_areas`,
    );
    expect(area.area_ha).toBe('12.50');
    expect(Math.abs(Number(area.measured) - 12.5)).toBeLessThan(0.2);
  }, 60_000);

  it('a buyer field declared once (warehouseAreaM2) is written by POST, PATCH and a spreadsheet, which creates then updates it', async () => {
    const auth = { Authorization: `Bearer ${staff}` };
    const created = await t
      .http()
      .post('/api/buyers')
      .set(auth)
      .send({ type: 'distributor', name: 'Nhà phân phối Kho Thử', warehouseAreaM2: 1500 })
      .expect(201);
    expect(created.body.warehouseAreaM2).toBe(1500);
    const id = created.body.id;
    const patched = await t.http().patch(`/api/buyers/${id}`).set(auth).send({ warehouseAreaM2: 1800 }).expect(200);
    expect(patched.body).toMatchObject({ warehouseAreaM2: 1800, name: 'Nhà phân phối Kho Thử' });
    expect((await t.http().get(`/api/buyers/${id}`).set(auth).expect(200)).body.warehouseAreaM2).toBe(1800);
    for (const bad of [-1, 12.5]) {
      const res = await t.http().patch(`/api/buyers/${id}`).set(auth).send({ warehouseAreaM2: bad }).expect(422);
      expect(res.body).toMatchObject({
        code: 'BUYER.INVALID_WAREHOUSE_AREA',
        details: [expect.objectContaining({ field: 'warehouseAreaM2' })],
      });
    }
    const notNumber = await t
      .http()
      .post('/api/buyers')
      .set(auth)
      .send({ type: 'trader', name: 'X', warehouseAreaM2: 'lớn' });
    expect(notNumber.status).toBe(400);
    expect(notNumber.body.details.map((d: any) => d.field)).toEqual(['warehouseAreaM2']);
    const [audit] = await t.dataSource.query(
      `SELECT changes FROM audit_logs WHERE entity_id = $1 AND action = 'update' ORDER BY id LIMIT 1`,
      [id],
    );
    expect(audit.changes.warehouseAreaM2).toEqual([1500, 1800]);

    // The Vietnamese header, then the API's name as the header: the same column.
    const sheet = (header: string, area: string) =>
      Buffer.from(`Tên đơn vị;Loại hình;Mã số thuế;${header}\nCông ty Kho Lạnh Thử;Nhà phân phối;0376543210;${area}\n`);
    const area = async () =>
      (await t.dataSource.query(`SELECT warehouse_area_m2 FROM buyers WHERE tax_code = '0376543210'`))[0]
        ?.warehouse_area_m2;
    const first = await waitDone(
      (await upload(sheet('Diện tích kho bãi (m²)', '2.500'), 'kho.csv', 'buyers').expect(202)).body.id,
    );
    expect(first).toMatchObject({ status: 'completed', insertedRows: 1, updatedRows: 0 });
    expect(await area()).toBe(2500);
    const changed = await waitDone(
      (await upload(sheet('warehouseAreaM2', '3000'), 'kho.csv', 'buyers').expect(202)).body.id,
    );
    expect(changed).toMatchObject({
      status: 'completed',
      insertedRows: 0,
      updatedRows: 1,
      changedFields: { warehouseAreaM2: 1 },
    });
    expect(await area()).toBe(3000);
    const same = await waitDone(
      (await upload(sheet('Diện tích kho (m2)', '3.000'), 'kho.csv', 'buyers').expect(202)).body.id,
    );
    expect(same).toMatchObject({ status: 'completed', writtenRows: 0, unchangedRows: 1 });
    const refused = await waitDone(
      (await upload(sheet('Diện tích kho bãi (m²)', '-5'), 'kho.csv', 'buyers').expect(202)).body.id,
    );
    expect(refused).toMatchObject({ status: 'failed', invalidRows: 1 });
    const errors = await t.http().get(`/api/imports/${refused.id}/errors`).set(auth).expect(200);
    expect(errors.body.items).toEqual([
      expect.objectContaining({ row: 2, column: 'Diện tích kho bãi (m²)', code: 'BUYER.INVALID_WAREHOUSE_AREA' }),
    ]);
    expect(await area()).toBe(3000);
  }, 60_000);

  it('serves a template per kind with Vietnamese headers and an example row', async () => {
    const res = await t
      .http()
      .get('/api/imports/templates/supply-lots')
      .set('Authorization', `Bearer ${staff}`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual(
      expect.arrayContaining(['Mã số thuế HTX', 'Mã sản phẩm*', 'Sản lượng (kg)*', 'Thu hoạch từ ngày*']),
    );
    expect(ws.actualRowCount).toBe(2);
    await t.http().get('/api/imports/templates/nope').set('Authorization', `Bearer ${staff}`).expect(404);
  });

  describe('malformed files get clear errors', () => {
    it('not a spreadsheet → 400 IMPORT.NOT_A_SPREADSHEET', async () => {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
      expect((await upload(png, 'anh.xlsx').expect(400)).body.code).toBe('IMPORT.NOT_A_SPREADSHEET');
      expect((await upload(png, 'anh.png').expect(400)).body.code).toBe('IMPORT.NOT_A_SPREADSHEET');
    });

    it('wrong headers → 422 IMPORT.WRONG_HEADERS naming the missing columns', async () => {
      const res = await upload(await xlsx(['Họ tên', 'Tuổi'], [['A', 1]]), 'sai.xlsx').expect(422);
      expect(res.body.code).toBe('IMPORT.WRONG_HEADERS');
      expect(res.body.details.missing).toEqual(expect.arrayContaining(['Mã sản phẩm', 'Sản lượng (kg)']));
      expect((await upload(Buffer.from('a,b\n1,2\n'), 'sai.csv').expect(422)).body.code).toBe('IMPORT.WRONG_HEADERS');
    });

    it('empty file → 422 IMPORT.EMPTY_FILE', async () => {
      expect((await upload(Buffer.alloc(0), 'rong.xlsx').expect(422)).body.code).toBe('IMPORT.EMPTY_FILE');
      expect((await upload(await xlsx(HEADERS, []), 'rong.xlsx').expect(422)).body.code).toBe('IMPORT.EMPTY_FILE');
    });

    it('over IMPORT_MAX_FILE_BYTES (20 MB by default) → 413 IMPORT.FILE_TOO_LARGE', async () => {
      const res = await upload(Buffer.alloc(20 * 1024 * 1024 + 1, 0x61), 'lon.csv').expect(413);
      expect(res.body.code).toBe('IMPORT.FILE_TOO_LARGE');
    }, 60_000);

    it('no file, bad kind → 400', async () => {
      expect(
        (
          await t
            .http()
            .post('/api/imports')
            .set('Authorization', `Bearer ${staff}`)
            .field('kind', 'supply-lots')
            .expect(400)
        ).body.code,
      ).toBe('IMPORT.FILE_REQUIRED');
      expect((await upload(file, 'x.xlsx', 'nope').expect(400)).body.code).toBe('VALIDATION.FAILED');
    });

    it('only staff import registries; a buyer may not', async () => {
      const buyer = await t.tokenFor('buyer', (await makeBuyer(t.dataSource)).id);
      await upload(Buffer.from('x'), 'a.csv', 'cooperatives', undefined, buyer).expect(403);
    });
  });
});

function binary(res: any, cb: (e: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}
