import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';
import { createHttpApp } from '../../src/http-app.js';
import { createLogger } from '../../src/logging.js';
import { createMailTransport } from '../../src/notifications/mail-transport.js';
import { prepareQueueBackend } from '../../src/queue/queue-backend.js';
import { INTERNAL_CALL_HEADER, INTERNAL_CALL_TOKEN } from '../../src/web/in-process-api.js';
import { testConfig } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { WebClient } from '../support/web.js';

// Issue 10 §13: the mark the pages' in-process API calls carry (so they are not logged twice)
// must never reach the log, where it would let a reader hide their own requests.
describe('request log', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let baseUrl: string;
  const lines: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const config = testConfig({
      dataDir: await mkdtemp(join(tmpdir(), 'de-an-06-log-')),
      databaseUrl: database.url,
      role: 'api',
    });
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    });
    app = await createHttpApp({
      config,
      databaseUrl: database.url,
      queueBackend: await prepareQueueBackend(
        { databaseUrl: database.url, redisPrefix: `test-${randomBytes(4).toString('hex')}` },
        { info: () => undefined, warn: () => undefined },
      ),
      mail: createMailTransport(config),
      logger: createLogger('info', sink),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = await app.getUrl();
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
  });

  it('never writes the in-process mark, even for a page whose API call fails', async () => {
    const web = new WebClient(baseUrl);
    await web.get('/dang-nhap');
    expect(
      (await web.post('/dang-nhap', { email: 'thuky@demo.example', password: 'demo-pilot-06' }))
        .status,
    ).toBe(303);
    // The page's in-process API call answers 500: its error is logged with its request.
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    await db.query('ALTER TABLE pilot RENAME TO pilot_away');
    lines.length = 0;
    try {
      expect((await web.get('/mo-hinh')).status).toBe(500);
    } finally {
      await db.query('ALTER TABLE pilot_away RENAME TO pilot');
      await db.end();
    }
    const errors = lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toContain('"req"');
    const all = lines.join('\n');
    expect(all).not.toContain(INTERNAL_CALL_TOKEN);
    expect(all).not.toContain(INTERNAL_CALL_HEADER);
  });

  it('logs an outside request that sends the mark: only the process itself can skip the log', async () => {
    lines.length = 0;
    const res = await fetch(new URL('/api/v1/pilots', baseUrl), {
      headers: { [INTERNAL_CALL_HEADER]: 'x'.repeat(32) },
    });
    expect(res.status).toBe(401);
    const completed = lines
      .map((l) => JSON.parse(l) as { msg?: string; req?: { url?: string } })
      .filter((l) => l.req?.url === '/api/v1/pilots');
    expect(completed.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(INTERNAL_CALL_HEADER);
    expect(INTERNAL_CALL_TOKEN).toMatch(/^[0-9a-f]{32}$/);
  });
});
