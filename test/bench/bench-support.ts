// What the load benchmarks share: the service built into a directory of the run's own and each
// queue backend run in a process of its own, a scratch database (or an embedded PostgreSQL) with
// the reference data, a queue backend under a fresh Redis prefix, SENT letters inserted by SQL,
// the step jobs the scheduler makes for them, the processes of the service and the figures.
// The pieces come from test/bench/escalation.bench.ts (which keeps its own copies for now: another
// change is under way there); new benches import them from here.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createWorkingCalendar } from '../../src/calendar/domain/vietnamese-calendar.js';
import type { WorkingCalendar } from '../../src/calendar/domain/working-days.js';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { prepareDatabase } from '../../src/database/prepare-database.js';
import { DEFAULT_POLICY, type EscalationPolicy } from '../../src/escalation/domain/policy.js';
import { fireTime, pendingSteps } from '../../src/escalation/domain/steps.js';
import { JOBS, jobIds, type JobPayloads } from '../../src/queue/jobs.js';
import { prepareQueueBackend, type QueueBackend } from '../../src/queue/queue-backend.js';
import { serviceBuild, serviceBuildDir } from '../support/service-build.js';

export const DEMO_PASSWORD = 'demo-pilot-06';
/** QueueService.enqueueMany adds in chunks of this size. */
export const CHUNK = 1000;
/** EscalationPolicyService's settings key. */
const POLICY_KEY = 'escalation-policy';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
export const fmtMs = (ms: number) => `${Math.round(ms)} ms`.padStart(8);
/** p50, p99 and max of a list of milliseconds, on one line. */
export const spreadOf = (xs: number[]) =>
  xs.length === 0
    ? '(none)'
    : `p50 ${fmtMs(percentile(xs, 0.5))}  p99 ${fmtMs(percentile(xs, 0.99))}  max ${fmtMs(Math.max(...xs))}`;

export async function waitFor(what: string, limitMs: number, done: () => Promise<boolean>) {
  const deadline = Date.now() + limitMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${limitMs} ms waiting for ${what}`);
    await sleep(200);
  }
}

/**
 * The service compiled once for the whole run, into a directory of the run's own
 * (test/support/service-build.ts: other work in the checkout rebuilds the shared dist/ at any
 * moment), then each queue backend measured in a process of its own, one after the other:
 * PostgreSQL, then Redis when BENCH_REDIS_URL is set (BENCH_BACKEND=postgres|redis runs one).
 * In the parent this never returns; in a backend's process it returns the compiled src/ directory.
 */
export async function eachBackendInItsOwnProcess(name: string): Promise<string> {
  if (!process.env.BENCH_SERVICE) {
    process.env.TEST_RUN_ID = `${name}-bench-${process.pid}`;
    const build = serviceBuild();
    build.build();
    process.env.BENCH_SERVICE = resolve(dirname(build.script('main.js')));
    process.once('exit', () =>
      rmSync(serviceBuildDir(process.env.TEST_RUN_ID), { recursive: true, force: true }),
    );
  }
  if (!process.env.BENCH_BACKEND) {
    const kinds = process.env.BENCH_REDIS_URL ? ['postgres', 'redis'] : ['postgres'];
    if (kinds.length === 1) console.log('BENCH_REDIS_URL not set: the Redis backend is not run');
    for (const kind of kinds) {
      const code = await new Promise<number | null>((done) =>
        spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
          env: { ...process.env, BENCH_BACKEND: kind },
          stdio: 'inherit',
        }).once('exit', done),
      );
      if (code !== 0) process.exit(code ?? 1);
    }
    process.exit(0);
  }
  return resolve(process.env.BENCH_SERVICE);
}

/** The environment of a service process: only what this run decides, nothing from the shell. */
export function serviceEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
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
export async function stopChild(
  child: ChildProcess,
  ask: () => void,
  limitMs = 35_000,
): Promise<void> {
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

/** A service process (`node …/src/main.js`) whose log lines a run can watch for. */
export interface ServiceProcess {
  child: ChildProcess;
  /**
   * Whether a line containing `text` has been logged; only two are kept: a worker's
   * "reconciled: …" and an API process's "… web interface on http://…" (it listens).
   */
  logged(text: string): boolean;
  /** SIGINT (running jobs finish, as in production), SIGKILL after 35 s. */
  stop(): Promise<void>;
}

export function startService(
  service: string,
  env: NodeJS.ProcessEnv,
  name = 'service',
): ServiceProcess {
  const child = spawn(process.execPath, [join(service, 'main.js')], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const seen: string[] = [];
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop()!;
    // Only the lines a run waits for are kept (the rest would grow without bound).
    for (const line of lines) {
      if (line.includes('reconciled: ') || line.includes('web interface on ')) seen.push(line);
      // Errors are shown as they come (pino's levels 50 and 60): a failure has its cause on screen.
      if (/"level":(50|60)/.test(line)) process.stderr.write(`${name}: ${line.slice(0, 2000)}\n`);
    }
  });
  return {
    child,
    logged: (text) => seen.some((line) => line.includes(text)),
    stop: () => stopChild(child, () => child.kill('SIGINT')),
  };
}

/**
 * A temporary directory, a database with the December 2023 reference data and demo accounts —
 * an embedded PostgreSQL under that directory, or, with BENCH_DATABASE_URL, a scratch database
 * created on that server (the role needs CREATEDB) — and the queue backend this process measures
 * (BullMQ on PostgreSQL in that database; on Redis, every key under a fresh prefix). `cleanup`
 * closes what `closers` holds (last first), stops `children`, drops the database and removes the
 * directory; it runs once, also on SIGINT and on an uncaught exception.
 */
export async function benchEnvironment(name: string) {
  const base = await mkdtemp(join(tmpdir(), `de-an-06-${name}-bench-`));
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
  if (redisUrl)
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
  const openQueue = (queueName: string) => {
    const q = new Queue(
      queueName,
      { connection: backend.connection, prefix: backend.prefix } as never,
      backend.factory as never,
    );
    q.on('error', (e) => console.warn(`queue ${queueName}: ${e.message}`));
    closers.push(() => q.close());
    return q;
  };
  const db = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  db.on('error', (e) => console.warn(`benchmark's pool: ${e.message}`));
  closers.push(() => db.end());
  const serverVersion = (
    await db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)
  ).rows[0].v;
  const backendLabel =
    backend.kind === 'redis'
      ? `BullMQ on Redis (${backend.description})`
      : `BullMQ on PostgreSQL (schema "bullmq")`;
  return {
    base,
    tag,
    children,
    closers,
    cleanup,
    databaseUrl,
    /** e.g. "embedded PostgreSQL (PostgreSQL 18.1)". */
    databaseLabel: `${databaseLabel} (PostgreSQL ${serverVersion})`,
    redisUrl,
    redisPrefix,
    backend: backend as QueueBackend,
    backendLabel,
    openQueue,
    db,
  };
}

