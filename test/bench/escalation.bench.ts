// npm run bench:escalation — the escalation engine under load, on each queue backend in turn
// (BullMQ on PostgreSQL, then on Redis when BENCH_REDIS_URL is set; BENCH_BACKEND=postgres|redis
// runs one), each figure next to bare BullMQ doing the same queue work in the same run. The
// service is compiled by tsc into a directory of the run's own (test/support/service-build.ts).
//
// 1. Scheduling rate. 10,000 SENT letters (inserted by SQL, one addressee each, response due in
//    the future) get their 30,000 delayed step jobs three ways:
//    - raw: Queue.addBulk of exactly the jobs the scheduler makes (same ids, names, payloads,
//      options, delays), in chunks of 1,000 like QueueService.enqueueMany, on a fresh queue;
//    - scheduleNew: EscalationScheduler.scheduleNew(all 10,000 ids), the bulk path of a letter
//      being sent;
//    - reconcile: EscalationScheduler.reconcile() on an emptied queue, the per-letter sync that
//      the `escalation.reconcile` job runs at start-up, every 5 minutes and after a policy change.
//    The HTTP API reaches scheduleNew only one letter at a time, so the scheduler is called
//    directly in a "driver" process: plain `node` importing that tsc build and building the
//    application context exactly as a worker process does (createWorkerApp + a Runtime from the
//    environment), with APP_ROLE=api so that no queue consumer or start-up reconciliation runs
//    beside the measurement. The real Nest providers, TypeORM pool, QueueService and BullMQ
//    clients do the work; only the wall time of the call itself is measured, in that process.
//    (Nest's dependency injection needs tsc's decorator metadata, which tsx/esbuild does not
//    emit: this script runs under tsx and imports only plain modules from src/.)
// 2. Firing lateness. The real worker, `node …/src/main.js` with APP_ROLE=worker (mail written
//    to .eml files in a temporary DATA_DIR), is started and left to settle; then 1,000 letters
//    whose response is due at one instant T (BENCH_LEAD_MS, 15 s, ahead: scheduling must end
//    first on a loaded machine) are inserted and scheduled with scheduleNew. Lateness is
//    escalation_event.occurred_at − T of their level-1 events (the batch's decision time). With
//    the catch-up (on by default; ESCALATION_CATCH_UP=0 in the environment turns it off), the first batches to start with
//    the wave's first jobs decide the whole wave (their catch-up claims every letter whose step
//    is due), so most letters' lateness is that of the wave's first jobs, not their own; the jobs
//    that come later find their steps recorded.
//    Baseline, run first, before the worker starts: the same 3,000 jobs, level 1 due at one
//    instant T', processed by a bare BullMQ Worker (the escalation queue's concurrency and lock
//    settings, as src/queue/worker-host.ts) whose processor only records job.processedOn − T'.
// 3. Black box: the service as `npm start` runs it (APP_ROLE all, default settings but for the
//    database, queue, data directory, port and SMTP_URL) mailing a real SMTP server in this
//    process (test/support/smtp.ts). 1,000 letters due at one instant; for each, the time from
//    its due time to the first mail the server accepted that names it, and how many never were.
//
// An embedded PostgreSQL runs under a temporary directory unless BENCH_DATABASE_URL is set; then a
// scratch database is created on that server (the role needs CREATEDB) and dropped at the end,
// since the run writes 11,000 letters and fires 1,000 escalations. On Redis every key lives under
// a fresh prefix, deleted at the end. BENCH_LETTERS, BENCH_FIRE_LETTERS and BENCH_ROUNDS change
// the sizes (10,000, 1,000 and 3 rounds of part 1, whose median is printed).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { createWriteStream, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createWorkingCalendar } from '../../src/calendar/domain/vietnamese-calendar.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { prepareDatabase } from '../../src/database/prepare-database.js';
import { DEFAULT_POLICY, type EscalationPolicy } from '../../src/escalation/domain/policy.js';
import { fireTime, pendingSteps } from '../../src/escalation/domain/steps.js';
import { JOBS, jobIds, type JobPayloads } from '../../src/queue/jobs.js';
import { prepareQueueBackend } from '../../src/queue/queue-backend.js';
import { QUEUE_CONCURRENCY, QueueName } from '../../src/queue/queue-names.js';
import { serviceBuild, serviceBuildDir } from '../support/service-build.js';
import { startSmtpServer } from '../support/smtp.js';

