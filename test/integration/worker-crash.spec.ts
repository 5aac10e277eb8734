import type { ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import pg from 'pg';
import { jobIds } from '../../src/queue/jobs.js';
import { prepareQueueBackend } from '../../src/queue/queue-backend.js';
import { QUEUE_CONCURRENCY, QueueName } from '../../src/queue/queue-names.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { queueBackends } from '../support/redis.js';
import { serviceBuild } from '../support/service-build.js';

/** An SMTP server whose deliveries hang at RCPT until released, so a worker can be killed mid-send. */
async function slowSmtp() {
  const delivered: string[] = [];
  let hanging = true;
  let onHang: () => void = () => undefined;
  const hung = new Promise<void>((r) => (onHang = r));
  let onCount: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (hanging) {
        onHang();
        return; // never answer: the sender is stuck here until its process dies
      }
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        delivered.push((await simpleParser(Buffer.concat(chunks))).messageId!);
        onCount.forEach((f) => f());
        callback();
      });
    },
  });
  server.on('error', () => undefined); // a client killed mid-session resets its socket
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    delivered,
    hung,
    release: () => {
      hanging = false;
    },
    until: (n: number) =>
      new Promise<void>((r) => {
        if (delivered.length >= n) r();
        else onCount.push(() => delivered.length >= n && r());
      }),
    close: () => {
      onCount = [];
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

const service = serviceBuild();
const startWorker = service.start;
beforeAll(() => service.build(), 180_000);

/**
 * `count` outbox rows waiting to be mailed (the database's December 2023 letters closed, so
 * only these are mailed), each with a mail job on a queue prefix of its own, and the
 * environment of a worker process that sends them with a 2 s lease and job lock.
 */
async function queuedMail(
  db: TestDatabase,
  redisUrl: string | undefined,
  smtpUrl: string,
  count: number,
  name: string,
) {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(`UPDATE recommendation SET state = 'CLOSED' WHERE state = 'SENT'`);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { rows } = await client.query(
      `INSERT INTO notification (idempotency_key, kind, recipient_email, subject, body_text, body_html, message_id)
       VALUES ($1, 'ESCALATION', $2, $3, 'Nội dung', '<p>Nội dung</p>', $4) RETURNING id`,
      [
        `${name}:${i}`,
        `nguoinhan${i}@byt.example`,
        `Nhắc hạn ${i}`,
        `<${name}-${i}-${randomBytes(3).toString('hex')}@de-an-06.test>`,
      ],
    );
    ids.push(rows[0].id);
  }
  const prefix = `${name}-${randomBytes(3).toString('hex')}`;
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
    SMTP_URL: smtpUrl,
    APP_ROLE: 'worker',
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.DEBUG_WORKER ? 'info' : 'error',
    DATA_DIR: await mkdtemp(join(tmpdir(), `de-an-06-${name}-`)),
    MAIL_LEASE_SECONDS: '2',
    QUEUE_LOCK_MS: '2000',
    RECONCILE_EVERY_SECONDS: '2',
    REDIS_PREFIX: prefix,
  };
  /** How many of these rows are in each status. */
  const statuses = async () =>
    (
      await client.query(
        `SELECT status, count(*)::int AS n FROM notification WHERE idempotency_key LIKE $1 GROUP BY status`,
        [`${name}:%`],
      )
    ).rows as { status: string; n: number }[];
  return {
    ids,
    env,
    statuses,
    close: async () => {
      await queue.close();
      await client.end();
    },
  };
}

