// npm run bench:pilots — GET /api/v1/pilots at 32 connections through the whole service
// (Fastify, JWT guard with its account lookup, validation, JSON logs) next to a bare handler
// running the same SQL on the same database, in the same run. Each side runs in its own process;
// the load generator (autocannon) runs in this one.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { prepareDatabase } from '../../src/database/prepare-database.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  readyUrl: string,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(readyUrl)).status < 500) return child;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${args.join(' ')} did not start`);
}

async function load(url: string, headers: Record<string, string> = {}) {
  // Warm up (JIT, pools), then measure.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  if (r.non2xx > 0 || r.errors > 0)
    throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

const base = await mkdtemp(join(tmpdir(), 'de-an-06-bench-'));
await chmod(base, 0o755);
const embedded = process.env.BENCH_DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ dataDir: join(base, 'pg'), database: 'bench' });
const databaseUrl = process.env.BENCH_DATABASE_URL ?? embedded!.url;
await prepareDatabase(databaseUrl, { seedDemo: true, demoPassword: 'demo-pilot-06' });

const servicePort = await freePort();
const rawPort = await freePort();
const service = await startProcess(
  ['dist/src/main.js'],
  {
    DATABASE_URL: databaseUrl,
    PORT: String(servicePort),
    APP_ROLE: 'api',
    LOG_LEVEL: 'warn',
    DATA_DIR: join(base, 'data'),
    NODE_ENV: 'development',
  },
  `http://127.0.0.1:${servicePort}/api/v1/health/live`,
);
const raw = await startProcess(
  ['--import', 'tsx', 'test/bench/raw-pilots-server.ts'],
  { DATABASE_URL: databaseUrl, PORT: String(rawPort) },
  `http://127.0.0.1:${rawPort}/`,
);
try {
  const login = await fetch(`http://127.0.0.1:${servicePort}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'lanhdao@demo.example', password: 'demo-pilot-06' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const rawResult = await load(`http://127.0.0.1:${rawPort}/`);
  const serviceResult = await load(`http://127.0.0.1:${servicePort}/api/v1/pilots`, {
    authorization: `Bearer ${accessToken}`,
  });
  console.log(
    `GET /api/v1/pilots (31 pilots, limit 50), ${CONNECTIONS} connections, ${DURATION} s each, same machine and run`,
  );
  console.log(
    `raw handler, same SQL : ${rawResult.rps.toFixed(0).padStart(6)} req/s  p50 ${rawResult.p50} ms  p99 ${rawResult.p99} ms`,
  );
  console.log(
    `service               : ${serviceResult.rps.toFixed(0).padStart(6)} req/s  p50 ${serviceResult.p50} ms  p99 ${serviceResult.p99} ms`,
  );
  console.log(
    `service / raw         : throughput ×${(serviceResult.rps / rawResult.rps).toFixed(2)}, p99 ×${(serviceResult.p99 / rawResult.p99).toFixed(2)}`,
  );
} finally {
  service.kill('SIGINT');
  raw.kill('SIGINT');
  await Promise.all(
    [service, raw].map(
      (c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r))),
    ),
  );
  await embedded?.stop();
  await rm(base, { recursive: true, force: true }).catch(() => undefined);
}