const LETTERS = Number(process.env.BENCH_LETTERS ?? 10_000);
const FIRE_LETTERS = Number(process.env.BENCH_FIRE_LETTERS ?? 1_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** QueueService.enqueueMany adds in chunks of this size. */
const CHUNK = 1000;
/** src/queue/worker-host.ts: the escalation queue's concurrency and the default QUEUE_LOCK_MS. */
const WORKER_CONCURRENCY = QUEUE_CONCURRENCY[QueueName.Escalation];
const QUEUE_LOCK_MS = 30_000;
/** How long part 3 waits for every letter to be named in a mail. */
const MAIL_LIMIT_MS = 120_000;
/** How far ahead the simultaneous due time of part 2 lies when the letters are scheduled. */
const FIRE_LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 15_000);
/** EscalationPolicyService's settings key. */
const POLICY_KEY = 'escalation-policy';
const RAW_SCHEDULE_QUEUE = 'bench-raw-escalation';
const RAW_FIRE_QUEUE = 'bench-raw-fire';
const DEMO_PASSWORD = 'demo-pilot-06';

type FireJob = {
  name: 'escalation.fire';
  data: JobPayloads['escalation.fire'];
  opts: (typeof JOBS)['escalation.fire']['options'] & { jobId: string; delay?: number };
};

// Both backends, each in a process of its own, one after the other: PostgreSQL, then Redis when
// BENCH_REDIS_URL is set (BENCH_BACKEND=postgres|redis runs one).
// The service is compiled by tsc into a directory of this run's own (test/support/service-build.ts):
// other work in the checkout rebuilds the shared dist/ at any moment.
if (!process.env.BENCH_SERVICE) {
  process.env.TEST_RUN_ID = `escalation-bench-${process.pid}`;
  const build = serviceBuild();
  build.build();
  process.env.BENCH_SERVICE = resolve(dirname(build.script('main.js')));
  process.once('exit', () =>
    rmSync(serviceBuildDir(process.env.TEST_RUN_ID), { recursive: true, force: true }),
  );
}
/** The compiled service's src/ directory. */
const SERVICE = resolve(process.env.BENCH_SERVICE);

