import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import pg from 'pg';
import { renderSingleReminder } from '../../src/notifications/combined-reminder.js';
import type { EscalationMailItem } from '../../src/notifications/escalation-item.js';
import { deterministicMessageId } from '../../src/notifications/outbox.js';
import { jobIds } from '../../src/queue/jobs.js';
import { prepareQueueBackend } from '../../src/queue/queue-backend.js';
import { QUEUE_CONCURRENCY, QueueName } from '../../src/queue/queue-names.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { queueBackends } from '../support/redis.js';
import { acceptingThenKillingSmtp } from '../support/killing-smtp.js';
import { serviceBuild } from '../support/service-build.js';

const service = serviceBuild();
const startWorker = service.start;
beforeAll(() => service.build(), 180_000);

const MAIL_FROM = 'Tổ công tác Đề án 06 tỉnh Khánh Hòa <de-an-06@localhost>';

/**
 * A wave (issue 12, item 4): five recipients with four reminders each, every reminder a row with
 * its item and a mail job, sent by a worker process that is SIGKILLed right after the SMTP server
 * accepted some combined mails, and restarted until every row is SENT.
 */
describe.each(queueBackends())(
  'a wave of reminders, the worker killed mid-wave (%s)',
  (kind, redisUrl) => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(() => db.drop());

    it('mails each recipient one combined mail, each key once; a kill resends its batch once, same Message-ID', async () => {
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      // One letter open, due in three months: nothing of the service's own fires meanwhile.
      const [{ id: letterId, document_number: documentNumber }] = (
        await client.query(
          `SELECT id, document_number FROM recommendation WHERE state = 'SENT' ORDER BY id LIMIT 1`,
        )
      ).rows as { id: string; document_number: string }[];
      await client.query(
        `UPDATE recommendation SET state = 'CLOSED' WHERE state = 'SENT' AND id <> $1`,
        [letterId],
      );
      await client.query(
        `UPDATE recommendation SET response_due_at = now() + interval '90 days' WHERE id = $1`,
        [letterId],
      );

      const tag = randomBytes(3).toString('hex');
      const recipients = Array.from({ length: 5 }, (_, i) => `nguoinhan${i}.${tag}@ubnd.example`);
      const ids: string[] = [];
      for (const [r, to] of recipients.entries())
        for (let step = 0; step < 4; step++) {
          const item: EscalationMailItem = {
            recommendationId: letterId,
            documentNumber: `${documentNumber}`,
            letterDate: '2023-03-01',
            summary: `Nhắc lần ${step} cho người nhận ${r}`,
            concerns: [],
            addresseeCode: `X${step}`,
            addresseeName: `Bộ thứ ${step + 1}`,
            holder: null,
            level: 3,
            levelName: 'Báo cáo lãnh đạo',
            repeat: 80 + step,
            dueAt: '2023-03-22T01:00:00.000Z',
            workingDaysOverdue: 70 + step,
            calendarDaysOverdue: 100 + step,
            timesRemindedBefore: step,
            lastRemindedAt: step ? '2023-05-12T02:00:00.000Z' : null,
            audience: 'PROVINCE',
            letterUrl: `http://localhost:3000/kien-nghi/${letterId}`,
            answerUrl: null,
            held: [],
            recipientLabel: `Người nhận ${r}`,
          };
          const own = renderSingleReminder(item, item.recipientLabel!);
          const key = `esc:${letterId}:c1:l3:r${80 + step}:X${step}:${to}`;
          const { rows } = await client.query(
            `INSERT INTO notification (idempotency_key, kind, recipient_email, subject, body_text, body_html, message_id, item)
           VALUES ($1, 'ESCALATION', $2, $3, $4, $5, $6, $7::jsonb) RETURNING id`,
            [
              key,
              to,
              own.subject,
              own.text,
              own.html,
              deterministicMessageId(key, MAIL_FROM),
              item,
            ],
          );
          ids.push(rows[0].id);
        }

      const prefix = `wave-${randomBytes(3).toString('hex')}`;
      const backend = await prepareQueueBackend(
        { databaseUrl: db.url, redisUrl, redisPrefix: prefix },
        { info: () => undefined, warn: () => undefined },
      );
      const queue = new Queue(
        QueueName.Notifications,
        { connection: backend.connection, prefix: backend.prefix } as never,
        backend.factory as never,
      );
      for (const id of ids)
        await queue.add(
          'notification.send',
          { notificationId: id },
          { jobId: jobIds.mail(id), attempts: 5, backoff: { type: 'fixed', delay: 500 } },
        );
      const env = {
        DATABASE_URL: db.url,
        REDIS_URL: redisUrl ?? '',
        APP_ROLE: 'worker',
        NODE_ENV: 'test',
        LOG_LEVEL: process.env.DEBUG_WORKER ? 'info' : 'error',
        DATA_DIR: await mkdtemp(join(tmpdir(), `de-an-06-wave-`)),
        MAIL_FROM,
        MAIL_LEASE_SECONDS: '2',
        QUEUE_LOCK_MS: '2000',
        RECONCILE_EVERY_SECONDS: '2',
        MAIL_GATHER_SECONDS: '1',
        REDIS_PREFIX: prefix,
      };
      const rowsNow = async () =>
        (
          await client.query(
            `SELECT id, recipient_email, status, batch_id, attempts FROM notification WHERE id = ANY($1::uuid[])`,
            [ids],
          )
        ).rows as {
          id: string;
          recipient_email: string;
          status: string;
          batch_id: string | null;
        }[];

      const KILLS = [1, 3];
      let worker: ChildProcess | undefined;
      let kills = 0;
      const smtp = await acceptingThenKillingSmtp(KILLS, () => {
        kills += 1;
        worker?.kill('SIGKILL');
      });
      try {
        let sent = 0;
        for (let round = 0; round <= KILLS.length + 1; round++) {
          worker = startWorker({ ...env, SMTP_URL: smtp.url });
          const exited = new Promise((r) => worker!.once('exit', r));
          const done = (async () => {
            for (;;) {
              sent = (await rowsNow()).filter((r) => r.status === 'SENT').length;
              if (sent === ids.length) return 'done';
              await new Promise((r) => setTimeout(r, 100));
            }
          })();
          if ((await Promise.race([done, exited.then(() => 'killed')])) === 'done') break;
        }
        expect(sent).toBe(ids.length);
        // The other rows' jobs find their rows SENT and finish; give them the time to.
        await new Promise((r) => setTimeout(r, 3000));

        const rows = await rowsNow();
        const byRecipient = new Map<string, Set<string | null>>();
        for (const r of rows)
          byRecipient.set(
            r.recipient_email,
            (byRecipient.get(r.recipient_email) ?? new Set()).add(r.batch_id),
          );
        const copies = new Map<string, number>();
        for (const d of smtp.delivered) copies.set(d.messageId, (copies.get(d.messageId) ?? 0) + 1);
        const extra = smtp.delivered.length - copies.size;
        console.warn(
          `wave killed after SMTP acceptance (${kind}): ${ids.length} keys, ${recipients.length} recipients, ${kills} kills, ${smtp.delivered.length} deliveries of ${copies.size} messages: ${extra} resent copies (same Message-ID)`,
        );
        expect(kills).toBe(KILLS.length);
        for (const to of recipients) {
          // Every key of a recipient went out in one batch, the one mail it received.
          const batches = [...byRecipient.get(to)!];
          expect(batches).toHaveLength(1);
          const messageId = deterministicMessageId(`batch:${batches[0]}`, MAIL_FROM);
          const mails = smtp.delivered.filter((d) => d.to === to);
          expect(new Set(mails.map((m) => m.messageId))).toEqual(new Set([messageId]));
          expect(mails[0].subject).toBe(
            `Kiến nghị số ${documentNumber} quá hạn 73 ngày làm việc chờ 4 bộ, ngành trả lời`,
          );
          // A kill resends, once, the batches it caught; a resend may itself be caught by the next.
          expect(mails.length).toBeLessThanOrEqual(1 + kills);
        }
        // Each kill catches at most the mails its worker was sending at once.
        expect(extra).toBeLessThanOrEqual(kills * QUEUE_CONCURRENCY[QueueName.Notifications]);
      } finally {
        worker?.kill('SIGTERM');
        await queue.close();
        await client.end();
        await smtp.close();
      }
    }, 180_000);
  },
);