export type FireJob = {
  name: 'escalation.fire';
  data: JobPayloads['escalation.fire'];
  opts: (typeof JOBS)['escalation.fire']['options'] & { jobId: string; delay?: number };
};

export interface BenchLetters {
  ids: string[];
  due: Date[];
  /** Their document numbers, `BENCH-{label}-{i}/TCTĐA06-CAT` with i from 1. */
  label: string;
}

/**
 * What the scheduler reads (the policy in force, the working calendar) and what the letters of a
 * run are made of (sender CAT, one ministry with contact e-mails as the addressee), with the two
 * things a run does with them: insert SENT letters by SQL, and make the step jobs scheduleNew
 * would make for them.
 */
export async function letterFactory(db: pg.Pool) {
  const stored = (
    await db.query<{ value: Partial<EscalationPolicy> }>(
      `SELECT value FROM setting WHERE key = $1`,
      [POLICY_KEY],
    )
  ).rows[0];
  const policy: EscalationPolicy = { ...DEFAULT_POLICY, ...stored?.value };
  const calendar: WorkingCalendar = createWorkingCalendar(
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
  async function insertLetters(
    n: number,
    label: string,
    dueMs: (i: number) => number,
  ): Promise<BenchLetters> {
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
    return { ids, due, label };
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

  /** When a letter's first step falls due. */
  const firstFireTime = (due: Date) =>
    fireTime(policy, due, { level: 1, repeat: 0 }, calendar).getTime();

  /**
   * Adds the letters' step jobs as QueueService.enqueueMany does, one addBulk of about CHUNK jobs
   * at a time, each chunk's delays counted from the moment it is added: a job's delay runs from
   * its own add, so delays computed once for all would make the last chunks fire late by the
   * seconds the first ones took. Returns how many jobs were added.
   */
  async function scheduleSteps(queue: Queue, letters: BenchLetters): Promise<number> {
    const per = Math.max(1, Math.floor(CHUNK / pendingSteps(policy, []).length));
    let added = 0;
    for (let i = 0; i < letters.ids.length; i += per) {
      const jobs = stepJobs(
        { ids: letters.ids.slice(i, i + per), due: letters.due.slice(i, i + per) },
        Date.now(),
      );
      await queue.addBulk(jobs);
      added += jobs.length;
    }
    return added;
  }

  return {
    policy,
    calendar,
    sender,
    addressee,
    insertLetters,
    stepJobs,
    scheduleSteps,
    firstFireTime,
  };
}
