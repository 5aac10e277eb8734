// npm run bench:reconcile — reconciliation of 10,000 letters (issue 14, item 2) against raw BullMQ
// doing the same queue work, in the same run, on BullMQ's PostgreSQL backend and, when
// BENCH_REDIS_URL is set, on Redis too.
//
// 10,000 SENT letters (inserted by SQL, one addressee each, due a week ahead, 10 s apart) have
// 30,000 steps to come. For each backend, alternating rounds of:
//   - raw: Queue.addBulk of exactly the jobs the scheduler makes (same ids, names, payloads,
//     options, delays), in chunks of 1,000, on a fresh queue of its own;
//   - reconcile, empty queue: EscalationScheduler.reconcile() after the store lost every job (a
//     wipe): everything added — jobs/s against raw's is the figure (goal ≥ ×0.5);
//   - reconcile, nothing to do: again right after, on the full queue: only reads;
//   - reconcile, policy changed: level 2 moved by two working days, so 10,000 jobs move (removed
//     and added again); then back, for the next round.
// The scheduler runs in a "driver" process: plain `node` on the service as the tests build it
// (test/support/service-build.ts), building the application context as a worker process does,
// with APP_ROLE=api so that no queue consumer or start-up reconciliation runs beside the
// measurement; only the wall time of the call itself is measured, in that process.
//
// An embedded PostgreSQL runs under a temporary directory unless BENCH_DATABASE_URL is set; then a
// scratch database is created on that server (the role needs CREATEDB) and dropped at the end.
// On Redis every key lives under a fresh prefix, deleted at the end. BENCH_LETTERS and
// BENCH_ROUNDS change the sizes (10,000 letters, 3 rounds; medians printed); BENCH_BACKEND
// (postgres or redis) measures one backend alone.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createWorkingCalendar } from '../../src/calendar/domain/vietnamese-calendar.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { prepareDatabase } from '../../src/database/prepare-database.js';
import { DEFAULT_POLICY, type EscalationPolicy } from '../../src/escalation/domain/policy.js';
import { fireTime, pendingSteps } from '../../src/escalation/domain/steps.js';
import { JOBS, jobIds, type JobPayloads } from '../../src/queue/jobs.js';
import { prepareQueueBackend, type QueueBackend } from '../../src/queue/queue-backend.js';
import { QueueName } from '../../src/queue/queue-names.js';
import { serviceBuild, serviceBuildDir } from '../support/service-build.js';

