import { DataSource } from 'typeorm';
import { SuccessionRealiser } from '../../src/agencies/succession/succession-realiser.js';
import { FixedClock } from '../../src/common/clock.js';
import { MilestoneRemindersService } from '../../src/milestones/milestone-reminders.service.js';
import { NotificationSender } from '../../src/notifications/notification-sender.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';

/**
 * Milestone reminders (issue 15, item 4) on a frozen clock, with no worker (role 'api'): each
 * queued mail is sent here, by the sender, to a real SMTP server. A milestone whose owner was
 * merged in the 2025 reorganisation reminds whoever holds the owner's duties on the day; a
 * reminder claimed after its milestone was done, dropped or moved is cancelled, not mailed.
 */

const APPLY = '/api/v1/agency-successions/packages/reorganisation-2025/apply';

/** 08:00 in Asia/Ho_Chi_Minh on `day`, when the daily job runs. */
const at8 = (day: string) => new Date(`${day}T08:00:00+07:00`);

interface Row {
  id: string;
  key: string;
  email: string;
  status: string;
  reason: string | null;
  text: string;
}

describe('milestone reminders: successions and the claim', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let db: DataSource;
  let thuky: string;
  let admin: string;
  // Monday 24/02/2025: before the reorganisation's day (1/3/2025).
  const clock = new FixedClock(at8('2025-02-24'));

  const rowsOf = async (milestoneId: string): Promise<Row[]> =>
    db.query(
      `SELECT id, idempotency_key AS key, recipient_email AS email, status, last_error AS reason,
              body_text AS text
         FROM notification WHERE kind = 'MILESTONE_REMINDER' AND idempotency_key LIKE $1
        ORDER BY created_at, idempotency_key`,
      [`milestone-reminder:${milestoneId}:%`],
    );
  const mailsAbout = (name: string) =>
    smtp.received.filter(
      (m) => m.parsed.subject?.startsWith('[Nhắc hạn mốc]') && m.parsed.subject.includes(name),
    );
  const sendAll = async (rows: Row[]) => {
    const sender = t.app.get(NotificationSender);
    return Promise.all(rows.map((r) => sender.send(r.id)));
  };
  const createMilestone = async (body: Record<string, unknown>) => {
    const res = await t.request('POST', '/api/v1/milestones', { token: thuky, body });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number; name: string };
  };
  const waitForMails = async (name: string, count: number) => {
    const deadline = Date.now() + 10_000;
    while (mailsAbout(name).length < count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${count} mails`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ role: 'api', smtpUrl: smtp.url, clock });
    db = t.app.get(DataSource);
    thuky = await t.login('thuky@demo.example');
    admin = await t.login('admin@demo.example');
    // The package recorded before its day: nothing realised yet, STTTT still exists.
    const applied = await t.request('POST', APPLY, { token: admin });
    expect([applied.status, applied.body.eventsRealised]).toEqual([200, 0]);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it("reminds the owner's officers before its merger, and its successor's on the due day after it", async () => {
    const reminders = t.app.get(MilestoneRemindersService);
    // Owned by Sở Thông tin và Truyền thông, due Monday 3/3/2025: the advance reminder is on
    // Monday 24/2 (5 working days before), the due-day one after the merger into SKHCN (1/3).
    const m = await createMilestone({
      pilotNumber: 16,
      name: 'Kết nối App Khánh Hòa với SSO',
      due: '2025-03-03',
      ownerAgencyCode: 'STTTT',
    });
    // Another of STTTT's, on a pilot it does not lead (due too late to be reminded here).
    const onPilot9 = await createMilestone({
      pilotNumber: 9,
      name: 'Hỗ trợ kỹ thuật cho Khu kinh tế Vân Phong',
      due: '2025-06',
      ownerAgencyCode: 'STTTT',
    });
    expect(await reminders.run()).toMatchObject({ milestones: 1, queued: 1 });
    let rows = await rowsOf(m.id);
    expect(rows.map((r) => [r.key.split(':').slice(2).join(':'), r.status])).toEqual([
      ['2025-03-03:before:stttt@demo.example', 'PENDING'],
    ]);
    expect(rows[0].text).toContain(
      'do Sở Thông tin và Truyền thông tỉnh Khánh Hòa chịu trách nhiệm',
    );
    expect(await sendAll(rows)).toEqual([{ outcome: 'sent' }]);

    // 1/3/2025: the merger takes effect; the officer's account passes to SKHCN, and SKHCN has
    // an officer of its own.
    clock.set(at8('2025-03-03'));
    const realised = await t.app.get(SuccessionRealiser).realiseDue();
    expect(realised.events.length).toBeGreaterThan(0);
    const officer = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: {
        email: 'dau-moi.skhcn@khanhhoa.example',
        name: 'Đầu mối Sở Khoa học và Công nghệ',
        role: 'AGENCY_OFFICER',
        agencyCode: 'SKHCN',
        password: 'mat-khau-du-dai-12',
      },
    });
    expect(officer.status).toBe(201);
    // The milestone still names its owner as it was given.
    const read = await t.request('GET', `/api/v1/milestones/${m.id}`, { token: thuky });
    expect(read.body.owner.code).toBe('STTTT');

    expect(await reminders.run()).toMatchObject({ milestones: 1, queued: 2 });
    expect(await reminders.run()).toMatchObject({ queued: 0 }); // each once
    rows = (await rowsOf(m.id)).filter((r) => r.key.includes(':due:'));
    expect(rows.map((r) => r.email)).toEqual([
      'dau-moi.skhcn@khanhhoa.example',
      'stttt@demo.example',
    ]);
    expect(await sendAll(rows)).toEqual([{ outcome: 'sent' }, { outcome: 'sent' }]);
    await waitForMails(m.name, 3);
    const dueMails = mailsAbout(m.name).filter((x) => x.parsed.subject?.includes('hôm nay'));
    expect(dueMails.map((x) => x.to).sort()).toEqual([
      ['dau-moi.skhcn@khanhhoa.example'],
      ['stttt@demo.example'],
    ]);
    expect(dueMails[0].parsed.text).toContain(
      'do Sở Khoa học và Công nghệ tỉnh Khánh Hòa (tiếp nhận nhiệm vụ của Sở Thông tin và Truyền thông tỉnh Khánh Hòa) chịu trách nhiệm',
    );

    // The successor's officers write the merged owner's milestones too: the former STTTT
    // officer, now of SKHCN, which does not lead pilot 9, marks that one done.
    const successor = await t.login('stttt@demo.example');
    const seen = await t.request('GET', `/api/v1/milestones/${onPilot9.id}`, { token: successor });
    expect(seen.body.allowedCommands).toEqual(['complete', 'drop', 'edit']);
    const completed = await t.request('POST', `/api/v1/milestones/${onPilot9.id}/complete`, {
      token: successor,
      body: { doneOn: '2025-03-03', version: onPilot9.version },
    });
    expect([completed.status, completed.body.state]).toEqual([200, 'DONE']);
    const syt = await t.login('syt@demo.example');
    const refusedOther = await t.request('POST', `/api/v1/milestones/${m.id}/drop`, {
      token: syt,
      body: { reason: 'Không phải của đơn vị' },
    });
    expect(refusedOther.status).toBe(403);

    // Edited now, the milestone keeps its gone owner when that is left as it is; a milestone is
    // not given to a gone agency (the refusal names who holds its duties).
    const kept = await t.request('PATCH', `/api/v1/milestones/${m.id}`, {
      token: thuky,
      body: { version: read.body.version, ownerAgencyCode: 'STTTT', note: 'Đã kết nối thử' },
    });
    expect([kept.status, kept.body.owner.code, kept.body.note]).toEqual([
      200,
      'STTTT',
      'Đã kết nối thử',
    ]);
    const other = await createMilestone({ pilotNumber: 16, name: 'Mốc khác', due: '2025-06' });
    const gone = await t.request('PATCH', `/api/v1/milestones/${other.id}`, {
      token: thuky,
      body: { version: other.version, ownerAgencyCode: 'STTTT' },
    });
    expect([gone.status, gone.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(gone.body.message).toContain(
      'nay do Sở Khoa học và Công nghệ tỉnh Khánh Hòa (SKHCN) đảm nhận',
    );
    const refusedNew = await t.request('POST', '/api/v1/milestones', {
      token: thuky,
      body: { pilotNumber: 16, name: 'Mốc mới', due: '2025-06', ownerAgencyCode: 'STTTT' },
    });
    expect(refusedNew.status).toBe(400);
  });

  it('cancels a queued reminder whose milestone was done, dropped or moved before it was claimed', async () => {
    const reminders = t.app.get(MilestoneRemindersService);
    clock.set(at8('2025-03-10')); // Monday; due Monday 17/3: its advance reminder is today
    const due = '2025-03-17';
    const done = await createMilestone({ pilotNumber: 14, name: 'Mốc sẽ xong', due });
    const dropped = await createMilestone({ pilotNumber: 14, name: 'Mốc sẽ bỏ', due });
    const moved = await createMilestone({ pilotNumber: 14, name: 'Mốc sẽ dời', due });
    const kept = await createMilestone({ pilotNumber: 14, name: 'Mốc giữ nguyên', due });
    // Pilot 14's lead agency (Trường Đại học Khánh Hòa) owns them: its officers are reminded.
    expect(await reminders.run()).toMatchObject({ milestones: 4 });

    // Done, dropped and moved while their mails wait in the outbox.
    const post = (path: string, body: unknown) =>
      t.request('POST', `/api/v1/milestones/${path}`, { token: thuky, body });
    expect((await post(`${done.id}/complete`, { doneOn: '2025-03-10' })).status).toBe(200);
    expect((await post(`${dropped.id}/drop`, { reason: 'Gộp vào mốc khác' })).status).toBe(200);
    const patched = await t.request('PATCH', `/api/v1/milestones/${moved.id}`, {
      token: thuky,
      body: { version: moved.version, due: '2025-04' },
    });
    expect(patched.status).toBe(200);

    const before = smtp.received.length;
    const outcomes = await Promise.all(
      [done, dropped, moved, kept].map(async (m) => [
        ...new Set((await sendAll(await rowsOf(m.id))).map((o) => o.outcome)),
      ]),
    );
    expect(outcomes).toEqual([['cancelled'], ['cancelled'], ['cancelled'], ['sent']]);
    const rows = await Promise.all([done, dropped, moved, kept].map(async (m) => rowsOf(m.id)));
    expect(rows.every((list) => list.length > 0)).toBe(true);
    const [doneRows, droppedRows, movedRows, keptRows] = rows;
    expect(
      [doneRows, droppedRows, movedRows, keptRows].map((list) => [
        ...new Set(list.map((r) => `${r.status}: ${r.reason}`)),
      ]),
    ).toEqual([
      ['CANCELLED: Không gửi: mốc đã được đánh dấu hoàn thành trước khi thư đi.'],
      ['CANCELLED: Không gửi: mốc đã được bỏ trước khi thư đi.'],
      [
        'CANCELLED: Không gửi: hạn của mốc đã đổi (từ 17/03/2025 sang 30/04/2025) trước khi thư đi.',
      ],
      ['SENT: null'],
    ]);
    // Only the kept milestone's reminders reached the SMTP server.
    await waitForMails('Mốc giữ nguyên', keptRows.length);
    const subjects = smtp.received
      .slice(before)
      .map((m) => m.parsed.subject ?? '')
      .filter((s) => s.startsWith('[Nhắc hạn mốc]'));
    expect(subjects).toHaveLength(keptRows.length);
    expect(subjects.every((s) => s.includes('Mốc giữ nguyên'))).toBe(true);
    // A replayed job of a cancelled row sends nothing either.
    expect(await sendAll(doneRows)).toEqual(doneRows.map(() => ({ outcome: 'skipped' })));
    // The moved one is reminded again for its new due day, when that comes.
    clock.set(at8('2025-04-30'));
    await reminders.run();
    expect([
      ...new Set((await rowsOf(moved.id)).map((r) => r.key.split(':').slice(2, 4).join(':'))),
    ]).toEqual(['2025-03-17:before', '2025-04-30:due']);
  });

  it('cancels a queued reminder whose milestone went to another owner before it was claimed; the next run reminds the new owner', async () => {
    const reminders = t.app.get(MilestoneRemindersService);
    clock.set(at8('2025-03-10')); // Monday; due Monday 17/3: its advance reminder is today
    const given = await createMilestone({
      pilotNumber: 14,
      name: 'Mốc sẽ giao',
      due: '2025-03-17',
    });
    await reminders.run();
    const queued = await rowsOf(given.id);
    // Pilot 14's lead agency owns it: its officer is reminded.
    expect(queued.map((r) => [r.email, r.status])).toEqual([['dhkh@demo.example', 'PENDING']]);

    // Given to the provincial People's Committee office while the mail waits in the outbox.
    const patched = await t.request('PATCH', `/api/v1/milestones/${given.id}`, {
      token: thuky,
      body: { version: given.version, ownerAgencyCode: 'VPUBND' },
    });
    expect([patched.status, patched.body.owner.code]).toEqual([200, 'VPUBND']);
    const [{ name: office }] = await db.query(`SELECT name FROM agency WHERE code = 'VPUBND'`);

    const before = smtp.received.length;
    expect(await sendAll(queued)).toEqual([{ outcome: 'cancelled' }]);
    expect((await rowsOf(given.id)).map((r) => [r.email, r.status, r.reason])).toEqual([
      [
        'dhkh@demo.example',
        'CANCELLED',
        `Không gửi: người nhận không còn phụ trách mốc (nay do ${office} phụ trách) trước khi thư đi.`,
      ],
    ]);

    // The next day's run reminds the new owner's officer, and that mail goes.
    clock.set(at8('2025-03-11'));
    await reminders.run();
    const now = await rowsOf(given.id);
    const fresh = now.filter((r) => r.status === 'PENDING');
    expect(fresh.map((r) => r.email)).toEqual(['vpubnd@demo.example']);
    expect(await sendAll(fresh)).toEqual([{ outcome: 'sent' }]);
    await waitForMails('Mốc sẽ giao', 1);
    expect(
      smtp.received
        .slice(before)
        .filter((m) => m.parsed.subject?.includes('Mốc sẽ giao'))
        .map((m) => m.to),
    ).toEqual([['vpubnd@demo.example']]);
  });
});
