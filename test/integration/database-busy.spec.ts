import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * A request that cannot get a PostgreSQL connection in time (the pool exhausted) is answered 503
 * in the error shape with Retry-After — the client may retry — not 500, and the log says so once
 * per burst, not once per request. The app's pool has one connection, which the test holds.
 */
describe('no database connection in time', () => {
  let t: TestApp;
  const log: { level: number; msg: string }[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
          log.push(JSON.parse(line) as { level: number; msg: string });
        done();
      },
    });
    t = await startTestApp({
      config: { databasePoolMax: 1, databasePoolTimeoutMs: 300 },
      logTo: sink,
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers 503 NOT_READY with Retry-After while the pool is exhausted, and serves again when a connection is free', async () => {
    const token = await t.login('lanhdao@demo.example');
    expect((await t.request('GET', '/api/v1/pilots', { token })).status).toBe(200);

    const held = t.app.get(DataSource).createQueryRunner();
    await held.connect(); // the pool's only connection
    let answers;
    try {
      answers = await Promise.all([
        t.request('GET', '/api/v1/pilots', { token }),
        t.request('GET', '/api/v1/agencies', { token }),
      ]);
    } finally {
      await held.release();
    }
    for (const res of answers) {
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(res.body).toEqual({
        statusCode: 503,
        code: 'NOT_READY',
        message: 'Máy chủ đang bận; vui lòng thử lại sau ít giây.',
      });
    }

    // Logged once for the burst, as a warning (40), not as an error with a stack per request.
    const notes = log.filter((l) => /no database connection in time/.test(l.msg));
    expect(notes).toHaveLength(1);
    expect(notes[0].level).toBe(40);
    expect(notes[0].msg).toMatch(/timeout exceeded when trying to connect/);
    expect(log.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);

    expect((await t.request('GET', '/api/v1/pilots', { token })).status).toBe(200);
  });
});
