import { INestApplicationContext } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import request from 'supertest';
import {
  AGENCY_REMINDER_SCHEDULER,
  AgencyReportRemindersService,
  AgencyReportsService,
  isoWeekOf,
  shiftWeek,
  todayInVietnam,
} from '@agrilink/core';
import { JobName, QueueName } from '@agrilink/queue';
import { ensureProduct, makeCooperative } from '@agrilink/testing';
import { startInProcessWorker, waitFor } from '../support/matching';
import { createTestApp, TestApp } from '../support/test-app';

describe('agency reporting duty: weekly reports, reminders, tasks, ad-hoc reports (e2e)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let staff: string;
  const agencies: Record<'dept' | 'commune' | 'health', { id: string; token: string }> = {} as any;
  const week = isoWeekOf(todayInVietnam()).label;
  const lastWeek = shiftWeek(isoWeekOf(todayInVietnam()), -1).label;
  const nextWeek = shiftWeek(isoWeekOf(todayInVietnam()), 1).label;

  const as = (token: string | null) => {
    const http = t.http();
    const wrap = (req: request.Test) => (token ? req.auth(token, { type: 'bearer' }) : req);
    return {
      get: (url: string) => wrap(http.get(url)),
      put: (url: string, body: object) => wrap(http.put(url).send(body)),
      post: (url: string, body: object) => wrap(http.post(url).send(body)),
      patch: (url: string, body: object) => wrap(http.patch(url).send(body)),
    };
  };

  async function agencyUser(agencyId: string): Promise<string> {
    const email = `agency-${agencyId.slice(0, 8)}@so.test.vn`;
    const created = await as(staff)
      .post('/api/users', {
        email,
        password: 'Baocao@2026',
        role: 'agency',
        organizationId: agencyId,
        displayName: 'Cán bộ báo cáo',
      })
      .expect(201);
    expect(created.body).toMatchObject({ role: 'agency', organizationId: agencyId });
    return (await t.http().post('/api/auth/login').send({ email, password: 'Baocao@2026' }).expect(200)).body
      .accessToken;
  }

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startInProcessWorker();
    staff = await t.tokenFor('staff');
    await ensureProduct(t.dataSource, { code: 'LUA_E2E_AG', nameVi: 'Lúa thử nghiệm' });
    const [commune] = await t.dataSource.query(
      `SELECT id FROM administrative_units WHERE era = 'current' AND level = 'commune' ORDER BY id LIMIT 1`,
    );
    const dept = await as(staff)
      .post('/api/agencies', { name: 'Sở Nông nghiệp và Phát triển nông thôn', kind: 'department' })
      .expect(201);
    const ubnd = await as(staff)
      .post('/api/agencies', { name: 'UBND xã Thạnh Hưng', kind: 'commune', administrativeUnitId: commune.id })
      .expect(201);
    expect(ubnd.body).toMatchObject({ kind: 'commune', administrativeUnitId: commune.id, active: true });
    const health = await as(staff).post('/api/agencies', { name: 'Sở Y tế', kind: 'department' }).expect(201);
    for (const [k, body] of [
      ['dept', dept.body],
      ['commune', ubnd.body],
      ['health', health.body],
    ] as const)
      agencies[k] = { id: body.id, token: await agencyUser(body.id) };
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('keeps the register: staff create, list, patch; duplicates, pre-2025 units and other roles refused', async () => {
    const dup = await as(staff).post('/api/agencies', { name: '  sở y tế ', kind: 'department' }).expect(409);
    expect(dup.body).toMatchObject({ code: 'AGENCY.NAME_TAKEN', details: { field: 'name' } });
    const [old] = await t.dataSource.query(
      `SELECT id FROM administrative_units WHERE era = 'pre2025' AND level = 'commune' LIMIT 1`,
    );
    const pre = await as(staff)
      .post('/api/agencies', { name: 'UBND xã cũ', kind: 'commune', administrativeUnitId: old.id })
      .expect(422);
    expect(pre.body).toMatchObject({
      code: 'AGENCY.PRE2025_ADMINISTRATIVE_UNIT',
      details: [{ field: 'administrativeUnitId' }],
    });
    await as(staff).post('/api/agencies', { name: 'X', kind: 'ministry' }).expect(400);
    const coop = await t.tokenFor('cooperative', (await makeCooperative(t.dataSource)).id);
    await as(coop).post('/api/agencies', { name: 'Sở Giao thông vận tải', kind: 'department' }).expect(403);
    await as(agencies.dept.token)
      .post('/api/agencies', { name: 'Sở Giao thông vận tải', kind: 'department' })
      .expect(403);
    await as(null).get('/api/agencies').expect(401);

    const list = await as(staff).get('/api/agencies?q=so y te').expect(200);
    expect(list.body.items.map((a: any) => a.name)).toEqual(['Sở Y tế']);
    // An agency user sees only its own agency.
    const own = await as(agencies.dept.token).get('/api/agencies').expect(200);
    expect(own.body.items.map((a: any) => a.id)).toEqual([agencies.dept.id]);
    await as(agencies.dept.token).get(`/api/agencies/${agencies.health.id}`).expect(404);
    const renamed = await as(staff).patch(`/api/agencies/${agencies.health.id}`, { name: 'Sở Y tế tỉnh' }).expect(200);
    expect(renamed.body.name).toBe('Sở Y tế tỉnh');
    // Staff may not make agency users of an unknown agency.
    const bad = await as(staff)
      .post('/api/users', {
        email: 'x@so.test.vn',
        password: 'Baocao@2026',
        role: 'agency',
        organizationId: '6f1c2a9e-3b7d-4c41-9a55-0d8e2f7b1c33',
      })
      .expect(422);
    expect(bad.body.code).toBe('USER.ORGANIZATION_UNKNOWN');
  });

  it('takes an agency’s weekly report, replaces it idempotently with history, and shows staff who is missing', async () => {
    await as(null).put(`/api/agency-reports/${week}`, { situation: 'x' }).expect(401);
    await as(null).get(`/api/agency-reports?week=${week}`).expect(401);
    const report = {
      situation: 'Lúa Đông Xuân đã thu hoạch 60% diện tích.',
      difficulties: 'Thiếu máy gặt đập liên hợp ở các xã vùng sâu.',
      proposals: 'Đề nghị Sở Công Thương kết nối thêm thương lái.',
      lines: [
        { productCode: 'lua_e2e_ag', harvestedKg: 1_200_000, soldKg: 900_000, backlogKg: 300_000 },
        { harvestedKg: 1_500_000, note: 'Tổng các sản phẩm' },
      ],
    };
    const first = await as(agencies.dept.token).put(`/api/agency-reports/${week}`, report).expect(200);
    expect(first.body).toMatchObject({
      created: true,
      changed: true,
      report: { week, revision: 1, source: 'form', agency: { id: agencies.dept.id, kind: 'department' } },
    });
    expect(first.body.report.lines).toEqual([
      {
        productCode: 'LUA_E2E_AG',
        productName: 'Lúa thử nghiệm',
        harvestedKg: 1_200_000,
        soldKg: 900_000,
        backlogKg: 300_000,
        note: null,
      },
      {
        productCode: null,
        productName: null,
        harvestedKg: 1_500_000,
        soldKg: null,
        backlogKg: null,
        note: 'Tổng các sản phẩm',
      },
    ]);
    const again = await as(agencies.dept.token).put(`/api/agency-reports/${week}`, report).expect(200);
    expect(again.body).toMatchObject({ created: false, changed: false, report: { revision: 1 } });
    const changed = await as(agencies.dept.token)
      .put(`/api/agency-reports/${week}`, { ...report, difficulties: 'Đã có thêm 5 máy gặt.' })
      .expect(200);
    expect(changed.body).toMatchObject({
      created: false,
      changed: true,
      report: { revision: 2, difficulties: 'Đã có thêm 5 máy gặt.' },
    });
    const history = await as(agencies.dept.token).get(`/api/agency-reports/${week}/history`).expect(200);
    expect(history.body.items.map((h: any) => h.action)).toEqual(['replace', 'submit']);
    expect(history.body.items[0].changes.difficulties).toEqual([report.difficulties, 'Đã có thêm 5 máy gặt.']);

    // Another agency can neither read nor write it.
    await as(agencies.commune.token).get(`/api/agency-reports/${week}?agencyId=${agencies.dept.id}`).expect(403);
    await as(agencies.commune.token)
      .put(`/api/agency-reports/${week}`, { ...report, agencyId: agencies.dept.id })
      .expect(403);
    await as(agencies.commune.token).get(`/api/agency-reports/${week}`).expect(404);
    const coop = await t.tokenFor('cooperative', (await makeCooperative(t.dataSource)).id);
    await as(coop).put(`/api/agency-reports/${week}`, report).expect(403);
    await as(coop).get(`/api/agency-reports?week=${week}`).expect(403);

    const summary = await as(staff).get(`/api/agency-reports?week=${week}`).expect(200);
    expect(summary.body.week).toBe(week);
    expect(summary.body.submitted.map((r: any) => r.agency.id)).toEqual([agencies.dept.id]);
    expect(summary.body.submitted[0]).toMatchObject({
      situation: report.situation,
      proposals: report.proposals,
      revision: 2,
    });
    expect(summary.body.missing.map((m: any) => m.agency.id).sort()).toEqual(
      [agencies.commune.id, agencies.health.id].sort(),
    );
    const mine = await as(agencies.commune.token).get(`/api/agency-reports?week=${week}`).expect(200);
    expect(mine.body).toMatchObject({ submitted: [], missing: [{ agency: { id: agencies.commune.id } }] });
    const staffRead = await as(staff).get(`/api/agency-reports/${week}?agencyId=${agencies.dept.id}`).expect(200);
    expect(staffRead.body.revision).toBe(2);

    // The service the consolidated weekly report reads.
    const forWeek = await t.app.get(AgencyReportsService).forWeek(week);
    expect(forWeek.submitted.map((r) => [r.agency.name, r.situation, r.lines.length])).toEqual([
      ['Sở Nông nghiệp và Phát triển nông thôn', report.situation, 2],
    ]);
    expect(forWeek.missing.map((m) => m.agency.id).sort()).toEqual([agencies.commune.id, agencies.health.id].sort());
    // The consolidated weekly report quotes the agencies' texts and names who is missing.
    const weekly = await as(staff).get(`/api/reports/weekly?week=${week}`).expect(200);
    expect(weekly.body.agencyReports.submitted).toEqual([
      expect.objectContaining({
        agencyId: agencies.dept.id,
        situation: report.situation,
        difficulties: 'Đã có thêm 5 máy gặt.',
      }),
    ]);
    expect(weekly.body.agencyReports.missing.map((m: any) => m.agencyId).sort()).toEqual(
      [agencies.commune.id, agencies.health.id].sort(),
    );
    // An agency made after a week ended owed nothing for it... but every current agency owes last week.
    expect((await t.app.get(AgencyReportsService).forWeek('2020-W10')).missing).toEqual([]);
    expect((await t.app.get(AgencyReportsService).forWeek(lastWeek)).missing.length).toBeGreaterThanOrEqual(0);
  });

  it('refuses a report for a week not begun, an unknown product, duplicate lines and an empty report, naming the field', async () => {
    const future = await as(agencies.health.token)
      .put(`/api/agency-reports/${nextWeek}`, { situation: 'x' })
      .expect(422);
    expect(future.body).toMatchObject({ code: 'AGENCY_REPORT.WEEK_IN_FUTURE', details: [{ field: 'week' }] });
    const product = await as(agencies.health.token)
      .put(`/api/agency-reports/${week}`, { lines: [{ productCode: 'KHONG_CO', soldKg: 1 }] })
      .expect(422);
    expect(product.body).toMatchObject({
      code: 'AGENCY_REPORT.UNKNOWN_PRODUCT',
      details: [{ field: 'lines[0].productCode' }],
    });
    const dup = await as(agencies.health.token)
      .put(`/api/agency-reports/${week}`, {
        lines: [
          { productCode: 'LUA_E2E_AG', soldKg: 1 },
          { productCode: 'LUA_E2E_AG', soldKg: 2 },
        ],
      })
      .expect(422);
    expect(dup.body).toMatchObject({
      code: 'AGENCY_REPORT.DUPLICATE_LINE',
      details: [{ field: 'lines[1].productCode' }],
    });
    const empty = await as(agencies.health.token).put(`/api/agency-reports/${week}`, { situation: '   ' }).expect(422);
    expect(empty.body.code).toBe('AGENCY_REPORT.EMPTY');
    const kg = await as(agencies.health.token)
      .put(`/api/agency-reports/${week}`, { lines: [{ soldKg: 1.5 }] })
      .expect(400);
    expect(JSON.stringify(kg.body.details)).toContain('soldKg');
    await as(agencies.health.token).put('/api/agency-reports/2026-49', { situation: 'x' }).expect(400);
    expect(
      Number(
        (
          await t.dataSource.query(`SELECT count(*) AS n FROM agency_reports WHERE agency_id = $1`, [
            agencies.health.id,
          ])
        )[0].n,
      ),
    ).toBe(0);
  });

  it('takes the weekly report from the filled-in spreadsheet template, under the same rules', async () => {
    const tpl = await as(agencies.health.token)
      .get('/api/agency-reports/template')
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.body);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'Mục',
      'Mã sản phẩm',
      'Đã thu hoạch (kg)',
      'Đã tiêu thụ (kg)',
      'Tồn đọng (kg)',
      'Nội dung / ghi chú',
    ]);
    ws.getCell('F2').value = 'Chợ đầu mối hoạt động bình thường.';
    ws.getCell('F4').value = 'Đề nghị hỗ trợ kho lạnh.';
    ws.getRow(5).values = ['Số liệu', 'LUA_E2E_AG', 20000, 15000, 5000, ''];
    ws.getRow(6).values = ['Số liệu', '', '', '', '', ''];
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const sent = await t
      .http()
      .put(`/api/agency-reports/${lastWeek}/spreadsheet`)
      .auth(agencies.health.token, { type: 'bearer' })
      .attach('file', file, 'bao-cao-tuan.xlsx')
      .expect(200);
    expect(sent.body.report).toMatchObject({
      week: lastWeek,
      source: 'spreadsheet',
      situation: 'Chợ đầu mối hoạt động bình thường.',
      difficulties: '',
      proposals: 'Đề nghị hỗ trợ kho lạnh.',
      revision: 1,
    });
    expect(sent.body.report.lines).toEqual([
      expect.objectContaining({ productCode: 'LUA_E2E_AG', harvestedKg: 20000, soldKg: 15000, backlogKg: 5000 }),
    ]);
    ws.getCell('C5').value = 'nhiều';
    const bad = await t
      .http()
      .put(`/api/agency-reports/${lastWeek}/spreadsheet`)
      .auth(agencies.health.token, { type: 'bearer' })
      .attach('file', Buffer.from(await wb.xlsx.writeBuffer()), 'bao-cao-tuan.xlsx')
      .expect(422);
    expect(bad.body).toMatchObject({ code: 'AGENCY_REPORT.INVALID_KG', details: [{ field: 'file' }] });
    expect(bad.body.message).toContain('C5');
    await t
      .http()
      .put(`/api/agency-reports/${lastWeek}/spreadsheet`)
      .auth(agencies.health.token, { type: 'bearer' })
      .expect(400);
    await t.http().put(`/api/agency-reports/${lastWeek}/spreadsheet`).attach('file', file, 'x.xlsx').expect(401);
    // Not this week's report: the week's missing list is unchanged for the reminder test below.
    expect((await as(agencies.health.token).get(`/api/agency-reports/${lastWeek}`).expect(200)).body.revision).toBe(1);
  });

  it('reminds the missing agencies now and on the weekday staff set (BullMQ scheduler), each iteration once', async () => {
    const notificationsOf = async (token: string) =>
      (await as(token).get('/api/notifications?limit=100').expect(200)).body.items.filter(
        (n: any) => n.kind === 'agency_report.reminder' && n.data.week === week,
      );
    await as(agencies.dept.token).post('/api/agency-reports/reminders', { week }).expect(403);
    const sent = await as(staff).post('/api/agency-reports/reminders', { week }).expect(200);
    expect(sent.body.reminded.map((a: any) => a.id).sort()).toEqual([agencies.commune.id, agencies.health.id].sort());
    const [note] = await notificationsOf(agencies.commune.token);
    expect(note.title).toContain(week);
    expect(note.body).toContain('UBND xã Thạnh Hưng');
    expect(await notificationsOf(agencies.dept.token)).toEqual([]);
    const refused = await as(staff)
      .post('/api/agency-reports/reminders', { week, agencyIds: [agencies.dept.id] })
      .expect(422);
    expect(refused.body).toMatchObject({ code: 'AGENCY_REPORT.NOT_MISSING', details: [{ field: 'agencyIds' }] });
    const summary = await as(staff).get(`/api/agency-reports?week=${week}`).expect(200);
    expect(summary.body.missing.find((m: any) => m.agency.id === agencies.commune.id)).toMatchObject({
      reminderCount: 1,
      lastRemindedAt: expect.any(String),
    });

    expect((await as(staff).get('/api/agency-reports/reminder-schedule').expect(200)).body).toMatchObject({
      configured: false,
    });
    const bad = await as(staff)
      .put('/api/agency-reports/reminder-schedule', { weekday: 5, hour: 9, timezone: 'Mars/Olympus' })
      .expect(422);
    expect(bad.body.details[0].field).toBe('timezone');
    const schedule = await as(staff).put('/api/agency-reports/reminder-schedule', { weekday: 5, hour: 9 }).expect(200);
    expect(schedule.body).toMatchObject({
      configured: true,
      weekday: 5,
      hour: 9,
      minute: 0,
      timezone: 'Asia/Ho_Chi_Minh',
      paused: false,
      cron: '0 9 * * 5',
    });
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Schedules));
    const scheduler = (await queue.getJobSchedulers()).find(
      (s: any) => (s.key ?? s.id) === AGENCY_REMINDER_SCHEDULER,
    ) as any;
    expect(scheduler).toMatchObject({ pattern: '0 9 * * 5', tz: 'Asia/Ho_Chi_Minh' });

    // One iteration, as the scheduler makes it, through the real worker.
    await queue.add(JobName.RemindAgencyReports, {}, { jobId: `repeat:agency-reports-remind:${Date.now()}` });
    await waitFor(async () => (await notificationsOf(agencies.health.token)).length === 2, 'the scheduled reminder');
    expect(await notificationsOf(agencies.dept.token)).toEqual([]);
    // A retried iteration reminds nobody twice.
    const reminders = t.app.get(AgencyReportRemindersService);
    const at = new Date();
    expect((await reminders.fireScheduled(at))!.reminded.length).toBe(2);
    expect((await reminders.fireScheduled(at))!.reminded.length).toBe(0);
    expect((await notificationsOf(agencies.commune.token)).length).toBe(3);

    const paused = await as(staff)
      .put('/api/agency-reports/reminder-schedule', { weekday: 5, hour: 9, paused: true })
      .expect(200);
    expect(paused.body.paused).toBe(true);
    expect((await queue.getJobSchedulers()).map((s: any) => s.key ?? s.id)).not.toContain(AGENCY_REMINDER_SCHEDULER);
    expect(await reminders.fireScheduled(new Date())).toBeNull();
  });

  it('takes a task through its states; another agency can neither read nor change it', async () => {
    const created = await as(staff)
      .post('/api/tasks', {
        title: 'Rà soát diện tích lúa chưa thu hoạch',
        assigneeAgencyId: agencies.commune.id,
        dueOn: '2030-01-15',
      })
      .expect(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({
      status: 'open',
      assignee: { id: agencies.commune.id },
      dueOn: '2030-01-15',
      nextStatuses: ['in_progress', 'done', 'cancelled'],
    });
    await as(agencies.commune.token)
      .post('/api/tasks', { title: 'x', assigneeAgencyId: agencies.commune.id })
      .expect(403);
    await as(null).get('/api/tasks').expect(401);

    const mine = await as(agencies.commune.token).get('/api/tasks').expect(200);
    expect(mine.body.items.map((x: any) => x.id)).toEqual([id]);
    expect(mine.body.items[0].nextStatuses).toEqual(['in_progress', 'done']);
    expect((await as(agencies.dept.token).get('/api/tasks').expect(200)).body.items).toEqual([]);
    await as(agencies.dept.token).get(`/api/tasks/${id}`).expect(404);
    await as(agencies.dept.token).patch(`/api/tasks/${id}`, { status: 'done' }).expect(404);

    const started = await as(agencies.commune.token)
      .patch(`/api/tasks/${id}`, { status: 'in_progress', notes: 'Đã cử cán bộ khảo sát.' })
      .expect(200);
    expect(started.body).toMatchObject({ status: 'in_progress', notes: 'Đã cử cán bộ khảo sát.' });
    const title = await as(agencies.commune.token).patch(`/api/tasks/${id}`, { title: 'Khác' }).expect(403);
    expect(title.body).toMatchObject({ code: 'AGENCY_TASK.FORBIDDEN' });
    await as(agencies.commune.token).patch(`/api/tasks/${id}`, { status: 'cancelled' }).expect(403);
    await as(agencies.commune.token).patch(`/api/tasks/${id}`, { status: 'done' }).expect(200);
    const wrong = await as(staff).patch(`/api/tasks/${id}`, { status: 'cancelled' }).expect(409);
    expect(wrong.body).toMatchObject({
      code: 'AGENCY_TASK.INVALID_TRANSITION',
      details: { field: 'status', from: 'done', to: 'cancelled' },
    });
    await as(staff).patch(`/api/tasks/${id}`, { status: 'in_progress', dueOn: '2030-02-01' }).expect(200);
    await as(staff).patch(`/api/tasks/${id}`, { status: 'cancelled' }).expect(200);
    await as(agencies.commune.token).patch(`/api/tasks/${id}`, { status: 'open' }).expect(403);

    const history = await as(agencies.commune.token).get(`/api/tasks/${id}/history`).expect(200);
    expect(history.body.items.map((h: any) => h.changes.status ?? null).reverse()).toEqual([
      'open',
      ['open', 'in_progress'],
      ['in_progress', 'done'],
      ['done', 'in_progress'],
      ['in_progress', 'cancelled'],
    ]);
    await as(agencies.dept.token).get(`/api/tasks/${id}/history`).expect(404);
    const staffList = await as(staff)
      .get(`/api/tasks?status=cancelled&assigneeAgencyId=${agencies.commune.id}`)
      .expect(200);
    expect(staffList.body.total).toBe(1);
  });

  it('takes ad-hoc reports with their own subject and date, read by staff and their agency only', async () => {
    const today = todayInVietnam();
    const created = await as(agencies.health.token)
      .post('/api/ad-hoc-reports', {
        subject: 'Ca bệnh tại chợ đầu mối',
        reportedOn: today,
        content: 'Tạm dừng hoạt động chợ 3 ngày.',
      })
      .expect(201);
    expect(created.body).toMatchObject({
      subject: 'Ca bệnh tại chợ đầu mối',
      reportedOn: today,
      agency: { id: agencies.health.id },
    });
    await as(agencies.dept.token).get(`/api/ad-hoc-reports/${created.body.id}`).expect(404);
    expect((await as(agencies.dept.token).get('/api/ad-hoc-reports').expect(200)).body.total).toBe(0);
    const staffList = await as(staff).get(`/api/ad-hoc-reports?from=${today}&to=${today}`).expect(200);
    expect(staffList.body.items.map((r: any) => r.id)).toEqual([created.body.id]);
    const future = await as(agencies.health.token)
      .post('/api/ad-hoc-reports', { subject: 'x', reportedOn: '2099-01-01', content: 'y' })
      .expect(422);
    expect(future.body).toMatchObject({ code: 'AD_HOC_REPORT.DATE_IN_FUTURE', details: [{ field: 'reportedOn' }] });
    const noSubject = await as(agencies.health.token)
      .post('/api/ad-hoc-reports', { subject: '  ', reportedOn: today, content: 'y' })
      .expect(422);
    expect(noSubject.body.details[0].field).toBe('subject');
    await as(null).post('/api/ad-hoc-reports', { subject: 'x', reportedOn: today, content: 'y' }).expect(401);
  });
});
