import { INestApplicationContext } from '@nestjs/common';
import { Cooperative } from '@agrilink/core';
import { ensureProduct, makeBuyer, makeCooperative } from '@agrilink/testing';
import { startWorker } from '../../apps/worker/src/main';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Issue 11 item 8: a natural key (Mã tham chiếu) is its owner's own, and a row that
 * cannot be written is a row error naming the cell and the reason, never a silent skip.
 */
const LOT_HEADERS =
  'Mã số thuế HTX;Mã sản phẩm;Sản lượng (kg);Thu hoạch từ ngày;Thu hoạch đến ngày;Giá chào bán (đồng/kg);Ghi chú;Mã tham chiếu';

describe('Import keys are scoped to their owner; a row that cannot be written is a row error (e2e, real worker)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let staff: string;
  let a: Cooperative;
  let b: Cooperative;
  let coopA: string;
  let coopB: string;

  const upload = (csv: string, kind: string, token: string, mode = 'partial') =>
    t
      .http()
      .post('/api/imports')
      .set('Authorization', `Bearer ${token}`)
      .field('kind', kind)
      .field('mode', mode)
      .attach('file', Buffer.from(csv), 'nhap.csv')
      .expect(202);
  const run = async (csv: string, kind: string, token = staff, mode = 'partial') => {
    const id = (await upload(csv, kind, token, mode)).body.id;
    for (let i = 0; i < 300; i++) {
      const res = await t.http().get(`/api/imports/${id}`).set('Authorization', `Bearer ${token}`).expect(200);
      if (res.body.status === 'completed' || res.body.status === 'failed') {
        const errors = await t
          .http()
          .get(`/api/imports/${id}/errors`)
          .set('Authorization', `Bearer ${token}`)
          .expect(200);
        return {
          view: res.body,
          errors: errors.body.items as Array<{
            row: number;
            column: string;
            cell?: string;
            code?: string;
            message: string;
          }>,
        };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`import ${id} did not finish`);
  };
  const lotsWithRef = async (ref: string) =>
    t.dataSource.query(
      `SELECT cooperative_id, quantity_kg::int AS kg FROM supply_lots WHERE external_ref = $1 ORDER BY quantity_kg`,
      [ref],
    );

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startWorker();
    staff = await t.tokenFor('staff');
    await ensureProduct(t.dataSource, { code: 'LUA_ST' });
    a = await makeCooperative(t.dataSource, { taxCode: '1711111111' });
    b = await makeCooperative(t.dataSource, { taxCode: '1722222222' });
    coopA = await t.tokenFor('cooperative', a.id);
    coopB = await t.tokenFor('cooperative', b.id);
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('two cooperatives import the same reference: both lots are written, each its own', async () => {
    const first = await run(
      `${LOT_HEADERS}\n${a.taxCode};LUA_ST;1.000;01/12/2026;15/12/2026;7.200;;L-001\n`,
      'supply-lots',
      coopA,
    );
    const second = await run(
      `${LOT_HEADERS}\n${b.taxCode};LUA_ST;2.000;01/12/2026;15/12/2026;7.300;;L-001\n`,
      'supply-lots',
      coopB,
    );
    expect(first.view).toMatchObject({ status: 'completed', writtenRows: 1, invalidRows: 0, unchangedRows: 0 });
    expect(second.view).toMatchObject({ status: 'completed', writtenRows: 1, invalidRows: 0, unchangedRows: 0 });
    expect(await lotsWithRef('L-001')).toEqual([
      { cooperative_id: a.id, kg: 1000 },
      { cooperative_id: b.id, kg: 2000 },
    ]);
    // Staff importing one file for both cooperatives, same reference on both rows: both written, no duplicate error.
    const both = await run(
      `${LOT_HEADERS}\n${a.taxCode};LUA_ST;3.000;01/12/2026;15/12/2026;7.200;;L-002\n${b.taxCode};LUA_ST;4.000;01/12/2026;15/12/2026;7.200;;L-002\n`,
      'supply-lots',
      staff,
    );
    expect(both.view).toMatchObject({ status: 'completed', writtenRows: 2, invalidRows: 0 });
  }, 60_000);

  it('the same file again: every row counted as unchanged, none written, none skipped without a reason', async () => {
    const again = await run(
      `${LOT_HEADERS}\n${a.taxCode};LUA_ST;1.000;01/12/2026;15/12/2026;7.200;;L-001\n`,
      'supply-lots',
      coopA,
    );
    expect(again.view).toMatchObject({
      status: 'completed',
      totalRows: 1,
      validRows: 1,
      writtenRows: 0,
      unchangedRows: 1,
      invalidRows: 0,
    });
    expect(again.errors).toEqual([]);
  }, 60_000);

  it('issue 16: a corrected row corrects the lot its reference names (its own lot only), says which fields changed, with an audit entry (before, after)', async () => {
    const csv = `${LOT_HEADERS}\n${a.taxCode};LUA_ST;9.999;01/12/2026;15/12/2026;7.200;;L-001\n${a.taxCode};LUA_ST;5.000;01/12/2026;15/12/2026;7.200;;L-003\n`;
    const res = await run(csv, 'supply-lots', coopA);
    expect(res.view).toMatchObject({
      status: 'completed',
      totalRows: 2,
      writtenRows: 2,
      insertedRows: 1,
      updatedRows: 1,
      invalidRows: 0,
      unchangedRows: 0,
      changedFields: { quantityKg: 1 },
    });
    expect(res.errors).toEqual([]);
    // Cooperative B's lot of the same reference is not A's to correct.
    expect(await lotsWithRef('L-001')).toEqual([
      { cooperative_id: b.id, kg: 2000 },
      { cooperative_id: a.id, kg: 9999 },
    ]);
    const [lot] = await t.dataSource.query(
      `SELECT id, version FROM supply_lots WHERE cooperative_id = $1 AND external_ref = 'L-001'`,
      [a.id],
    );
    expect(lot.version).toBe(2);
    const [audit] = await t.dataSource.query(
      `SELECT action, actor_role, changes FROM audit_logs WHERE entity_type = 'supply_lot' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [lot.id],
    );
    expect(audit).toEqual({ action: 'update', actor_role: 'cooperative', changes: { quantityKg: [1000, 9999] } });
    // The lot reads back as corrected through the API.
    expect(
      (await t.http().get(`/api/supply-lots/${lot.id}`).set('Authorization', `Bearer ${coopA}`).expect(200)).body,
    ).toMatchObject({ quantityKg: 9999, askVndPerKg: 7200 });
    // All-or-nothing: a bad row blocks the whole file, and the correction is not written either.
    const strict = await run(
      `${LOT_HEADERS}\n${a.taxCode};LUA_ST;8.888;01/12/2026;15/12/2026;7.200;;L-001\n${a.taxCode};KHONG_CO;6.000;01/12/2026;15/12/2026;7.200;;L-004\n`,
      'supply-lots',
      coopA,
      'all-or-nothing',
    );
    expect(strict.view).toMatchObject({
      status: 'failed',
      writtenRows: 0,
      updatedRows: 0,
      invalidRows: 1,
      error: { code: 'IMPORT.ROWS_INVALID' },
    });
    expect(strict.errors).toEqual([expect.objectContaining({ row: 3, cell: 'B3' })]);
    expect(await lotsWithRef('L-001')).toContainEqual({ cooperative_id: a.id, kg: 9999 });
    expect(await lotsWithRef('L-004')).toEqual([]);
  }, 60_000);

  it('a lot without a reference is named by product and harvest window: another price corrects its price; the same file again is unchanged', async () => {
    const head =
      'Mã số thuế HTX;Mã sản phẩm;Sản lượng (kg);Thu hoạch từ ngày;Thu hoạch đến ngày;Giá chào bán (đồng/kg)';
    expect(
      (await run(`${head}\n${a.taxCode};LUA_ST;1.000;01/01/2027;15/01/2027;7.200\n`, 'supply-lots', coopA)).view,
    ).toMatchObject({ writtenRows: 1 });
    const res = await run(`${head}\n${a.taxCode};LUA_ST;1.000;01/01/2027;15/01/2027;8.000\n`, 'supply-lots', coopA);
    expect(res.view).toMatchObject({
      status: 'completed',
      writtenRows: 1,
      updatedRows: 1,
      invalidRows: 0,
      changedFields: { askVndPerKg: 1 },
    });
    const again = await run(`${head}\n${a.taxCode};LUA_ST;1.000;01/01/2027;15/01/2027;8.000\n`, 'supply-lots', coopA);
    expect(again.view).toMatchObject({
      status: 'completed',
      writtenRows: 0,
      updatedRows: 0,
      unchangedRows: 1,
      changedFields: {},
    });
    const [lot] = await t.dataSource.query(
      `SELECT ask_vnd_per_kg FROM supply_lots WHERE cooperative_id = $1 AND harvest_from = '2027-01-01'`,
      [a.id],
    );
    expect(lot.ask_vnd_per_kg).toBe(8000);
  }, 60_000);

  it("a lot with deals: a correction the API refuses is a row error with the API's code, and nothing is written", async () => {
    const made = await run(
      `${LOT_HEADERS}\n${a.taxCode};LUA_ST;3.000;01/05/2027;15/05/2027;7.200;;L-030\n`,
      'supply-lots',
      coopA,
    );
    expect(made.view).toMatchObject({ insertedRows: 1 });
    const [lot] = await t.dataSource.query(
      `SELECT id FROM supply_lots WHERE cooperative_id = $1 AND external_ref = 'L-030'`,
      [a.id],
    );
    // Kilograms committed to deals, as a confirmed deal leaves them.
    await t.dataSource.query(`UPDATE supply_lots SET committed_kg = 2000 WHERE id = $1`, [lot.id]);
    const api = await t
      .http()
      .patch(`/api/supply-lots/${lot.id}`)
      .set('Authorization', `Bearer ${coopA}`)
      .send({ quantityKg: 1500 })
      .expect(409);
    const frozen = await t
      .http()
      .patch(`/api/supply-lots/${lot.id}`)
      .set('Authorization', `Bearer ${coopA}`)
      .send({ askVndPerKg: 8000 })
      .expect(409);
    const below = await run(
      `${LOT_HEADERS}\n${a.taxCode};LUA_ST;1.500;01/05/2027;15/05/2027;7.200;;L-030\n`,
      'supply-lots',
      coopA,
    );
    expect(below.view).toMatchObject({ status: 'completed', writtenRows: 0, updatedRows: 0, invalidRows: 1 });
    expect(below.errors).toEqual([
      {
        row: 2,
        column: 'Sản lượng (kg)',
        cell: 'C2',
        code: api.body.code,
        message: expect.stringContaining('2000 kg'),
      },
    ]);
    const price = await run(
      `${LOT_HEADERS}\n${a.taxCode};LUA_ST;3.000;01/05/2027;15/05/2027;8.000;;L-030\n`,
      'supply-lots',
      coopA,
    );
    expect(price.errors).toEqual([
      { row: 2, column: 'Giá chào bán (đồng/kg)', cell: 'F2', code: frozen.body.code, message: expect.any(String) },
    ]);
    expect([api.body.code, frozen.body.code]).toEqual([
      'SUPPLY_LOT.QUANTITY_BELOW_COMMITTED',
      'SUPPLY_LOT.FIELD_FROZEN',
    ]);
    // More kilograms and a note are still the seller's to correct.
    const more = await run(
      `${LOT_HEADERS}\n${a.taxCode};LUA_ST;4.000;01/05/2027;15/05/2027;7.200;thêm;L-030\n`,
      'supply-lots',
      coopA,
    );
    expect(more.view).toMatchObject({ updatedRows: 1, invalidRows: 0, changedFields: { quantityKg: 1, note: 1 } });
    const [after] = await t.dataSource.query(
      `SELECT quantity_kg::int AS kg, ask_vnd_per_kg AS ask, note, status FROM supply_lots WHERE id = $1`,
      [lot.id],
    );
    expect(after).toEqual({ kg: 4000, ask: 7200, note: 'thêm', status: 'open' });
  }, 60_000);

  it("a row the rules refuse carries the rule's code (reversed harvest window, unknown certification), and nothing is written", async () => {
    const head = `${LOT_HEADERS};Chứng nhận`;
    const res = await run(
      `${head}\n${a.taxCode};LUA_ST;1.000;15/06/2027;01/06/2027;7.200;;L-040;\n${a.taxCode};LUA_ST;1.000;01/06/2027;15/06/2027;7.200;;L-041;VIETGAP, KHONG\n`,
      'supply-lots',
      coopA,
    );
    expect(res.view).toMatchObject({ status: 'completed', writtenRows: 0, invalidRows: 2 });
    expect(res.errors).toEqual([
      {
        row: 2,
        column: 'Thu hoạch đến ngày',
        cell: 'E2',
        code: 'SUPPLY_LOT.WINDOW_REVERSED',
        message: expect.any(String),
      },
      {
        row: 3,
        column: 'Chứng nhận',
        cell: 'I3',
        code: 'CERTIFICATION.UNKNOWN',
        message: expect.stringContaining('KHONG'),
      },
    ]);
    expect(await lotsWithRef('L-040')).toEqual([]);
    expect(await lotsWithRef('L-041')).toEqual([]);
  }, 60_000);

  it('two rows of one file with the same key are a row error on the second, naming the key cell', async () => {
    const res = await run(
      `${LOT_HEADERS}\n${a.taxCode};LUA_ST;1.000;01/02/2027;15/02/2027;7.200;;L-009\n${a.taxCode};LUA_ST;2.000;01/03/2027;15/03/2027;7.200;;L-009\n`,
      'supply-lots',
      coopA,
    );
    expect(res.view).toMatchObject({ writtenRows: 1, invalidRows: 1 });
    expect(res.errors).toEqual([
      { row: 3, column: 'Mã tham chiếu', cell: 'H3', message: expect.stringContaining('Trùng với dòng 2') },
    ]);
  }, 60_000);

  it('registry rows (issue 16): a corrected spreadsheet corrects the record it names by tax code, with an audit entry per row; the same file again writes nothing', async () => {
    const head = 'Tên HTX;Mã số thuế;Số điện thoại';
    const renamed = await run(`${head}\nHTX Khác Tên;${a.taxCode};\n`, 'cooperatives', staff);
    expect(renamed.view).toMatchObject({
      status: 'completed',
      writtenRows: 1,
      insertedRows: 0,
      updatedRows: 1,
      unchangedRows: 0,
      invalidRows: 0,
    });
    expect(renamed.errors).toEqual([]);
    const [row] = await t.dataSource.query('SELECT name, search_text FROM cooperatives WHERE id = $1', [a.id]);
    expect(row).toEqual({ name: 'HTX Khác Tên', search_text: `htx khac ten ${a.taxCode}` });
    const [audit] = await t.dataSource.query(
      `SELECT action, actor_role, changes FROM audit_logs WHERE entity_type = 'cooperative' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [a.id],
    );
    expect(audit).toEqual({ action: 'update', actor_role: 'staff', changes: { name: [a.name, 'HTX Khác Tên'] } });

    const fresh = `${head}\nHTX Mới Nhập;0311112222;0912 345 678\n`;
    expect((await run(fresh, 'cooperatives', staff)).view).toMatchObject({
      writtenRows: 1,
      insertedRows: 1,
      updatedRows: 0,
      unchangedRows: 0,
    });
    const [created] = await t.dataSource.query(`SELECT id FROM cooperatives WHERE tax_code = '0311112222'`);
    const createdAudit = await t.dataSource.query(
      `SELECT action, changes FROM audit_logs WHERE entity_type = 'cooperative' AND entity_id = $1`,
      [created.id],
    );
    expect(createdAudit).toEqual([
      {
        action: 'create',
        changes: expect.objectContaining({ name: 'HTX Mới Nhập', taxCode: '0311112222', contactPhone: '0912345678' }),
      },
    ]);
    expect((await run(fresh, 'cooperatives', staff)).view).toMatchObject({
      writtenRows: 0,
      insertedRows: 0,
      updatedRows: 0,
      unchangedRows: 1,
      invalidRows: 0,
    });

    const phone = await run(`${head}\nHTX Mới Nhập;0311112222;0987 654 321\n`, 'cooperatives', staff);
    expect(phone.view).toMatchObject({ writtenRows: 1, updatedRows: 1, invalidRows: 0 });
    // A file without a column leaves that field as it is.
    expect((await run('Tên HTX;Mã số thuế\nHTX Mới Nhập;0311112222\n', 'cooperatives', staff)).view).toMatchObject({
      writtenRows: 0,
      unchangedRows: 1,
    });
    expect(
      (await t.dataSource.query(`SELECT contact_phone FROM cooperatives WHERE id = $1`, [created.id]))[0].contact_phone,
    ).toBe('0987654321');
    // The same rules as the API: a phone the API refuses is a row error on its cell.
    const bad = await run(`${head}\nHTX Mới Nhập;0311112222;12345\n`, 'cooperatives', staff);
    expect(bad.errors).toEqual([
      {
        row: 2,
        column: 'Số điện thoại',
        cell: 'C2',
        code: 'COOPERATIVE.INVALID_PHONE',
        message: 'Số điện thoại "12345" không hợp lệ',
      },
    ]);
  }, 60_000);

  it('purchase requests, production areas and inventory reports: owner-scoped keys; a corrected row corrects the record and says what changed', async () => {
    const x = await makeBuyer(t.dataSource, { taxCode: '0399999991' });
    const y = await makeBuyer(t.dataSource, { taxCode: '0399999992' });
    const reqHead =
      'Mã số thuế bên mua;Mã sản phẩm;Khối lượng cần mua (kg);Giao từ ngày;Giao đến ngày;Giá mua (đồng/kg);Mã tham chiếu';
    const reqs = await run(
      `${reqHead}\n${x.taxCode};LUA_ST;100.000;01/12/2026;31/12/2026;7.500;R-1\n${y.taxCode};LUA_ST;50.000;01/12/2026;31/12/2026;7.600;R-1\n`,
      'purchase-requests',
      staff,
    );
    expect(reqs.view).toMatchObject({ writtenRows: 2, invalidRows: 0 });
    const reqFix = await run(
      `${reqHead}\n${x.taxCode};LUA_ST;100.000;01/12/2026;31/12/2026;7.900;R-1\n${y.taxCode};LUA_ST;50.000;01/12/2026;31/12/2026;7.600;R-1\n`,
      'purchase-requests',
      staff,
    );
    expect(reqFix.view).toMatchObject({
      writtenRows: 1,
      updatedRows: 1,
      unchangedRows: 1,
      invalidRows: 0,
      changedFields: { bidVndPerKg: 1 },
    });
    const bids = await t.dataSource.query(
      `SELECT buyer_id, bid_vnd_per_kg AS bid, version FROM purchase_requests WHERE external_ref = 'R-1' ORDER BY bid_vnd_per_kg`,
    );
    expect(bids).toEqual([
      { buyer_id: y.id, bid: 7600, version: 1 },
      { buyer_id: x.id, bid: 7900, version: 2 },
    ]);
    const [reqId] = await t.dataSource.query(
      `SELECT id FROM purchase_requests WHERE buyer_id = $1 AND external_ref = 'R-1'`,
      [x.id],
    );
    const [reqAudit] = await t.dataSource.query(
      `SELECT action, changes FROM audit_logs WHERE entity_type = 'purchase_request' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [reqId.id],
    );
    expect(reqAudit).toEqual({ action: 'update', changes: { bidVndPerKg: [7500, 7900] } });
    const reversed = await run(
      `${reqHead}\n${x.taxCode};LUA_ST;100.000;31/12/2026;01/12/2026;7.900;R-1\n`,
      'purchase-requests',
      staff,
    );
    expect(reversed.errors).toEqual([
      expect.objectContaining({ row: 2, cell: 'E2', code: 'PURCHASE_REQUEST.WINDOW_REVERSED' }),
    ]);

    const areaHead = 'Mã số thuế HTX;Mã sản phẩm;Tên vùng;Diện tích (ha);Vĩ độ;Kinh độ;Mã tham chiếu';
    const areas = await run(
      `${areaHead}\n${a.taxCode};LUA_ST;Cánh đồng 1;12,5;9,93;105,3;V-1\n${b.taxCode};LUA_ST;Cánh đồng 1;8;9,94;105,31;V-1\n`,
      'production-areas',
      staff,
    );
    expect(areas.view).toMatchObject({ writtenRows: 2, invalidRows: 0 });
    const areaFix = await run(
      `${areaHead}\n${a.taxCode};LUA_ST;Cánh đồng 1;13;9,93;105,3;V-1\n`,
      'production-areas',
      staff,
    );
    expect(areaFix.view).toMatchObject({
      writtenRows: 1,
      updatedRows: 1,
      invalidRows: 0,
      changedFields: { areaHa: 1 },
    });
    const [area] = await t.dataSource.query(
      `SELECT id, area_ha FROM production_areas WHERE cooperative_id = $1 AND external_ref = 'V-1'`,
      [a.id],
    );
    expect(area.area_ha).toBe('13.00');
    const [areaAudit] = await t.dataSource.query(
      `SELECT action, changes FROM audit_logs WHERE entity_type = 'production_area' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [area.id],
    );
    expect(areaAudit).toEqual({ action: 'update', changes: { areaHa: [12.5, 13] } });
    expect(
      (await run(`${areaHead}\n${a.taxCode};LUA_ST;Cánh đồng 1;13;9,93;105,3;V-1\n`, 'production-areas', staff)).view,
    ).toMatchObject({ writtenRows: 0, unchangedRows: 1 });
    const badArea = await run(
      `${areaHead}\n${a.taxCode};LUA_ST;Cánh đồng 1;13,125;9,93;105,3;V-1\n`,
      'production-areas',
      staff,
    );
    expect(badArea.errors).toEqual([
      expect.objectContaining({ row: 2, cell: 'D2', code: 'PRODUCTION_AREA.INVALID_AREA' }),
    ]);

    const invHead = 'Mã số thuế bên mua;Mã sản phẩm;Tồn kho (kg);Ngày báo cáo';
    expect(
      (await run(`${invHead}\n${x.taxCode};LUA_ST;250.000;07/12/2026\n`, 'inventory-reports', staff)).view,
    ).toMatchObject({ writtenRows: 1 });
    expect(
      (await run(`${invHead}\n${x.taxCode};LUA_ST;250.000;07/12/2026\n`, 'inventory-reports', staff)).view,
    ).toMatchObject({ writtenRows: 0, unchangedRows: 1, invalidRows: 0 });
    // Issue 16: a corrected figure corrects that day's report, with an audit entry (before, after).
    const inv = await run(`${invHead}\n${x.taxCode};LUA_ST;260.000;07/12/2026\n`, 'inventory-reports', staff);
    expect(inv.view).toMatchObject({ writtenRows: 1, insertedRows: 0, updatedRows: 1, invalidRows: 0 });
    const [report] = await t.dataSource.query(
      `SELECT id, quantity_kg::int AS kg FROM inventory_reports WHERE buyer_id = $1 AND reported_at = '2026-12-07'`,
      [x.id],
    );
    expect(report.kg).toBe(260000);
    const [audit] = await t.dataSource.query(
      `SELECT action, changes FROM audit_logs WHERE entity_type = 'inventory_report' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [report.id],
    );
    expect(audit).toEqual({ action: 'update', changes: { quantityKg: [250000, 260000] } });
  }, 60_000);

  it('a row the database itself refuses (a constraint the checks do not know) is a row error naming the constraint; the other rows are written', async () => {
    await t.dataSource.query(
      `ALTER TABLE supply_lots ADD CONSTRAINT ck_test_note_refused CHECK (note IS DISTINCT FROM 'bị từ chối')`,
    );
    try {
      const csv = `${LOT_HEADERS}\n${a.taxCode};LUA_ST;1.000;01/04/2027;15/04/2027;7.200;bị từ chối;L-020\n${a.taxCode};LUA_ST;1.000;01/04/2027;15/04/2027;7.200;;L-021\n`;
      const res = await run(csv, 'supply-lots', coopA);
      expect(res.view).toMatchObject({ status: 'completed', writtenRows: 1, invalidRows: 1 });
      expect(res.errors).toEqual([
        { row: 2, column: 'Mã tham chiếu', cell: 'H2', message: expect.stringContaining('ck_test_note_refused') },
      ]);
      expect(await lotsWithRef('L-021')).toHaveLength(1);
    } finally {
      await t.dataSource.query(`ALTER TABLE supply_lots DROP CONSTRAINT ck_test_note_refused`);
    }
  }, 60_000);
});
