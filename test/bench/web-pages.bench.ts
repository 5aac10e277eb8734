// npm run bench:web — the server time of the web interface's two busiest pages, the pilot board
// (/mo-hinh) and leadership's overview (/tong-quan), each next to the JSON API calls it is built
// from, in the same run: the ratio is the cost of the page layer (session, in-process API calls,
// rendering HTML). The service runs in its own process; autocannon runs in this one.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';
import { prepareDatabase } from '../../src/database/prepare-database.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 8;

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Load on a list of URLs taken in turn by each connection; `rps` is of whole lists (pages). */
async function load(urls: string[], headers: Record<string, string>) {
  const options = {
    url: urls[0],
    connections: CONNECTIONS,
    headers,
    requests: urls.map((u) => ({
      method: 'GET' as const,
      path: new URL(u).pathname + new URL(u).search,
    })),
  };
  await autocannon({ ...options, duration: 2 });
  const r = await autocannon({ ...options, duration: DURATION });
  if (r.non2xx > 0 || r.errors > 0)
    throw new Error(`${urls[0]}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average / urls.length, p99: r.latency.p99 };
}

/** Several URLs fetched together, as one page needs them, timed one after another. */
async function sequential(urls: string[], headers: Record<string, string>, n = 200) {
  const times: number[] = [];
  for (let i = 0; i < n + 20; i++) {
    const t = performance.now();
    const responses = await Promise.all(urls.map((u) => fetch(u, { headers })));
    for (const r of responses) {
      if (r.status !== 200) throw new Error(`${r.url}: ${r.status}`);
      await r.arrayBuffer();
    }
    if (i >= 20) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(n * 0.5)], p95: times[Math.floor(n * 0.95)] };
}

const base = await mkdtemp(join(tmpdir(), 'de-an-06-bench-web-'));
await chmod(base, 0o755);
const embedded = process.env.BENCH_DATABASE_URL
  ? undefined
  : await startEmbeddedPostgres({ dataDir: join(base, 'pg'), database: 'bench' });
const databaseUrl = process.env.BENCH_DATABASE_URL ?? embedded!.url;
await prepareDatabase(databaseUrl, { seedDemo: true, demoPassword: 'demo-pilot-06' });

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const service: ChildProcess = spawn(process.execPath, ['dist/src/main.js'], {
  env: {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    APP_ROLE: 'api',
    LOG_LEVEL: 'warn',
    DATA_DIR: join(base, 'data'),
    NODE_ENV: 'development',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${origin}/api/v1/health/live`)).ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const login = await fetch(`${origin}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'lanhdao@demo.example', password: 'demo-pilot-06' }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const bearer = { authorization: `Bearer ${accessToken}` };

  // A browser session: the sign-in form with its pre-session token, then the session cookie.
  const form = await fetch(`${origin}/dang-nhap`);
  const formCookie = form.headers.getSetCookie()[0].split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1];
  const signIn = await fetch(`${origin}/dang-nhap`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: formCookie },
    body: new URLSearchParams({
      _csrf: csrf,
      email: 'lanhdao@demo.example',
      password: 'demo-pilot-06',
    }).toString(),
  });
  const session = { cookie: signIn.headers.getSetCookie()[0].split(';')[0] };

  const pages = [
    {
      name: 'pilot board /mo-hinh',
      page: `${origin}/mo-hinh`,
      // The board asks the API for the filtered list and the full list (filter options).
      api: [`${origin}/api/v1/pilots?limit=100`, `${origin}/api/v1/pilots?limit=100`],
    },
    {
      name: 'overview /tong-quan',
      page: `${origin}/tong-quan`,
      // The overview reads the dashboard, the overview figures and the open blockers.
      api: [
        `${origin}/api/v1/dashboard`,
        `${origin}/api/v1/reports/overview`,
        `${origin}/api/v1/blockers?state=OPEN&limit=100&offset=0`,
        `${origin}/api/v1/blockers?state=ESCALATED&limit=100&offset=0`,
      ],
    },
  ];
  console.log(`${CONNECTIONS} connections, ${DURATION} s each, 2 CPUs, same machine and run`);
  for (const p of pages) {
    const apiSeq = await sequential(p.api, bearer); // the page makes them concurrently too
    const pageSeq = await sequential([p.page], session);
    const apiLoad = await load(p.api, bearer);
    const pageLoad = await load([p.page], session);
    console.log(`\n${p.name}`);
    console.log(
      `  one at a time: API calls it uses p50 ${apiSeq.p50.toFixed(1)} ms p95 ${apiSeq.p95.toFixed(1)} ms; page p50 ${pageSeq.p50.toFixed(1)} ms p95 ${pageSeq.p95.toFixed(1)} ms (×${(pageSeq.p50 / apiSeq.p50).toFixed(2)})`,
    );
    console.log(
      `  under load:    its API calls in turn ${apiLoad.rps.toFixed(0)} sets/s (p99 of one call ${apiLoad.p99} ms); page ${pageLoad.rps.toFixed(0)} pages/s p99 ${pageLoad.p99} ms (throughput ×${(pageLoad.rps / apiLoad.rps).toFixed(2)})`,
    );
  }
} finally {
  service.kill('SIGINT');
  await new Promise((r) => (service.exitCode !== null ? r(null) : service.once('exit', r)));
  await embedded?.stop();
  await rm(base, { recursive: true, force: true }).catch(() => undefined);
}
