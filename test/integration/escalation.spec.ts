import { jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import { nextDay, workingDaysBetween } from '../../src/calendar/domain/working-days.js';
import { localDay } from '../../src/common/domain/local-time.js';
import { EscalationScheduler } from '../../src/escalation/escalation-scheduler.js';
import { jobIds } from '../../src/queue/jobs.js';
import { QueueName } from '../../src/queue/queue-names.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { queueBackends } from '../support/redis.js';
import { startSmtpServer } from '../support/smtp.js';
import { wipeQueueStore } from '../support/queue-store.js';

describe.each(queueBackends())('escalation on %s', (kind, redisUrl) => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let thuky: string;
  let byt: string; // the addressee of every letter here
  let serial = 0;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const database = await createTestDatabase();
    // The December 2023 letters are all long overdue: close them so they mail nothing here.
    const admin = new DataSource({ type: 'postgres', url: database.url });
    await admin.initialize();
    await admin.query(`UPDATE recommendation SET state = 'CLOSED' WHERE state = 'SENT'`);
    await admin.destroy();
    t = await startTestApp({ database, role: 'all', smtpUrl: smtp.url, redisUrl });
    thuky = await t.login('thuky@demo.example');
    [{ id: byt }] = await t.app.get(DataSource).query(`SELECT id FROM agency WHERE code = 'BYT'`);
  });
  afterAll(async () => {
    await t.close();
    await t.database.drop();
    await smtp.close();
  });

  const letter = async (
    responseDueAt: Date,
    sentAt = new Date(responseDueAt.getTime() - 30 * 86_400_000),
    distributionCodes?: string[],
  ) => {
    serial += 1;
    const res = await t.request('POST', '/api/v1/recommendations', {
      token: thuky,
      body: {
        addresseeCodes: ['BYT'],
        summary: `Đề nghị Bộ Y tế hướng dẫn làm sạch dữ liệu tiêm chủng (${kind} ${serial})`,
        documentNumber: `${serial}${randomBytes(2).toString('hex')}/TCTĐA06-CAT`,
        letterDate: localDay(sentAt),
        sentAt: sentAt.toISOString(),
        responseDueAt: responseDueAt.toISOString(),
        distributionCodes,
      },
    });
    if (res.status !== 201) throw new Error(`${res.status} ${res.raw}`);
    return res.body as { id: string; documentNumber: string };
  };
  const events = (id: string) =>
    t.app
      .get(DataSource)
      .query(
        `SELECT level, repeat, outcome FROM escalation_event WHERE recommendation_id = $1 ORDER BY level, repeat`,
        [id],
      );

  it('fires level 1 at the due time and mails the addressee and the secretariat in Vietnamese', async () => {
    const before = smtp.received.length;
    const due = new Date(Date.now() + 2000);
    const rec = await letter(due);
    await smtp.next(before + 2);
    const arrived = Date.now();
    expect(arrived).toBeGreaterThanOrEqual(due.getTime());
    expect(arrived - due.getTime()).toBeLessThan(3000);
    const mine = smtp.received.slice(before);
    expect(mine.map((m) => m.to[0]).sort()).toEqual(['dau-moi@byt.example', 'thuky@demo.example']);
    const mail = mine.find((m) => m.to[0] === 'dau-moi@byt.example')!;
    // A subject that says what is waited for, from whom; never a step number.
    expect(mail.parsed.subject).toBe(
      `Nhắc hạn: kiến nghị số ${rec.documentNumber} chờ Bộ Y tế trả lời`,
    );
    expect(mail.parsed.text).toContain('Kính gửi: Bộ Y tế');
    expect(mail.parsed.text).toContain('Đề nghị Bộ Y tế hướng dẫn làm sạch dữ liệu tiêm chủng');
    expect(mail.parsed.text).toContain('lần nhắc đầu tiên');
    // A link back to the letter in the service (APP_URL).
    expect(mail.parsed.text).toContain(`https://de-an-06.test/kien-nghi/${rec.id}`);
    expect(mail.parsed.html).toContain(`href="https://de-an-06.test/kien-nghi/${rec.id}"`);
    expect(await events(rec.id)).toEqual([{ level: 1, repeat: 0, outcome: 'FIRED' }]);
    const level2 = await t.app
      .get(QueueService)
      .queue(QueueName.Escalation)
      .getJob(jobIds.escalationStep(rec.id, byt, 1, 2, 0));
    expect(await level2?.getState()).toBe('delayed');
  });

  it('never mails the Nơi nhận: the agencies a letter went to for information are not reminded', async () => {
    const before = smtp.received.length;
    const due = new Date(Date.now() + 2000);
    const rec = await letter(due, undefined, ['VPCP', 'BCA', 'VPUBND']);
    expect((rec as unknown as { distribution: { code: string }[] }).distribution).toEqual([
      { code: 'VPCP', name: 'Văn phòng Chính phủ' },
      { code: 'BCA', name: 'Bộ Công an' },
      { code: 'VPUBND', name: 'Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa' },
    ]);
    await smtp.next(before + 2);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // nothing else follows
    const mine = smtp.received
      .slice(before)
      .filter((m) => m.parsed.subject?.includes(rec.documentNumber));
    expect(mine.map((m) => m.to[0]).sort()).toEqual(['dau-moi@byt.example', 'thuky@demo.example']);
    const queued = (await t.app.get(DataSource).query(
      `SELECT n.recipient_email FROM notification n JOIN escalation_event e ON e.id = n.escalation_event_id
        WHERE e.recommendation_id = $1 ORDER BY 1`,
      [rec.id],
    )) as { recipient_email: string }[];
    expect(queued.map((n) => n.recipient_email)).toEqual([
      'dau-moi@byt.example',
      'thuky@demo.example',
    ]);
    // The Nơi nhận's focal points exist: they are left out, not missing.
    const focal = (await t.app
      .get(DataSource)
      .query(
        `SELECT code, contact_emails FROM agency WHERE code IN ('VPCP', 'BCA', 'VPUBND') ORDER BY code`,
      )) as { code: string; contact_emails: string[] }[];
    expect(focal.every((a) => a.contact_emails.length > 0)).toBe(true);
  });

  it('sends nothing for a letter answered before its due time: its reminders leave the queue', async () => {
    const rec = await letter(new Date(Date.now() + 60_000));
    const queue = t.app.get(QueueService).queue(QueueName.Escalation);
    expect(
      await (await queue.getJob(jobIds.escalationStep(rec.id, byt, 1, 1, 0)))?.getState(),
    ).toBe('delayed');
    await t.request('POST', `/api/v1/recommendations/${rec.id}/responses`, {
      token: thuky,
      body: {
        documentNumber: '55/BYT-CNTT',
        date: localDay(new Date()),
        summary: 'Bộ Y tế đã hướng dẫn.',
      },
    });
    for (const level of [1, 2, 3])
      expect(await queue.getJob(jobIds.escalationStep(rec.id, byt, 1, level, 0))).toBeFalsy();
    expect(await events(rec.id)).toEqual([]);
  });

  it('runs a ladder per addressee: the one that answered gets no reminder, the other is reminded on time, and the letter is ANSWERED only after both', async () => {
    const before = smtp.received.length;
    const due = new Date(Date.now() + 2500);
    serial += 1;
    const created = await t.request('POST', '/api/v1/recommendations', {
      token: thuky,
      body: {
        addresseeCodes: ['BYT', 'BCA'],
        summary: `Đề nghị Bộ Y tế và Bộ Công an thống nhất quy trình (${kind} ${serial})`,
        documentNumber: `${serial}${randomBytes(2).toString('hex')}/TCTĐA06-CAT`,
        letterDate: localDay(new Date()),
        sentAt: new Date(Date.now() - 60_000).toISOString(),
        responseDueAt: due.toISOString(),
      },
    });
    expect(created.status).toBe(201);
    const rec = created.body as { id: string; documentNumber: string };
    const [{ id: bca }] = await t.app
      .get(DataSource)
      .query(`SELECT id FROM agency WHERE code = 'BCA'`);
    const queue = t.app.get(QueueService).queue(QueueName.Escalation);
    for (const agency of [byt, bca])
      expect(
        await (await queue.getJob(jobIds.escalationStep(rec.id, agency, 1, 1, 0)))?.getState(),
      ).toBe('delayed');

    // Bộ Y tế answers before the due time: only its own ladder stops.
    const answered = await t.request('POST', `/api/v1/recommendations/${rec.id}/responses`, {
      token: thuky,
      body: {
        addresseeCode: 'BYT',
        documentNumber: '77/BYT-CNTT',
        date: localDay(new Date()),
        summary: 'Bộ Y tế thống nhất.',
      },
    });
    expect(answered.body).toMatchObject({
      state: 'SENT',
      addressees: [
        { code: 'BYT', status: 'ANSWERED' },
        { code: 'BCA', status: 'AWAITING' },
      ],
    });
    for (const level of [1, 2, 3])
      expect(await queue.getJob(jobIds.escalationStep(rec.id, byt, 1, level, 0))).toBeFalsy();

    // At the due time Bộ Công an is reminded (with the secretariat); Bộ Y tế is not.
    const bcaFocal = (
      await t.app.get(DataSource).query(`SELECT contact_emails FROM agency WHERE code = 'BCA'`)
    )[0].contact_emails as string[];
    await smtp.next(before + bcaFocal.length + 1);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // nothing else follows
    const mine = smtp.received
      .slice(before)
      .filter((m) => m.parsed.subject?.includes(rec.documentNumber));
    expect(mine.map((m) => m.to[0]).sort()).toEqual([...bcaFocal, 'thuky@demo.example'].sort());
    expect(mine.every((m) => m.parsed.subject!.endsWith('chờ Bộ Công an trả lời'))).toBe(true);
    expect(
      (
        await t.app
          .get(DataSource)
          .query(
            `SELECT a.code, e.level, e.outcome FROM escalation_event e JOIN agency a ON a.id = e.agency_id WHERE e.recommendation_id = $1`,
            [rec.id],
          )
      ).map((e: { code: string }) => e.code),
    ).toEqual(['BCA']);
    expect(
      await (await queue.getJob(jobIds.escalationStep(rec.id, bca, 1, 2, 0)))?.getState(),
    ).toBe('delayed');

    // Bộ Công an answers: the letter is ANSWERED now, and its ladder leaves the queue.
    const both = await t.request('POST', `/api/v1/recommendations/${rec.id}/responses`, {
      token: thuky,
      body: {
        addresseeCode: 'BCA',
        documentNumber: '12/BCA-C06',
        date: localDay(new Date()),
        summary: 'Bộ Công an thống nhất.',
      },
    });
    expect(both.body).toMatchObject({ state: 'ANSWERED', overdue: false });
    expect(await queue.getJob(jobIds.escalationStep(rec.id, bca, 1, 2, 0))).toBeFalsy();
  });

  it('catches up a letter 25 working days overdue with one mail per recipient, at its current level', async () => {
    const calendar = await t.app.get(CalendarService).current();
    const now = new Date();
    let due = new Date(now.getTime() - 86_400_000);
    while (workingDaysBetween(due, now, calendar) < 25) due = new Date(due.getTime() - 86_400_000);
    expect(localDay(due) < localDay(now) && nextDay(localDay(due)) <= localDay(now)).toBe(true);
    const before = smtp.received.length;
    const rec = await letter(due);
    await smtp.next(before + 2); // level 3 mails leadership and the secretariat
    await t.app.get(EscalationScheduler).sync(rec.id);
    const mine = smtp.received
      .slice(before)
      .filter((m) => m.parsed.subject?.includes(rec.documentNumber));
    expect(mine.map((m) => m.to[0]).sort()).toEqual(['lanhdao@demo.example', 'thuky@demo.example']);
    expect(mine.map((m) => m.parsed.subject)).toEqual([
      `Kiến nghị số ${rec.documentNumber} quá hạn 25 ngày làm việc chờ Bộ Y tế trả lời`,
      `Kiến nghị số ${rec.documentNumber} quá hạn 25 ngày làm việc chờ Bộ Y tế trả lời`,
    ]);
    expect(mine[0].parsed.text).toContain('quá hạn 25 ngày làm việc');
    // The steps a catch-up passed over are not listed: nobody was ever reminded by them.
    expect(mine[0].parsed.text).toContain('lần nhắc đầu tiên');
    expect(mine[0].parsed.text).not.toMatch(/Mức 1|Mức 2|bỏ qua/);
    expect(await events(rec.id)).toEqual([
      { level: 1, repeat: 0, outcome: 'SKIPPED' },
      { level: 2, repeat: 0, outcome: 'SKIPPED' },
      { level: 3, repeat: 0, outcome: 'FIRED' },
    ]);
    const next = await t.app
      .get(QueueService)
      .queue(QueueName.Escalation)
      .getJob(jobIds.escalationStep(rec.id, byt, 1, 3, 1));
    expect(await next?.getState()).toBe('delayed');
  });

  it('restores every pending step after the queue store is wiped, and none twice', async () => {
    const recs = [
      await letter(new Date(Date.now() + 3_600_000)),
      await letter(new Date(Date.now() + 7_200_000)),
    ];
    const queue = t.app.get(QueueService).queue(QueueName.Escalation);
    const pendingIds = recs.flatMap((r) =>
      [1, 2, 3].map((level) => jobIds.escalationStep(r.id, byt, 1, level, 0)),
    );
    await wipeQueueStore(t, redisUrl);
    for (const id of pendingIds) expect(await queue.getJob(id)).toBeFalsy();
    const scheduler = t.app.get(EscalationScheduler);
    const repaired = await scheduler.reconcile();
    expect(repaired.stepsAdded).toBeGreaterThanOrEqual(pendingIds.length);
    for (const id of pendingIds) expect(await (await queue.getJob(id))?.getState()).toBe('delayed');
    const again = await scheduler.reconcile();
    expect([again.stepsAdded, again.stepsRescheduled]).toEqual([0, 0]);
  });

  it('runs overlapping reconciliations one after the other, so none removes a step another has just put back', async () => {
    const scheduler = t.app.get(EscalationScheduler);
    const inventory = (scheduler as unknown as { inventory: { pending: () => Promise<unknown> } })
      .inventory;
    const original = inventory.pending.bind(inventory);
    let [running, overlapped, calls] = [0, false, 0];
    const spy = jest.spyOn(inventory, 'pending').mockImplementation(async (...args: unknown[]) => {
      running += 1;
      calls += 1;
      overlapped ||= running > 1;
      try {
        return await (original as (...a: unknown[]) => Promise<unknown>)(...args);
      } finally {
        // Held until the other run has had every chance to start its own read.
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
      }
    });
    try {
      await Promise.all([scheduler.reconcile(), scheduler.reconcile(), scheduler.reconcile()]);
    } finally {
      spy.mockRestore();
    }
    expect(calls).toBe(3);
    expect(overlapped).toBe(false);
  });

  it('reschedules the pending steps when the policy changes', async () => {
    const rec = await letter(new Date(Date.now() + 3_600_000));
    const queue = t.app.get(QueueService).queue(QueueName.Escalation);
    const fireAt = async (level: number) => {
      const job = await queue.getJob(jobIds.escalationStep(rec.id, byt, 1, level, 0));
      return job ? job.timestamp + (job.opts.delay ?? 0) : null;
    };
    const before = await fireAt(2);
    const current = (await t.request('GET', '/api/v1/escalation-policy', { token: thuky })).body;
    const policy = { ...current.policy, version: current.version };
    policy.levels = policy.levels.map((l: { level: number; afterWorkingDays: number }) =>
      l.level === 2 ? { ...l, afterWorkingDays: 12 } : l,
    );
    const put = await t.request('PUT', '/api/v1/escalation-policy', { token: thuky, body: policy });
    expect(put.status).toBe(200);
    await t.app.get(EscalationScheduler).reconcile();
    const after = await fireAt(2);
    expect(after! - before!).toBeGreaterThanOrEqual(2 * 86_400_000 - 1000);
    const officer = await t.login('syt@demo.example');
    const refused = await t.request('PUT', '/api/v1/escalation-policy', {
      token: officer,
      body: { ...policy, version: put.body.version },
    });
    expect(refused.status).toBe(403);
  });
});
