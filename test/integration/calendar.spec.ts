import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';

describe('working calendar through the API', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const as = (who: string) => tokens[who];
  const clock = new FixedClock(new Date('2024-01-15T03:00:00Z'));
  const query = (sql: string, params: unknown[] = []) => t.app.get(DataSource).query(sql, params);
  const workingDays = (from: string, to: string, who = 'syt') =>
    t.request('GET', `/api/v1/calendar/working-days?from=${from}&to=${to}`, { token: as(who) });
  const dayOf = (body: { days: { day: string }[] }, day: string) =>
    body.days.find((d) => d.day === day);

  beforeAll(async () => {
    t = await startTestApp({ clock });
    for (const who of ['thuky', 'lanhdao', 'syt', 'admin'])
      tokens[who] = await t.login(`${who}@demo.example`);
  });
  afterAll(() => t.close());

  it('lists Tết Giáp Thìn 2024 (8–14/2) as non-working, with the Vietnamese reasons', async () => {
    const res = await workingDays('2024-02-05', '2024-02-18');
    expect(res.status).toBe(200);
    expect(res.body.from).toBe('2024-02-05');
    expect(res.body.to).toBe('2024-02-18');
    expect(res.body.days).toHaveLength(14);
    expect(res.body.workingDays).toBe(5); // 5, 6, 7, 15, 16/2
    const tet = {
      kind: 'DAY_OFF',
      reason: 'Nghỉ Tết Nguyên đán Giáp Thìn 2024',
      reference: 'Thông báo số 5015/TB-LĐTBXH ngày 22/11/2023 của Bộ Lao động - TB&XH',
    };
    expect(res.body.days).toEqual([
      { day: '2024-02-05', working: true, reason: null, adjustment: null },
      { day: '2024-02-06', working: true, reason: null, adjustment: null },
      { day: '2024-02-07', working: true, reason: null, adjustment: null },
      { day: '2024-02-08', working: false, reason: tet.reason, adjustment: tet },
      { day: '2024-02-09', working: false, reason: 'Giao thừa Tết Nguyên Đán', adjustment: null },
      { day: '2024-02-10', working: false, reason: 'Tết Nguyên Đán', adjustment: null },
      { day: '2024-02-11', working: false, reason: 'Tết Nguyên Đán', adjustment: null },
      { day: '2024-02-12', working: false, reason: 'Tết Nguyên Đán', adjustment: null },
      { day: '2024-02-13', working: false, reason: 'Tết Nguyên Đán', adjustment: null },
      { day: '2024-02-14', working: false, reason: tet.reason, adjustment: tet },
      { day: '2024-02-15', working: true, reason: null, adjustment: null },
      { day: '2024-02-16', working: true, reason: null, adjustment: null },
      { day: '2024-02-17', working: false, reason: 'Thứ Bảy', adjustment: null },
      { day: '2024-02-18', working: false, reason: 'Chủ nhật', adjustment: null },
    ]);
  });

  it('lists the swap of 29/4/2024 and Saturday 4/5/2024 as a working day', async () => {
    const res = await workingDays('2024-04-27', '2024-05-06', 'lanhdao');
    expect(res.status).toBe(200);
    expect(dayOf(res.body, '2024-04-29')).toMatchObject({ working: false });
    expect(dayOf(res.body, '2024-04-30')).toMatchObject({
      working: false,
      reason: 'Ngày Giải phóng miền Nam',
    });
    expect(dayOf(res.body, '2024-05-04')).toEqual({
      day: '2024-05-04',
      working: true,
      reason: 'Làm bù cho ngày 29/4/2024',
      adjustment: {
        kind: 'WORKING_DAY',
        reason: 'Làm bù cho ngày 29/4/2024',
        reference: 'Công văn số 2450/VPCP-KGVX ngày 12/4/2024 của Văn phòng Chính phủ',
      },
    });
    expect(res.body.workingDays).toBe(4); // 2, 3, 4 (Saturday) and 6/5
  });

  it('refuses a bad range with 400 VALIDATION_FAILED in Vietnamese, and a missing token', async () => {
    const backwards = await workingDays('2024-02-10', '2024-02-01');
    expect(backwards.status).toBe(400);
    expect(backwards.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Dữ liệu gửi lên không hợp lệ.',
      details: {
        fields: [{ field: 'to', problems: [expect.stringContaining('không được trước')] }],
      },
    });
    const tooLong = await workingDays('2024-01-01', '2025-02-04'); // 401 days
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details.fields[0].problems[0]).toContain('tối đa 400 ngày');
    expect((await workingDays('2024-01-01', '2025-02-03')).body.days).toHaveLength(400);
    const malformed = await workingDays('2024-02-30', '24-3-1');
    expect(malformed.status).toBe(400);
    expect(malformed.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'from',
      'to',
    ]);
    expect(malformed.body.details.fields[0].problems).toContain('from phải có dạng YYYY-MM-DD');
    const missing = await t.request('GET', '/api/v1/calendar/working-days', { token: as('syt') });
    expect(missing.status).toBe(400);
    const unknown = await t.request(
      'GET',
      '/api/v1/calendar/working-days?from=2024-01-01&to=2024-01-02&tz=UTC',
      { token: as('syt') },
    );
    expect(unknown.status).toBe(400);
    const anonymous = await t.request(
      'GET',
      '/api/v1/calendar/working-days?from=2024-01-01&to=2024-01-02',
    );
    expect(anonymous.status).toBe(401);
  });

  it('makes a day non-working at once when the secretariat adds it, and due dates follow', async () => {
    // Friday 1/3/2024 08:00 + 15 working days: 4–8, 11–15, 18–22/3 → Friday 22/3.
    const letter = (documentNumber: string) =>
      t.request('POST', '/api/v1/recommendations', {
        token: as('thuky'),
        body: {
          addresseeCodes: ['BYT'],
          summary: 'Đề nghị Bộ Y tế hướng dẫn kết nối dữ liệu khám sức khỏe lái xe.',
          documentNumber,
          letterDate: '2024-03-01',
          sentAt: '2024-03-01T08:00:00+07:00',
        },
      });
    const before = await letter('201/TCTĐA06-CAT');
    expect(before.status).toBe(201);
    expect(before.body.responseDueAt).toBe('2024-03-22T01:00:00.000Z');
    expect(dayOf((await workingDays('2024-03-11', '2024-03-13')).body, '2024-03-12')).toEqual({
      day: '2024-03-12',
      working: true,
      reason: null,
      adjustment: null,
    });

    // Typed with combining marks (NFD): stored and answered as the composed (NFC) text.
    const reason = 'Nghỉ bù theo Quyết định của UBND tỉnh Khánh Hòa';
    const added = await t.request('POST', '/api/v1/calendar/adjustments', {
      token: as('thuky'),
      body: {
        day: '2024-03-12',
        kind: 'DAY_OFF',
        reason: `  ${reason.normalize('NFD')} `,
        reference: '512/QĐ-UBND',
      },
      headers: { 'x-request-id': 'req-calendar-1' },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      day: '2024-03-12',
      kind: 'DAY_OFF',
      reason,
      reference: '512/QĐ-UBND',
    });
    expect(added.raw).toContain(reason.normalize('NFC'));
    const [stored] = await query(
      `SELECT reason, reference, created_by_id FROM calendar_adjustment WHERE day = '2024-03-12'`,
    );
    expect(stored.reason).toBe(reason.normalize('NFC'));
    expect(stored.created_by_id).toEqual(expect.any(String));

    const after = await workingDays('2024-03-11', '2024-03-13', 'admin');
    expect(dayOf(after.body, '2024-03-12')).toEqual({
      day: '2024-03-12',
      working: false,
      reason,
      adjustment: { kind: 'DAY_OFF', reason, reference: '512/QĐ-UBND' },
    });
    expect(after.body.workingDays).toBe(2);

    const moved = await letter('202/TCTĐA06-CAT');
    expect(moved.status).toBe(201);
    expect(moved.body.responseDueAt).toBe('2024-03-25T01:00:00.000Z'); // one day later, Monday

    const trail = await query(
      `SELECT action, actor_email, request_id, after FROM audit_entry
        WHERE entity_type = 'calendar' AND entity_id = '2024-03-12'`,
    );
    expect(trail).toEqual([
      expect.objectContaining({
        action: 'calendar.adjust',
        actor_email: 'thuky@demo.example',
        request_id: 'req-calendar-1',
        after: expect.objectContaining({ day: '2024-03-12', kind: 'DAY_OFF', reason }),
      }),
    ]);

    const year = await t.request('GET', '/api/v1/calendar/adjustments?year=2024', {
      token: as('syt'),
    });
    expect(year.status).toBe(200);
    expect(year.body.map((a: { day: string }) => a.day)).toEqual([
      '2024-02-08',
      '2024-02-14',
      '2024-03-12',
      '2024-04-29',
      '2024-05-04',
      '2024-09-03',
    ]);
    expect(year.body[2]).toMatchObject({ kind: 'DAY_OFF', reason, reference: '512/QĐ-UBND' });
  });

  it('refuses other roles with 403 and changes nothing', async () => {
    const count = async () =>
      Number((await query(`SELECT count(*) AS n FROM calendar_adjustment`))[0].n);
    const audits = async () =>
      Number(
        (await query(`SELECT count(*) AS n FROM audit_entry WHERE entity_type = 'calendar'`))[0].n,
      );
    const rows = await count();
    const trail = await audits();
    for (const who of ['lanhdao', 'syt', 'admin']) {
      const res = await t.request('POST', '/api/v1/calendar/adjustments', {
        token: as(who),
        body: { day: '2024-03-13', kind: 'DAY_OFF', reason: 'Nghỉ thêm' },
      });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
      expect(res.body.message).toBe('Thao tác này dành cho: thư ký (cơ quan thường trực).');
    }
    expect(await count()).toBe(rows);
    expect(await audits()).toBe(trail);
    expect(dayOf((await workingDays('2024-03-13', '2024-03-13')).body, '2024-03-13')).toMatchObject(
      { working: true, adjustment: null },
    );
  });

  it('answers 409 CONFLICT for a day that already has an adjustment', async () => {
    for (const day of ['2024-03-12', '2024-02-08']) {
      const res = await t.request('POST', '/api/v1/calendar/adjustments', {
        token: as('thuky'),
        body: { day, kind: 'WORKING_DAY', reason: 'Làm việc bình thường' },
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('CONFLICT');
      expect(res.body.message).toMatch(/^Ngày \d{2}\/\d{2}\/2024 đã có điều chỉnh lịch làm việc/);
    }
    const [row] = await query(`SELECT kind FROM calendar_adjustment WHERE day = '2024-02-08'`);
    expect(row.kind).toBe('DAY_OFF');
  });

  it('validates an adjustment with Vietnamese messages', async () => {
    const post = (body: unknown) =>
      t.request('POST', '/api/v1/calendar/adjustments', { token: as('thuky'), body });
    const bad = await post({ day: '2024-02-30', kind: 'HOLIDAY', reason: '   ' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const problems = Object.fromEntries(
      bad.body.details.fields.map((f: { field: string; problems: string[] }) => [
        f.field,
        f.problems,
      ]),
    );
    expect(problems.day).toContain('day phải có dạng YYYY-MM-DD');
    expect(problems.kind).toContain('kind phải là một trong: DAY_OFF, WORKING_DAY');
    expect(problems.reason).toContain('reason không được để trống');
    const extra = await post({ day: '2024-03-14', kind: 'DAY_OFF', reason: 'x', createdBy: 'me' });
    expect(extra.status).toBe(400);
    expect(extra.body.details.fields[0].problems).toContain(
      'Trường "createdBy" không được phép gửi lên.',
    );
    const year = await t.request('GET', '/api/v1/calendar/adjustments?year=hai-nghin', {
      token: as('syt'),
    });
    expect(year.status).toBe(400);
    expect(year.body.details.fields[0].problems).toContain('year phải là số năm, ví dụ 2024');
  });
});
