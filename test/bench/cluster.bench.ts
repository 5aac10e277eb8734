// npm run bench:cluster — several processes at once (issue 14, item 6): 2 API processes and
// 2 worker processes of the service over one PostgreSQL (and, in the Redis variant, one Redis),
// firing 10,000 letters due within one minute while the API serves requests. Goal: every step
// fired, p99 lateness ≤ 2 s, the mails all delivered to a local SMTP server, none twice. Each
// queue backend in turn (BullMQ on PostgreSQL, then on Redis when BENCH_REDIS_URL is set;
// BENCH_BACKEND=postgres|redis runs one), in a process of its own, on a build of the service of
// the run's own (test/bench/bench-support.ts).
//
// Per backend:
// 1. Baseline, with nothing else running: the same jobs — 10,000 letters × the policy's steps,
//    level 1 due spread evenly over one minute starting BENCH_LEAD_MS (45 s) ahead, the later
//    levels days ahead — processed by 2 bare BullMQ Workers in this process (each with the
//    escalation queue's concurrency and lock settings, as src/queue/worker-host.ts) whose
//    processor only records job.processedOn − its fire time.
// 2. The service: `node …/src/main.js` four times — APP_ROLE=api on two ports, APP_ROLE=worker
//    twice — on the same database and queue backend, with one JWT_SECRET, mailing a real SMTP
//    server in this process (test/support/smtp.ts), default settings otherwise. Once both
//    workers have reconciled and the December 2023 letters' catch-up is mailed, GET
//    /api/v1/pilots is measured alone for a few seconds (signed in as the secretariat, the two
//    API processes in turn, BENCH_API_RATE requests a second, 20); then 10,000 SENT letters are
//    inserted by SQL, due as in the baseline, and their step jobs added as the scheduler makes
//    them (same ids, payloads and options: a reconciliation on either worker leaves them alone),
//    and the same requests go on until the last mail.
//    Measured: the level-1 escalation events (each step fired, none twice: one event per letter
//    and level), lateness = escalation_event.occurred_at − fire time; the mails the SMTP server
//    accepted: every key expected — one outbox row per recipient and letter, each naming its
//    letter's number — delivered, and how many were delivered more than once (a recipient's
//    reminders go out together, so one mail names many letters; a Message-ID received twice is
//    counted too); the time from the last due time to the last mail; and GET /pilots' latency
//    while the wave runs, against the same requests before it.
//
// An embedded PostgreSQL runs under a temporary directory unless BENCH_DATABASE_URL is set; then a
// scratch database is created on that server (the role needs CREATEDB) and dropped at the end.
// BENCH_LETTERS (10,000), BENCH_SPREAD_MS (60,000) and BENCH_LEAD_MS (45,000) change the size;
// BENCH_WORKERS (2) the number of worker processes (and of bare Workers in the baseline).
import { randomBytes, randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker, type Job, type Queue } from 'bullmq';
import type { JobPayloads } from '../../src/queue/jobs.js';
import { QUEUE_CONCURRENCY, QueueName } from '../../src/queue/queue-names.js';
import { startSmtpServer } from '../support/smtp.js';
import {
  DEMO_PASSWORD,
  benchEnvironment,
  eachBackendInItsOwnProcess,
  fmtMs,
  letterFactory,
  percentile,
  serviceEnv,
  sleep,
  spreadOf,
  startService,
  waitFor,
  type BenchLetters,
  type ServiceProcess,
} from './bench-support.js';

const SERVICE = await eachBackendInItsOwnProcess('cluster');

const LETTERS = Number(process.env.BENCH_LETTERS ?? 10_000);
const SPREAD_MS = Number(process.env.BENCH_SPREAD_MS ?? 60_000);
const LEAD_MS = Number(process.env.BENCH_LEAD_MS ?? 45_000);
const API_RATE = Number(process.env.BENCH_API_RATE ?? 20);
const API_PROCESSES = 2;
/** BENCH_WORKERS=1 compares one worker process with the two of the goal. */
const WORKER_PROCESSES = Number(process.env.BENCH_WORKERS ?? 2);
/** src/queue/worker-host.ts: the escalation queue's concurrency and the default QUEUE_LOCK_MS. */
const WORKER_CONCURRENCY = QUEUE_CONCURRENCY[QueueName.Escalation];
const QUEUE_LOCK_MS = 30_000;
/** How long after the last due time the run waits for every step and every mail. */
const DRAIN_LIMIT_MS = 240_000;
/** How long GET /pilots is measured before the wave. */
const IDLE_API_MS = 5_000;
const RAW_QUEUE = 'bench-raw-cluster';
const GOAL_P99_MS = 2_000;

