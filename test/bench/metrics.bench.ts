// npm run bench:metrics — what the metrics cost GET /api/v1/pilots: the same service (role api)
// twice on one database, one with METRICS_TOKEN (metrics on) and one without (off: nothing
// built), at BENCH_CONNECTIONS (32) each. Each round loads them in turn (alternating which goes
// first), then side by side (both at once, so that whatever else runs on the machine weighs on
// both alike). While "on" is loaded, /metrics is scraped every SCRAPE_SECONDS (queue and outbox
// reads included). Also each side's CPU time per request (Linux /proc). Goal (issue 14): on ≥
// 0.95 × off.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { prepareDatabase } from '../../src/database/prepare-database.js';
import { timeRequests } from '../../src/metrics/http-metrics.js';
import { Instruments } from '../../src/metrics/instruments.js';
import { migrateBullmqSchema } from '../../src/queue/queue-backend.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SCRAPE_SECONDS = Number(process.env.BENCH_SCRAPE_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const TOKEN = randomBytes(24).toString('hex');
/** The compiled service (`npm run build`'s; another build may be named, e.g. a private tsc output). */
const SERVICE = process.env.BENCH_SERVICE ?? 'dist/src/main.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startService(
  env: NodeJS.ProcessEnv,
  port: number,
  children: ChildProcess[],
): Promise<void> {
  const child = spawn(process.execPath, [SERVICE], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
  // A loaded machine takes its time to start two services (migrations checked, Nest built).
  for (let i = 0; i < 2400 && child.exitCode === null; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health/live`)).status < 500) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the service on ${port} did not start`);
}

/**
 * CPU seconds a process has used (Linux /proc, clock ticks of 1/100 s), or NaN elsewhere. CPU
 * per request holds up better than req/s on a machine that others load at the same time.
 */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function load(url: string, headers: Record<string, string>, duration: number) {
  const r = await autocannon({ url, connections: CONNECTIONS, duration, headers, timeout: 30 });
  if (r.non2xx > 0 || r.errors > 0)
    throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { requests: r.requests.total, seconds: r.duration, p99: r.latency.p99 };
}

/** Scrapes /metrics every SCRAPE_SECONDS until stopped; returns how many and the slowest. */
function scraping(port: number) {
  let scrapes = 0;
  let slowestMs = 0;
  const timer = setInterval(async () => {
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    if (res.status !== 200) throw new Error(`/metrics answered ${res.status}`);
    await res.text();
    scrapes += 1;
    slowestMs = Math.max(slowestMs, performance.now() - t0);
  }, SCRAPE_SECONDS * 1000);
  return {
    stop: () => {
      clearInterval(timer);
      return { scrapes, slowestMs };
    },
  };
}

/**
 * The request hook alone, free of the database and the network: a bare Fastify route answered
 * through inject, with and without timeRequests, CPU µs per request (the median of alternating
 * runs). Its difference is what the metrics add to every request.
 */
async function hookCostMicros(): Promise<{ off: number; on: number }> {
  const runs: Record<'off' | 'on', number[]> = { off: [], on: [] };
  for (let i = 0; i < 10; i++) {
    const side = i % 2 === 0 ? 'off' : 'on';
    const app = Fastify();
    if (side === 'on') timeRequests(app, new Instruments('api'));
    app.get('/api/v1/pilots/:number', async () => ({ items: [], total: 0 }));
    await app.ready();
    for (let j = 0; j < 2000; j++) await app.inject({ url: `/api/v1/pilots/${j}` });
    const n = 20_000;
    const before = process.cpuUsage();
    for (let j = 0; j < n; j++) await app.inject({ url: `/api/v1/pilots/${j}` });
    const used = process.cpuUsage(before);
    runs[side].push((used.user + used.system) / n);
    await app.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { off: median(runs.off), on: median(runs.on) };
}

const hook = await hookCostMicros();
const base = await mkdtemp(join(tmpdir(), 'de-an-06-bench-'));
await chmod(base, 0o755);
const embedded = process.env.BENCH_DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ dataDir: join(base, 'pg'), database: 'bench' });
const databaseUrl = process.env.BENCH_DATABASE_URL ?? embedded!.url;
await prepareDatabase(databaseUrl, { seedDemo: true, demoPassword: 'demo-pilot-06' });
await migrateBullmqSchema(databaseUrl);

