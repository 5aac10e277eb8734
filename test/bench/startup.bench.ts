// npm run bench:startup — how long `node dist/src/main.js` takes to answer /health/ready on a
// fresh DATA_DIR (initdb, migrations, reference data) and on a restart, how much memory it
// holds, and how long it takes to stop; next to a bare Fastify process started the same way.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function untilReady(url: string, child: ChildProcess, limitMs = 120_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${url} not ready after ${limitMs} ms`);
}

async function run(args: string[], env: NodeJS.ProcessEnv, readyPath: string) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  await untilReady(`http://127.0.0.1:${port}${readyPath}`, child);
  const readyMs = performance.now() - started;
  const idleRss = await rssMiB(child.pid!);
  for (let i = 0; i < 200; i++) await (await fetch(`http://127.0.0.1:${port}${readyPath}`)).text();
  const busyRss = await rssMiB(child.pid!);
  const stopping = performance.now();
  child.kill('SIGINT');
  await new Promise((r) => child.once('exit', r));
  return { readyMs, idleRss, busyRss, stopMs: performance.now() - stopping };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const baselineScript = `import Fastify from 'fastify';
const app = Fastify();
app.get('/ready', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGINT', async () => { await app.close(); process.exit(0); });`;

const results = {
  baseline: [] as Awaited<ReturnType<typeof run>>[],
  first: [] as Awaited<ReturnType<typeof run>>[],
  restart: [] as Awaited<ReturnType<typeof run>>[],
};
for (let i = 0; i < RUNS; i++) {
  results.baseline.push(await run(['--input-type=module', '-e', baselineScript], {}, '/ready'));
  const base = await mkdtemp(join(tmpdir(), 'de-an-06-bench-'));
  await chmod(base, 0o755);
  const env = { DATA_DIR: join(base, 'data'), NODE_ENV: 'development' };
  results.first.push(await run(['dist/src/main.js'], env, '/api/v1/health/ready'));
  results.restart.push(await run(['dist/src/main.js'], env, '/api/v1/health/ready'));
  await rm(base, { recursive: true, force: true }).catch(() => undefined);
}

const row = (name: string, rs: Awaited<ReturnType<typeof run>>[]) => {
  const ready = median(rs.map((r) => r.readyMs));
  const baseReady = median(results.baseline.map((r) => r.readyMs));
  const rss = median(rs.map((r) => r.busyRss));
  const baseRss = median(results.baseline.map((r) => r.busyRss));
  return `${name.padEnd(28)} ready ${ready.toFixed(0).padStart(6)} ms (×${(ready / baseReady).toFixed(1)})  RSS idle ${median(rs.map((r) => r.idleRss)).toFixed(0)} MiB, after 200 requests ${rss.toFixed(0)} MiB (×${(rss / baseRss).toFixed(1)})  stop ${median(rs.map((r) => r.stopMs)).toFixed(0)} ms`;
};
console.log(
  `median of ${RUNS} runs; ratios against the bare Fastify baseline measured in the same run`,
);
console.log(row('baseline: bare Fastify', results.baseline));
console.log(row('first start (fresh DATA_DIR)', results.first));
console.log(row('restart (same DATA_DIR)', results.restart));