describe.each(queueBackends())('a worker killed while it sends (%s)', (_kind, redisUrl) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('mails every idempotency key exactly once after a restart', async () => {
    const smtp = await slowSmtp();
    const { ids, env, statuses, close } = await queuedMail(db, redisUrl, smtp.url, 6, 'crash');
    const first = startWorker(env);
    await smtp.hung; // a send is in flight
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    smtp.release();
    const second = startWorker(env);
    try {
      await smtp.until(ids.length);
      // The server has every message; the worker marks the last rows SENT right after.
      let rows: { status: string; n: number }[] = [];
      for (let i = 0; i < 100; i++) {
        rows = await statuses();
        if (rows.length === 1 && rows[0].status === 'SENT') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(rows).toEqual([{ status: 'SENT', n: ids.length }]);
      const perMessage = new Map<string, number>();
      for (const id of smtp.delivered) perMessage.set(id, (perMessage.get(id) ?? 0) + 1);
      expect(perMessage.size).toBe(ids.length);
      expect([...perMessage.values()].every((n) => n === 1)).toBe(true);
    } finally {
      second.kill('SIGTERM');
      await new Promise((r) => second.once('exit', r));
      await close();
      await smtp.close();
    }
  }, 120_000);
});

/**
 * An SMTP server that accepts every message and, on the messages numbered in `killAfter`,
 * kills the sending worker right after its acceptance: the one window in which a mail is
 * delivered but not yet recorded SENT.
 */
async function acceptingThenKillingSmtp(killAfter: number[], kill: () => void) {
  const delivered: string[] = [];
  let waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        delivered.push((await simpleParser(Buffer.concat(chunks))).messageId!);
        callback(); // 250: accepted
        if (killAfter.includes(delivered.length)) setImmediate(kill);
        waiters.forEach((f) => f());
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    delivered,
    until: (check: () => boolean) =>
      new Promise<void>((r) => {
        if (check()) r();
        else waiters.push(() => check() && r());
      }),
    close: () => {
      waiters = [];
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Mails a worker sends at once (src/queue/worker-host.ts). */
const WORKER_CONCURRENCY = QUEUE_CONCURRENCY[QueueName.Notifications];

describe.each(queueBackends())(
  'a worker killed between SMTP acceptance and the record (%s)',
  (kind, redisUrl) => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(() => db.drop());

    it('resends at most the mails caught in that window, once each, with the same Message-ID', async () => {
      const KILLS = [2, 6, 11];
      let worker: ChildProcess | undefined;
      let kills = 0;
      const smtp = await acceptingThenKillingSmtp(KILLS, () => {
        kills += 1;
        worker?.kill('SIGKILL');
      });
      const { ids, env, statuses, close } = await queuedMail(db, redisUrl, smtp.url, 16, 'accept');
      let sent = 0;
      try {
        // Restart the worker whenever it is killed, until every row is SENT.
        for (let round = 0; round <= KILLS.length + 1; round++) {
          worker = startWorker(env);
          const exited = new Promise((r) => worker!.once('exit', r));
          const done = (async () => {
            for (;;) {
              sent = (await statuses()).find((r) => r.status === 'SENT')?.n ?? 0;
              if (sent === ids.length) return 'done';
              await new Promise((r) => setTimeout(r, 100));
            }
          })();
          const outcome = await Promise.race([done, exited.then(() => 'killed')]);
          if (outcome === 'done') break;
        }
        expect(sent).toBe(ids.length);
        await smtp.until(() => new Set(smtp.delivered).size === ids.length);
        const perMessage = new Map<string, number>();
        for (const id of smtp.delivered) perMessage.set(id, (perMessage.get(id) ?? 0) + 1);
        const extra = smtp.delivered.length - perMessage.size;
        const most = Math.max(...perMessage.values());
        console.warn(
          `accept-then-kill (${kind}): ${ids.length} keys, ${kills} kills right after SMTP acceptance, ${smtp.delivered.length} deliveries: ${extra} extra copies (same Message-ID) over ${[...perMessage.values()].filter((n) => n > 1).length} keys, at most ${most} of one key`,
        );
        expect(perMessage.size).toBe(ids.length);
        // Each kill in that window resends, once, what it caught: at most the mails its worker
        // had just handed over (it sends five at a time). A resent mail may itself be caught by
        // a later kill.
        expect(extra).toBeLessThanOrEqual(kills * WORKER_CONCURRENCY);
        expect(most).toBeLessThanOrEqual(1 + kills);
      } finally {
        worker?.kill('SIGTERM');
        await close();
        await smtp.close();
      }
    }, 180_000);
  },
);
