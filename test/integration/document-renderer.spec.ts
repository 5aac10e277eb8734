import { Logger } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../src/config/app-config.js';
import { DomainError } from '../../src/common/domain-error.js';
import { DocumentRenderer } from '../../src/documents/document-renderer.js';
import { renderMonthlyDocument } from '../../src/documents/document-worker.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { referenceMonthlySource } from '../support/reference-source.js';
import { serviceBuild } from '../support/service-build.js';

/*
 * The monthly report's files are rendered in a child process of the API (DocumentRenderer's
 * pool): the same bytes as rendering in the API itself, an error or a dead process is a 500 in
 * the error shape and never a hung request, and the process is replaced; a locked period's
 * snapshot is read by the process itself. Here from the sources (the process loads
 * document-worker.ts through tsx), and once from the service as tsc builds it
 * (document-worker.js), as `npm start` runs it. The HTTP path is monthly-report.spec's.
 */

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** This process's document processes (tinypool's child entry), by pid. */
function documentProcesses(): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== process.pid) continue;
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes('tinypool'))
        pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

const task = <S>(format: 'docx' | 'xlsx', source: S) => ({
  format,
  source,
  options: {
    provenance: {
      kind: 'snapshot' as const,
      snapshotId: '00000000-0000-4000-8000-000000000442',
    },
    reportNumber: '442/BC-TCTĐA06',
    reportDate: '2023-12-20',
  },
});

describe('DocumentRenderer', () => {
  const source = referenceMonthlySource();
  let db: TestDatabase;
  let snapshotId: string;
  let renderer: DocumentRenderer;
  beforeAll(async () => {
    Logger.overrideLogger(false); // the failures below are logged as errors
    db = await createTestDatabase({ seed: false });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await client.query(`INSERT INTO report_period (period, locked_at) VALUES ('2024-06', now())`);
      [{ id: snapshotId }] = (
        await client.query(
          `INSERT INTO period_snapshot (period, taken_at, data) VALUES ('2024-06', now(), $1::jsonb)
           RETURNING id`,
          [JSON.stringify(source)],
        )
      ).rows;
    } finally {
      await client.end();
    }
    renderer = new DocumentRenderer(
      { documentWorkers: 1 } as AppConfig,
      {
        options: { url: db.url },
      } as unknown as DataSource,
    );
  });
  afterAll(async () => {
    await renderer?.onApplicationShutdown();
    await db?.drop();
  });

  it('renders in a process of its own the same bytes as in the API, from data or a snapshot it reads', async () => {
    expect(documentProcesses()).toEqual([]);
    for (const format of ['docx', 'xlsx'] as const) {
      const inProcess = await renderMonthlyDocument(task(format, source));
      const child = await renderer.monthly(task(format, source));
      expect(sha(child)).toBe(sha(inProcess));
      const fromSnapshot = await renderer.monthly(task(format, { snapshotId }));
      expect(sha(fromSnapshot)).toBe(sha(inProcess));
    }
    expect(documentProcesses()).toHaveLength(1);
  });

  it('answers a failed rendering or a killed process with a 500, and replaces the process', async () => {
    const expected = sha(await renderMonthlyDocument(task('docx', source)));
    const failed = renderer.monthly(task('docx', { snapshotId: randomUUID() }));
    await expect(failed).rejects.toBeInstanceOf(DomainError);
    await expect(failed).rejects.toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
    expect(sha(await renderer.monthly(task('docx', source)))).toBe(expected);

    const [before] = documentProcesses();
    expect(before).toBeDefined();
    const killed = renderer.monthly(task('docx', source)); // posted to the idle process at once
    process.kill(before, 'SIGKILL');
    await expect(killed).rejects.toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
    expect(sha(await renderer.monthly(task('docx', source)))).toBe(expected);
    const after = documentProcesses();
    expect(after).toHaveLength(1);
    expect(after).not.toContain(before);
  });

  it('loads its process from the built service (document-worker.js), as npm start runs it', async () => {
    const service = serviceBuild();
    service.build();
    const built = resolve(service.script('documents/document-renderer.js'));
    const script = `
      import { createHash } from 'node:crypto';
      const { DocumentRenderer } = await import(${JSON.stringify(built)});
      const renderer = new DocumentRenderer({ documentWorkers: 1 }, { options: { url: process.env.DB } });
      const task = JSON.parse(process.env.TASK);
      const bytes = await renderer.monthly(task);
      process.stdout.write(createHash('sha256').update(bytes).digest('hex'));
      await renderer.onApplicationShutdown();`;
    const docx = task('docx', { snapshotId });
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, TASK: JSON.stringify(docx), DB: db.url },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(sha(await renderMonthlyDocument(task('docx', source))));
  }, 240_000);
});
