import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * Issue 10, defects 1, 2, 11, 12 and 13 (metrics): input from outside that used to hang the
 * process, answer 500 or be changed silently now answers 400 VALIDATION_FAILED in the error
 * shape (or the error page to a browser), quickly.
 */
describe('input bounds', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (who: string) => tokens[who];
  const fields = (body: { details?: { fields?: { field: string }[] } }) =>
    (body.details?.fields ?? []).map((f) => f.field).sort();
  const expectRefused = (
    res: { status: number; body: { statusCode?: number; code?: string; details?: unknown } },
    field?: string,
  ) => {
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    if (field) expect(fields(res.body as never)).toContain(field);
  };

  beforeAll(async () => {
    t = await startTestApp();
    for (const who of ['syt', 'thuky', 'lanhdao'])
      tokens[who] = await t.login(`${who}@demo.example`);
  });
  afterAll(() => t.close());

  /** A letter sent on 2023-12-01, for answers and reopenings. */
  async function sentLetter(): Promise<{ id: string; version: number }> {
    const res = await t.request('POST', '/api/v1/recommendations', {
      token: as('thuky'),
      body: {
        addresseeCodes: ['BYT'],
        summary: 'Kiến nghị thử giới hạn ngày.',
        documentNumber: '99/SYT',
        letterDate: '2023-12-01',
        sentAt: '2023-12-01T08:00:00+07:00',
      },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  describe('defect 1: days, instants and periods from 2000 to 2100', () => {
    it('lists working days of 9999-12-31 with a 400 at once, not 4.5 GB', async () => {
      const started = Date.now();
      for (const [from, to] of [
        ['9999-12-31', '9999-12-31'],
        ['2100-12-31', '2101-01-01'],
        ['1999-12-31', '2000-01-01'],
        ['0000-01-01', '0000-01-02'],
      ]) {
        const res = await t.request('GET', `/api/v1/calendar/working-days?from=${from}&to=${to}`, {
          token: as('syt'),
        });
        expectRefused(res);
        expect(JSON.stringify(res.body)).toContain('từ năm 2000 đến 2100');
      }
      expect(Date.now() - started).toBeLessThan(5_000);
      const edge = await t.request(
        'GET',
        '/api/v1/calendar/working-days?from=2100-12-30&to=2100-12-31',
        { token: as('syt') },
      );
      expect(edge.status).toBe(200);
      expect(edge.body.days).toHaveLength(2);
    });

    it('refuses a letter due 9999-12-31 or dated 1900, and stores nothing', async () => {
      const count = async () =>
        (await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM recommendation`))[0].n;
      const before = await count();
      const base = {
        addresseeCodes: ['BYT'],
        summary: 'Kiến nghị hạn năm 9999.',
        documentNumber: '98/SYT',
        letterDate: '2023-12-01',
        sentAt: '2023-12-01T08:00:00+07:00',
      };
      for (const [field, value] of [
        ['responseDueAt', '9999-12-31T08:00:00+07:00'],
        ['responseDueAt', '2101-01-01T08:00:00+07:00'],
        ['sentAt', '1900-01-01T08:00:00+07:00'],
        ['letterDate', '1900-01-01'],
        ['letterDate', '9999-12-31'],
      ]) {
        const res = await t.request('POST', '/api/v1/recommendations', {
          token: as('thuky'),
          body: { ...base, [field]: value },
        });
        expectRefused(res, field);
      }
      expect(await count()).toBe(before);
    });

    it('refuses an answer dated 9999-12-31, and the overview still answers', async () => {
      const letter = await sentLetter();
      const answer = await t.request('POST', `/api/v1/recommendations/${letter.id}/responses`, {
        token: as('thuky'),
        body: { documentNumber: '1/BYT', date: '9999-12-31', summary: 'Trả lời.' },
      });
      expectRefused(answer, 'date');
      const started = Date.now();
      const overview = await t.request('GET', '/api/v1/reports/overview', {
        token: as('lanhdao'),
      });
      expect(overview.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('refuses periods with years 0000–0099, 1999, 2101 or 9999 everywhere a period is read', async () => {
      for (const period of ['0000-01', '0099-12', '1999-12', '2101-01', '9999-12']) {
        expectRefused(
          await t.request('GET', `/api/v1/reports/overview?period=${period}`, {
            token: as('lanhdao'),
          }),
          'period',
        );
        expectRefused(
          await t.request('POST', '/api/v1/pilots/4/reports', {
            token: as('syt'),
            body: { period, progress: 'Báo cáo.' },
          }),
          'period',
        );
        expectRefused(
          await t.request('POST', `/api/v1/periods/${period}/lock`, { token: as('thuky') }),
        );
      }
    });
  });

  describe('defect 2: nesting is refused before any transform', () => {
    it.each([
      ['POST', '/api/v1/auth/login', undefined],
      ['POST', '/api/v1/recommendations', 'thuky'],
      ['PUT', '/api/v1/escalation-policy', 'thuky'],
    ])('%s %s: 1 MiB of [ and depth 5,000 answer 400 fast', async (method, url, who) => {
      for (const payload of [
        '['.repeat(1024 * 1024 - 16),
        '['.repeat(5_000) + ']'.repeat(5_000),
        `{"email":${'['.repeat(40)}1${']'.repeat(40)},"password":"x"}`,
      ]) {
        const started = Date.now();
        const res = await t.request(method, url, {
          token: who ? as(who) : undefined,
          payload,
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7' },
        });
        expectRefused(res);
        expect(res.body.message).toContain('lồng nhau');
        expect(Date.now() - started).toBeLessThan(500);
      }
    });

    it('still takes a body nested as deep as our DTOs need', async () => {
      const res = await t.request('POST', '/api/v1/pilots/4/reports', {
        token: as('syt'),
        body: { period: '2024-02', progress: 'Báo cáo.', metrics: { a: 1 } },
      });
      expect(res.status).toBe(201);
    });
  });

  describe('defect 11: bad input answers 4xx in the error shape', () => {
    it('refuses a NUL in a search or a text, naming the field', async () => {
      expectRefused(await t.request('GET', '/api/v1/pilots?q=%00', { token: as('syt') }), 'q');
      expectRefused(
        await t.request('GET', '/api/v1/recommendations?q=a%00b', { token: as('syt') }),
        'q',
      );
      expectRefused(
        await t.request('POST', '/api/v1/blockers', {
          token: as('syt'),
          body: { pilotNumber: 4, title: 'Vướng\u0000mắc', description: 'x' },
        }),
        'title',
      );
    });

    it('refuses a NUL or a lone surrogate in the e-mail before sign-in', async () => {
      for (const email of ['\ud800@x.example', 'syt\u0000@demo.example', 'a\udc00@x.example']) {
        const res = await t.request('POST', '/api/v1/auth/login', {
          body: { email, password: 'x' },
          headers: { 'x-forwarded-for': '198.51.100.8' },
        });
        expectRefused(res, 'email');
      }
      // As raw JSON escapes too, the way an attacker would send them.
      const raw = await t.request('POST', '/api/v1/auth/login', {
        payload: '{"email":"\\ud800@x.example","password":"x"}',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.8' },
      });
      expectRefused(raw, 'email');
    });

    it('refuses impossible months in calendar days', async () => {
      expectRefused(
        await t.request('GET', '/api/v1/calendar/working-days?from=2023-13-01&to=2023-12-31', {
          token: as('syt'),
        }),
        'from',
      );
      expectRefused(
        await t.request('POST', '/api/v1/calendar/adjustments', {
          token: as('thuky'),
          body: { day: '2023-00-10', kind: 'DAY_OFF', reason: 'x' },
        }),
        'day',
      );
    });

    it.each(['/api/v1/pilots', '/api/v1/recommendations', '/api/v1/blockers'])(
      '%s refuses an offset of 2^63 and more',
      async (url) => {
        for (const offset of ['99999999999999999999', '9223372036854775808', '1000001']) {
          const res = await t.request('GET', `${url}?offset=${offset}`, { token: as('thuky') });
          expect([url, offset, res.status]).toEqual([url, offset, 400]);
          expect(res.body.code).toBe('VALIDATION_FAILED');
        }
        const fine = await t.request('GET', `${url}?offset=1000000`, { token: as('thuky') });
        expect(fine.status).toBe(200);
      },
    );

    it('answers a URL the router cannot decode in the error shape, or as a page to a browser', async () => {
      for (const url of ['/%', '/api/v1/pilots/%', '/api/v1/%E0%A4%A']) {
        const res = await t.request('GET', url);
        expect([url, res.status]).toEqual([url, 400]);
        expect(res.body).toEqual({
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          message: 'Dữ liệu gửi lên không hợp lệ.',
        });
      }
      const page = await t.request('GET', '/%', { headers: { accept: 'text/html' } });
      expect(page.status).toBe(400);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.raw).toContain('Yêu cầu không hợp lệ');
    });
    it('answers a URL longer than Node takes in the error shape too', async () => {
      const res = await t.request('GET', `/api/v1/pilots?q=${'x'.repeat(70_000)}`, {
        token: as('syt'),
      });
      expect(res.status).toBe(431);
      expect(res.body).toMatchObject({ statusCode: 431, code: 'PAYLOAD_TOO_LARGE' });
    });
  });

  describe('defect 12: instants that do not exist are refused, not rolled over', () => {
    it.each(['2026-02-30T08:00:00+07:00', '2026-02-28T24:00:00+07:00', '2026-02-28T24:00+07:00'])(
      'refuses %s',
      async (sentAt) => {
        const res = await t.request('POST', '/api/v1/recommendations', {
          token: as('thuky'),
          body: {
            addresseeCodes: ['BYT'],
            summary: 'Kiến nghị.',
            documentNumber: '97/SYT',
            letterDate: '2023-12-01',
            sentAt,
          },
        });
        expectRefused(res, 'sentAt');
      },
    );
  });

  describe('defect 13: report metrics keep every name, or refuse it by name', () => {
    it('keeps metrics named toString, hasOwnProperty or valueOf', async () => {
      const metrics = { toString: 1, hasOwnProperty: 3, valueOf: 4.5, isPrototypeOf: 0, coSo: 176 };
      const res = await t.request('POST', '/api/v1/pilots/4/reports', {
        token: as('syt'),
        body: { period: '2024-03', progress: 'Báo cáo có chỉ số lạ.', metrics },
      });
      expect(res.status).toBe(201);
      expect(res.body.metrics).toEqual(metrics);
      const list = await t.request('GET', '/api/v1/pilots/4/reports', { token: as('syt') });
      const stored = list.body.find((r: { period: string }) => r.period === '2024-03');
      expect(stored.metrics).toEqual(metrics);
    });

    it('refuses a metric named constructor or prototype, naming the field', async () => {
      for (const name of ['constructor', 'prototype']) {
        const res = await t.request('POST', '/api/v1/pilots/4/reports', {
          token: as('syt'),
          body: { period: '2024-04', progress: 'x', metrics: { [name]: 2, a: 1 } },
        });
        expectRefused(res, `metrics.${name}`);
      }
    });

    it('refuses a metric named __proto__ with a message that names it', async () => {
      const res = await t.request('POST', '/api/v1/pilots/4/reports', {
        token: as('syt'),
        payload: '{"period":"2024-04","progress":"x","metrics":{"__proto__":1}}',
        headers: { 'content-type': 'application/json' },
      });
      expectRefused(res);
      expect(res.body.message).toContain('__proto__');
    });
  });
});