const env = await benchEnvironment('cluster');
const { db, tag, children, closers } = env;
try {
  const letters = await letterFactory(db);
  const stepsPerLetter = letters.stepJobs({ ids: ['x'], due: [new Date()] }, Date.now()).length;
  console.log(
    `cluster benchmark — ${env.backendLabel}, ${env.databaseLabel}, ${availableParallelism()} CPUs ` +
      `shared by every process; ${API_PROCESSES} API + ${WORKER_PROCESSES} worker processes; ` +
      `baseline measured in the same run`,
  );

  /** Letters whose first steps fall due evenly over SPREAD_MS, from a whole second LEAD_MS ahead. */
  const spreadDue = () => {
    const first = Math.ceil((Date.now() + LEAD_MS) / 1000) * 1000;
    return { first, at: (i: number) => first + Math.floor((i * SPREAD_MS) / LETTERS) };
  };
  /** Each letter's first fire time, by id. */
  const fireTimes = (l: BenchLetters) =>
    new Map(l.ids.map((id, i) => [id, letters.firstFireTime(l.due[i])]));
  const tooLate = (what: string, first: number) => {
    if (Date.now() > first - 500)
      throw new Error(
        `${what} ended too close to the first due time: raise BENCH_LEAD_MS (now ${LEAD_MS})`,
      );
  };

  // -------------------------------------------------------------------------------------------
  // 1. Baseline: as many bare Workers as worker processes, trivial processor, the same jobs.

  const rawQueue = env.openQueue(RAW_QUEUE);
  await rawQueue.waitUntilReady();
  const rawLate: number[] = [];
  let rawFire = new Map<string, number>();
  const bare = Array.from({ length: WORKER_PROCESSES }, (_, n) => {
    const w = new Worker(
      RAW_QUEUE,
      async (job: Job) => {
        const data = job.data as JobPayloads['escalation.fire'];
        if (data.level === 1)
          rawLate.push((job.processedOn ?? Date.now()) - rawFire.get(data.recommendationId)!);
      },
      {
        connection: env.backend.connection,
        prefix: env.backend.prefix,
        concurrency: WORKER_CONCURRENCY,
        lockDuration: QUEUE_LOCK_MS,
        stalledInterval: QUEUE_LOCK_MS,
      } as never,
      env.backend.factory as never,
    );
    w.on('error', (e) => console.warn(`bare worker ${n + 1}: ${e.message}`));
    closers.push(() => w.close());
    return w;
  });
  await Promise.all(bare.map((w) => w.waitUntilReady()));
  {
    // Ids of letters that do not exist: the bare workers never look.
    const due = spreadDue();
    const fake: BenchLetters = { ids: [], due: [], label: 'raw' };
    for (let i = 0; i < LETTERS; i++) {
      fake.ids.push(randomUUID());
      fake.due.push(new Date(due.at(i)));
    }
    rawFire = fireTimes(fake);
    await letters.scheduleSteps(rawQueue, fake);
    tooLate('scheduling the baseline', due.first);
    await waitFor('the bare workers', LEAD_MS + SPREAD_MS + DRAIN_LIMIT_MS, async () => {
      return rawLate.length >= LETTERS;
    });
    await Promise.all(bare.map((w) => w.close()));
    await rawQueue.obliterate({ force: true });
  }

  // -------------------------------------------------------------------------------------------
  // 2. The service: 2 API and 2 worker processes, one database, one queue backend, one SMTP server.

  const smtp = await startSmtpServer({ acceptOnReceipt: true });
  closers.push(() => smtp.close());
  const common = {
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    REDIS_PREFIX: env.redisPrefix,
    DATA_DIR: join(env.base, 'data'),
    NODE_ENV: 'development',
    SEED_DEMO: 'true',
    DEMO_PASSWORD,
    SMTP_URL: smtp.url,
    // One secret for every process: a token from one API process is good on the other.
    JWT_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'info',
  };
  const firstPort = 20_000 + Math.floor(Math.random() * 20_000);
  const ports = Array.from({ length: API_PROCESSES }, (_, i) => firstPort + i);
  // The workers' /metrics (a port each; not on the API processes, whose latency is measured):
  // how many steps and mails each worker process ran.
  const metricsToken = randomBytes(32).toString('hex');
  const metricsPorts = Array.from(
    { length: WORKER_PROCESSES },
    (_, i) => firstPort + API_PROCESSES + i,
  );
  const processes: { role: string; service: ServiceProcess }[] = [
    ...ports.map((port) => ({
      role: `api :${port}`,
      service: startService(
        SERVICE,
        serviceEnv({ ...common, APP_ROLE: 'api', PORT: String(port) }),
        `api :${port}`,
      ),
    })),
    ...Array.from({ length: WORKER_PROCESSES }, (_, i) => ({
      role: `worker ${i + 1}`,
      service: startService(
        SERVICE,
        serviceEnv({
          ...common,
          APP_ROLE: 'worker',
          METRICS_TOKEN: metricsToken,
          METRICS_PORT: String(metricsPorts[i]),
        }),
        `worker ${i + 1}`,
      ),
    })),
  ];
  for (const { service } of processes) {
    children.push(service.child);
    closers.push(() => service.stop());
  }
  const escalation = env.openQueue(QueueName.Escalation);
  const notifications = env.openQueue(QueueName.Notifications);
  const busy = async (q: Queue) => {
    const c = await q.getJobCounts('waiting', 'active', 'prioritized');
    return c.waiting + c.active + c.prioritized;
  };
  const unsent = async () =>
    (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM notification WHERE status IN ('PENDING', 'SENDING')`,
      )
    ).rows[0].n;
  const startedAt = Date.now();
  // Each worker reconciles at start; the December 2023 letters' catch-up is mailed before the wave.
  await waitFor('the four processes to start and settle', 600_000, async () => {
    for (const { role, service } of processes)
      if (service.child.exitCode !== null)
        throw new Error(`${role} exited with ${service.child.exitCode}`);
    const ready = processes.every(({ role, service }) =>
      service.logged(role.startsWith('api') ? 'web interface on ' : 'reconciled: '),
    );
    return (
      ready &&
      (await busy(escalation)) + (await busy(notifications)) === 0 &&
      (await unsent()) === 0
    );
  });
  const settleMs = Date.now() - startedAt;
  /** Jobs each worker process has run so far, by job name (de_an_06_job_duration_seconds). */
  const jobsRun = () =>
    Promise.all(
      metricsPorts.map(async (port) => {
        const r = await fetch(`http://127.0.0.1:${port}/metrics`, {
          headers: { authorization: `Bearer ${metricsToken}` },
        });
        const counts: Record<string, number> = {};
        for (const line of (await r.text()).split('\n')) {
          const m = /^de_an_06_job_duration_seconds_count\{.*name="([^"]+)".*\} (\d+)/.exec(line);
          if (m) counts[m[1]] = (counts[m[1]] ?? 0) + Number(m[2]);
        }
        return counts;
      }),
    );
  const jobsBefore = await jobsRun();

  // GET /api/v1/pilots, signed in as the secretariat, the API processes in turn, at a steady rate.
  const tokens = await Promise.all(
    ports.map(async (port) => {
      // A loaded machine has answered a sign-in with 500 (its cause is logged above): once more.
      for (let attempt = 1; ; attempt++) {
        const r = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'thuky@demo.example', password: DEMO_PASSWORD }),
        });
        if (r.status === 200) return ((await r.json()) as { accessToken: string }).accessToken;
        const answer = `sign-in on :${port} answered ${r.status}: ${(await r.text()).slice(0, 300)}`;
        if (attempt >= 3) throw new Error(answer);
        console.warn(answer);
        await sleep(2000);
      }
    }),
  );
  /** Requests at API_RATE a second until stopped; their latencies and failures. */
  const load = () => {
    const latencies: number[] = [];
    const failures: string[] = [];
    const inFlight = new Set<Promise<void>>();
    let n = 0;
    const timer = setInterval(() => {
      const i = n++ % ports.length;
      // Each process checks a token the other one signed: one secret, no session affinity.
      const token = tokens[(i + 1) % tokens.length];
      const started = performance.now();
      const request = fetch(`http://127.0.0.1:${ports[i]}/api/v1/pilots`, {
        headers: { authorization: `Bearer ${token}` },
      })
        .then(async (r) => {
          const body = await r.text();
          if (r.status !== 200) failures.push(`${r.status} ${body.slice(0, 160)}`);
          else latencies.push(performance.now() - started);
        })
        .catch((e: Error) => void failures.push(e.message))
        .finally(() => inFlight.delete(request));
      inFlight.add(request);
    }, 1000 / API_RATE);
    return {
      latencies,
      failures,
      stop: async () => {
        clearInterval(timer);
        await Promise.all(inFlight);
      },
    };
  };
  const idle = load();
  await sleep(IDLE_API_MS);
  await idle.stop();

  const due = spreadDue();
  const label = `C${tag}`;
  const wave = await letters.insertLetters(LETTERS, label, due.at);
  const during = load();
  const scheduled = await letters.scheduleSteps(escalation, wave);
  tooLate('inserting and scheduling the letters', due.first);
  const fire = fireTimes(wave);
  const lastDue = Math.max(...fire.values());

  // Every level-1 step recorded (the events count), then every mail.
  type EventRow = { recommendation_id: string; at: number; outcome: string };
  let events: EventRow[] = [];
  await waitFor('the level-1 escalations', LEAD_MS + SPREAD_MS + DRAIN_LIMIT_MS, async () => {
    events = (
      await db.query<EventRow>(
        `SELECT recommendation_id, extract(epoch FROM occurred_at) * 1000 AS at, outcome
           FROM escalation_event WHERE recommendation_id = ANY($1) AND level = 1`,
        [wave.ids],
      )
    ).rows;
    return events.length >= LETTERS;
  });
  const lettersFired = new Set(events.map((e) => e.recommendation_id)).size;
  const late = events.map((e) => Number(e.at) - fire.get(e.recommendation_id)!);

  // The keys owed: one outbox row per recipient and letter (only level 1 is due within the run).
  const expected = (
    await db.query<{ key: string; recipient: string; number: string }>(
      `SELECT n.idempotency_key AS key, lower(n.recipient_email) AS recipient,
              substring(r.document_number FROM '-(\\d+)/') AS number
         FROM notification n
         JOIN escalation_event e ON e.id = n.escalation_event_id
         JOIN recommendation r ON r.id = e.recommendation_id
        WHERE r.id = ANY($1)`,
      [wave.ids],
    )
  ).rows;
  const owed = new Set(expected.map((r) => `${r.recipient}|${r.number}`));
  const numbered = new RegExp(`BENCH-${label}-(\\d+)/`, 'g');
  const delivered = new Map<string, number>();
  const messageIds = new Map<string, number>();
  let read = 0;
  let lastMail = 0;
  let mails = 0;
  const readMail = () => {
    for (; read < smtp.received.length; read++) {
      const mail = smtp.received[read];
      const named = new Set(
        [...`${mail.parsed.subject}\n${mail.parsed.text}`.matchAll(numbered)].map(([, g]) => g),
      );
      if (named.size === 0) continue;
      mails += 1;
      lastMail = Math.max(lastMail, mail.at);
      const id = mail.parsed.messageId ?? `(none ${read})`;
      messageIds.set(id, (messageIds.get(id) ?? 0) + 1);
      for (const to of mail.to)
        for (const g of named) {
          const key = `${to.toLowerCase()}|${g}`;
          delivered.set(key, (delivered.get(key) ?? 0) + 1);
        }
    }
  };
  const missing = () => [...owed].filter((k) => !delivered.has(k)).length;
  await waitFor('every mail', DRAIN_LIMIT_MS, async () => {
    readMail();
    return missing() === 0 && (await unsent()) === 0;
  }).catch((e: Error) => console.warn(e.message));
  // Anything sent twice would come now: a batch sent again after its lease ran out, say.
  await sleep(3000);
  readMail();
  await during.stop();
  // Missing mails are either not sent yet (the run's limit came first) or lost: the rows say which.
  const outbox = (
    await db.query<{ status: string; n: number }>(
      `SELECT n.status, count(*)::int AS n
         FROM notification n JOIN escalation_event e ON e.id = n.escalation_event_id
        WHERE e.recommendation_id = ANY($1) GROUP BY 1 ORDER BY 1`,
      [wave.ids],
    )
  ).rows;
  const jobsAfter = await jobsRun();
  const share = (name: string) =>
    jobsAfter.map((after, i) => (after[name] ?? 0) - (jobsBefore[i][name] ?? 0)).join(' + ');

  const duplicateEvents = events.length - lettersFired;
  const fired = events.filter((e) => e.outcome === 'FIRED').length;
  const twice = [...delivered.values()].filter((n) => n > 1).length;
  const strangers = [...delivered.keys()].filter((k) => !owed.has(k)).length;
  const resent = [...messageIds.values()].filter((n) => n > 1).length;
  const rawP99 = percentile(rawLate, 0.99);
  const p99 = percentile(late, 0.99);
  const apiIdleP99 = percentile(idle.latencies, 0.99);
  const apiWaveP99 = percentile(during.latencies, 0.99);
  const ok = (met: boolean) => (met ? 'goal met' : 'GOAL NOT MET');

  console.log(
    `\n${LETTERS} letters, level 1 due evenly over ${SPREAD_MS / 1000} s (${scheduled} step jobs, ` +
      `${stepsPerLetter} a letter); the service's processes settled in ${Math.round(settleMs / 1000)} s`,
  );
  console.log(
    `raw: ${WORKER_PROCESSES} bare Workers ×${WORKER_CONCURRENCY}, trivial: ${spreadOf(rawLate)}  (processedOn − fire time)`,
  );
  console.log(
    `service, ${WORKER_PROCESSES} worker processes         : ${spreadOf(late)}  (escalation_event.occurred_at − fire time)`,
  );
  console.log(
    `service − raw, p99                  : ${`+${Math.round(p99 - rawP99)} ms`.padStart(8)}; ` +
      `p99 ${fmtMs(p99)} against the goal ≤ ${GOAL_P99_MS} ms: ${ok(p99 <= GOAL_P99_MS)}`,
  );
  console.log(
    `steps fired                         : ${lettersFired} of ${LETTERS} letters have their level-1 ` +
      `event (${fired} FIRED), ${duplicateEvents} recorded twice: ${ok(lettersFired === LETTERS && duplicateEvents === 0)}`,
  );
  console.log(
    `mails                               : ${owed.size} keys owed (${expected.length} outbox rows), ` +
      `${owed.size - missing()} delivered, ${missing()} missing, ${twice} delivered more than once, ` +
      `${strangers} never owed; ${mails} mails named the letters, ${resent} Message-IDs received twice; ` +
      `outbox rows ${outbox.map((r) => `${r.status} ${r.n}`).join(', ')}: ` +
      `${ok(missing() === 0 && twice === 0 && owed.size > 0)}`,
  );
  console.log(
    `last mail                           : ${lastMail ? `${((lastMail - lastDue) / 1000).toFixed(1)} s after the last due time, ${((lastMail - due.first) / 1000).toFixed(1)} s after the first` : '(none)'}`,
  );
  console.log(
    `jobs run by each worker process     : escalation.fire ${share('escalation.fire')}, ` +
      `notification.send ${share('notification.send')} (their /metrics; a step's job may run again ` +
      `after waiting for a letter another batch holds)`,
  );
  console.log(
    `GET /api/v1/pilots, ${API_RATE}/s on ${API_PROCESSES} API processes: before the wave ${spreadOf(idle.latencies)} ` +
      `(${idle.latencies.length} answered, ${idle.failures.length} failed)`,
  );
  console.log(
    `                          during the wave ${spreadOf(during.latencies)} ` +
      `(${during.latencies.length} answered, ${during.failures.length} failed` +
      `${during.failures.length ? `: ${[...new Set(during.failures)].slice(0, 3).join(', ')}` : ''}); ` +
      `p99 ${fmtMs(apiWaveP99)} against ${fmtMs(apiIdleP99)} before`,
  );
} finally {
  await env.cleanup();
}
// The queues, pools and servers are closed; a client of some library may still hold the loop.
process.exit(0);
