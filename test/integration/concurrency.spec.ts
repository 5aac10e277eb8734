import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/app.js';

describe('concurrent writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('of 50 transitions of one pilot with the same version, exactly one wins; history has one entry', async () => {
    const token = await t.login('sgtvt@demo.example');
    const before = (await t.request('GET', '/api/v1/pilots/13', { token })).body; // PREPARING
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        t.request('POST', '/api/v1/pilots/13/transitions', {
          token,
          body: { to: 'PILOTING', version: before.version },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(
      new Set(['VERSION_CONFLICT']),
    );
    const history = await t.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS n FROM pilot_state_change c JOIN pilot p ON p.id = c.pilot_id WHERE p.number = 13 AND c.from_state IS NOT NULL`,
      );
    expect(history[0].n).toBe(1);
    const after = (await t.request('GET', '/api/v1/pilots/13', { token })).body;
    expect(after).toMatchObject({ state: 'PILOTING', version: before.version + 1 });
  });

  it('of 20 edits of one report with the same version, exactly one is kept and none is lost silently', async () => {
    const token = await t.login('syt@demo.example');
    const first = await t.request('POST', '/api/v1/pilots/4/reports', {
      token,
      body: { period: '2023-12', progress: 'gốc', version: 1 },
    });
    const version = first.body.version;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.request('POST', '/api/v1/pilots/4/reports', {
          token,
          body: { period: '2023-12', progress: `bản ${i}`, version },
        }),
      ),
    );
    const winners = responses.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(
      responses.filter((r) => r.status === 409).every((r) => r.body.code === 'VERSION_CONFLICT'),
    ).toBe(true);
    const [stored] = await t.app
      .get(DataSource)
      .query(
        `SELECT r.progress FROM pilot_report r JOIN pilot p ON p.id = r.pilot_id WHERE p.number = 4 AND r.period = '2023-12'`,
      );
    expect(stored.progress).toBe(winners[0].body.progress);
  });

  it('of 10 first reports of a period sent with version 0 at once, exactly one is filed', async () => {
    const token = await t.login('syt@demo.example');
    const period = '2024-01';
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.request('POST', '/api/v1/pilots/6/reports', {
          token,
          body: { period, progress: `Báo cáo lần ${i}`, version: 0 },
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    // Editing a report that does not exist is a conflict, not a silent creation.
    const missing = await t.request('POST', '/api/v1/pilots/6/reports', {
      token,
      body: { period: '2023-11', progress: 'Sửa báo cáo không có', version: 3 },
    });
    expect(missing.status).toBe(409);
    expect(missing.body.code).toBe('VERSION_CONFLICT');
  });
});
