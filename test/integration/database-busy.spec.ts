import { Writable } from 'node:stream';
import { jest } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DomainError } from '../../src/common/domain-error.js';
import { PilotReadService } from '../../src/pilot-board/pilot-read.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { WebClient } from '../support/web.js';

/**
 * A request that cannot get a PostgreSQL connection in time (the pool exhausted) is answered 503
 * in the error shape with Retry-After — the client may retry — not 500, and the log says so once
 * per burst, not once per request. The app's pool has one connection, which the test holds.
 */
describe('no database connection in time', () => {
  let t: TestApp;
  const log: { level: number; msg: string }[] = [];
  const busyNotes = () => log.filter((l) => /no database connection in time/.test(l.msg));

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
    const notes = busyNotes();
    expect(notes).toHaveLength(1);
    expect(notes[0].level).toBe(40);
    expect(notes[0].msg).toMatch(/timeout exceeded when trying to connect/);
    expect(log.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);

    expect((await t.request('GET', '/api/v1/pilots', { token })).status).toBe(200);
  });

  it('shows the browser a 503 page with Retry-After while the pool is exhausted, logged as a warning without a stack', async () => {
    const web = await WebClient.signedIn(t, 'lanhdao@demo.example');
    expect((await web.get('/mo-hinh')).status).toBe(200);
    const logged = log.length;

    const held = t.app.get(DataSource).createQueryRunner();
    await held.connect();
    let pages;
    try {
      pages = await Promise.all([web.get('/mo-hinh'), web.get('/kien-nghi')]);
    } finally {
      await held.release();
    }
    for (const res of pages) {
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.html).toContain('Máy chủ đang bận; vui lòng thử lại sau ít giây.');
    }
    // A warning (40) with the cause's message, no error and no stack.
    const during = log.slice(logged);
    expect(during.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);
    expect(during.filter((l) => /\n\s+at /.test(l.msg)).map((l) => l.msg)).toEqual([]);
    const warned = during.filter((l) => l.level === 40).map((l) => l.msg);
    expect(warned).toContainEqual(expect.stringMatching(/timeout exceeded when trying to connect/));

    expect((await web.get('/mo-hinh')).status).toBe(200);
  });

  it('shows a 503 page with Retry-After when the API a page calls answers NOT_READY, logged as a warning', async () => {
    const web = await WebClient.signedIn(t, 'lanhdao@demo.example');
    const logged = log.length;
    // The pilots' reads are refused as a service not ready (a busy document renderer says so).
    const reads = t.app.get(PilotReadService);
    const notReady = () => Promise.reject(new DomainError('NOT_READY', 'Dịch vụ chưa sẵn sàng.'));
    const spies = [
      jest.spyOn(reads, 'list').mockImplementation(notReady),
      jest.spyOn(reads, 'byNumber').mockImplementation(notReady),
    ];
    let pages;
    try {
      // The board shows the API's refusal above its form; a pilot's page is the error page.
      pages = await Promise.all([web.get('/mo-hinh'), web.get('/mo-hinh/6')]);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    for (const res of pages) {
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(res.html).toContain('Dịch vụ chưa sẵn sàng.');
    }
    const during = log.slice(logged);
    expect(during.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);
    const warned = during.filter((l) => l.level === 40).map((l) => l.msg);
    // The API's refusal, and the page made of it, each noted once.
    expect(warned).toEqual([
      'service not ready, answering 503 with Retry-After: Dịch vụ chưa sẵn sàng.',
      'service not ready for a page, answering 503 with Retry-After: Dịch vụ chưa sẵn sàng.',
    ]);
    expect(
      (await t.request('GET', '/api/v1/pilots/6', { token: await t.login('lanhdao@demo.example') }))
        .headers['retry-after'],
    ).toBeUndefined();
  });
});
