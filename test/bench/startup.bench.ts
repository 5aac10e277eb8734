// npm run bench:startup — how long `npm start`, with no configuration, takes to answer
// GET /api/v1/health/ready 200 (embedded PostgreSQL, BullMQ on it, mail to files):
//   (a) first start after install: no dist/, no data directory (build, initdb, migrations,
//       the December 2023 data, demo accounts);
//   (b) restart on an unchanged checkout (nothing to build);
//   (c) restart after editing one source file (the build runs again).
// Each run works on a fresh copy of the project (src/, migrations/, scripts/, package.json,
// tsconfig.json, nest-cli.json, with node_modules linked), so it starts from a clean state and
// never touches this checkout's dist/ or .data/. Baselines measured in the same run: a bare
// Fastify process (node -e), the service alone (`node dist/src/main.js`, no npm and no build
// check) and, unless BENCH_OLD=0, the old path — `nest build` (tsc, clearing dist/) then node —
// on a restart (its build time is that row less the service alone). Also the service's memory (idle and after 200 requests) and stop time.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, chmod, cp, mkdtemp, readFile, readdir, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const OLD_PATH = process.env.BENCH_OLD !== '0';
const ROOT = resolve(import.meta.dirname, '../..');
const COPIED = ['src', 'migrations', 'scripts', 'package.json', 'tsconfig.json', 'nest-cli.json'];
/** The file edited for (c): a controller, so Nest's module graph really changes. */
const EDITED = 'src/health/health.controller.ts';

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** The process tree's node running the service (npm → sh → node). */
async function servicePid(pid: number): Promise<number | undefined> {
  const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0');
  if (args[0].endsWith('node') && args.includes('dist/src/main.js')) return pid; // not npm's sh
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => [] as string[]);
  for (const task of tasks) {
    const children = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '');
    for (const child of children.split(' ').filter(Boolean)) {
      const found = await servicePid(Number(child));
      if (found) return found;
    }
  }
  return undefined;
}

async function rssMiB(pid: number | undefined): Promise<number> {
  if (!pid) return NaN;
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function untilReady(url: string, child: ChildProcess, limitMs = 600_000): Promise<void> {
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

interface Start {
  readyMs: number;
  idleRss: number;
  busyRss: number;
  stopMs: number;
}

/** Runs `command` in `cwd` as a terminal would (its own process group), until ready, then Ctrl-C. */
async function start(command: string, args: string[], cwd: string, readyPath: string) {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
  // No configuration, as after `npm install`: the service's defaults.
  for (const name of ['NODE_ENV', 'DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'DATA_DIR', 'APP_ROLE'])
    delete env[name];
  const started = performance.now();
  const child = spawn(command, args, { cwd, env, stdio: 'ignore', detached: true });
  const exited = new Promise((r) => child.once('exit', r));
  try {
    await untilReady(`http://127.0.0.1:${port}${readyPath}`, child);
  } catch (error) {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    throw error;
  }
  const readyMs = performance.now() - started;
  const pid = await servicePid(child.pid!);
  const idleRss = await rssMiB(pid);
  for (let i = 0; i < 200; i++) await (await fetch(`http://127.0.0.1:${port}${readyPath}`)).text();
  const busyRss = await rssMiB(pid);
  const stopping = performance.now();
  process.kill(-child.pid!, 'SIGINT');
  await exited;
  const result = { readyMs, idleRss, busyRss, stopMs: performance.now() - stopping };
  console.log(`  ${[command, ...args].join(' ').slice(0, 60)}: ready in ${readyMs.toFixed(0)} ms`);
  return result satisfies Start;
}

/** Runs a command to its end; its time. */
async function run(command: string, args: string[], cwd: string): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}`);
  return performance.now() - started;
}

/** A fresh copy of the project, as after `npm install`: no dist/, no .data/. */
async function freshCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'de-an-06-startup-'));
  await chmod(dir, 0o755); // the embedded PostgreSQL runs as "postgres" when we are root
  for (const entry of COPIED) await cp(join(ROOT, entry), join(dir, entry), { recursive: true });
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

const baselineScript = `import Fastify from 'fastify';
const app = Fastify();
app.get('/ready', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGINT', async () => { await app.close(); process.exit(0); });`;

const READY = '/api/v1/health/ready';
const rows = {
  bare: [] as Start[],
  first: [] as Start[],
  restart: [] as Start[],
  edited: [] as Start[],
  node: [] as Start[],
  old: [] as Start[],
};
const builds: number[] = [];
for (let i = 0; i < RUNS; i++) {
  rows.bare.push(
    await start(process.execPath, ['--input-type=module', '-e', baselineScript], ROOT, '/ready'),
  );
  const dir = await freshCopy();
  try {
    rows.first.push(await start('npm', ['start'], dir, READY));
    rows.restart.push(await start('npm', ['start'], dir, READY));
    await appendFile(join(dir, EDITED), `\n// edited by the startup benchmark, run ${i + 1}\n`);
    rows.edited.push(await start('npm', ['start'], dir, READY));
    rows.node.push(await start(process.execPath, ['dist/src/main.js'], dir, READY));
    builds.push(await run('npm', ['run', 'build', '--silent'], dir));
    if (OLD_PATH) {
      const node = process.execPath;
      // `;`, not `&&`: tsc emits despite type errors, which others' edits in progress may hold.
      const old = `${node} node_modules/@nestjs/cli/bin/nest.js build; exec ${node} dist/src/main.js`;
      rows.old.push(await start('sh', ['-c', old], dir, READY));
    }
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bare = median(rows.bare.map((r) => r.readyMs));
const old = rows.old.length ? median(rows.old.map((r) => r.readyMs)) : NaN;
const row = (name: string, rs: Start[]) => {
  const ready = median(rs.map((r) => r.readyMs));
  const vsOld =
    Number.isNaN(old) || rs === rows.old ? '' : `, ×${(ready / old).toFixed(2)} of the old path`;
  return (
    `${name.padEnd(44)} ready ${ready.toFixed(0).padStart(6)} ms (×${(ready / bare).toFixed(1)} bare${vsOld})` +
    `  RSS idle ${median(rs.map((r) => r.idleRss)).toFixed(0)} MiB, after 200 requests ${median(rs.map((r) => r.busyRss)).toFixed(0)} MiB` +
    `  stop ${median(rs.map((r) => r.stopMs)).toFixed(0)} ms`
  );
};
console.log(
  `median of ${RUNS} runs, each on a fresh copy of the project; ratios against baselines measured in the same run`,
);
console.log(row('baseline: bare Fastify (node -e)', rows.bare));
console.log(row('(a) npm start, first after install', rows.first));
console.log(row('(b) npm start, restart, unchanged checkout', rows.restart));
console.log(row('(c) npm start, restart, one source file edited', rows.edited));
console.log(row('baseline: node dist/src/main.js, restart', rows.node));
if (OLD_PATH) console.log(row('baseline: old path (nest build, tsc) + node', rows.old));
console.log(`build alone (npm run build, SWC, everything): ${median(builds).toFixed(0)} ms`);
