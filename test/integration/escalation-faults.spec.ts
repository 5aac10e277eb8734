import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { localDay } from '../../src/common/domain/local-time.js';
import type { QueueBackend } from '../../src/queue/queue-backend.js';
import { QUEUE_BACKEND } from '../../src/queue/queue.tokens.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { wipeQueueStore } from '../support/queue-store.js';
import { queueBackends } from '../support/redis.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';

/** Waits for a condition by polling the database (the workers run in this process). */
async function until(probe: () => Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The escalation engine under the faults operators fear, on each queue backend: the queue
 * store wiped with no restart, answers racing reminders, an SMTP server refusing for longer
 * than any fixed retry budget, and the policy changed while steps fire. (A worker killed
 * between SMTP acceptance and the record: worker-crash.spec.ts.)
 */
describe.each(queueBackends())('escalation under faults on %s', (kind, redisUrl) => {
  const RECONCILE_EVERY_SECONDS = 2;
  let smtp: TestSmtpServer;
  let t: TestApp;
  let thuky: string;
  let serial = 0;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const database = await createTestDatabase();
    const admin = new DataSource({ type: 'postgres', url: database.url });
    await admin.initialize();
    await admin.query(`UPDATE recommendation SET state = 'CLOSED' WHERE state = 'SENT'`);
    await admin.destroy();
    t = await startTestApp({
      database,
      role: 'all',
      smtpUrl: smtp.url,
      redisUrl,
      // Retries back off from 50 ms, doubling: the outage test's six refused attempts and the
      // seventh, after the recovery, come within about 3 s instead of 13 (what it checks is that
      // a mail outlasts five refusals, not how long a real backoff waits).
      config: { reconcileEverySeconds: RECONCILE_EVERY_SECONDS, mailRetryFirstSeconds: 0.05 },
    });
    thuky = await t.login('thuky@demo.example');
  });
  afterAll(async () => {
    await t.close();
    await t.database.drop();
    await smtp.close();
  });

  const db = () => t.app.get(DataSource);
  const afterThis: (() => Promise<void>)[] = [];
  afterEach(async () => {
    smtp.refuse(null); // a test that failed mid-outage must not leave the next one refused
    for (const cleanUp of afterThis.splice(0)) await cleanUp();
  });
  const letter = async (responseDueAt: Date) => {
    serial += 1;
    const sentAt = new Date(responseDueAt.getTime() - 40 * 86_400_000);
    const res = await t.request('POST', '/api/v1/recommendations', {
      token: thuky,
      body: {
        addresseeCodes: ['BYT'],
        summary: `Kiểm thử sự cố ${kind} số ${serial}: đề nghị Bộ Y tế trả lời`,
        documentNumber: `${serial}${randomBytes(3).toString('hex')}/TCTĐA06-CAT`,
        letterDate: localDay(sentAt),
        sentAt: sentAt.toISOString(),
        responseDueAt: responseDueAt.toISOString(),
      },
    });
    if (res.status !== 201) throw new Error(`${res.status} ${res.raw}`);
    return res.body as { id: string; documentNumber: string };
  };
  const answer = async (id: string) => {
    const res = await t.request('POST', `/api/v1/recommendations/${id}/responses`, {
      token: thuky,
      body: {
        documentNumber: `${randomBytes(2).toString('hex')}/BYT-CNTT`,
        date: localDay(new Date()),
        summary: 'Bộ Y tế đã có văn bản trả lời.',
      },
    });
    if (res.status !== 201 && res.status !== 200) throw new Error(`${res.status} ${res.raw}`);
  };
  const fired = async (ids: string[], level: number) =>
    (await db().query(
      `SELECT recommendation_id AS id, level_name, occurred_at, due_at FROM escalation_event
        WHERE recommendation_id = ANY($1) AND level = $2 AND outcome = 'FIRED'`,
      [ids, level],
    )) as { id: string; level_name: string; occurred_at: Date; due_at: Date }[];
  const mailsOf = async (ids: string[]) =>
    (await db().query(
      `SELECT n.id, n.status, n.attempts, e.recommendation_id FROM notification n
         JOIN escalation_event e ON e.id = n.escalation_event_id
        WHERE e.recommendation_id = ANY($1)`,
      [ids],
    )) as { id: string; status: string; attempts: number; recommendation_id: string }[];

  it('fires every pending step within one reconciliation interval after the queue store is wiped, with no restart', async () => {
    const due = new Date(Date.now() + 4000);
    const recs = await Promise.all(Array.from({ length: 8 }, () => letter(due)));
    await wipeQueueStore(t, redisUrl); // every reminder job and every schedule gone
    const ids = recs.map((r) => r.id);
    await until(
      async () => (await fired(ids, 1)).length === ids.length,
      due.getTime() - Date.now() + RECONCILE_EVERY_SECONDS * 1000 + 8000,
      'level 1 of every letter',
    );
    const lateness = (await fired(ids, 1)).map((e) => e.occurred_at.getTime() - due.getTime());
    console.warn(
      `queue store wiped (${kind}): ${ids.length}/${ids.length} level-1 steps fired, lateness max ${Math.max(...lateness)} ms (reconciliation every ${RECONCILE_EVERY_SECONDS} s)`,
    );
    expect(Math.max(...lateness)).toBeLessThan(RECONCILE_EVERY_SECONDS * 1000 + 1500);
    // The schedules are back as well.
    expect((await t.request('GET', '/api/v1/health/ready')).body.status).toBe('ok');
  });

  it('cancels the reminders queued before an answer: none is sent after it', async () => {
    smtp.refuse(451); // the mails of the level that fires now cannot leave yet
    const recs = await Promise.all(Array.from({ length: 5 }, () => letter(new Date())));
    const ids = recs.map((r) => r.id);
    await until(
      async () => {
        const rows = await mailsOf(ids);
        return rows.length === ids.length * 2 && rows.every((r) => r.attempts >= 1);
      },
      15_000,
      'every reminder tried once',
    );
    const before = smtp.received.length;
    for (const id of ids) await answer(id);
    const answeredAt = Date.now();
    smtp.refuse(null);
    await until(
      async () => (await mailsOf(ids)).every((r) => r.status === 'CANCELLED'),
      15_000,
      'every queued reminder cancelled',
    );
    const late = smtp.received
      .slice(before)
      .filter(
        (m) => m.at >= answeredAt && recs.some((r) => m.parsed.subject?.includes(r.documentNumber)),
      );
    expect(late).toEqual([]);
  });

  it('in a plain race of answers and fires, never sends a reminder claimed after its answer', async () => {
    const due = new Date(Date.now() + 2500);
    const recs = await Promise.all(Array.from({ length: 12 }, () => letter(due)));
    const ids = recs.map((r) => r.id);
    await new Promise((r) => setTimeout(r, due.getTime() - Date.now() - 50));
    // Answer them one by one around the fire time; right after each answer, see which of its
    // mails were not yet claimed by a sender: those must end CANCELLED, never SENT.
    const unclaimedAtAnswer = new Set<string>();
    for (const id of ids) {
      await answer(id);
      for (const row of await mailsOf([id]))
        if (row.status === 'PENDING') unclaimedAtAnswer.add(row.id);
      await new Promise((r) => setTimeout(r, 20));
    }
    await until(
      async () =>
        (await mailsOf(ids)).every((r) => ['SENT', 'CANCELLED', 'FAILED'].includes(r.status)),
      15_000,
      'every mail settled',
    );
    const rows = await mailsOf(ids);
    const sentAfterAnswer = rows.filter((r) => unclaimedAtAnswer.has(r.id) && r.status === 'SENT');
    console.warn(
      `answer racing fire (${kind}): ${ids.length} letters, ${rows.length} reminders (${rows.filter((r) => r.status === 'SENT').length} sent before their answer, ${rows.filter((r) => r.status === 'CANCELLED').length} cancelled), ${sentAfterAnswer.length} sent after it`,
    );
    expect(sentAfterAnswer).toEqual([]);
  });

  it('delivers every mail once the SMTP server recovers from 4xx answers that outlast the old retry budget', async () => {
    smtp.refuse(451);
    const recs = await Promise.all(Array.from({ length: 3 }, () => letter(new Date())));
    const ids = recs.map((r) => r.id);
    // Five attempts used to be all a mail got, then it was FAILED for good.
    await until(
      async () => {
        const rows = await mailsOf(ids);
        return rows.length === ids.length * 2 && rows.every((r) => r.attempts >= 6);
      },
      30_000,
      'six refused attempts of every reminder',
    );
    const refusals = smtp.refusals;
    // Still waiting to be retried: none given up on, none delivered. A row may be SENDING when
    // read, between its claim for the next attempt and the refusal.
    expect(
      (await mailsOf(ids)).filter((r) => r.status === 'FAILED' || r.status === 'SENT'),
    ).toEqual([]);
    const before = smtp.received.length;
    smtp.refuse(null);
    await until(
      async () => (await mailsOf(ids)).every((r) => r.status === 'SENT'),
      30_000,
      'every reminder sent after the recovery',
    );
    // Each reminder is delivered, once: inside the one mail its recipient gets for the three
    // letters (or alone, when a batch went before the others were written).
    const delivered = smtp.received
      .slice(before)
      .filter((m) => recs.some((r) => m.parsed.text?.includes(r.documentNumber)));
    const carried = delivered.flatMap((m) =>
      recs
        .filter((r) => m.parsed.text!.includes(r.documentNumber))
        .map((r) => `${m.to[0]} ${r.id}`),
    );
    expect(carried).toHaveLength(ids.length * 2);
    expect(new Set(carried).size).toBe(ids.length * 2);
    console.warn(
      `SMTP 451 outage (${kind}): ${refusals} refusals, then ${carried.length}/${ids.length * 2} reminders delivered in ${delivered.length} mails, none FAILED`,
    );
  });

  it('re-queues a mail waiting out a transient failure after the store is wiped, at its next attempt, not before', async () => {
    const [{ id }] = await db().query(
      `INSERT INTO notification (idempotency_key, kind, recipient_email, subject, body_text, body_html,
                                 message_id, attempts, last_error, next_attempt_at, retry_until)
       VALUES ($1, 'LEADERSHIP_DIGEST', 'lanhdao@demo.example', $2, 'Nội dung', '<p>Nội dung</p>', $3,
               1, '451 Mailbox busy', now() + interval '1.5 seconds', now() + interval '1 day')
       RETURNING id, next_attempt_at`,
      [
        `requeue-${kind}`,
        `Tổng hợp chờ gửi lại (${kind})`,
        `<requeue-${kind}-${randomBytes(3).toString('hex')}@de-an-06.test>`,
      ],
    );
    const [{ next_attempt_at: nextAttempt }] = await db().query(
      `SELECT next_attempt_at FROM notification WHERE id = $1`,
      [id],
    );
    await wipeQueueStore(t, redisUrl); // its job is gone; the row is the truth
    await until(
      async () =>
        (await db().query(`SELECT status FROM notification WHERE id = $1`, [id]))[0].status ===
        'SENT',
      RECONCILE_EVERY_SECONDS * 1000 + 10_000,
      'the mail sent again',
    );
    const arrived = smtp.received.find(
      (m) => m.parsed.subject === `Tổng hợp chờ gửi lại (${kind})`,
    );
    expect(arrived).toBeDefined();
    expect(arrived!.at).toBeGreaterThanOrEqual((nextAttempt as Date).getTime() - 50);
  });

  it('decides every step under the policy in force: none dropped, none fired under the old one after a change', async () => {
    // The change comes through another process (an API process), as in production.
    const api = await startTestApp({
      database: t.database,
      role: 'api',
      redisUrl,
      redisPrefix: t.app.get<QueueBackend>(QUEUE_BACKEND).prefix,
    });
    afterThis.push(() => api.close());
    const apiToken = await api.login('thuky@demo.example');
    const current = (await api.request('GET', '/api/v1/escalation-policy', { token: apiToken }))
      .body;
    const put = async (levels: unknown[], version: number) => {
      const res = await api.request('PUT', '/api/v1/escalation-policy', {
        token: apiToken,
        body: { ...current.policy, levels, version },
      });
      if (res.status !== 200) throw new Error(`${res.status} ${res.raw}`);
      return res.body.version as number;
    };
    const levels = current.policy.levels as { level: number; name: string }[];
    // Level 1 renamed while letters reach it: events recorded after the change carry the new name.
    const start = Date.now();
    const recs = await Promise.all(
      Array.from({ length: 16 }, (_, i) => letter(new Date(start + 1500 + i * 150))),
    );
    await new Promise((r) => setTimeout(r, 1500 + 8 * 150 - (Date.now() - start)));
    const changeStarted = Date.now();
    const renamed = levels.map((l) => (l.level === 1 ? { ...l, name: 'Nhắc hạn trả lời' } : l));
    let version = await put(renamed, current.version);
    const changed = Date.now();
    const ids = recs.map((r) => r.id);
    await until(async () => (await fired(ids, 1)).length === ids.length, 15_000, 'level 1');
    const events = await fired(ids, 1);
    expect(
      events.filter(
        (e) => e.occurred_at.getTime() > changed && e.level_name !== 'Nhắc hạn trả lời',
      ),
    ).toEqual([]);
    expect(
      events.filter((e) => e.occurred_at.getTime() < changeStarted && e.level_name !== 'Nhắc hạn'),
    ).toEqual([]);

    // Level 3 removed, letters reaching it meanwhile, then restored: none of them is dropped.
    version = await put(
      renamed.filter((l) => l.level !== 3),
      version,
    );
    const overdue = new Date(Date.now() - 60 * 86_400_000); // long past level 3's time
    const late = await Promise.all(Array.from({ length: 6 }, () => letter(overdue)));
    const lateIds = late.map((r) => r.id);
    await until(async () => (await fired(lateIds, 2)).length === lateIds.length, 15_000, 'level 2');
    expect(await fired(lateIds, 3)).toEqual([]);
    version = await put(renamed, version);
    await until(
      async () => (await fired(lateIds, 3)).length === lateIds.length,
      RECONCILE_EVERY_SECONDS * 1000 + 10_000,
      'level 3 of every letter once restored',
    );
    await put(levels, version); // as it was
  });
});