const common = {
  DATABASE_URL: databaseUrl,
  APP_ROLE: 'api',
  LOG_LEVEL: 'warn',
  NODE_ENV: 'development',
  METRICS_TOKEN: '',
};
const offPort = await freePort();
const onPort = await freePort();
const children: ChildProcess[] = [];
try {
  await startService({ ...common, DATA_DIR: join(base, 'off') }, offPort, children);
  await startService(
    { ...common, DATA_DIR: join(base, 'on'), METRICS_TOKEN: TOKEN },
    onPort,
    children,
  );
  const tokens: Record<number, string> = {};
  for (const port of [offPort, onPort]) {
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'lanhdao@demo.example', password: 'demo-pilot-06' }),
    });
    tokens[port] = ((await login.json()) as { accessToken: string }).accessToken;
  }
  const url = (port: number) => `http://127.0.0.1:${port}/api/v1/pilots`;
  const auth = (port: number) => ({ authorization: `Bearer ${tokens[port]}` });
  // Warm up both (JIT, pools).
  for (const port of [offPort, onPort]) await load(url(port), auth(port), 2);

  const pidOf = { off: children[0].pid, on: children[1].pid };
  type Side = 'off' | 'on';
  type Tally = Record<Side, { requests: number; seconds: number; cpu: number }>;
  const tally = (): Tally => ({
    off: { requests: 0, seconds: 0, cpu: 0 },
    on: { requests: 0, seconds: 0, cpu: 0 },
  });
  const inTurn = tally();
  const sideBySide = tally();
  let scraped = { scrapes: 0, slowestMs: 0 };
  /** Loads one side for DURATION (scraping /metrics on "on"), adding to the tally. */
  const run = async (side: Side, into: Tally) => {
    const port = side === 'on' ? onPort : offPort;
    const scraper = side === 'on' ? scraping(port) : undefined;
    const cpuBefore = cpuSeconds(pidOf[side]);
    const r = await load(url(port), auth(port), DURATION);
    into[side].cpu += cpuSeconds(pidOf[side]) - cpuBefore;
    into[side].requests += r.requests;
    into[side].seconds += r.seconds;
    const s = scraper?.stop();
    if (s)
      scraped = {
        scrapes: scraped.scrapes + s.scrapes,
        slowestMs: Math.max(scraped.slowestMs, s.slowestMs),
      };
    return r.requests / r.seconds;
  };
  const rows: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // In turn, alternating which goes first; then side by side, both loaded at once, so that
    // whatever else the machine runs weighs on both alike (the scheduler shares the CPU).
    const first: Side = round % 2 === 1 ? 'off' : 'on';
    const turn = { [first]: await run(first, inTurn) } as Record<Side, number>;
    const second: Side = first === 'off' ? 'on' : 'off';
    turn[second] = await run(second, inTurn);
    const together = [run(first, sideBySide), run(second, sideBySide)];
    const [off, on] =
      first === 'off' ? await Promise.all(together) : (await Promise.all(together)).reverse();
    rows.push(
      `round ${round}: in turn off ${turn.off.toFixed(0)} / on ${turn.on.toFixed(0)} req/s ×${(turn.on / turn.off).toFixed(3)}; ` +
        `side by side off ${off.toFixed(0)} / on ${on.toFixed(0)} req/s ×${(on / off).toFixed(3)}`,
    );
  }
  const rps = (t: Tally, side: Side) => t[side].requests / t[side].seconds;
  const cpuMs = (t: Tally, side: Side) => (t[side].cpu * 1000) / t[side].requests;
  const both = tally();
  for (const side of ['off', 'on'] as const)
    for (const t of [inTurn, sideBySide])
      for (const k of ['requests', 'seconds', 'cpu'] as const) both[side][k] += t[side][k];
  console.log(
    `GET /api/v1/pilots (role api, ${CONNECTIONS} connections), metrics off vs on, ${ROUNDS} rounds of ${DURATION} s, same machine and run`,
  );
  for (const row of rows) console.log(row);
  console.log(
    `in turn     : off ${rps(inTurn, 'off').toFixed(0)} req/s, on ${rps(inTurn, 'on').toFixed(0)} req/s — on/off ×${(rps(inTurn, 'on') / rps(inTurn, 'off')).toFixed(3)}`,
  );
  console.log(
    `side by side: off ${rps(sideBySide, 'off').toFixed(0)} req/s, on ${rps(sideBySide, 'on').toFixed(0)} req/s — on/off ×${(rps(sideBySide, 'on') / rps(sideBySide, 'off')).toFixed(3)} (goal ≥ ×0.95)`,
  );
  console.log(
    `service CPU per request (all runs): off ${cpuMs(both, 'off').toFixed(3)} ms, on ${cpuMs(both, 'on').toFixed(3)} ms ` +
      `— off/on ×${(cpuMs(both, 'off') / cpuMs(both, 'on')).toFixed(3)}, the throughput a CPU-bound service keeps with metrics on; ` +
      `${scraped.scrapes} scrapes of /metrics included, slowest ${scraped.slowestMs.toFixed(0)} ms`,
  );
  // What one scrape costs the service, unloaded: prom-client's text, the queue and outbox reads.
  const scrapes = 20;
  const cpuBeforeScrapes = cpuSeconds(pidOf.on);
  for (let i = 0; i < scrapes; i++)
    await fetch(`http://127.0.0.1:${onPort}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    }).then((r) => r.text());
  const scrapeCpuMs = ((cpuSeconds(pidOf.on) - cpuBeforeScrapes) * 1000) / scrapes;
  console.log(
    `one scrape of /metrics: ${scrapeCpuMs.toFixed(1)} ms of the service's CPU (mean of ${scrapes}, unloaded) — ` +
      `${((100 * scrapeCpuMs) / 15_000).toFixed(3)} % of one core at Prometheus' 15 s interval`,
  );
  const addedMs = (hook.on - hook.off) / 1000;
  console.log(
    `request hook alone (bare Fastify, inject): ${hook.off.toFixed(1)} µs/request without, ${hook.on.toFixed(1)} µs with — ` +
      `+${(addedMs * 1000).toFixed(1)} µs, ${((100 * addedMs) / cpuMs(both, 'off')).toFixed(2)} % of GET /api/v1/pilots' ` +
      `${cpuMs(both, 'off').toFixed(3)} ms CPU per request above`,
  );
} finally {
  for (const c of children) c.kill('SIGINT');
  await Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
  );
  await embedded?.stop();
  await rm(base, { recursive: true, force: true }).catch(() => undefined);
}
