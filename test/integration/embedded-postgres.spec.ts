import { spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres.js';

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded PostgreSQL', () => {
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'de-an-06-embedded-'));
    await chmod(base, 0o755);
  });

  it('keeps its data across a restart and reuses the cluster', async () => {
    const dataDir = join(base, 'restart', 'pg');
    const first = await startEmbeddedPostgres({ dataDir, database: 'pilot_tracker' });
    await query(first.url, `CREATE TABLE kept (name text); INSERT INTO kept VALUES ('Khánh Hòa')`);
    await first.stop();
    const second = await startEmbeddedPostgres({ dataDir, database: 'pilot_tracker' });
    try {
      expect(second.clusterDir).toBe(first.clusterDir);
      expect(await query(second.url, `SELECT name FROM kept`)).toEqual([{ name: 'Khánh Hòa' }]);
    } finally {
      await second.stop();
    }
  });

  it('recovers from a stale lock file left by a killed run', async () => {
    const dataDir = join(base, 'stale', 'pg');
    const first = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
    await first.stop();
    // A lock naming a process that no longer exists, as after a power cut.
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => gone.once('exit', r));
    await writeFile(join(first.clusterDir, 'postmaster.pid'), `${gone.pid}\n${first.clusterDir}\n`);
    const notes: string[] = [];
    const again = await startEmbeddedPostgres({
      dataDir,
      database: 'postgres',
      log: (m) => notes.push(m),
    });
    try {
      expect(notes.join('\n')).toMatch(/removing a stale PostgreSQL lock file/);
      expect(await query(again.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await again.stop();
    }
  });

  it('stops a server orphaned by a killed process and starts afresh', async () => {
    const dataDir = join(base, 'orphan', 'pg');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/support/start-embedded.ts', dataDir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => c.toString().includes('READY') && resolve());
      child.once('exit', (code) => reject(new Error(`helper exited with ${code}`)));
    });
    const orphanPid = Number(
      (await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0],
    );
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(isAlive(orphanPid)).toBe(true); // the server outlived its parent

    const notes: string[] = [];
    const again = await startEmbeddedPostgres({
      dataDir,
      database: 'postgres',
      log: (m) => notes.push(m),
    });
    try {
      expect(notes.join('\n')).toMatch(/stopping an orphaned PostgreSQL/);
      expect(isAlive(orphanPid)).toBe(false);
      expect(await query(again.url, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
    } finally {
      await again.stop();
    }
  });

  it('refuses, with a clear message, to share a cluster another live process is running', async () => {
    const dataDir = join(base, 'busy', 'pg');
    const owner = await startEmbeddedPostgres({ dataDir, database: 'postgres' });
    try {
      await expect(startEmbeddedPostgres({ dataDir, database: 'postgres' })).rejects.toThrow(
        /is already running .* Stop that service first, or use another DATA_DIR/,
      );
    } finally {
      await owner.stop();
    }
  });
});