if (!process.env.BENCH_BACKEND) {
  const kinds = process.env.BENCH_REDIS_URL ? ['postgres', 'redis'] : ['postgres'];
  if (kinds.length === 1) console.log('BENCH_REDIS_URL not set: the Redis backend is not run');
  for (const kind of kinds) {
    const code = await new Promise<number | null>((resolve) =>
      spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
        env: { ...process.env, BENCH_BACKEND: kind },
        stdio: 'inherit',
      }).once('exit', resolve),
    );
    if (code !== 0) process.exit(code ?? 1);
  }
  process.exit(0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const fmtMs = (ms: number) => `${Math.round(ms)} ms`.padStart(8);
const fmtRate = (n: number) => `${Math.round(n)}`.padStart(7);

async function waitFor(what: string, limitMs: number, done: () => Promise<boolean>) {
  const deadline = Date.now() + limitMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${limitMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

/** The environment of a service process: only what this run decides, nothing from the shell. */
function serviceEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['DATABASE_URL', 'REDIS_URL', 'REDIS_PREFIX', 'SMTP_URL', 'JWT_SECRET'])
    delete env[name];
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

/**
 * Asks a child to stop (a signal, or a message through `ask`) and waits for it to exit; kills it
 * after `limitMs`.
 */
async function stopChild(child: ChildProcess, ask: () => void, limitMs = 35_000): Promise<void> {
  const gone = () => child.exitCode !== null || child.signalCode !== null;
  if (gone()) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    ask();
  } catch {
    // already disconnected: it is on its way out
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  if (!gone()) await exited;
  clearTimeout(timer);
}

// The driver: the compiled application context, answering {op} messages with the wall time of
// the scheduler call it made.
const driverScript = `import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
const dist = (p) => import(pathToFileURL(process.env.BENCH_SERVICE + '/' + p).href);
const { loadConfig } = await dist('config/app-config.js');
const { createLogger } = await dist('logging.js');
const { prepareQueueBackend } = await dist('queue/queue-backend.js');
const { createMailTransport } = await dist('notifications/mail-transport.js');
const { createWorkerApp } = await dist('http-app.js');
const { EscalationScheduler } = await dist('escalation/escalation-scheduler.js');
const { QueueService } = await dist('queue/queue.service.js');
const config = loadConfig();
const logger = createLogger(config.logLevel);
const queueBackend = await prepareQueueBackend(
  { redisUrl: config.redisUrl, databaseUrl: config.databaseUrl, redisPrefix: config.redisPrefix },
  { info: () => undefined, warn: (m) => process.stderr.write(m + '\\n') },
);
const app = await createWorkerApp({
  config, databaseUrl: config.databaseUrl, queueBackend, mail: createMailTransport(config), logger,
});
const scheduler = app.get(EscalationScheduler);
await app.get(QueueService).queue('escalation').waitUntilReady();
process.on('message', async (msg) => {
  try {
    if (msg.op === 'close') {
      await app.close();
      process.exit(0);
    }
    const started = performance.now();
    const result = msg.op === 'scheduleNew' ? await scheduler.scheduleNew(msg.ids) : await scheduler.reconcile();
    process.send({ ms: performance.now() - started, result });
  } catch (error) {
    process.send({ error: String(error && error.stack ? error.stack : error) });
  }
});
process.send({ ready: true });`;

interface DriverReply {
  ready?: boolean;
  ms?: number;
  result?: unknown;
  error?: string;
}

class Driver {
  private waiting: ((m: DriverReply) => void) | undefined;
  private constructor(readonly child: ChildProcess) {
    child.on('message', (m: DriverReply) => {
      const w = this.waiting;
      this.waiting = undefined;
      w?.(m);
    });
    child.once('exit', (code) => this.waiting?.({ error: `driver exited with ${code}` }));
  }

  static async start(env: NodeJS.ProcessEnv): Promise<Driver> {
    const child = spawn(process.execPath, ['--input-type=module', '-e', driverScript], {
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const driver = new Driver(child);
    const first = await driver.next();
    if (!first.ready) throw new Error(`driver did not start: ${first.error}`);
    return driver;
  }

  private next(): Promise<DriverReply> {
    return new Promise((resolve) => (this.waiting = resolve));
  }

  async call<T>(
    op: 'scheduleNew' | 'reconcile',
    ids?: string[],
  ): Promise<{ ms: number; result: T }> {
    const reply = this.next();
    this.child.send({ op, ids });
    const r = await reply;
    if (r.error !== undefined) throw new Error(`driver ${op}: ${r.error}`);
    return { ms: r.ms!, result: r.result as T };
  }

  stop(): Promise<void> {
    return stopChild(this.child, () => this.child.send({ op: 'close' }), 15_000);
  }
}

// ---------------------------------------------------------------------------------------------
// Database, queue backend, cleanup.

const base = await mkdtemp(join(tmpdir(), 'de-an-06-bench-'));
await chmod(base, 0o755);
const tag = randomBytes(4).toString('hex');
const children: ChildProcess[] = [];
const closers: (() => Promise<unknown>)[] = [];
let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
let scratch: { admin: string; name: string } | undefined;
let cleaned: Promise<void> | undefined;

const cleanup = () =>
  (cleaned ??= (async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    for (const c of children) await stopChild(c, () => c.kill('SIGKILL'));
    if (scratch) {
      const admin = new pg.Client({ connectionString: scratch.admin });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${scratch.name} WITH (FORCE)`);
      await admin.end();
    }
    await embedded?.stop();
    await rm(base, { recursive: true, force: true }).catch(() => undefined);
  })());
process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
// Whatever fails (a client of some pool losing its server, say), the servers and files go.
process.once('uncaughtException', (error) => {
  console.error(error);
  void cleanup().finally(() => process.exit(1));
});

try {
  let databaseUrl: string;
  let databaseLabel: string;
  if (process.env.BENCH_DATABASE_URL) {
    scratch = { admin: process.env.BENCH_DATABASE_URL, name: `de_an_06_bench_${tag}` };
    const admin = new pg.Client({ connectionString: scratch.admin });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${scratch.name} ENCODING 'UTF8'`);
    await admin.end();
    const u = new URL(scratch.admin);
    u.pathname = `/${scratch.name}`;
    databaseUrl = u.toString();
    databaseLabel = `scratch database on the PostgreSQL at ${u.host}`;
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: join(base, 'pg'), database: 'bench' });
    databaseUrl = embedded.url;
    databaseLabel = 'embedded PostgreSQL';
  }
  await prepareDatabase(databaseUrl, { seedDemo: true, demoPassword: DEMO_PASSWORD });

  const redisUrl =
    process.env.BENCH_BACKEND === 'redis' ? process.env.BENCH_REDIS_URL || undefined : undefined;
  const redisPrefix = redisUrl ? `bench-${tag}` : undefined;
  const backend = await prepareQueueBackend(
    { databaseUrl, redisUrl, redisPrefix },
    { info: () => undefined, warn: (m) => console.warn(m) },
  );
  if (redisUrl) {
    closers.push(async () => {
      // Every key of this run, whatever queue or scheduler made it.
      const redis = new Redis(redisUrl);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      redis.disconnect();
    });
  }
  const openQueue = (name: string) => {
    const q = new Queue(
      name,
      { connection: backend.connection, prefix: backend.prefix } as never,
      backend.factory as never,
    );
    q.on('error', (e) => console.warn(`queue ${name}: ${e.message}`));
    closers.push(() => q.close());
    return q;
  };
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  db.on('error', (e) => console.warn(`benchmark's pool: ${e.message}`));
  closers.push(() => db.end());
  const serverVersion = (
    await db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)
  ).rows[0].v;

  // What scheduleNew reads: the policy in force and the working calendar.
  const stored = (
    await db.query<{ value: Partial<EscalationPolicy> }>(
      `SELECT value FROM setting WHERE key = $1`,
      [POLICY_KEY],
    )
  ).rows[0];
  const policy: EscalationPolicy = { ...DEFAULT_POLICY, ...stored?.value };
  const calendar = createWorkingCalendar(
    (
      await db.query<{ day: string; kind: 'DAY_OFF' | 'WORKING_DAY' }>(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, kind FROM calendar_adjustment`,
      )
    ).rows,
  );
  const sender = (await db.query<{ id: string }>(`SELECT id FROM agency WHERE code = 'CAT'`))
    .rows[0]?.id;
  const addressee = (
    await db.query<{ id: string }>(
      `SELECT id FROM agency WHERE kind = 'MINISTRY' AND cardinality(contact_emails) > 0 ORDER BY code LIMIT 1`,
    )
  ).rows[0].id;

  /** n SENT letters, one addressee each, the i-th due at dueMs(i). */
  async function insertLetters(n: number, label: string, dueMs: (i: number) => number) {
    const sentAt = new Date(Date.now() - 20 * 86_400_000);
    const ids: string[] = [];
    const due: Date[] = [];
    for (let from = 0; from < n; from += 5000) {
      const count = Math.min(5000, n - from);
      const rows = (
        await db.query<{ id: string; response_due_at: Date }>(
          `INSERT INTO recommendation (state, summary, document_number, letter_date, sender_agency_id, sent_at, response_due_at, cycle)
           SELECT 'SENT', 'Kiến nghị thử tải ' || g, $1 || '-' || g || '/TCTĐA06-CAT', $2::timestamptz::date, $3, $2, to_timestamp(d / 1000.0), 1
             FROM unnest($4::int[], $5::float8[]) AS t(g, d)
           RETURNING id, response_due_at`,
          [
            `BENCH-${label}`,
            sentAt,
            sender ?? null,
            Array.from({ length: count }, (_, i) => from + i + 1),
            Array.from({ length: count }, (_, i) => dueMs(from + i)),
          ],
        )
      ).rows;
      for (const r of rows) {
        ids.push(r.id);
        due.push(r.response_due_at);
      }
      await db.query(
        `INSERT INTO recommendation_addressee (recommendation_id, agency_id, position)
         SELECT unnest($1::uuid[]), $2, 0`,
        [rows.map((r) => r.id), addressee],
      );
    }
    return { ids, due };
  }

  /** The jobs scheduleNew makes for new letters (nothing recorded yet), timed from `now`. */
  function stepJobs(letters: { ids: string[]; due: Date[] }, now: number): FireJob[] {
    const jobs: FireJob[] = [];
    letters.ids.forEach((id, i) => {
      for (const step of pendingSteps(policy, [])) {
        const delay = fireTime(policy, letters.due[i], step, calendar).getTime() - now;
        jobs.push({
          name: 'escalation.fire',
          data: {
            recommendationId: id,
            agencyId: addressee,
            cycle: 1,
            level: step.level,
            repeat: step.repeat,
          },
          opts: {
            ...JOBS['escalation.fire'].options,
            jobId: jobIds.escalationStep(id, addressee, 1, step.level, step.repeat),
            ...(delay ? { delay: Math.max(0, Math.round(delay)) } : {}),
          },
        });
      }
    });
    return jobs;
  }

  const backendLabel =
    backend.kind === 'redis'
      ? `BullMQ on Redis (${backend.description})`
      : `BullMQ on PostgreSQL (schema "bullmq")`;
  console.log(
    `escalation benchmark — ${backendLabel}, ${databaseLabel} (PostgreSQL ${serverVersion}), ` +
      `${availableParallelism()} CPUs shared by every process; baselines measured in the same run`,
  );

  // -------------------------------------------------------------------------------------------
  // 1. Scheduling rate.

  const dataDir = join(base, 'data');
  const commonEnv = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    DATA_DIR: dataDir,
    NODE_ENV: 'development',
    SEED_DEMO: 'true',
    DEMO_PASSWORD,
  };
  const driver = await Driver.start(
    serviceEnv({ ...commonEnv, APP_ROLE: 'api', LOG_LEVEL: 'warn' }),
  );
  children.push(driver.child);
  closers.push(() => driver.stop());

  const letters = await insertLetters(
    LETTERS,
    `S${tag}`,
    (i) => Date.now() + 7 * 86_400_000 + i * 10_000,
  );
  const escalation = openQueue(QueueName.Escalation);
  const rawSchedule = openQueue(RAW_SCHEDULE_QUEUE);
  await Promise.all([escalation.waitUntilReady(), rawSchedule.waitUntilReady()]);

  const raw: { ms: number; jobs: number }[] = [];
  const service: { ms: number; jobs: number }[] = [];
  const runRaw = async () => {
    const jobs = stepJobs(letters, Date.now());
    const started = performance.now();
    for (let i = 0; i < jobs.length; i += CHUNK)
      await rawSchedule.addBulk(jobs.slice(i, i + CHUNK));
    raw.push({ ms: performance.now() - started, jobs: jobs.length });
    await rawSchedule.obliterate({ force: true });
  };
  const runService = async () => {
    const s = await driver.call<number>('scheduleNew', letters.ids);
    service.push({ ms: s.ms, jobs: s.result });
    const counts = await escalation.getJobCounts('delayed', 'waiting');
    if (
      counts.delayed + counts.waiting !== s.result ||
      s.result !== LETTERS * pendingSteps(policy, []).length
    )
      throw new Error(`scheduleNew made ${s.result} jobs (${JSON.stringify(counts)} queued)`);
    await escalation.obliterate({ force: true });
  };
  // Alternating which goes first, so neither always runs on the tables the other just emptied.
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) await runRaw().then(runService);
    else await runService().then(runRaw);
  }
  const rec = await driver.call<{ recommendations: number; stepsAdded: number }>('reconcile');
  const rate = (r: { ms: number; jobs: number }) => (r.jobs / r.ms) * 1000;
  const rawRate = median(raw.map(rate));
  const newRate = median(service.map(rate));
  const recRate = (rec.result.stepsAdded / rec.ms) * 1000;
  const times = (rs: { ms: number }[]) =>
    `${fmtMs(median(rs.map((r) => r.ms)))}` +
    (rs.length > 1 ? ` (rounds ${rs.map((r) => Math.round(r.ms)).join(', ')})` : '');
  console.log(
    `\n1. scheduling ${LETTERS} SENT letters → ${raw[0].jobs} delayed jobs (median of ${ROUNDS} rounds; ` +
      `addBulk in chunks of ${CHUNK} as QueueService.enqueueMany)`,
  );
  console.log(`raw Queue.addBulk, same jobs          : ${fmtRate(rawRate)} jobs/s  ${times(raw)}`);
  console.log(
    `EscalationScheduler.scheduleNew(ids)  : ${fmtRate(newRate)} jobs/s  ${times(service)}  ` +
      `×${(newRate / rawRate).toFixed(2)} of raw (aim ≥ ×0.50)`,
  );
  console.log(
    `EscalationScheduler.reconcile()       : ${fmtRate(recRate)} jobs/s  ${fmtMs(rec.ms)}  ` +
      `×${(recRate / rawRate).toFixed(2)} of raw (${rec.result.recommendations} SENT letters, ` +
      `${rec.result.stepsAdded} jobs added, once, on an emptied queue)`,
  );

  // The letters of part 1 leave; the queue is emptied for part 2.
  await escalation.obliterate({ force: true });
  await db.query(`DELETE FROM recommendation_addressee WHERE recommendation_id = ANY($1)`, [
    letters.ids,
  ]);
  await db.query(`DELETE FROM recommendation WHERE id = ANY($1)`, [letters.ids]);
  // Part 1 left dead rows (letters, obliterated jobs): vacuum now, not under part 2's feet.
  await db.query('VACUUM ANALYZE');

  // -------------------------------------------------------------------------------------------
  // 2. Firing lateness. Baseline first, with nothing else running.

  const rawFire = openQueue(RAW_FIRE_QUEUE);
  await rawFire.waitUntilReady();
  const rawLate: number[] = [];
  let rawDue = 0;
  const bare = new Worker(
    RAW_FIRE_QUEUE,
    async (job: Job) => {
      if ((job.data as JobPayloads['escalation.fire']).level === 1)
        rawLate.push((job.processedOn ?? Date.now()) - rawDue);
    },
    {
      connection: backend.connection,
      prefix: backend.prefix,
      concurrency: WORKER_CONCURRENCY,
      lockDuration: QUEUE_LOCK_MS,
      stalledInterval: QUEUE_LOCK_MS,
    } as never,
    backend.factory as never,
  );
  bare.on('error', (e) => console.warn(`bare worker: ${e.message}`));
  closers.push(() => bare.close());
  await bare.waitUntilReady();
  {
    // The ids of letters that do not exist: the bare worker never looks.
    const fake = { ids: [] as string[], due: [] as Date[] };
    rawDue = Math.ceil((Date.now() + FIRE_LEAD_MS) / 1000) * 1000;
    for (let i = 0; i < FIRE_LETTERS; i++) {
      fake.ids.push(randomUUID());
      fake.due.push(new Date(rawDue));
    }
    const jobs = stepJobs(fake, Date.now());
    for (let i = 0; i < jobs.length; i += CHUNK) await rawFire.addBulk(jobs.slice(i, i + CHUNK));
    await waitFor('the bare worker', 120_000, async () => rawLate.length >= FIRE_LETTERS);
    await bare.close();
    await rawFire.obliterate({ force: true });
  }

  // The worker, left to settle: its start-up reconciliation and the catch-up of the December
  // 2023 letters (overdue since then) run before the 1,000 letters arrive.
  const worker = spawn(process.execPath, [join(SERVICE, 'main.js')], {
    env: serviceEnv({ ...commonEnv, APP_ROLE: 'worker', LOG_LEVEL: 'info' }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(worker);
  // SIGINT: the worker lets its running jobs finish, as in production.
  closers.push(() => stopChild(worker, () => worker.kill('SIGINT')));
  let reconciled = false;
  let pending = '';
  worker.stdout!.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop()!;
    for (const line of lines) if (line.includes('reconciled: ')) reconciled = true;
  });
  const notifications = openQueue(QueueName.Notifications);
  const busy = async (q: Queue) => {
    const c = await q.getJobCounts('waiting', 'active', 'prioritized');
    return c.waiting + c.active + c.prioritized;
  };
  await waitFor('the worker to start and settle', 600_000, async () => {
    if (worker.exitCode !== null) throw new Error(`worker exited with ${worker.exitCode}`);
    return reconciled && (await busy(escalation)) + (await busy(notifications)) === 0;
  });

  const due = Math.ceil((Date.now() + FIRE_LEAD_MS) / 1000) * 1000;
  const fireLetters = await insertLetters(FIRE_LETTERS, `F${tag}`, () => due);
  const scheduled = await driver.call<number>('scheduleNew', fireLetters.ids);
  if (Date.now() > due - 500)
    throw new Error(`scheduling the ${FIRE_LETTERS} letters ended too close to their due time`);
  let fired: { late: number; outcome: string }[] = [];
  await waitFor('the level-1 escalations', 180_000, async () => {
    fired = (
      await db.query<{ late: number; outcome: string }>(
        `SELECT extract(epoch FROM occurred_at) * 1000 - $2 AS late, outcome
           FROM escalation_event WHERE recommendation_id = ANY($1) AND level = 1`,
        [fireLetters.ids, due],
      )
    ).rows.map((r) => ({ late: Number(r.late), outcome: r.outcome }));
    return fired.length >= FIRE_LETTERS;
  });
  const mails = Number(
    (
      await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM notification n JOIN escalation_event e ON e.id = n.escalation_event_id
          WHERE e.recommendation_id = ANY($1)`,
        [fireLetters.ids],
      )
    ).rows[0].n,
  );
  const late = fired.map((f) => f.late);
  const firedCount = fired.filter((f) => f.outcome === 'FIRED').length;
  const spread = Math.max(...late) - Math.min(...late);
  const p = (xs: number[]) =>
    `p50 ${fmtMs(percentile(xs, 0.5))}  p99 ${fmtMs(percentile(xs, 0.99))}  max ${fmtMs(Math.max(...xs))}`;
  console.log(
    `\n2. firing lateness: ${FIRE_LETTERS} letters, level 1 due at one instant; worker concurrency ${WORKER_CONCURRENCY}`,
  );
  console.log(`raw Worker, trivial processor         : ${p(rawLate)}  (processedOn − due)`);
  console.log(
    `service worker (APP_ROLE=worker)      : ${p(late)}  (escalation_event.occurred_at − due; ` +
      `${firedCount} FIRED, ${mails} outbox rows, ${scheduled.result} jobs scheduled in ${Math.round(scheduled.ms)} ms)`,
  );
  console.log(
    `service − raw, p99                    : ${`+${Math.round(percentile(late, 0.99) - percentile(rawLate, 0.99))} ms`.padStart(8)}` +
      `  (aim ≤ +50 ms); the service fired ${Math.round((FIRE_LETTERS / Math.max(spread, 1)) * 1000)}/s ` +
      `from its first to its last event`,
  );

  // -------------------------------------------------------------------------------------------
  // 3. Black box: the service as `npm start` runs it (one process, APP_ROLE all, every setting
  //    at its default but where the database, queue, SMTP server, data and port are), mailing a
  //    real SMTP server in this process. 1,000 letters due at one instant T; for each, the time
  //    from T to the first mail the server accepted that names it (its number in the text).
  await stopChild(worker, () => worker.kill('SIGINT'));
  const smtp = await startSmtpServer({ acceptOnReceipt: true });
  closers.push(() => smtp.close());
  // BENCH_SERVICE_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": for the black box alone.
  const nodeArgs = process.env.BENCH_SERVICE_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const app = spawn(process.execPath, [...nodeArgs, join(SERVICE, 'main.js')], {
    env: serviceEnv({
      ...commonEnv,
      SMTP_URL: smtp.url,
      PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
      LOG_LEVEL: 'info',
    }),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(app);
  closers.push(() => stopChild(app, () => app.kill('SIGINT')));
  let serviceReconciled = false;
  let rest = '';
  // BENCH_SERVICE_LOG=<file>: the black box's log, each line stamped with ms after start.
  const serviceLog = process.env.BENCH_SERVICE_LOG
    ? createWriteStream(`${process.env.BENCH_SERVICE_LOG}.${process.env.BENCH_BACKEND}`)
    : null;
  app.stdout!.on('data', (chunk: Buffer) => {
    serviceLog?.write(chunk);
    const lines = (rest + chunk.toString('utf8')).split('\n');
    rest = lines.pop()!;
    for (const line of lines) if (line.includes('reconciled: ')) serviceReconciled = true;
  });
  await waitFor('the service to start and settle', 600_000, async () => {
    if (app.exitCode !== null) throw new Error(`service exited with ${app.exitCode}`);
    const [{ n }] = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notification WHERE status IN ('PENDING', 'SENDING')`,
      )
    ).rows;
    return serviceReconciled && n === 0 && (await busy(escalation)) === 0;
  });
  const mailDue = Math.ceil((Date.now() + FIRE_LEAD_MS) / 1000) * 1000;
  if (serviceLog) console.log(`black box: due at ${mailDue} (epoch ms)`);
  const label = `M${tag}`;
  const mailLetters = await insertLetters(FIRE_LETTERS, label, () => mailDue);
  await driver.call<number>('scheduleNew', mailLetters.ids);
  if (Date.now() > mailDue - 500)
    throw new Error(`scheduling the ${FIRE_LETTERS} letters ended too close to their due time`);
  const numbered = new RegExp(`BENCH-${label}-(\\d+)/`, 'g');
  const firstMail = new Map<string, number>();
  let read = 0;
  const deadline = mailDue + MAIL_LIMIT_MS;
  while (firstMail.size < FIRE_LETTERS && Date.now() < deadline) {
    for (; read < smtp.received.length; read++) {
      const mail = smtp.received[read];
      for (const [, g] of `${mail.parsed.subject}\n${mail.parsed.text}`.matchAll(numbered))
        if (!firstMail.has(g)) firstMail.set(g, mail.at - mailDue);
    }
    if (firstMail.size < FIRE_LETTERS) await sleep(200);
  }
  const toMail = [...firstMail.values()];
  const mailsFor = smtp.received.filter((m) => m.parsed.text?.includes(`BENCH-${label}-`)).length;
  console.log(
    `\n3. black box: ${FIRE_LETTERS} letters due at one instant, \`node dist/src/main.js\` (npm start's ` +
      `command) with default settings, mailing an SMTP server in this process`,
  );
  console.log(
    `due → first mail naming the letter    : ` +
      (toMail.length ? p(toMail) : '(no mail)') +
      `  (aim p99 ≤ 2000 ms); ${FIRE_LETTERS - firstMail.size} letters never named ` +
      `within ${MAIL_LIMIT_MS / 1000} s; ${mailsFor} mails named them`,
  );
  // Where the time went, from the database's own timestamps (ms after the due time).
  const [stages] = (
    await db.query<Record<string, number | null>>(
      `SELECT (SELECT extract(epoch FROM max(e.occurred_at)) * 1000 - $2 FROM escalation_event e
                WHERE e.recommendation_id = ANY($1::uuid[])) AS last_decided,
              (SELECT extract(epoch FROM max(n.created_at)) * 1000 - $2 FROM notification n
                 JOIN escalation_event e ON e.id = n.escalation_event_id
                WHERE e.recommendation_id = ANY($1::uuid[])) AS last_written,
              (SELECT extract(epoch FROM min(n.sent_at)) * 1000 - $2 FROM notification n
                 JOIN escalation_event e ON e.id = n.escalation_event_id
                WHERE e.recommendation_id = ANY($1::uuid[])) AS first_sent,
              (SELECT extract(epoch FROM max(n.sent_at)) * 1000 - $2 FROM notification n
                 JOIN escalation_event e ON e.id = n.escalation_event_id
                WHERE e.recommendation_id = ANY($1::uuid[])) AS last_sent,
              (SELECT count(DISTINCT n.batch_id)::int FROM notification n
                 JOIN escalation_event e ON e.id = n.escalation_event_id
                WHERE e.recommendation_id = ANY($1::uuid[])) AS mails`,
      [mailLetters.ids, mailDue],
    )
  ).rows;
  const at = (ms: number | null) => (ms === null ? '—' : `${Math.round(ms)} ms`);
  console.log(
    `stages after the due time             : last step decided ${at(stages.last_decided)}, ` +
      `last reminder written ${at(stages.last_written)}, first recorded SENT ${at(stages.first_sent)}, ` +
      `last ${at(stages.last_sent)}; ${stages.mails} combined mails`,
  );
} finally {
  await cleanup();
}
