// npm run bench:metrics — what the metrics cost GET /api/v1/pilots: the same service (role api)
// twice on one database, one with METRICS_TOKEN (metrics on) and one without (off: nothing built),
// loaded in turn at 32 connections, several rounds interleaved so the machine's noise falls on
// both alike. While the "on" process is loaded, /metrics is scraped every SCRAPE_SECONDS (a
// Prometheus scrape, queue and outbox reads included). Goal (issue 14): on ≥ 0.95 × off.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { prepareDatabase } from '../../src/database/prepare-database.js';
import { migrateBullmqSchema } from '../../src/queue/queue-backend.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SCRAPE_SECONDS = Number(process.env.BENCH_SCRAPE_SECONDS ?? 5);
const CONNECTIONS = 32;
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
  const r = await autocannon({ url, connections: CONNECTIONS, duration, headers });
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
  const totals = {
    off: { requests: 0, seconds: 0, cpu: 0 },
    on: { requests: 0, seconds: 0, cpu: 0 },
  };
  const rows: string[] = [];
  let scraped = { scrapes: 0, slowestMs: 0 };
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate which goes first, so neither always follows the other.
    const order = round % 2 === 1 ? (['off', 'on'] as const) : (['on', 'off'] as const);
    const result: Record<string, { requests: number; seconds: number; p99: number }> = {};
    for (const side of order) {
      const port = side === 'on' ? onPort : offPort;
      const scraper = side === 'on' ? scraping(port) : undefined;
      const cpuBefore = cpuSeconds(pidOf[side]);
      result[side] = await load(url(port), auth(port), DURATION);
      totals[side].cpu += cpuSeconds(pidOf[side]) - cpuBefore;
      const s = scraper?.stop();
      if (s)
        scraped = {
          scrapes: scraped.scrapes + s.scrapes,
          slowestMs: Math.max(scraped.slowestMs, s.slowestMs),
        };
      totals[side].requests += result[side].requests;
      totals[side].seconds += result[side].seconds;
    }
    const rps = (side: 'on' | 'off') => result[side].requests / result[side].seconds;
    rows.push(
      `round ${round}: off ${rps('off').toFixed(0).padStart(5)} req/s (p99 ${result.off.p99} ms), ` +
        `on ${rps('on').toFixed(0).padStart(5)} req/s (p99 ${result.on.p99} ms), on/off ×${(rps('on') / rps('off')).toFixed(3)}`,
    );
  }
  const rps = (side: 'on' | 'off') => totals[side].requests / totals[side].seconds;
  const cpuMs = (side: 'on' | 'off') => (totals[side].cpu * 1000) / totals[side].requests;
  console.log(
    `GET /api/v1/pilots (role api, ${CONNECTIONS} connections), metrics off vs on, ${ROUNDS} rounds × ${DURATION} s each side, same machine and run`,
  );
  for (const row of rows) console.log(row);
  console.log(
    `all rounds: off ${rps('off').toFixed(0)} req/s, on ${rps('on').toFixed(0)} req/s — ` +
      `on/off throughput ×${(rps('on') / rps('off')).toFixed(3)} (goal ≥ ×0.95); ` +
      `${scraped.scrapes} scrapes of /metrics during the "on" runs, slowest ${scraped.slowestMs.toFixed(0)} ms`,
  );
  console.log(
    `service CPU per request: off ${cpuMs('off').toFixed(3)} ms, on ${cpuMs('on').toFixed(3)} ms (scrapes included) — ` +
      `throughput a CPU-bound service keeps with metrics on ×${(cpuMs('off') / cpuMs('on')).toFixed(3)}`,
  );
} finally {
  for (const c of children) c.kill('SIGINT');
  await Promise.all(
    children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))),
  );
  await embedded?.stop();
  await rm(base, { recursive: true, force: true }).catch(() => undefined);
}
