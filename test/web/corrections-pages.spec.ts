import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { textOf, WebClient } from '../support/web.js';

/**
 * Corrections in the web interface (issue 16, item 3): a draft letter's form, a blocker's
 * correction and reopening on its pilot's page, a calendar adjustment corrected and deleted on
 * the settings page, and a report for an earlier unlocked period. Each goes through the API as
 * the user, so each is checked here for what the page offers, what it stores, and its refusals.
 */
describe('web interface: corrections', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2024-01-15T03:00:00Z'));
  const query = (sql: string, params: unknown[] = []) => t.app.get(DataSource).query(sql, params);
  let secretariat: WebClient;
  let officer: WebClient;
  let admin: WebClient;
  let token: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    [secretariat, officer, admin] = await Promise.all([
      WebClient.signedIn(t, 'thuky@demo.example'),
      WebClient.signedIn(t, 'syt@demo.example'),
      WebClient.signedIn(t, 'admin@demo.example'),
    ]);
    token = await t.login('syt@demo.example');
  });
  afterAll(() => t?.close());

  async function blockerOfPilot6(): Promise<{ id: string; version: number }> {
    const res = await t.request('POST', '/api/v1/blockers', {
      token,
      body: {
        pilotNumber: 6,
        title: 'Thiếu đường truyền',
        description: 'Trạm y tế xã chưa có đường truyền',
        category: 'INFRASTRUCTURE',
        authority: 'CENTRAL',
      },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('corrects a draft letter in its form; a stale form comes back with what was typed', async () => {
    const blocker = await blockerOfPilot6();
    const draft = await t.request('POST', '/api/v1/recommendations', {
      token,
      body: {
        summary: 'Dự thảo có lỗi chính tả',
        addresseeCodes: ['BCA'],
        blockerIds: [blocker.id],
      },
    });
    expect(draft.status).toBe(201);
    const id = draft.body.id as string;

    const letterPage = await officer.get(`/kien-nghi/${id}`);
    expect(letterPage.html).toContain(`href="/kien-nghi/${id}/sua"`);
    const form = await officer.get(`/kien-nghi/${id}/sua`);
    expect(form.status).toBe(200);
    expect(form.html).toMatch(/<textarea[^>]*name="summary"[^>]*>\s*Dự thảo có lỗi chính tả/);
    expect(form.html).toContain(`name="version" value="${draft.body.version}"`);
    expect(form.html).toContain(`data-draft="letter-${id}"`);

    const saved = await officer.post(`/kien-nghi/${id}/sua`, {
      version: String(draft.body.version),
      summary: 'Dự thảo đã sửa chính tả',
      addresseeCodes: ['BCA', 'BYT'],
      documentNumber: '',
      letterDate: '12/01/2024',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/kien-nghi/${id}`);
    expect(textOf((await officer.follow(saved)).html)).toContain('Đã lưu dự thảo kiến nghị.');
    const [row] = await query(
      `SELECT summary, letter_date, version FROM recommendation WHERE id = $1`,
      [id],
    );
    expect(row).toMatchObject({
      summary: 'Dự thảo đã sửa chính tả',
      version: draft.body.version + 1,
    });

    const stale = await secretariat.post(`/kien-nghi/${id}/sua`, {
      version: String(draft.body.version),
      summary: 'Sửa trên bản cũ',
      addresseeCodes: ['BCA'],
    });
    expect(stale.status).toBe(409);
    expect(textOf(stale.html)).toContain('vừa được người khác cập nhật');
    expect(stale.html).toContain('Sửa trên bản cũ');

    // Another agency's officer has neither the link nor the form.
    const other = await WebClient.signedIn(t, 'sdl@demo.example');
    expect((await other.get(`/kien-nghi/${id}`)).html).not.toContain(`/kien-nghi/${id}/sua`);
    expect((await other.get(`/kien-nghi/${id}/sua`)).status).toBe(403);

    // Sent, it is a record: no link, and its form answers 409.
    const sent = await t.request('POST', `/api/v1/recommendations/${id}/send`, {
      token: await t.login('thuky@demo.example'),
      body: { documentNumber: '7/TCTĐA06-CAT', letterDate: '2024-01-15' },
    });
    expect(sent.status).toBe(200);
    expect((await secretariat.get(`/kien-nghi/${id}`)).html).not.toContain(`/kien-nghi/${id}/sua`);
    expect((await secretariat.get(`/kien-nghi/${id}/sua`)).status).toBe(409);
  });

  it('corrects and reopens a blocker on its pilot’s page', async () => {
    const blocker = await blockerOfPilot6();
    const page = await officer.get('/mo-hinh/6');
    expect(page.html).toContain(`action="/vuong-mac/${blocker.id}/sua"`);
    const bad = await officer.post(`/vuong-mac/${blocker.id}/sua`, {
      version: String(blocker.version),
      title: '',
      description: 'Trạm y tế xã chưa có đường truyền',
      category: 'INFRASTRUCTURE',
      authority: 'CENTRAL',
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('aria-invalid="true"');
    const edited = await officer.post(`/vuong-mac/${blocker.id}/sua`, {
      version: String(blocker.version),
      title: 'Thiếu đường truyền số liệu chuyên dùng',
      description: 'Trạm y tế xã chưa có đường truyền',
      category: 'INFRASTRUCTURE',
      authority: 'PROVINCE',
    });
    expect(edited.status).toBe(303);
    const [row] = await query(`SELECT title, authority, version FROM blocker WHERE id = $1`, [
      blocker.id,
    ]);
    expect(row).toMatchObject({
      title: 'Thiếu đường truyền số liệu chuyên dùng',
      authority: 'PROVINCE',
      version: blocker.version + 1,
    });

    const resolved = await t.request('POST', `/api/v1/blockers/${blocker.id}/resolve`, {
      token,
      body: { resolution: 'Đã có đường truyền', version: blocker.version + 1 },
    });
    expect(resolved.status).toBe(200);
    const after = await officer.get('/mo-hinh/6');
    expect(after.html).toContain(`action="/vuong-mac/${blocker.id}/mo-lai"`);
    const reopened = await officer.post(`/vuong-mac/${blocker.id}/mo-lai`, {
      version: String(resolved.body.version),
      reason: 'Đường truyền lại mất',
    });
    expect(reopened.status).toBe(303);
    const [state] = await query(`SELECT state FROM blocker WHERE id = $1`, [blocker.id]);
    expect(state.state).toBe('OPEN');
    const [audit] = await query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE entity_id = $1 AND action IN ('blocker.update', 'blocker.reopen')`,
      [blocker.id],
    );
    expect(audit.n).toBe(2);

    // Leadership reads the pilot but corrects nothing.
    const leadership = await WebClient.signedIn(t, 'lanhdao@demo.example');
    expect((await leadership.get('/mo-hinh/6')).html).not.toContain(`/vuong-mac/${blocker.id}/sua`);
  });

  it('corrects and deletes a calendar adjustment on the settings page (secretariat only)', async () => {
    const added = await secretariat.post('/cai-dat/lich-lam-viec', {
      day: '08/03/2024',
      kind: 'DAY_OFF',
      reason: 'Nghỉ nhầm',
      nam: '2024',
    });
    expect(added.status).toBe(303);
    const page = await secretariat.get('/cai-dat/lich-lam-viec?nam=2024');
    expect(page.html).toContain('action="/cai-dat/lich-lam-viec/2024-03-08"');
    expect(page.html).toContain('action="/cai-dat/lich-lam-viec/2024-03-08/xoa"');
    // A built-in official day is corrected, never deleted.
    expect(page.html).toContain('action="/cai-dat/lich-lam-viec/2024-02-08"');
    expect(page.html).not.toContain('action="/cai-dat/lich-lam-viec/2024-02-08/xoa"');

    const corrected = await secretariat.post('/cai-dat/lich-lam-viec/2024-03-08', {
      version: '1',
      kind: 'DAY_OFF',
      reason: 'Nghỉ bù 8/3',
      reference: '',
    });
    expect(corrected.status).toBe(303);
    expect(textOf((await secretariat.follow(corrected)).html)).toContain(
      'Đã sửa điều chỉnh ngày 08/03/2024.',
    );
    const stale = await secretariat.post('/cai-dat/lich-lam-viec/2024-03-08/xoa', { version: '1' });
    expect(stale.status).toBe(409);
    const deleted = await secretariat.post('/cai-dat/lich-lam-viec/2024-03-08/xoa', {
      version: '2',
    });
    expect(deleted.status).toBe(303);
    expect(await query(`SELECT 1 FROM calendar_adjustment WHERE day = '2024-03-08'`)).toEqual([]);
    const actions = await query(
      `SELECT action FROM audit_entry WHERE entity_id = '2024-03-08' ORDER BY id`,
    );
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'calendar.adjust',
      'calendar.update',
      'calendar.delete',
    ]);

    const adminPage = await admin.get('/cai-dat/lich-lam-viec?nam=2024');
    expect(adminPage.html).not.toContain('action="/cai-dat/lich-lam-viec/2024-02-08"');
    expect((await admin.post('/cai-dat/lich-lam-viec/2024-02-08', { version: '1' })).status).toBe(
      403,
    );
  });

  it('lets an officer report an earlier unlocked period, not a locked one', async () => {
    const lock = await t.request('POST', '/api/v1/periods/2023-10/lock', {
      token: await t.login('thuky@demo.example'),
    });
    expect(lock.status).toBe(200);
    const page = await officer.get('/mo-hinh/6?ky=2023-11');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<option\s+value="2023-11"\s+selected/);
    expect(page.html).toMatch(/<option\s+value="2023-10"[^>]*disabled/);
    expect(page.html).toContain('name="period" value="2023-11"');
    expect(textOf(page.html)).toContain('Tiến độ tháng 11/2023');
    // A locked period asked for falls back to the current one.
    expect((await officer.get('/mo-hinh/6?ky=2023-10')).html).toContain(
      'name="period" value="2024-01"',
    );

    const saved = await officer.post('/mo-hinh/6/bao-cao', {
      period: '2023-11',
      version: '0',
      progress: 'Tháng 11/2023: báo cáo bổ sung.',
      metrics: '',
    });
    expect(saved.status).toBe(303);
    const [row] = await query(
      `SELECT r.progress FROM pilot_report r JOIN pilot p ON p.id = r.pilot_id WHERE p.number = 6 AND r.period = '2023-11'`,
    );
    expect(row.progress).toBe('Tháng 11/2023: báo cáo bổ sung.');
    const refused = await officer.post('/mo-hinh/6/bao-cao', {
      period: '2023-10',
      version: '0',
      progress: 'Kỳ đã chốt',
      metrics: '',
    });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('Kỳ đã chốt');
  });
});