const LETTERS = Number(process.env.BENCH_LETTERS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CHUNK = 1000;
const POLICY_KEY = 'escalation-policy';
const RAW_QUEUE = 'bench-raw-reconcile';
const DEMO_PASSWORD = 'demo-pilot-06';

interface Counts {
  recommendations: number;
  stepsExpected: number;
  stepsAdded: number;
  stepsRescheduled: number;
  orphansRemoved: number;
  durationMs: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmtMs = (ms: number) => `${Math.round(ms)} ms`.padStart(9);
const fmtRate = (n: number) => `${Math.round(n)}`.padStart(7);

// The service as the tests build it, into a directory of this run's own.
process.env.TEST_RUN_ID = `bench-reconcile-${process.pid}`;
const build = serviceBuild();
const buildDir = resolve(serviceBuildDir(process.env.TEST_RUN_ID));

const driverScript = `import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
const dist = (p) => import(pathToFileURL(${JSON.stringify(buildDir)} + '/src/' + p).href);
const { loadConfig } = await dist('config/app-config.js');
const { createLogger } = await dist('logging.js');
const { prepareQueueBackend } = await dist('queue/queue-backend.js');
const { createMailTransport } = await dist('notifications/mail-transport.js');
const { createWorkerApp } = await dist('http-app.js');
const { EscalationScheduler } = await dist('escalation/escalation-scheduler.js');
const config = loadConfig();
const queueBackend = await prepareQueueBackend(
  { redisUrl: config.redisUrl, databaseUrl: config.databaseUrl, redisPrefix: config.redisPrefix },
  { info: () => undefined, warn: (m) => process.stderr.write(m + '\\n') },
);
const app = await createWorkerApp({
  config, databaseUrl: config.databaseUrl, queueBackend, mail: createMailTransport(config),
  logger: createLogger(config.logLevel),
});
const scheduler = app.get(EscalationScheduler);
process.on('message', async (msg) => {
  try {
    if (msg.op === 'close') {
      await app.close();
      process.exit(0);
    }
    const started = performance.now();
    const result = await scheduler.reconcile();
    process.send({ ms: performance.now() - started, result });
  } catch (error) {
    process.send({ error: String(error && error.stack ? error.stack : error) });
  }
});
process.send({ ready: true });`;

interface Reply {
  ready?: boolean;
  ms?: number;
  result?: Counts;
  error?: string;
}

class Driver {
  private waiting: ((m: Reply) => void) | undefined;
  private constructor(readonly child: ChildProcess) {
    child.on('message', (m: Reply) => {
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

  private next(): Promise<Reply> {
    return new Promise((r) => (this.waiting = r));
  }

  async reconcile(): Promise<{ ms: number; result: Counts }> {
    const reply = this.next();
    this.child.send({ op: 'reconcile' });
    const r = await reply;
    if (r.error !== undefined) throw new Error(`driver: ${r.error}`);
    return { ms: r.ms!, result: r.result! };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    try {
      this.child.send({ op: 'close' });
    } catch {
      this.child.kill('SIGKILL');
    }
    await exited;
    clearTimeout(timer);
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

const base = await mkdtemp(join(tmpdir(), 'de-an-06-bench-reconcile-'));
await chmod(base, 0o755);
const tag = randomBytes(4).toString('hex');
const closers: (() => Promise<unknown>)[] = [];
let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
let scratch: { admin: string; name: string } | undefined;
let cleaned: Promise<void> | undefined;
const cleanup = () =>
  (cleaned ??= (async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    if (scratch) {
      const admin = new pg.Client({ connectionString: scratch.admin });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${scratch.name} WITH (FORCE)`);
      await admin.end();
    }
    await embedded?.stop();
    await rm(base, { recursive: true, force: true }).catch(() => undefined);
    await rm(buildDir, { recursive: true, force: true }).catch(() => undefined);
  })());
process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
process.once('uncaughtException', (error) => {
  console.error(error);
  void cleanup().finally(() => process.exit(1));
});

try {
  build.build();
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
  await prepareDatabase(databaseUrl, { seedDemo: false, demoPassword: DEMO_PASSWORD });
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  db.on('error', (e) => console.warn(`benchmark's pool: ${e.message}`));
  closers.push(() => db.end());
  const serverVersion = (
    await db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)
  ).rows[0].v;

  // Only the benchmark's letters run ladders.
  await db.query(`UPDATE recommendation SET state = 'CLOSED' WHERE state = 'SENT'`);
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
  const addressee = (await db.query<{ id: string }>(`SELECT id FROM agency WHERE code = 'BYT'`))
    .rows[0].id;

  const ids: string[] = [];
  const due: Date[] = [];
  const firstDue = Date.now() + 7 * 86_400_000;
  for (let from = 0; from < LETTERS; from += 5000) {
    const count = Math.min(5000, LETTERS - from);
    const rows = (
      await db.query<{ id: string; response_due_at: Date }>(
        `INSERT INTO recommendation (state, summary, document_number, letter_date, sender_agency_id, sent_at, response_due_at, cycle)
         SELECT 'SENT', 'Kiến nghị thử tải ' || g, 'BENCH-' || $1 || '-' || g || '/TCTĐA06-CAT', current_date, $2, now(),
                to_timestamp(($3::bigint + g * 10000) / 1000.0), 1
           FROM generate_series($4::int, $5::int) AS g
         RETURNING id, response_due_at`,
        [tag, sender ?? null, firstDue, from, from + count - 1],
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
  await db.query('VACUUM ANALYZE');

  /** The jobs the scheduler makes for the letters (nothing recorded yet), timed from `now`. */
  const stepJobs = (now: number) =>
    ids.flatMap((id, i) =>
      pendingSteps(policy, []).map((step) => {
        const delay = fireTime(policy, due[i], step, calendar).getTime() - now;
        return {
          name: 'escalation.fire' as const,
          data: {
            recommendationId: id,
            agencyId: addressee,
            cycle: 1,
            level: step.level,
            repeat: step.repeat,
          } satisfies JobPayloads['escalation.fire'],
          opts: {
            ...JOBS['escalation.fire'].options,
            jobId: jobIds.escalationStep(id, addressee, 1, step.level, step.repeat),
            delay: Math.max(0, Math.round(delay)),
          },
        };
      }),
    );
  stepJobs(Date.now()); // the calendar's years worked out once, before anything is timed

  const setLevel2 = (days: number) =>
    db.query(
      `INSERT INTO setting (key, value, version) VALUES ($1, $2, 1)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, version = setting.version + 1`,
      [
        POLICY_KEY,
        {
          ...policy,
          levels: policy.levels.map((l) => (l.level === 2 ? { ...l, afterWorkingDays: days } : l)),
        },
      ],
    );
  const level2 = policy.levels.find((l) => l.level === 2)!.afterWorkingDays;

  console.log(
    `reconciliation benchmark — ${LETTERS} SENT letters, ${LETTERS * pendingSteps(policy, []).length} ` +
      `step jobs; ${databaseLabel} (PostgreSQL ${serverVersion}); ${availableParallelism()} CPUs ` +
      `shared by every process; medians of ${ROUNDS} rounds; baselines measured in the same run`,
  );

  const only = process.env.BENCH_BACKEND; // 'postgres' or 'redis': that one alone
  const backends: [string, string | undefined][] = [];
  if (only !== 'redis') backends.push(['PostgreSQL', undefined]);
  if (process.env.BENCH_REDIS_URL && only !== 'postgres')
    backends.push(['Redis', process.env.BENCH_REDIS_URL]);
  else if (!process.env.BENCH_REDIS_URL)
    console.log('(BENCH_REDIS_URL not set: the Redis backend is not measured)');

  for (const [kind, redisUrl] of backends) {
    const redisPrefix = redisUrl ? `bench-${tag}` : undefined;
    const backend: QueueBackend = await prepareQueueBackend(
      { databaseUrl, redisUrl, redisPrefix },
      { info: () => undefined, warn: (m) => console.warn(m) },
    );
    const open = (name: string) => {
      const q = new Queue(
        name,
        { connection: backend.connection, prefix: backend.prefix } as never,
        backend.factory as never,
      );
      q.on('error', (e) => console.warn(`queue ${name}: ${e.message}`));
      return q;
    };
    const escalation = open(QueueName.Escalation);
    const raw = open(RAW_QUEUE);
    await Promise.all([escalation.waitUntilReady(), raw.waitUntilReady()]);
    const driver = await Driver.start(
      serviceEnv({
        DATABASE_URL: databaseUrl,
        REDIS_URL: redisUrl,
        REDIS_PREFIX: redisPrefix,
        DATA_DIR: join(base, 'data'),
        NODE_ENV: 'development',
        SEED_DEMO: 'false',
        APP_ROLE: 'api',
        LOG_LEVEL: 'warn',
      }),
    );

    const rawRuns: number[] = [];
    const empty: { ms: number; added: number }[] = [];
    const noop: { ms: number; result: Counts }[] = [];
    const moved: { ms: number; moved: number }[] = [];
    const runRaw = async () => {
      const jobs = stepJobs(Date.now());
      const started = performance.now();
      for (let i = 0; i < jobs.length; i += CHUNK) await raw.addBulk(jobs.slice(i, i + CHUNK));
      rawRuns.push(performance.now() - started);
      await raw.obliterate({ force: true });
    };
    const runService = async () => {
      await escalation.obliterate({ force: true });
      const a = await driver.reconcile();
      empty.push({ ms: a.ms, added: a.result.stepsAdded });
      noop.push(await driver.reconcile());
      await setLevel2(level2 + 2);
      const c = await driver.reconcile();
      moved.push({ ms: c.ms, moved: c.result.stepsRescheduled });
      await setLevel2(level2);
      await driver.reconcile(); // back where the round began
      const counts = await escalation.getJobCounts('delayed', 'waiting');
      if (counts.delayed + counts.waiting !== a.result.stepsExpected)
        throw new Error(`the queue holds ${JSON.stringify(counts)}, not ${a.result.stepsExpected}`);
    };
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) await runRaw().then(runService);
      else await runService().then(runRaw);
    }
    await driver.stop();
    await escalation.obliterate({ force: true });
    await Promise.all([escalation.close(), raw.close()]);
    if (redisUrl) {
      const redis = new Redis(redisUrl);
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}:*`, 'COUNT', 1000);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== '0');
      redis.disconnect();
    }

    const jobsPerLetters = LETTERS * pendingSteps(policy, []).length;
    const rawMs = median(rawRuns);
    const rawRate = (jobsPerLetters / rawMs) * 1000;
    const emptyMs = median(empty.map((e) => e.ms));
    const emptyRate = (median(empty.map((e) => e.added)) / emptyMs) * 1000;
    const noopMs = median(noop.map((n) => n.ms));
    const movedMs = median(moved.map((m) => m.ms));
    const movedRate = (median(moved.map((m) => m.moved)) / movedMs) * 1000;
    const rounds = (xs: number[]) => `(rounds ${xs.map((x) => Math.round(x)).join(', ')})`;
    console.log(`\n${kind} backend`);
    console.log(
      `raw Queue.addBulk, ${jobsPerLetters} jobs        : ${fmtRate(rawRate)} jobs/s ${fmtMs(rawMs)} ${rounds(rawRuns)}`,
    );
    console.log(
      `reconcile(), empty queue (all added)  : ${fmtRate(emptyRate)} jobs/s ${fmtMs(emptyMs)} ` +
        `×${(emptyRate / rawRate).toFixed(2)} of raw (goal ≥ ×0.50) ${rounds(empty.map((e) => e.ms))}`,
    );
    console.log(
      `reconcile(), nothing to do            : ${fmtMs(noopMs)}  ${(noopMs / rawMs).toFixed(2)}× raw's time ` +
        `for the same letters ${rounds(noop.map((n) => n.ms))}; repairs ${noop[0].result.stepsAdded + noop[0].result.stepsRescheduled + noop[0].result.orphansRemoved}`,
    );
    console.log(
      `reconcile(), policy change            : ${fmtRate(movedRate)} jobs/s ${fmtMs(movedMs)} ` +
        `×${(movedRate / rawRate).toFixed(2)} of raw (${median(moved.map((m) => m.moved))} jobs removed and added again) ${rounds(moved.map((m) => m.ms))}`,
    );
  }
} finally {
  await cleanup();
}
