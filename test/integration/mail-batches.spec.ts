import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../../src/common/clock.js';
import { localDay } from '../../src/common/domain/local-time.js';
import { APP_CONFIG, type AppConfig } from '../../src/config/app-config.js';
import { renderSingleReminder } from '../../src/notifications/combined-reminder.js';
import type { EscalationMailItem } from '../../src/notifications/escalation-item.js';
import { createMailTransport, type MailTransport } from '../../src/notifications/mail-transport.js';
import { NotificationSender } from '../../src/notifications/notification-sender.js';
import { deterministicMessageId, Outbox } from '../../src/notifications/outbox.js';
import { JobHandlers } from '../../src/queue/job-handlers.js';
import { jobIds } from '../../src/queue/jobs.js';
import { QueueName } from '../../src/queue/queue-names.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { queueBackends } from '../support/redis.js';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.js';

/** Waits for a condition by polling (the workers run in this process). */
async function until(probe: () => Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Letter {
  id: string;
  documentNumber: string;
}

interface OutboxRow {
  id: string;
  idempotency_key: string;
  recipient_email: string;
  status: string;
  attempts: number;
  batch_id: string | null;
  last_error: string | null;
}

/**
 * One mail per recipient per wave (issue 12, item 4), with the real queue on each backend and a
 * real SMTP server: the reminder rows due for a recipient together go out as one mail listing
 * them all, each row SENT once under one batch; a sender that dies after the server accepted the
 * combined mail resends it once, same Message-ID; a row no longer owed is CANCELLED, left out.
 */
describe.each(queueBackends())('one mail per recipient per wave (%s)', (kind, redisUrl) => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let thuky: string;
  let serial = 0;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const database = await createTestDatabase();
    const admin = new DataSource({ type: 'postgres', url: database.url });
    await admin.initialize();
    // Only this test's letters are open: nothing else fires or mails meanwhile.
    await admin.query(`UPDATE recommendation SET state = 'CLOSED' WHERE state = 'SENT'`);
    await admin.destroy();
    t = await startTestApp({ database, role: 'all', smtpUrl: smtp.url, redisUrl });
    thuky = await t.login('thuky@demo.example');
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await t.database.drop();
    await smtp.close();
  });

  const db = () => t.app.get(DataSource);
  const config = () => t.app.get<AppConfig>(APP_CONFIG);

  /** A letter SENT today, due in three months: no step of its own fires during the test. */
  const letter = async (addresseeCodes = ['BYT']): Promise<Letter> => {
    serial += 1;
    const sentAt = new Date();
    const res = await t.request('POST', '/api/v1/recommendations', {
      token: thuky,
      body: {
        addresseeCodes,
        summary: `Gộp thư ${kind} số ${serial}: đề nghị hướng dẫn kết nối dữ liệu`,
        documentNumber: `${serial}${randomBytes(2).toString('hex')}/TCTĐA06-CAT`,
        letterDate: localDay(sentAt),
        sentAt: sentAt.toISOString(),
        responseDueAt: new Date(sentAt.getTime() + 90 * 86_400_000).toISOString(),
      },
    });
    if (res.status !== 201) throw new Error(`${res.status} ${res.raw}`);
    return res.body as Letter;
  };

  const itemFor = (
    l: Letter,
    overdue: number,
    overrides: Partial<EscalationMailItem> = {},
  ): EscalationMailItem => ({
    recommendationId: l.id,
    documentNumber: l.documentNumber,
    letterDate: '2023-03-01',
    summary: `Đề nghị hướng dẫn kết nối dữ liệu (${l.documentNumber})`,
    concerns: ['Mô hình 2: Tự động hóa cấp giấy khám sức khỏe lái xe'],
    addresseeCode: 'BYT',
    addresseeName: 'Bộ Y tế',
    holder: null,
    level: 3,
    levelName: 'Báo cáo lãnh đạo',
    repeat: 70 + overdue,
    dueAt: '2023-03-22T01:00:00.000Z',
    workingDaysOverdue: overdue,
    calendarDaysOverdue: Math.round(overdue * 1.4),
    timesRemindedBefore: 0,
    lastRemindedAt: null,
    audience: 'PROVINCE',
    letterUrl: `${config().appUrl}/kien-nghi/${l.id}`,
    answerUrl: null,
    held: [],
    ...overrides,
  });

  /** Outbox rows as the escalation firing writes them: item, its own copy, its key. */
  const write = async (rows: { to: string; label: string; item: EscalationMailItem }[]) =>
    db().transaction((m) =>
      t.app.get(Outbox).write(
        m,
        rows.map(({ to, label, item }) => {
          const own = renderSingleReminder(item, label);
          return {
            idempotencyKey: `esc:${item.recommendationId}:c1:l${item.level}:r${item.repeat}:${item.addresseeCode}:${to.toLowerCase()}`,
            kind: 'ESCALATION' as const,
            recipientEmail: to,
            subject: own.subject,
            bodyText: own.text,
            bodyHtml: own.html,
            item: { ...item, recipientLabel: label },
          };
        }),
      ),
    );

  /** Written a minute ago: their recipient's wave is over (the gather window has passed). */
  const aged = async (ids: string[]) => {
    await db().query(
      `UPDATE notification SET created_at = created_at - interval '1 minute' WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return ids;
  };
  const rowsOf = async (ids: string[]) =>
    (await db().query(
      `SELECT id, idempotency_key, recipient_email, status, attempts, batch_id, last_error
         FROM notification WHERE id = ANY($1::uuid[]) ORDER BY array_position($1::uuid[], id)`,
      [ids],
    )) as OutboxRow[];
  const mailsTo = (address: string): ReceivedMail[] =>
    smtp.received.filter((r) => r.to.some((to) => to.toLowerCase() === address.toLowerCase()));
  const settled = (ids: string[]) => async () =>
    (await rowsOf(ids)).every((r) => !['PENDING', 'SENDING'].includes(r.status));
  const jobsLeft = async () => {
    const counts = await t.app
      .get(QueueService)
      .queue(QueueName.Notifications)
      .getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  };

  it('sends a wave of 15 reminders for two recipients as one mail each, every key once, under one batch', async () => {
    const tag = randomBytes(3).toString('hex');
    const leader = `lanhdao.${tag}@ubnd.example`;
    const secretary = `thuky.${tag}@cat.example`;
    const focal = `daumoi.${tag}@byt.example`;
    const letters = await Promise.all(Array.from({ length: 8 }, () => letter()));
    // Overdue from 70 to 99 working days, in no particular order.
    const overdue = [81, 99, 70, 93, 75, 88, 72, 96];
    const leaderItems = letters.map((l, i) => itemFor(l, overdue[i]));
    const secretaryItems = letters.slice(0, 7).map((l, i) =>
      itemFor(l, overdue[i], {
        level: 2,
        levelName: 'Đôn đốc',
        timesRemindedBefore: i,
        lastRemindedAt: i ? '2023-05-12T02:00:00.000Z' : null,
      }),
    );
    const focalItem = itemFor(letters[0], overdue[0], {
      audience: 'ADDRESSEE',
      answerUrl: `${config().appUrl}/tra-loi/${tag}.chu-ky`,
    });
    // As the firing writes a wave: each letter's step in a transaction of its own, its mail jobs
    // queued right after, over a few hundred milliseconds; the gather window covers them all.
    const ids: string[] = [];
    for (const [i, l] of letters.entries()) {
      const written = await write([
        // One address written in capitals: a recipient is its address in lower case.
        {
          to: i === 3 ? leader.toUpperCase() : leader,
          label: 'Lãnh đạo UBND tỉnh',
          item: leaderItems[i],
        },
        ...(i < 7 ? [{ to: secretary, label: 'Thư ký Tổ công tác', item: secretaryItems[i] }] : []),
        ...(l === letters[0] ? [{ to: focal, label: 'Bộ Y tế', item: focalItem }] : []),
      ]);
      await t.app.get(Outbox).dispatch(written);
      ids.push(...written);
      await new Promise((r) => setTimeout(r, 40));
    }
    expect(ids).toHaveLength(16);
    const keys = (await rowsOf(ids)).map((r) => r.idempotency_key).sort();

    await until(settled(ids), 30_000, 'every row sent');
    // The other rows' jobs find their rows SENT and finish; nothing is mailed again.
    await until(async () => (await jobsLeft()) === 0, 30_000, 'every mail job finished');

    const rows = await rowsOf(ids);
    expect(rows.map((r) => r.status)).toEqual(ids.map(() => 'SENT'));
    expect(rows.map((r) => r.attempts)).toEqual(ids.map(() => 1));
    expect(rows.map((r) => r.idempotency_key).sort()).toEqual(keys);
    const batchOf = (address: string) =>
      new Set(
        rows.filter((r) => r.recipient_email.toLowerCase() === address).map((r) => r.batch_id),
      );
    for (const address of [leader, secretary, focal]) {
      expect(batchOf(address).size).toBe(1);
      expect([...batchOf(address)][0]).toMatch(/^[0-9a-f-]{36}$/);
    }

    expect(mailsTo(leader)).toHaveLength(1);
    expect(mailsTo(secretary)).toHaveLength(1);
    expect(mailsTo(focal)).toHaveLength(1);

    const leaderMail = mailsTo(leader)[0].parsed;
    expect(leaderMail.subject).toBe('8 kiến nghị quá hạn chờ Bộ Y tế trả lời');
    expect(leaderMail.messageId).toBe(
      deterministicMessageId(`batch:${[...batchOf(leader)][0]}`, config().mailFrom),
    );
    const text = leaderMail.text!;
    expect(text).toContain('Kính gửi: Lãnh đạo UBND tỉnh');
    // Every letter once, most overdue first, with its link; no list of steps, no "lần 100".
    const order = [...letters.keys()].sort((a, b) => overdue[b] - overdue[a]);
    const positions = order.map((i) => text.indexOf(`Kiến nghị số ${letters[i].documentNumber}`));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    for (const l of letters) {
      expect(text.split(`Kiến nghị số ${l.documentNumber} `)).toHaveLength(2);
      expect(text).toContain(`Xem kiến nghị: ${config().appUrl}/kien-nghi/${l.id}`);
    }
    expect(text).toContain('quá hạn 99 ngày làm việc');
    expect(text).not.toMatch(/lần \d{2,}/);
    expect(mailsTo(leader)[0].parsed.html).toContain('<ol>');

    const secretaryMail = mailsTo(secretary)[0].parsed;
    expect(secretaryMail.subject).toBe('7 kiến nghị quá hạn chờ Bộ Y tế trả lời');
    expect(secretaryMail.text).toContain('đã nhắc 6 lần, lần gần nhất ngày 12/05/2023');
    expect(secretaryMail.text).toContain('lần nhắc đầu tiên');

    // A recipient with one reminder gets that row's own copy, with its answer link.
    const focalMail = mailsTo(focal)[0].parsed;
    const [focalRow] = (await db().query(
      `SELECT subject, message_id FROM notification WHERE id = ANY($1::uuid[]) AND recipient_email = $2`,
      [ids, focal],
    )) as { subject: string; message_id: string }[];
    expect(focalMail.subject).toBe(focalRow.subject);
    expect(focalMail.messageId).toBe(focalRow.message_id);
    expect(focalMail.text).toContain(`Xác nhận đã nhận và trả lời tại: ${focalItem.answerUrl}`);

    // A replayed job sends nothing.
    const before = smtp.received.length;
    for (const id of ids.slice(0, 3))
      expect(await t.app.get(NotificationSender).send(id)).toEqual({ outcome: 'skipped' });
    expect(smtp.received).toHaveLength(before);
  }, 90_000);

  it("queues a wave's follower jobs after its first one (at once when the process stops): one mail, every row once", async () => {
    const leader = `lanhdao.${randomBytes(3).toString('hex')}@ubnd.example`;
    const letters = await Promise.all(Array.from({ length: 4 }, () => letter()));
    const wave = () =>
      letters.map((l, i) => ({
        to: leader,
        label: 'Lãnh đạo UBND tỉnh',
        item: itemFor(l, 70 + i),
      }));
    const ids = await write(wave());
    const queue = t.app.get(QueueService).queue(QueueName.Notifications);
    const queued = async (id: string) => (await queue.getJob(jobIds.mail(id))) !== undefined;
    await t.app.get(Outbox).dispatch(ids);
    // The first row's job is there when dispatch returns; the others' come a moment later.
    expect(await queued(ids[0])).toBe(true);
    expect(await Promise.all(ids.slice(1).map(queued))).toEqual([false, false, false]);
    // (They are still waiting for their delay, 5 s after the window, when they are queued.)
    await until(
      async () => (await Promise.all(ids.slice(1).map(queued))).every(Boolean),
      30_000,
      'the followers queued',
    );
    await until(settled(ids), 30_000, 'every row sent');
    await until(async () => (await jobsLeft()) === 0, 30_000, 'every mail job finished');
    expect((await rowsOf(ids)).map((r) => [r.status, r.attempts])).toEqual(
      ids.map(() => ['SENT', 1]),
    );
    expect(mailsTo(leader)).toHaveLength(1);

    // A process stopping queues the followers it still holds before its queues close.
    const stopping = new Outbox(config(), t.app.get(QueueService), db());
    const more = await write(
      letters.map((l, i) => ({
        to: leader,
        label: 'Lãnh đạo UBND tỉnh',
        item: itemFor(l, 90 + i),
      })),
    );
    await stopping.dispatch(more);
    expect(await queued(more[1])).toBe(false);
    await stopping.beforeApplicationShutdown();
    expect(await Promise.all(more.map(queued))).toEqual([true, true, true, true]);
    await until(settled(more), 30_000, 'the second wave sent');
    expect(mailsTo(leader)).toHaveLength(2);
  }, 60_000);

  it('does not hold a full share for the gather window: a recipient given MAIL_BATCH_MAX_LETTERS reminders by one commit is mailed at once', async () => {
    const cap = config().mailBatchMaxLetters;
    config().mailBatchMaxLetters = 3;
    try {
      const tag = randomBytes(3).toString('hex');
      const [many, few] = [`lanhdao.${tag}@ubnd.example`, `thuky.${tag}@cat.example`];
      const letters = await Promise.all(Array.from({ length: 3 }, () => letter()));
      const ids = await write([
        ...letters.map((l, i) => ({
          to: many,
          label: 'Lãnh đạo UBND tỉnh',
          item: itemFor(l, 80 + i),
        })),
        { to: few, label: 'Thư ký Tổ công tác', item: itemFor(letters[0], 80) },
      ]);
      await t.app.get(Outbox).dispatch(ids);
      const due = (await db().query(
        `SELECT lower(recipient_email) AS recipient, bool_and(next_attempt_at <= now()) AS now
           FROM notification WHERE id = ANY($1::uuid[]) GROUP BY 1`,
        [ids],
      )) as { recipient: string; now: boolean }[];
      // The full share is due now; the lone reminder waits for its window (1 s in the tests).
      expect(Object.fromEntries(due.map((d) => [d.recipient, d.now]))).toEqual({
        [many]: true,
        [few]: false,
      });
      const queue = t.app.get(QueueService).queue(QueueName.Notifications);
      expect((await queue.getJob(jobIds.mail(ids[0])))?.opts.delay ?? 0).toBe(0);
      expect((await queue.getJob(jobIds.mail(ids[3])))?.opts.delay).toBe(1000);
      await until(settled(ids), 30_000, 'every row sent');
      expect(mailsTo(many)).toHaveLength(1);
      expect(mailsTo(few)).toHaveLength(1);
      expect((await rowsOf(ids)).map((r) => r.status)).toEqual(ids.map(() => 'SENT'));
    } finally {
      config().mailBatchMaxLetters = cap;
    }
  }, 60_000);

  it('splits a wave larger than MAIL_BATCH_MAX_LETTERS into mails of at most that many, all sent by the first job, every reminder in exactly one', async () => {
    const cap = config().mailBatchMaxLetters;
    config().mailBatchMaxLetters = 3;
    try {
      const leader = `lanhdao.${randomBytes(3).toString('hex')}@ubnd.example`;
      const letters = await Promise.all(Array.from({ length: 7 }, () => letter()));
      const ids = await aged(
        await write(
          letters.map((l, i) => ({
            to: leader,
            label: 'Lãnh đạo UBND tỉnh',
            item: itemFor(l, 80 + i),
          })),
        ),
      );
      // The first row's mail job, run here (no job of the others queued): it sends the whole
      // wave, share after share, not only its own share.
      const handler = t.app.get(JobHandlers).get('notification.send')!;
      await handler({ notificationId: ids[0] }, {
        delayUntil: () => {
          throw new Error('nothing here waits');
        },
      } as never);

      const rows = await rowsOf(ids);
      expect(rows.map((r) => [r.status, r.attempts])).toEqual(ids.map(() => ['SENT', 1]));
      const sizes = [...new Set(rows.map((r) => r.batch_id))].map(
        (b) => rows.filter((r) => r.batch_id === b).length,
      );
      expect(sizes.sort()).toEqual([1, 3, 3]);
      const mails = mailsTo(leader);
      expect(mails).toHaveLength(3);
      // Each letter named in exactly one of the three mails; the oldest share first.
      for (const l of letters) {
        const naming = mails.filter((m) =>
          m.parsed.text!.includes(`Kiến nghị số ${l.documentNumber}`),
        );
        expect(naming).toHaveLength(1);
      }
      // The shares go side by side, so they may arrive in any order.
      expect(
        mails.filter((m) => m.parsed.subject === '3 kiến nghị quá hạn chờ Bộ Y tế trả lời'),
      ).toHaveLength(2);
      // The oldest reminders are in the first (full) shares, not in the last one.
      const single = mails.find(
        (m) => m.parsed.subject !== '3 kiến nghị quá hạn chờ Bộ Y tế trả lời',
      )!;
      expect(single.parsed.text).not.toContain(`Kiến nghị số ${letters[0].documentNumber}`);
    } finally {
      config().mailBatchMaxLetters = cap;
    }
  }, 60_000);

  it('mails the shares of a large wave side by side, not one after the other', async () => {
    const cap = config().mailBatchMaxLetters;
    config().mailBatchMaxLetters = 2;
    try {
      const leader = `lanhdao.${randomBytes(3).toString('hex')}@ubnd.example`;
      const letters = await Promise.all(Array.from({ length: 6 }, () => letter()));
      const ids = await aged(
        await write(
          letters.map((l, i) => ({
            to: leader,
            label: 'Lãnh đạo UBND tỉnh',
            item: itemFor(l, 90 + i),
          })),
        ),
      );
      // The server answers no mail until two are in flight: a sender mailing one share after
      // the other would wait here forever.
      smtp.holdUntilConcurrent(2);
      const handler = t.app.get(JobHandlers).get('notification.send')!;
      await handler({ notificationId: ids[0] }, {
        delayUntil: () => {
          throw new Error('nothing here waits');
        },
      } as never);
      const rows = await rowsOf(ids);
      expect(rows.map((r) => r.status)).toEqual(ids.map(() => 'SENT'));
      expect(new Set(rows.map((r) => r.batch_id)).size).toBe(3);
      const mails = mailsTo(leader);
      expect(mails).toHaveLength(3);
      for (const l of letters)
        expect(
          mails.filter((m) => m.parsed.text!.includes(`Kiến nghị số ${l.documentNumber}`)),
        ).toHaveLength(1);
    } finally {
      smtp.holdUntilConcurrent(0);
      config().mailBatchMaxLetters = cap;
    }
  }, 60_000);

  it('leaves out and cancels a reminder no longer owed: the letter answered, or its addressee', async () => {
    const tag = randomBytes(3).toString('hex');
    const leader = `lanhdao.${tag}@ubnd.example`;
    const [open, answered, twoMinistries] = [
      await letter(),
      await letter(),
      await letter(['BYT', 'BCA']),
    ];
    const ids = await write([
      { to: leader, label: 'Lãnh đạo UBND tỉnh', item: itemFor(open, 40) },
      { to: leader, label: 'Lãnh đạo UBND tỉnh', item: itemFor(answered, 50) },
      { to: leader, label: 'Lãnh đạo UBND tỉnh', item: itemFor(twoMinistries, 30) },
      {
        to: leader,
        label: 'Lãnh đạo UBND tỉnh',
        item: itemFor(twoMinistries, 20, { addresseeCode: 'BCA', addresseeName: 'Bộ Công an' }),
      },
    ]);
    // The letter's answer is recorded; Bộ Y tế's part of the other letter is answered.
    const res = await t.request('POST', `/api/v1/recommendations/${answered.id}/responses`, {
      token: thuky,
      body: {
        documentNumber: `${tag}/BYT-CNTT`,
        date: localDay(new Date()),
        summary: 'Bộ Y tế đã có văn bản trả lời.',
      },
    });
    expect([200, 201]).toContain(res.status);
    await db().query(
      `UPDATE recommendation_addressee SET status = 'ANSWERED', status_changed_at = now()
        WHERE recommendation_id = $1 AND agency_id = (SELECT id FROM agency WHERE code = 'BYT')`,
      [twoMinistries.id],
    );

    await t.app.get(Outbox).dispatch(ids);
    await until(settled(ids), 30_000, 'every row settled');
    const rows = await rowsOf(ids);
    expect(rows.map((r) => r.status)).toEqual(['SENT', 'CANCELLED', 'CANCELLED', 'SENT']);
    expect(rows[1].last_error).toMatch(/^Không gửi/);
    expect(rows[2].last_error).toMatch(/^Không gửi/);
    expect(rows[1].batch_id).toBeNull();
    expect(rows[0].batch_id).toBe(rows[3].batch_id);

    await until(async () => (await jobsLeft()) === 0, 30_000, 'every mail job finished');
    expect(mailsTo(leader)).toHaveLength(1);
    const mail = mailsTo(leader)[0].parsed;
    expect(mail.subject).toBe('2 kiến nghị quá hạn chờ Bộ Y tế và Bộ Công an trả lời');
    expect(mail.text).toContain(`Kiến nghị số ${open.documentNumber}`);
    expect(mail.text).toContain(`Kiến nghị số ${twoMinistries.documentNumber}`);
    expect(mail.text).toContain('Chờ Bộ Công an: quá hạn 20 ngày làm việc');
    expect(mail.text).not.toContain(answered.documentNumber);
    expect(mail.text).not.toContain('quá hạn 30 ngày làm việc');
  }, 90_000);

  it('retries a refused combined mail for all its rows together, as the same batch; a 550 fails them all', async () => {
    const tag = randomBytes(3).toString('hex');
    const leader = `lanhdao.${tag}@ubnd.example`;
    const letters = await Promise.all(Array.from({ length: 3 }, () => letter()));
    const ids = await aged(
      await write(
        letters.map((l, i) => ({
          to: leader,
          label: 'Lãnh đạo UBND tỉnh',
          item: itemFor(l, 10 + i),
        })),
      ),
    );
    const sender = t.app.get(NotificationSender);
    smtp.refuse(451);
    try {
      expect(await sender.send(ids[1])).toMatchObject({ outcome: 'retry' });
    } finally {
      smtp.refuse(null);
    }
    let rows = await rowsOf(ids);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(ids.map(() => ['PENDING', 1]));
    expect(rows.every((r) => /451|try again/i.test(r.last_error ?? ''))).toBe(true);
    const firstBatch = rows[0].batch_id;
    expect(rows.every((r) => r.batch_id === firstBatch)).toBe(true);
    // Too early for any of them: nothing is sent.
    expect(await sender.send(ids[0])).toMatchObject({ outcome: 'retry' });
    expect(mailsTo(leader)).toHaveLength(0);

    await db().query(`UPDATE notification SET next_attempt_at = now() WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
    expect(await sender.send(ids[2])).toEqual({ outcome: 'sent' });
    rows = await rowsOf(ids);
    expect(rows.map((r) => [r.status, r.attempts, r.batch_id])).toEqual(
      ids.map(() => ['SENT', 2, firstBatch]),
    );
    expect(mailsTo(leader)).toHaveLength(1);
    expect(mailsTo(leader)[0].parsed.messageId).toBe(
      deterministicMessageId(`batch:${firstBatch}`, config().mailFrom),
    );

    const other = `vanphong.${tag}@ubnd.example`;
    const refused = await aged(
      await write(
        letters
          .slice(0, 2)
          .map((l) => ({ to: other, label: 'Văn phòng UBND tỉnh', item: itemFor(l, 5) })),
      ),
    );
    smtp.refuse(550);
    try {
      expect(await sender.send(refused[0])).toEqual({ outcome: 'failed' });
    } finally {
      smtp.refuse(null);
    }
    expect((await rowsOf(refused)).map((r) => r.status)).toEqual(['FAILED', 'FAILED']);
  }, 60_000);

  it('resends a combined mail once, same Message-ID, when its sender died after the server took it', async () => {
    const tag = randomBytes(3).toString('hex');
    const leader = `lanhdao.${tag}@ubnd.example`;
    const letters = await Promise.all(Array.from({ length: 4 }, () => letter()));
    const ids = await aged(
      await write(
        letters.map((l, i) => ({
          to: leader,
          label: 'Lãnh đạo UBND tỉnh',
          item: itemFor(l, 10 + i),
        })),
      ),
    );

    // A sender on a connection of its own that dies the moment the server has accepted the mail:
    // its claim (SENDING, the batch recorded) is committed, its record of SENT never written.
    const dying = new DataSource({
      type: 'postgres',
      url: t.database.url,
      extra: { application_name: `dying-sender-${tag}` },
    });
    await dying.initialize();
    const real = createMailTransport(config());
    const transport: MailTransport = {
      description: 'SMTP, dying after each acceptance',
      send: async (mail) => {
        await real.send(mail);
        await db().query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1`,
          [`dying-sender-${tag}`],
        );
        throw new Error('killed after SMTP acceptance');
      },
      close: () => real.close(),
    };
    const sender = new NotificationSender(dying, t.app.get(Clock), transport, config(), {
      register: () => undefined,
    } as never);
    await expect(sender.send(ids[0])).rejects.toThrow();
    await dying.destroy().catch(() => undefined);
    transport.close();

    expect(mailsTo(leader)).toHaveLength(1);
    const first = mailsTo(leader)[0].parsed;
    let rows = await rowsOf(ids);
    expect(rows.map((r) => r.status)).toEqual(ids.map(() => 'SENDING'));
    const batch = rows[0].batch_id;
    expect(batch).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows.every((r) => r.batch_id === batch)).toBe(true);
    expect(first.messageId).toBe(deterministicMessageId(`batch:${batch}`, config().mailFrom));

    // While the dead sender's lease runs, nobody sends it again.
    const healthy = t.app.get(NotificationSender);
    for (const id of ids) expect(await healthy.send(id)).toMatchObject({ outcome: 'retry' });
    expect(mailsTo(leader)).toHaveLength(1);

    // The lease runs out: the batch is sent again, as the same message, then never again.
    await db().query(
      `UPDATE notification SET updated_at = now() - interval '10 minutes' WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const outcomes = await Promise.all(ids.map((id) => healthy.send(id)));
    expect(outcomes.filter((o) => o.outcome === 'sent')).toHaveLength(1);
    await until(settled(ids), 10_000, 'the batch recorded SENT');
    for (const id of ids) expect(await healthy.send(id)).toEqual({ outcome: 'skipped' });

    const copies = mailsTo(leader);
    expect(copies).toHaveLength(2);
    expect(copies[1].parsed.messageId).toBe(first.messageId);
    expect(copies[1].parsed.subject).toBe(first.subject);
    expect(copies[1].parsed.subject).toBe('4 kiến nghị quá hạn chờ Bộ Y tế trả lời');
    rows = await rowsOf(ids);
    expect(rows.map((r) => [r.status, r.batch_id, r.attempts])).toEqual(
      ids.map(() => ['SENT', batch, 2]),
    );
  }, 90_000);
});
