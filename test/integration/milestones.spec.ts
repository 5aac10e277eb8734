import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { createWorkingCalendar } from '../../src/calendar/domain/vietnamese-calendar.js';
import { OFFICIAL_ADJUSTMENTS } from '../../src/calendar/official-adjustments.js';
import { readDigest } from '../../src/digest/digest-content.js';
import { renderDigestMail } from '../../src/digest/templates/digest-email.js';
import { DEFAULT_POLICY } from '../../src/escalation/domain/policy.js';
import { MilestoneRemindersService } from '../../src/milestones/milestone-reminders.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';
import { textOf, WebClient } from '../support/web.js';

/**
 * Pilot milestones (issue 15, item 4): the report's three loaded, who may write one, the history
 * and audit, reminders before and on the due day on a frozen clock (each once), MISSED the day
 * after, and a missed milestone in the board, the overview, the digest and the monthly report as
 * of its period.
 */

interface MilestoneItem {
  id: string;
  pilotNumber: number;
  name: string;
  due: string;
  duePrecision: string;
  dueOn: string;
  dueLabel: string;
  owner: { code: string; name: string };
  state: string;
  daysLate: number;
  doneOn: string | null;
  version: number;
  allowedCommands: string[];
}

async function until(condition: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** 08:00 in Asia/Ho_Chi_Minh on `day`, when the daily job runs. */
const at8 = (day: string) => new Date(`${day}T08:00:00+07:00`);

describe('pilot milestones', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let dataSource: DataSource;
  const tokens: Record<string, string> = {};
  const clock = new FixedClock(at8('2023-12-21'));
  const milestoneMails = () =>
    smtp.received.filter((m) => m.parsed.subject?.startsWith('[Nhắc hạn mốc]'));
  const list = async (query = '', who = 'thuky'): Promise<MilestoneItem[]> =>
    (await t.request('GET', `/api/v1/milestones${query}`, { token: tokens[who] })).body.items;
  const seeded = async (pilot: number): Promise<MilestoneItem> =>
    (await list(`?pilot=${pilot}`)).find((m) => m.name !== 'Mốc thử')!;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ role: 'all', smtpUrl: smtp.url, clock });
    dataSource = t.app.get(DataSource);
    for (const who of ['thuky', 'lanhdao', 'bqlkkt', 'dhkh', 'syt', 'stttt'])
      tokens[who] = await t.login(`${who}@demo.example`);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it("loads report 442's three deadlines, with their precision kept", async () => {
    const items = await list();
    expect(
      items.map((m) => [m.pilotNumber, m.due, m.duePrecision, m.dueOn, m.dueLabel, m.owner.code]),
    ).toEqual([
      [9, '2023-12-30', 'DAY', '2023-12-30', '30/12/2023', 'BQLKKT'],
      [14, '2024-01-20', 'DAY', '2024-01-20', '20/01/2024', 'DHKH'],
      [31, '2024', 'YEAR', '2024-12-31', 'năm 2024', 'STTTT'],
    ]);
    expect(items.map((m) => m.name)).toEqual([
      'Tổ chức đánh giá kết quả triển khai',
      'Tổ chức thi kết thúc học phần đối với học phần Tin học đại cương (theo hướng chuẩn MOS)',
      'Nhiệm vụ triển khai đã đăng ký',
    ]);
    expect(items.every((m) => m.state === 'PLANNED' && m.daysLate === 0)).toBe(true);
    // Vietnamese text is stored NFC.
    expect(items.every((m) => m.name === m.name.normalize('NFC'))).toBe(true);
  });

  it("lets the owner's and the lead agency's officers and the secretariat write; others 403", async () => {
    const m9 = await seeded(9);
    // Another agency's officer: refused on the object, and told nothing changed.
    const refused = await t.request('PATCH', `/api/v1/milestones/${m9.id}`, {
      token: tokens.syt,
      body: { version: m9.version, name: 'Đổi tên' },
    });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    const refusedDone = await t.request('POST', `/api/v1/milestones/${m9.id}/complete`, {
      token: tokens.syt,
      body: { doneOn: '2023-12-21' },
    });
    expect(refusedDone.status).toBe(403);
    // Leadership reads, never writes; and sees no commands.
    const asLeader = await t.request('GET', `/api/v1/milestones/${m9.id}`, {
      token: tokens.lanhdao,
    });
    expect([asLeader.status, asLeader.body.allowedCommands]).toEqual([200, []]);
    const leaderWrite = await t.request('POST', '/api/v1/milestones', {
      token: tokens.lanhdao,
      body: { pilotNumber: 9, name: 'Mốc thử', due: '2024-03' },
    });
    expect(leaderWrite.status).toBe(403);
    // An officer of a lead agency adds one to its pilot: owned by the pilot's lead agency.
    const bqlkktOn14 = await t.request('POST', '/api/v1/milestones', {
      token: tokens.bqlkkt,
      body: { pilotNumber: 14, name: 'Mốc thử', due: '2024-03' },
    });
    expect(bqlkktOn14.status).toBe(403);
    const created = await t.request('POST', '/api/v1/milestones', {
      token: tokens.dhkh,
      body: { pilotNumber: 14, name: 'Mốc thử', due: '2024-03' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      owner: { code: 'DHKH' },
      duePrecision: 'MONTH',
      dueOn: '2024-03-31',
      dueLabel: 'tháng 03/2024',
      state: 'PLANNED',
      allowedCommands: ['complete', 'drop', 'edit'],
    });
    // The secretariat gives it to another agency; the owner's officer then writes it too.
    const moved = await t.request('PATCH', `/api/v1/milestones/${created.body.id}`, {
      token: tokens.thuky,
      body: { version: created.body.version, ownerAgencyCode: 'SYT' },
    });
    expect([moved.status, moved.body.owner.code]).toEqual([200, 'SYT']);
    const stale = await t.request('PATCH', `/api/v1/milestones/${created.body.id}`, {
      token: tokens.syt,
      body: { version: created.body.version, name: 'Tên cũ' },
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    const dropped = await t.request('POST', `/api/v1/milestones/${created.body.id}/drop`, {
      token: tokens.syt,
      body: { reason: 'Không còn phù hợp', version: moved.body.version },
    });
    expect([dropped.status, dropped.body.state]).toEqual([200, 'DROPPED']);
    const again = await t.request('POST', `/api/v1/milestones/${created.body.id}/complete`, {
      token: tokens.thuky,
      body: { doneOn: '2023-12-21' },
    });
    expect([again.status, again.body.code]).toEqual([409, 'CONFLICT']);

    // Every write is in the audit trail and in the history.
    const audit = await t.request(
      'GET',
      `/api/v1/audit?entityType=milestone&entityId=${created.body.id}`,
      { token: tokens.thuky },
    );
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'milestone.drop',
      'milestone.update',
      'milestone.create',
    ]);
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM milestone_revision WHERE milestone_id = $1`,
      [created.body.id],
    );
    expect(n).toBe(3);
  });

  it('refuses bad input with 400 and the stable error shape', async () => {
    const m9 = await seeded(9);
    const bad: [string, string, unknown][] = [
      ['POST', '/api/v1/milestones', { pilotNumber: 9, name: 'X', due: '2023-02-30' }],
      ['POST', '/api/v1/milestones', { pilotNumber: 9, name: 'X', due: '30/12/2023' }],
      ['POST', '/api/v1/milestones', { pilotNumber: 9, name: '', due: '2024' }],
      ['POST', '/api/v1/milestones', { pilotNumber: 9, name: 'X', due: '2024', extra: 1 }],
      [
        'POST',
        '/api/v1/milestones',
        { pilotNumber: 9, name: 'X', due: '2024', ownerAgencyCode: 'KHONGCO' },
      ],
      ['POST', `/api/v1/milestones/${m9.id}/complete`, { doneOn: '2023-12-22' }], // tomorrow
      ['POST', `/api/v1/milestones/${m9.id}/complete`, { doneOn: '2023-13-01' }],
      ['POST', `/api/v1/milestones/${m9.id}/drop`, { reason: '   ' }],
      ['PUT', '/api/v1/milestones/settings', { version: 0, reminderWorkingDays: 31 }],
      ['GET', '/api/v1/milestones?state=LATE', undefined],
      ['GET', '/api/v1/milestones/khong-phai-uuid', undefined],
    ];
    for (const [method, url, body] of bad) {
      const res = await t.request(method, url, { token: tokens.thuky, body });
      expect([method, url, res.status, res.body.code]).toEqual([
        method,
        url,
        400,
        'VALIDATION_FAILED',
      ]);
    }
    const missing = await t.request('POST', '/api/v1/milestones', {
      token: tokens.thuky,
      body: { pilotNumber: 99, name: 'X', due: '2024' },
    });
    expect(missing.status).toBe(404);
  });

  it("mails the owner's officers 5 working days before and on the due day, each once", async () => {
    const reminders = t.app.get(MilestoneRemindersService);
    // Pilot 9 is due Saturday 30/12/2023: the 5th working day before is Monday 25/12.
    clock.set(at8('2023-12-22'));
    expect(await reminders.run()).toMatchObject({ reminderWorkingDays: 5, queued: 0 });
    clock.set(at8('2023-12-25'));
    expect(await reminders.run()).toMatchObject({ milestones: 1, queued: 1 });
    expect(await reminders.run()).toMatchObject({ queued: 0 }); // a replayed run mails nobody
    clock.set(at8('2023-12-26'));
    expect(await reminders.run()).toMatchObject({ queued: 0 });
    clock.set(at8('2023-12-30'));
    expect(await reminders.run()).toMatchObject({ milestones: 1, queued: 1 });
    expect(await reminders.run()).toMatchObject({ queued: 0 });

    const rows = async (): Promise<{ key: string; status: string }[]> =>
      dataSource.query(
        `SELECT idempotency_key AS key, status FROM notification
          WHERE kind = 'MILESTONE_REMINDER' ORDER BY created_at, idempotency_key`,
      );
    await until(
      async () => milestoneMails().length >= 2 && (await rows()).every((r) => r.status === 'SENT'),
    );
    const m9 = await seeded(9);
    expect((await rows()).map((r) => r.key)).toEqual([
      `milestone-reminder:${m9.id}:2023-12-30:before:bqlkkt@demo.example`,
      `milestone-reminder:${m9.id}:2023-12-30:due:bqlkkt@demo.example`,
    ]);
    const mails = milestoneMails();
    expect(mails).toHaveLength(2);
    expect(mails.map((m) => m.to)).toEqual([['bqlkkt@demo.example'], ['bqlkkt@demo.example']]);
    expect(mails[0].parsed.subject).toBe(
      '[Nhắc hạn mốc] Mô hình 9: “Tổ chức đánh giá kết quả triển khai” đến hạn 30/12/2023',
    );
    expect(mails[1].parsed.subject).toContain('đến hạn hôm nay (30/12/2023)');
    expect(mails[1].parsed.text).toContain('Ban Quản lý Khu kinh tế Vân Phong');
  });

  it('reads MISSED the day after the due day, on the board, the overview and the digest', async () => {
    clock.set(at8('2023-12-30'));
    expect((await seeded(9)).state).toBe('PLANNED');
    clock.set(at8('2023-12-31'));
    const m9 = await seeded(9);
    expect([m9.state, m9.daysLate]).toEqual(['MISSED', 1]);
    expect((await list('?state=MISSED')).map((m) => m.pilotNumber)).toEqual([9]);

    clock.set(at8('2024-01-15'));
    const pilot9 = await t.request('GET', '/api/v1/pilots/9', { token: tokens.lanhdao });
    expect(pilot9.body.missedMilestones).toBe(1);
    const dashboard = await t.request('GET', '/api/v1/dashboard', { token: tokens.lanhdao });
    expect(dashboard.body.missedMilestones).toEqual([
      expect.objectContaining({
        pilotNumber: 9,
        name: 'Tổ chức đánh giá kết quả triển khai',
        ownerCode: 'BQLKKT',
        dueLabel: '30/12/2023',
        daysLate: 16,
      }),
    ]);
    const calendar = createWorkingCalendar(OFFICIAL_ADJUSTMENTS);
    const content = await readDigest(dataSource.manager, clock.now(), DEFAULT_POLICY, calendar);
    expect(content.missedMilestones?.map((x) => [x.pilotNumber, x.daysLate])).toEqual([[9, 16]]);
    const mail = renderDigestMail({ ...content, recipientLabel: 'Lãnh đạo', copy: false });
    expect(mail.text).toContain('IV. MỐC TIẾN ĐỘ QUÁ HẠN CHƯA HOÀN THÀNH (1)');
    expect(mail.text).toContain(
      '- Mô hình 9: Tổ chức đánh giá kết quả triển khai – Ban Quản lý Khu kinh tế Vân Phong, hạn 30/12/2023, quá hạn 16 ngày',
    );
  });

  it("shows them on the pilot page and the board, where the owner's officer adds and completes one", async () => {
    const dhkh = await WebClient.signedIn(t, 'dhkh@demo.example');
    const board = textOf((await dhkh.get('/mo-hinh')).html);
    expect(board).toContain('1 mốc quá hạn');
    const page14 = await dhkh.get('/mo-hinh/14');
    expect(textOf(page14.html)).toContain('Mốc tiến độ');
    expect(textOf(page14.html)).toContain('Hạn 20/01/2024');
    // A day that does not exist: the form again, the problem beside the field.
    const refused = await dhkh.post('/mo-hinh/14/moc', { name: 'Tổng kết thi', due: '2024-02-30' });
    expect(refused.status).toBe(400);
    expect(textOf(refused.html)).toContain('ngày 2024-02-30 không tồn tại');
    const added = await dhkh.post('/mo-hinh/14/moc', { name: 'Tổng kết thi', due: '2024-02' });
    expect(added.status).toBe(303);
    const item = (await list('?pilot=14')).find((m) => m.name === 'Tổng kết thi')!;
    expect([item.dueLabel, item.owner.code]).toEqual(['tháng 02/2024', 'DHKH']);
    const page = await dhkh.follow(added);
    expect(textOf(page.html)).toContain('Hạn trong tháng 02/2024');
    const done = await dhkh.post(`/moc/${item.id}/hoan-thanh`, {
      doneOn: '2024-01-12',
      version: String(item.version),
    });
    expect(done.status).toBe(303);
    expect(
      (await t.request('GET', `/api/v1/milestones/${item.id}`, { token: tokens.thuky })).body,
    ).toMatchObject({ state: 'DONE', doneOn: '2024-01-12' });
    // Another agency's officer sees no forms for it.
    const syt = await WebClient.signedIn(t, 'syt@demo.example');
    expect((await syt.get('/mo-hinh/14')).html).not.toContain(`/moc/${item.id}/bo`);
  });

  it('puts a missed milestone in section II of its period, and a locked period keeps its own', async () => {
    // January 2024, read now (15/01): pilot 9's is missed, pilot 14's exam is due in the month.
    const january = await t.request('GET', '/api/v1/reports/monthly?period=2024-01', {
      token: tokens.thuky,
    });
    expect(january.status).toBe(200);
    expect(january.body.milestones.missed).toEqual([
      expect.objectContaining({
        pilotNumber: 9,
        owner: 'Ban Quản lý Khu kinh tế Vân Phong',
        due: 'hạn 30/12/2023',
        daysLate: 16,
      }),
    ]);
    expect(
      january.body.milestones.dueThisPeriod.map((m: { pilotNumber: number }) => m.pilotNumber),
    ).toEqual([14, 14]); // the exam, and the one the web test added and completed

    // Done late, now: January's report (not locked) says so at once; December's, locked with
    // report 442 on 20/12/2023, still has pilot 9's as due in its month.
    const m9 = await seeded(9);
    const done = await t.request('POST', `/api/v1/milestones/${m9.id}/complete`, {
      token: tokens.bqlkkt,
      body: { doneOn: '2024-01-10', version: m9.version },
    });
    expect([done.status, done.body.state, done.body.doneOn]).toEqual([200, 'DONE', '2024-01-10']);
    const december = await t.request('GET', '/api/v1/reports/monthly?period=2023-12', {
      token: tokens.thuky,
    });
    expect(december.body.provenance.kind).toBe('snapshot');
    expect(december.body.milestones).toEqual({
      dueThisPeriod: [expect.objectContaining({ pilotNumber: 9, state: 'PLANNED', daysLate: 0 })],
      missed: [],
      all: [9, 14, 31].map((pilotNumber) =>
        expect.objectContaining({ pilotNumber, state: 'PLANNED' }),
      ),
    });
    const after = await t.request('GET', '/api/v1/reports/monthly?period=2024-01', {
      token: tokens.thuky,
    });
    expect(after.body.milestones.missed).toEqual([]);
    expect(after.body.milestones.dueThisPeriod).toEqual([
      expect.objectContaining({ pilotNumber: 9, state: 'DONE', doneOn: '10/01/2024' }),
      expect.objectContaining({ pilotNumber: 14, state: 'PLANNED' }),
      expect.objectContaining({ pilotNumber: 14, name: 'Tổng kết thi', state: 'DONE' }),
    ]);
  });
  it("puts every milestone in the workbook's own sheet, printed as the other sheets are", async () => {
    // January 2024, read now (15/01): pilot 9's done late, pilot 14's exam and the two the
    // tests above added (one done, one dropped), pilot 31's for the year.
    const res = await fetch(
      new URL('/api/v1/reports/monthly?period=2024-01&format=xlsx', await t.app.getUrl()),
      { headers: { authorization: `Bearer ${tokens.thuky}` } },
    );
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const sheet = workbook.getWorksheet('Mốc tiến độ')!;
    expect(sheet).toBeDefined();
    const cells = (n: number) =>
      Array.from({ length: 7 }, (_, i) => sheet.getRow(n).getCell(i + 1).value ?? null);
    expect(cells(1)).toEqual([
      'Mô hình',
      'Tên mô hình',
      'Mốc',
      'Hạn',
      'Đơn vị chịu trách nhiệm',
      'Trạng thái',
      'Ngày hoàn thành / lý do bỏ',
    ]);
    const json = await t.request('GET', '/api/v1/reports/monthly?period=2024-01', {
      token: tokens.thuky,
    });
    const owners = json.body.milestones.all.map((m: { owner: string }) => m.owner);
    expect(sheet.rowCount).toBe(6);
    expect([2, 3, 4, 5, 6].map((n) => cells(n))).toEqual([
      [
        9,
        expect.any(String),
        'Tổ chức đánh giá kết quả triển khai',
        '30/12/2023',
        owners[0],
        'Đã hoàn thành',
        '10/01/2024',
      ],
      [
        14,
        expect.any(String),
        expect.stringContaining('Tin học đại cương'),
        '20/01/2024',
        owners[1],
        'Chưa đến hạn',
        null,
      ],
      [
        14,
        expect.any(String),
        'Tổng kết thi',
        'tháng 02/2024',
        owners[2],
        'Đã hoàn thành',
        '12/01/2024',
      ],
      [14, expect.any(String), 'Mốc thử', 'tháng 03/2024', owners[3], 'Đã bỏ', 'Không còn phù hợp'],
      [
        31,
        expect.any(String),
        'Nhiệm vụ triển khai đã đăng ký',
        'năm 2024',
        owners[4],
        'Chưa đến hạn',
        null,
      ],
    ]);
    expect(owners[0]).toBe('Ban Quản lý Khu kinh tế Vân Phong');
    // The print setup of every sheet of the report.
    const setup = sheet.pageSetup;
    expect([setup.paperSize, setup.orientation, setup.fitToPage, setup.fitToWidth]).toEqual([
      9,
      'landscape',
      true,
      1,
    ]);
    expect([setup.fitToHeight, setup.printTitlesRow, setup.printArea]).toEqual([0, '1:1', 'A1:G6']);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    for (let n = 1; n <= 6; n++) expect([n, sheet.getRow(n).height > 0]).toEqual([n, true]);
    expect(sheet.getRow(3).getCell(3).alignment).toMatchObject({ wrapText: true });
    // The exam's long name wraps: its row is taller than a one-line row.
    expect(sheet.getRow(3).height).toBeGreaterThan(sheet.getRow(6).height);
  });

  it('sets how early milestones are reminded on the policy settings page (0–30), read by the next run', async () => {
    const thuky = await WebClient.signedIn(t, 'thuky@demo.example');
    const page = await thuky.get('/cai-dat/don-doc');
    expect(textOf(page.html)).toContain('Nhắc hạn mốc tiến độ');
    expect(page.html).toContain('action="/cai-dat/don-doc/nhac-moc"');
    const settings = async () =>
      (await t.request('GET', '/api/v1/milestones/settings', { token: tokens.thuky })).body;
    const before = await settings();
    expect(before.reminderWorkingDays).toBe(5);
    for (const typed of ['31', '-1', 'năm']) {
      const refused = await thuky.post('/cai-dat/don-doc/nhac-moc', {
        version: String(before.version),
        reminderWorkingDays: typed,
      });
      expect([typed, refused.status]).toEqual([typed, 400]);
      expect(refused.html).toContain(`value="${typed}"`);
      expect(refused.html).toContain('aria-invalid="true"');
      expect(textOf(refused.html)).toContain('Số ngày làm việc nhắc trước hạn');
    }
    expect(await settings()).toEqual(before);
    const saved = await thuky.post('/cai-dat/don-doc/nhac-moc', {
      version: String(before.version),
      reminderWorkingDays: '3',
    });
    expect([saved.status, saved.location]).toEqual([303, '/cai-dat/don-doc#nhac-moc']);
    expect(textOf((await thuky.follow(saved)).html)).toContain(
      'Đã lưu: mốc tiến độ được nhắc trước hạn 3 ngày làm việc',
    );
    expect(await settings()).toEqual({ reminderWorkingDays: 3, version: before.version + 1 });
    // A second tab still holding the old version: refused, the saved value shown to start from.
    const stale = await thuky.post('/cai-dat/don-doc/nhac-moc', {
      version: String(before.version),
      reminderWorkingDays: '7',
    });
    expect(stale.status).toBe(409);
    expect(textOf(stale.html)).toContain('vừa được người khác cập nhật');
    expect(stale.html).toContain('value="3"');
    expect((await settings()).reminderWorkingDays).toBe(3);
    expect((await t.app.get(MilestoneRemindersService).run()).reminderWorkingDays).toBe(3);
    // The administrator reads it; the form is the secretariat's.
    const admin = await WebClient.signedIn(t, 'admin@demo.example');
    const adminPage = await admin.get('/cai-dat/don-doc');
    expect(textOf(adminPage.html)).toContain('nhắc trước 3 ngày làm việc');
    expect(adminPage.html).not.toContain('action="/cai-dat/don-doc/nhac-moc"');
    const put = await t.request('PUT', '/api/v1/milestones/settings', {
      token: tokens.thuky,
      body: { version: before.version + 1, reminderWorkingDays: 5 },
    });
    expect(put.status).toBe(200);
  });

  it("edits a milestone on its pilot's page: name, due, owner, note; a stale version refused", async () => {
    const created = await t.request('POST', '/api/v1/milestones', {
      token: tokens.dhkh,
      body: { pilotNumber: 14, name: 'Mốc để sửa', due: '2024-03', note: 'Ghi chú cũ' },
    });
    expect(created.status).toBe(201);
    const { id, version } = created.body as MilestoneItem;
    const api = async () =>
      (await t.request('GET', `/api/v1/milestones/${id}`, { token: tokens.thuky })).body;
    /** The milestone's item on the pilot's page (its forms included). */
    const itemOf = (html: string) => {
      const from = html.indexOf(`id="moc-${id}"`);
      expect(from).toBeGreaterThan(0);
      return html.slice(from, html.indexOf('</li>', from));
    };
    const dhkh = await WebClient.signedIn(t, 'dhkh@demo.example');
    const item = itemOf((await dhkh.get('/mo-hinh/14')).html);
    expect(item).toContain(`action="/moc/${id}/sua"`);
    for (const shown of ['value="Mốc để sửa"', 'value="2024-03"', 'Ghi chú cũ'])
      expect(item).toContain(shown);
    expect(item).toMatch(/<option value="DHKH"\s+selected/);
    expect(item).toContain('<option value="SYT"');

    // A day that does not exist: the page again, the form open as typed, the problem beside it.
    const typed = {
      version: String(version),
      name: 'Mốc đã sửa',
      ownerAgencyCode: 'SYT',
      note: '',
    };
    const refused = await dhkh.post(`/moc/${id}/sua`, { ...typed, due: '2024-02-30' });
    expect(refused.status).toBe(400);
    const refusedItem = itemOf(refused.html);
    expect(textOf(refusedItem)).toContain('ngày 2024-02-30 không tồn tại');
    expect(refusedItem).toContain('<details class="action"  open>');
    expect(refusedItem).toContain('value="Mốc đã sửa"');
    expect(refusedItem).toMatch(/<option value="SYT"\s+selected/);
    expect((await api()).version).toBe(version);

    // Saved: every field through the API's PATCH (a blank note removes it).
    const saved = await dhkh.post(`/moc/${id}/sua`, { ...typed, due: '2024-04-15' });
    expect([saved.status, saved.location]).toEqual([303, `/mo-hinh/14#moc-${id}`]);
    expect(await api()).toMatchObject({
      name: 'Mốc đã sửa',
      due: '2024-04-15',
      duePrecision: 'DAY',
      dueLabel: '15/04/2024',
      owner: { code: 'SYT' },
      note: null,
      version: version + 1,
    });
    const page = await dhkh.follow(saved);
    expect(textOf(page.html)).toContain('Đã lưu mốc “Mốc đã sửa” của mô hình số 14.');

    // The same form sent again with the version it was shown with: refused, the milestone as
    // it now stands in the list, the form open as typed, nothing written.
    const stale = await dhkh.post(`/moc/${id}/sua`, {
      ...typed,
      name: 'Tên từ trang cũ',
      due: '2024-05',
    });
    expect(stale.status).toBe(409);
    expect(textOf(stale.html)).toContain('Mốc vừa được người khác cập nhật');
    const staleItem = itemOf(stale.html);
    expect(textOf(staleItem)).toContain('Mốc đã sửa');
    expect(textOf(staleItem)).toContain('Hạn 15/04/2024');
    expect(staleItem).toContain('value="Tên từ trang cũ"');
    expect(staleItem).toContain(`name="version" value="${version + 1}"`);
    expect((await api()).name).toBe('Mốc đã sửa');

    // Who may not write it sees no form and is refused.
    const bqlkkt = await WebClient.signedIn(t, 'bqlkkt@demo.example');
    expect((await bqlkkt.get('/mo-hinh/14')).html).not.toContain(`/moc/${id}/sua`);
    const foreign = await bqlkkt.post(`/moc/${id}/sua`, { ...typed, due: '2024-06' });
    expect(foreign.status).toBe(403);
    expect((await bqlkkt.post('/moc/khong-phai-ma/sua', { ...typed, due: '2024-06' })).status).toBe(
      404,
    );
    expect((await api()).version).toBe(version + 1);
    const audit = await t.request('GET', `/api/v1/audit?entityType=milestone&entityId=${id}`, {
      token: tokens.thuky,
    });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'milestone.update',
      'milestone.create',
    ]);
  });
});
