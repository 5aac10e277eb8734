import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { latestDueStep, stepKey } from '../../src/escalation/domain/steps.js';
import { letterFactory } from '../bench/bench-support.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { queueBackends } from '../support/redis.js';
import { serviceBuild } from '../support/service-build.js';
import { startSmtpServer } from '../support/smtp.js';

const service = serviceBuild();
beforeAll(() => service.build(), 180_000);

/** Letters falling due at one instant once both workers run, and letters long overdue. */
const AT_ONCE = 24;
const CAUGHT_UP = 8;

/**
 * Issue 14, item 6: the guarantees hold with several worker processes on one database (and one
 * Redis). Two worker processes start together — each reconciles at start-up, both on the same
 * letters — and share the firing: 24 letters whose first step falls due at one instant a few
 * seconds after their start, and 8 entered long overdue (level 3 and its repetitions due). Each
 * due step is recorded once, the overdue letters fire only their highest due step (the others
 * SKIPPED, unmailed), and the SMTP server receives each idempotency key once: every outbox row's
 * recipient gets one mention of its letter, in whichever mail carried it, never two.
 */
describe.each(queueBackends())('two worker processes, one database (%s)', (_kind, redisUrl) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('fires each step once, mails each key once, and catches up with the highest due step only', async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 2 });
    const smtp = await startSmtpServer();
    const workers: ChildProcess[] = [];
    try {
      // Only these letters are open: the December 2023 ones would fire too.
      await pool.query(`UPDATE recommendation SET state = 'CLOSED' WHERE state = 'SENT'`);
      const letters = await letterFactory(pool);
      const tag = randomBytes(3).toString('hex');
      const now = Date.now();
      const instant = Math.ceil((now + 8000) / 1000) * 1000;
      const atOnce = await letters.insertLetters(AT_ONCE, `A${tag}`, () => instant);
      // Sixty days ago, an hour before now's time of day: no step falls due during the test.
      const overdue = now - 60 * 86_400_000 - 3_600_000;
      const caughtUp = await letters.insertLetters(CAUGHT_UP, `O${tag}`, () => overdue);
      const highest = latestDueStep(
        letters.policy,
        new Date(overdue),
        new Date(now),
        letters.calendar,
      )!;
      expect(highest.level).toBe(letters.policy.levels.length); // more than one step due

      const env = {
        DATABASE_URL: db.url,
        REDIS_URL: redisUrl ?? '',
        REDIS_PREFIX: `cluster-${tag}`,
        SMTP_URL: smtp.url,
        APP_ROLE: 'worker',
        NODE_ENV: 'test',
        JWT_SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: process.env.DEBUG_WORKER ? 'info' : 'error',
        DATA_DIR: await mkdtemp(join(tmpdir(), 'de-an-06-cluster-')),
      };
      workers.push(service.start(env), service.start(env));
      const ids = [...atOnce.ids, ...caughtUp.ids];

      // Every outbox row of these letters settled (each due step has written its rows by then).
      type Row = { key: string; recipient: string; number: string; status: string };
      let rows: Row[] = [];
      const events = async () =>
        (
          await pool.query<{ id: string; level: number; repeat: number; outcome: string }>(
            `SELECT recommendation_id AS id, level, repeat, outcome FROM escalation_event
              WHERE recommendation_id = ANY($1)`,
            [ids],
          )
        ).rows;
      for (let i = 0; i < 1200; i++) {
        for (const w of workers)
          if (w.exitCode !== null) throw new Error(`a worker exited with ${w.exitCode}`);
        const fired = (await events()).filter((e) => e.outcome === 'FIRED').length;
        rows = (
          await pool.query<Row>(
            `SELECT n.idempotency_key AS key, lower(n.recipient_email) AS recipient, n.status,
                    substring(r.document_number FROM '^BENCH-(.+)/') AS number
               FROM notification n
               JOIN escalation_event e ON e.id = n.escalation_event_id
               JOIN recommendation r ON r.id = e.recommendation_id
              WHERE r.id = ANY($1)`,
            [ids],
          )
        ).rows;
        if (fired === ids.length && rows.every((r) => r.status === 'SENT')) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      // A second copy of any mail would come now: a batch sent again after its lease ran out.
      await new Promise((r) => setTimeout(r, 2000));

      // Each step recorded once (the unique step key holds it); the letters due at once fired
      // their first step; the overdue ones their highest due step, the lower ones SKIPPED.
      const recorded = await events();
      const byLetter = new Map<string, string[]>();
      for (const e of recorded)
        byLetter.set(e.id, [
          ...(byLetter.get(e.id) ?? []),
          `${stepKey(e)}:${e.outcome === 'FIRED' ? 'FIRED' : 'SKIPPED'}`,
        ]);
      for (const id of atOnce.ids) expect(byLetter.get(id)).toEqual(['l1-r0:FIRED']);
      for (const id of caughtUp.ids) {
        const steps = byLetter.get(id)!;
        expect(steps.filter((s) => s.endsWith(':FIRED'))).toEqual([`${stepKey(highest)}:FIRED`]);
        expect(steps.length).toBeGreaterThan(1);
      }

      // Each key mailed once: one outbox row per recipient and letter here (one step mailed a
      // letter), and the mails name the letters by number, several in one mail to a recipient.
      expect(rows.length).toBeGreaterThanOrEqual(ids.length);
      expect(rows.filter((r) => r.status !== 'SENT')).toEqual([]);
      const owed = rows.map((r) => `${r.recipient} ${r.number}`).sort();
      expect(new Set(owed).size).toBe(rows.length);
      const named = new RegExp(`BENCH-([AO]${tag}-\\d+)/`, 'g');
      const mentions: string[] = [];
      for (const mail of smtp.received) {
        const numbers = new Set(
          [...`${mail.parsed.subject}\n${mail.parsed.text}`.matchAll(named)].map(([, n]) => n),
        );
        for (const to of mail.to)
          for (const n of numbers) mentions.push(`${to.toLowerCase()} ${n}`);
      }
      expect(mentions.sort()).toEqual(owed);
      // Skipped steps mail nobody: every mention is of the one step each letter fired.
      const messageIds = smtp.received.map((m) => m.parsed.messageId);
      expect(new Set(messageIds).size).toBe(messageIds.length);
    } finally {
      for (const w of workers) w.kill('SIGTERM');
      await Promise.all(
        workers.map(
          (w) =>
            w.exitCode === null && w.signalCode === null && new Promise((r) => w.once('exit', r)),
        ),
      );
      await pool.end();
      await smtp.close();
    }
  }, 120_000);
});
