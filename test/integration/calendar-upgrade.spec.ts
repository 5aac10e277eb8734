import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import {
  loadOfficialAdjustments,
  OFFICIAL_ADJUSTMENTS,
  OFFICIAL_ADJUSTMENTS_VERSION,
} from '../../src/calendar/official-adjustments.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { newUser } from '../support/factories.js';
import { textOf, WebClient } from '../support/web.js';

/**
 * The built-in table of official adjustments reaches a database loaded from an older table at
 * start-up, without touching what the secretariat entered; and the service warns while a Tết
 * the due dates reach has no official adjustment.
 */
describe('official calendar: upgrades and warnings', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-12-02T02:00:00Z')); // 09:00 2/12/2026
  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    t.app.get(DataSource).query(sql, params) as Promise<T[]>;
  const load = () => t.app.get(DataSource).transaction((m) => loadOfficialAdjustments(m));
  let secretariat: { id: string; email: string; password: string };
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, seed: false });
    secretariat = await newUser(t, { role: 'SECRETARIAT' });
    token = await t.login(secretariat.email, secretariat.password);
  });
  afterAll(() => t.close());

  it('brings a database loaded from table v1 to the current table, leaving the secretariat’s days alone', async () => {
    // As an older service left it: one row without its source, one with another reason, a
    // built-in day the table no longer has, and two days the secretariat entered (one of
    // them on a day the table also lists).
    await query(`DELETE FROM setting WHERE key = 'calendar.officialAdjustmentsVersion'`);
    await query(`UPDATE calendar_adjustment SET reference = NULL WHERE day = '2025-01-27'`);
    await query(
      `UPDATE calendar_adjustment SET reason = 'Nghỉ Quốc khánh' WHERE day = '2025-09-01'`,
    );
    await query(
      `INSERT INTO calendar_adjustment (day, kind, reason, reference)
       VALUES ('2025-06-02', 'DAY_OFF', 'Một ngày bảng cũ ghi nhầm', NULL)`,
    );
    await query(`DELETE FROM calendar_adjustment WHERE day = '2026-09-01'`);
    await query(
      `INSERT INTO calendar_adjustment (day, kind, reason, reference, created_by_id)
       VALUES ('2026-09-01', 'DAY_OFF', 'Nghỉ Quốc khánh (thư ký nhập)', 'Thông báo của tỉnh', $1),
              ('2026-12-31', 'DAY_OFF', 'Nghỉ theo quyết định của tỉnh', 'QĐ 1/UBND', $1)`,
      [secretariat.id],
    );

    const result = await load();

    expect(result).toEqual({
      from: 0,
      to: OFFICIAL_ADJUSTMENTS_VERSION,
      added: 0,
      updated: 2,
      removed: 1,
    });
    const rows = await query<{ day: string; reason: string; reference: string | null }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, reason, reference, created_by_id
       FROM calendar_adjustment ORDER BY day`,
    );
    const byDay = new Map(rows.map((r) => [r.day, r]));
    expect(byDay.get('2025-01-27')?.reference).toBe(
      'Công văn số 8726/VPCP-KGVX của Văn phòng Chính phủ',
    );
    expect(byDay.get('2025-09-01')?.reason).toBe(
      'Nghỉ lễ Quốc khánh 2025 (ngày liền kề trước 2/9)',
    );
    expect(byDay.has('2025-06-02')).toBe(false);
    expect(byDay.get('2026-09-01')).toMatchObject({
      reason: 'Nghỉ Quốc khánh (thư ký nhập)',
      reference: 'Thông báo của tỉnh',
      created_by_id: secretariat.id,
    });
    expect(byDay.get('2026-12-31')).toMatchObject({ created_by_id: secretariat.id });
    // Every built-in day is there, each with its source.
    for (const a of OFFICIAL_ADJUSTMENTS) expect(byDay.get(a.day)?.reference).toBeTruthy();

    // Loaded again at the next start: nothing to do.
    expect(await load()).toEqual({
      from: OFFICIAL_ADJUSTMENTS_VERSION,
      to: OFFICIAL_ADJUSTMENTS_VERSION,
      added: 0,
      updated: 0,
      removed: 0,
    });
  });

  it('at the current version, adds a missing built-in day but corrects nothing', async () => {
    await query(`DELETE FROM calendar_adjustment WHERE day = '2024-02-08'`);
    await query(`UPDATE calendar_adjustment SET reason = 'Sửa tay' WHERE day = '2024-02-14'`);
    expect(await load()).toMatchObject({ added: 1, updated: 0, removed: 0 });
    const [row] = await query<{ reason: string }>(
      `SELECT reason FROM calendar_adjustment WHERE day = '2024-02-14'`,
    );
    expect(row.reason).toBe('Sửa tay');
  });

  it('knows 24/11 as Ngày Văn hóa Việt Nam from 2026 on, not before', async () => {
    const res = await t.request(
      'GET',
      '/api/v1/calendar/working-days?from=2025-11-24&to=2025-11-24',
      {
        token,
      },
    );
    expect(res.body.days[0]).toMatchObject({ working: true, reason: null });
    for (const day of ['2026-11-24', '2027-11-24']) {
      const r = await t.request('GET', `/api/v1/calendar/working-days?from=${day}&to=${day}`, {
        token,
      });
      expect(r.body.days[0]).toMatchObject({ working: false, reason: 'Ngày Văn hóa Việt Nam' });
    }
  });

  it('warns on the API, the readiness check and the settings page while next Tết has no official calendar', async () => {
    const status = await t.request('GET', '/api/v1/calendar/status', { token });
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ checkedYears: [2026, 2027], missingOfficialTet: [2027] });
    expect(status.body.warnings).toHaveLength(1);
    expect(status.body.warnings[0]).toContain('Chưa có lịch nghỉ Tết Nguyên đán 2027 chính thức');
    expect(status.body.warnings[0]).toBe(status.body.warnings[0].normalize('NFC'));

    const ready = await t.request('GET', '/api/v1/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.warnings).toEqual(status.body.warnings);

    const web = await WebClient.signedIn(t, secretariat.email, secretariat.password);
    const page = await web.get('/cai-dat/lich-lam-viec');
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain(status.body.warnings[0]);

    // Before October next year is not checked yet.
    clock.set(new Date('2026-06-01T02:00:00Z'));
    try {
      const june = await t.request('GET', '/api/v1/calendar/status', { token });
      expect(june.body).toEqual({ checkedYears: [2026], missingOfficialTet: [], warnings: [] });
    } finally {
      clock.set(new Date('2026-12-02T02:00:00Z'));
    }

    // The secretariat enters Tết Đinh Mùi 2027 (Giao thừa 5/2/2027): the warning goes.
    const added = await t.request('POST', '/api/v1/calendar/adjustments', {
      token,
      body: {
        day: '2027-02-04',
        kind: 'DAY_OFF',
        reason: 'Nghỉ Tết Nguyên đán Đinh Mùi 2027',
        reference: 'Thông báo của Bộ Nội vụ',
      },
    });
    expect(added.status).toBe(201);
    const after = await t.request('GET', '/api/v1/calendar/status', { token });
    expect(after.body).toMatchObject({ missingOfficialTet: [], warnings: [] });
    expect((await t.request('GET', '/api/v1/health/ready')).body.warnings).toEqual([]);
  });
});
