import type { EscalationPolicy } from '../../src/escalation/domain/policy.js';
import { SESSION_COOKIE } from '../../src/web/web-sessions.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { policyFields, textOf, WebClient } from '../support/web.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The text of the message the page shows beside a field (forms.ts: `<id>-error`). */
function fieldError(html: string, id: string): string {
  const m = new RegExp(`<p class="field-error" id="${id}-error">([\\s\\S]*?)</p>`).exec(html);
  return m ? textOf(m[1]) : '';
}

describe('web interface: settings of the secretariat and the administrator', () => {
  let app: TestApp;
  let secretariat: WebClient;
  let admin: WebClient;
  let adminToken: string;
  let secretariatToken: string;

  const api = async <T = any>(path: string, token = secretariatToken) => {
    const res = await app.request<T>('GET', `/api/v1${path}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const currentPolicy = () =>
    api<{ policy: EscalationPolicy; version: number }>('/escalation-policy');

  beforeAll(async () => {
    app = await startTestApp();
    secretariat = await WebClient.signedIn(app, 'thuky@demo.example');
    admin = await WebClient.signedIn(app, 'admin@demo.example');
    secretariatToken = await app.login('thuky@demo.example');
    adminToken = await app.login('admin@demo.example');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is closed to agency officers and leadership, open to the secretariat and the administrator', async () => {
    for (const email of ['syt@demo.example', 'lanhdao@demo.example']) {
      const web = await WebClient.signedIn(app, email);
      const page = await web.get('/cai-dat/don-doc');
      expect(page.status).toBe(403);
      expect(textOf(page.html)).toContain('Trang này không dành cho vai trò của bạn.');
      expect(page.html).not.toContain('href="/cai-dat"');
      const post = await web.post('/cai-dat/don-doc', { version: '0' });
      expect(post.status).toBe(403);
      expect((await web.get('/cai-dat/ky-bao-cao/2023-12/bao-cao.docx')).status).toBe(403);
    }
    const home = await secretariat.get('/cai-dat');
    expect(home.status).toBe(303);
    expect(home.location).toBe('/cai-dat/don-doc');
    const page = await secretariat.get('/cai-dat/don-doc');
    expect(page.status).toBe(200);
    expect(page.html).toMatch(/<a href="\/cai-dat\/don-doc"\s+aria-current="page"/);
    // Accounts are the administrator's: the API lists them to no one else.
    expect(page.html).not.toContain('href="/cai-dat/nguoi-dung"');
    expect((await secretariat.get('/cai-dat/nguoi-dung')).status).toBe(403);
    const adminPage = await admin.get('/cai-dat/don-doc');
    expect(adminPage.html).toContain('href="/cai-dat/nguoi-dung"');
  });

  it('lets the secretariat change a level of the escalation policy, which the API then holds', async () => {
    const page = await secretariat.get('/cai-dat/don-doc');
    expect(page.html).toContain('name="levels.1.afterWorkingDays"');
    expect(page.html).toMatch(/name="levels\.0\.notify"\s+value="ADDRESSEE"\s+checked/);
    expect(textOf(page.html)).toContain('Đầu mối của cơ quan nhận kiến nghị');
    // The digest's schedule is a day and a time, not a cron expression.
    expect(page.html).toMatch(/<option value="1"\s+selected\s*>\s*Thứ Hai hằng tuần/);
    expect(page.html).toMatch(/id="digestTime"[^>]*type="time"[^>]*value="07:30"/);
    expect(page.html).not.toContain('name="digestCron"');

    const before = await currentPolicy();
    const fields = policyFields(before.policy, before.version);
    fields['levels.1.afterWorkingDays'] = '12';
    fields['levels.1.name'] = 'Đôn đốc lần một';
    fields.digestDays = '1-5';
    fields.digestTime = '08:15';
    const saved = await secretariat.post('/cai-dat/don-doc', fields);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/cai-dat/don-doc');
    const after = await currentPolicy();
    expect(after.version).toBe(before.version + 1);
    expect(after.policy.levels[1]).toEqual({
      level: 2,
      name: 'Đôn đốc lần một',
      afterWorkingDays: 12,
      notify: before.policy.levels[1].notify,
    });
    expect(after.policy.digestCron).toBe('15 8 * * 1-5');
    const shown = await secretariat.follow(saved);
    expect(textOf(shown.html)).toContain(`Đã lưu chính sách đôn đốc (phiên bản ${after.version})`);
    expect(shown.html).toMatch(/id="levels-1-afterWorkingDays"[^>]*value="12"/);

    // A stale form (someone saved in between) is refused and the page shows the policy as it is.
    const stale = await secretariat.post('/cai-dat/don-doc', {
      ...fields,
      'levels.1.afterWorkingDays': '13',
    });
    expect(stale.status).toBe(409);
    expect(textOf(stale.html)).toContain('vừa được người khác cập nhật');
    expect(stale.html).toMatch(/id="levels-1-afterWorkingDays"[^>]*value="12"/);
    expect((await currentPolicy()).policy.levels[1].afterWorkingDays).toBe(12);
  });

  it('keeps every typed value and puts the API message beside the field when the policy is invalid', async () => {
    const before = await currentPolicy();
    const fields = policyFields(before.policy, before.version);
    fields['levels.1.afterWorkingDays'] = '300';
    fields['levels.2.name'] = 'Báo cáo Chủ tịch UBND tỉnh';
    fields.digestTime = '7h30';
    fields['levels.0.notify'] = [];
    const res = await secretariat.post('/cai-dat/don-doc', fields);
    expect(res.status).toBe(400);
    expect(textOf(res.html)).toMatch(
      /Chưa lưu được: \d+ ô cần sửa, xem ghi chú ngay dưới từng ô\./,
    );
    expect(textOf(res.html)).not.toContain('Dữ liệu gửi lên không hợp lệ.');
    expect(res.html).toMatch(
      /id="levels-1-afterWorkingDays"[^>]*value="300"[^>]*aria-invalid="true"/,
    );
    expect(fieldError(res.html, 'levels-1-afterWorkingDays')).toBe(
      'Số ngày làm việc sau hạn tối đa 250',
    );
    expect(res.html).toMatch(/id="levels-2-name"[^>]*value="Báo cáo Chủ tịch UBND tỉnh"/);
    expect(res.html).toMatch(/id="digestTime"[^>]*value="7h30"[^>]*aria-invalid="true"/);
    expect(fieldError(res.html, 'digestTime')).toBe(
      'Nhập giờ gửi theo dạng giờ:phút, ví dụ 07:30.',
    );
    expect(fieldError(res.html, 'level-0-notify')).toBe('Mức này cần ít nhất một người nhận');
    expect(res.html).not.toMatch(/name="levels\.0\.notify"\s+value="ADDRESSEE"\s+checked/);

    // A rule across levels (each after the one before) lands beside the level it names.
    const order = policyFields(before.policy, before.version);
    order['levels.2.afterWorkingDays'] = '5';
    const refused = await secretariat.post('/cai-dat/don-doc', order);
    expect(refused.status).toBe(400);
    expect(fieldError(refused.html, 'levels-2-afterWorkingDays')).toContain(
      'Mức 3 phải đến sau mức 2',
    );
    expect(await currentPolicy()).toEqual(before);

    // "Thêm một mức" adds a blank level to fill in, and saves nothing.
    const added = await secretariat.post('/cai-dat/don-doc', {
      ...policyFields(before.policy, before.version),
      _action: 'them-muc',
    });
    expect(added.status).toBe(200);
    expect(added.html).toContain('name="levels.3.afterWorkingDays"');
    expect(textOf(added.html)).toContain('Mức 4');
    expect(await currentPolicy()).toEqual(before);
  });

  it('shows the administrator the policy without a form, and a forged form gets the API refusal', async () => {
    const page = await admin.get('/cai-dat/don-doc');
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('action="/cai-dat/don-doc"');
    expect(textOf(page.html)).toContain('tài khoản của bạn chỉ xem được');
    const before = await currentPolicy();
    const forged = await admin.post(
      '/cai-dat/don-doc',
      policyFields(before.policy, before.version),
    );
    expect(forged.status).toBe(403);
    expect(textOf(forged.html)).toContain('Thao tác này dành cho: thư ký');
  });

  it('adds a working-calendar adjustment with a Vietnamese note and lists it in the year', async () => {
    const page = await secretariat.get('/cai-dat/lich-lam-viec?nam=2024');
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Năm 2024');
    expect(text).toContain('08/02/2024'); // Tết, an official day off
    expect(text).toContain('04/05/2024'); // the make-up Saturday
    expect(text).toContain('Ngày làm việc bù');
    // Years the calendar does not keep are brought back within 2000–2100, never an error page.
    for (const [asked, shown] of [
      ['2101', 'Năm 2100'],
      ['0000', 'Năm 2000'],
    ]) {
      const edge = await secretariat.get(`/cai-dat/lich-lam-viec?nam=${asked}`);
      expect(edge.status).toBe(200);
      expect(textOf(edge.html)).toContain(shown);
    }
    expect((await secretariat.get('/cai-dat/lich-lam-viec?nam=2100')).html).not.toContain(
      'nam=2101',
    );

    const reason = 'Làm bù cho ngày nghỉ Giỗ Tổ Hùng Vương'.normalize('NFD');
    const reference = 'Thông báo số 12/TB-UBND ngày 05/01/2026'.normalize('NFD');
    const added = await secretariat.post('/cai-dat/lich-lam-viec', {
      day: '14/03/2026',
      kind: 'WORKING_DAY',
      reason,
      reference,
      nam: '2024',
    });
    expect(added.status).toBe(303);
    expect(added.location).toBe('/cai-dat/lich-lam-viec?nam=2026');
    const listed = await secretariat.follow(added);
    const row = /<tr class="kind-working_day" data-day="2026-03-14">([\s\S]*?)<\/tr>/.exec(
      listed.html,
    );
    expect(row).not.toBeNull();
    // The row's own cells, without its correction form (issue 16).
    expect(row![1]).toContain('action="/cai-dat/lich-lam-viec/2026-03-14/xoa"');
    expect(textOf(row![1].replace(/<details[\s\S]*?<\/details>/, ''))).toBe(
      '14/03/2026 Thứ Bảy Ngày làm việc bù Làm bù cho ngày nghỉ Giỗ Tổ Hùng Vương Thông báo số 12/TB-UBND ngày 05/01/2026',
    );
    expect(listed.html).toContain('Giỗ Tổ Hùng Vương'.normalize('NFC'));
    expect(listed.html).not.toContain('Giỗ Tổ'.normalize('NFD'));
    const stored = await api<{ day: string; reason: string; reference: string }[]>(
      '/calendar/adjustments?year=2026',
    );
    expect(stored.find((a) => a.day === '2026-03-14')).toMatchObject({
      kind: 'WORKING_DAY',
      reason: reason.normalize('NFC'),
      reference: reference.normalize('NFC'),
    });

    // The same day again: the API's conflict beside the date, the typed note kept.
    const again = await secretariat.post('/cai-dat/lich-lam-viec', {
      day: '14/03/2026',
      kind: 'DAY_OFF',
      reason: 'Nghỉ thêm',
    });
    expect(again.status).toBe(409);
    expect(fieldError(again.html, 'adjust-day')).toContain('14/03/2026 đã có điều chỉnh');
    expect(again.html).toMatch(/id="adjust-reason"[^>]*value="Nghỉ thêm"/);

    // A day that does not exist, and no reason.
    const bad = await secretariat.post('/cai-dat/lich-lam-viec', {
      day: '30/02/2026',
      kind: 'DAY_OFF',
      reason: '',
      reference: 'Công văn số 1/UBND',
    });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'adjust-day')).toBe(
      'Nhập một ngày có thật theo dạng dd/mm/yyyy, ví dụ 02/09/2026.',
    );
    expect(fieldError(bad.html, 'adjust-reason')).toBe('Lý do không được để trống');
    expect(bad.html).toMatch(/id="adjust-day"[^>]*value="30\/02\/2026"/);
    expect(bad.html).toMatch(/id="adjust-reference"[^>]*value="Công văn số 1\/UBND"/);

    // The administrator reads the calendar but has no form to change it.
    const adminPage = await admin.get('/cai-dat/lich-lam-viec?nam=2026');
    expect(adminPage.html).toContain('data-day="2026-03-14"');
    expect(adminPage.html).not.toContain('method="post" action="/cai-dat/lich-lam-viec"');
    expect(page.html).toContain('method="post" action="/cai-dat/lich-lam-viec"');
  });

  it('lets the administrator and the secretariat change an agency focal-point emails', async () => {
    // The secretariat corrects the emails too (issue 16); successions stay the administrator's.
    const secretariatPage = await secretariat.get('/cai-dat/don-vi');
    expect(secretariatPage.status).toBe(200);
    expect(textOf(secretariatPage.html)).toContain('Sở Y tế tỉnh Khánh Hòa');
    expect(secretariatPage.html).toContain('action="/cai-dat/don-vi/SYT"');
    expect(secretariatPage.html).not.toContain('action="/cai-dat/don-vi/su-kien-ke-thua"');
    const stale = await secretariat.post('/cai-dat/don-vi/SYT', {
      version: '999',
      contactEmails: 'x@syt.example',
    });
    expect(stale.status).toBe(409);

    const page = await admin.get('/cai-dat/don-vi');
    expect(page.html).toContain('action="/cai-dat/don-vi/SYT"');
    const before = await api<{ version: number; contactEmails: string[] }>(
      '/agencies/SYT',
      adminToken,
    );
    const invalid = await admin.post('/cai-dat/don-vi/SYT', {
      version: String(before.version),
      contactEmails: 'dau-moi@syt.example\nkhong-phai-email',
    });
    expect(invalid.status).toBe(400);
    expect(fieldError(invalid.html, 'agency-SYT-contactEmails')).toBe(
      'Danh sách email chỉ gồm email hợp lệ',
    );
    expect(invalid.html).toMatch(
      /<textarea\s+id="agency-SYT-contactEmails"[^>]*>\s*dau-moi@syt.example\nkhong-phai-email<\/textarea>/,
    );

    const saved = await admin.post('/cai-dat/don-vi/SYT', {
      version: String(before.version),
      contactEmails: 'dau-moi@syt.example\r\n  Van.Thu@SYT.example \r\n',
    });
    expect(saved.status).toBe(303);
    const after = await api<{ version: number; contactEmails: string[] }>(
      '/agencies/SYT',
      adminToken,
    );
    expect(after.contactEmails).toEqual(['dau-moi@syt.example', 'van.thu@syt.example']);
    const shown = await admin.follow(saved);
    expect(textOf(shown.html)).toContain('Đã lưu 2 email đầu mối của Sở Y tế tỉnh Khánh Hòa.');
    const row = /<tr id="agency-SYT"[\s\S]*?<\/tr>/.exec(shown.html)![0];
    expect(textOf(row)).toContain('van.thu@syt.example');
  });

  it('lets the administrator create an account that then signs in through the web form', async () => {
    const email = `nguyen.van.an.${Date.now()}@khanhhoa.example`;
    const password = 'mat-khau-rat-dai-2024';

    const short = await admin.post('/cai-dat/nguoi-dung', {
      email,
      name: 'Nguyễn Văn An',
      role: 'AGENCY_OFFICER',
      agencyCode: 'SYT',
      password: 'ngan-qua',
    });
    expect(short.status).toBe(400);
    expect(fieldError(short.html, 'create-password')).toBe('Mật khẩu phải có ít nhất 12 ký tự');
    expect(short.html).toMatch(/id="create-email"[^>]*value="nguyen\.van\.an/);
    expect(short.html).toMatch(/<details class="action create-user"\s+open/);
    expect(short.html).not.toContain('ngan-qua');

    const created = await admin.post('/cai-dat/nguoi-dung', {
      email,
      name: 'Nguyễn Văn An',
      role: 'AGENCY_OFFICER',
      agencyCode: 'SYT',
      password,
    });
    expect(created.status).toBe(303);
    const list = await admin.follow(created);
    expect(textOf(list.html)).toContain(`Đã tạo tài khoản ${email}`);
    expect(list.html).not.toContain(password);
    const users = await api<{ items: { id: string; email: string; agencyCode: string }[] }>(
      '/users?agency=SYT',
      adminToken,
    );
    const user = users.items.find((u) => u.email === email)!;
    expect(user).toMatchObject({ agencyCode: 'SYT' });

    const signedIn = await WebClient.signedIn(app, email, password);
    const board = await signedIn.get('/mo-hinh');
    expect(board.status).toBe(200);
    expect(textOf(board.html)).toContain('Nguyễn Văn An');

    // Locked from the account's page: the API then refuses the sign-in.
    const page = await admin.get(`/cai-dat/nguoi-dung/${user.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('data-confirm="Khóa tài khoản');
    const version = /name="version" value="(\d+)"/.exec(page.html)![1];
    const locked = await admin.post(`/cai-dat/nguoi-dung/${user.id}`, {
      'bieu-mau': 'khoa',
      version,
      disabled: 'true',
    });
    expect(locked.status).toBe(303);
    expect(await api(`/users/${user.id}`, adminToken)).toMatchObject({ disabled: true });
    await expect(WebClient.signedIn(app, email, password)).rejects.toThrow();
  });

  it('unlocks then locks a period, and passes the monthly report files through', async () => {
    const page = await secretariat.get('/cai-dat/ky-bao-cao');
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Tháng 12/2023');
    // The reference data loads December 2023 locked (report 442 as of its day).
    expect(page.html).toMatch(
      /action="\/cai-dat\/ky-bao-cao\/2023-12\/mo-khoa"[\s\S]*?data-confirm="Mở lại kỳ tháng 12\/2023/,
    );

    // The administrator sees the periods, but unlocking and locking are the secretariat's.
    const adminPage = await admin.get('/cai-dat/ky-bao-cao');
    expect(adminPage.html).not.toContain('action="/cai-dat/ky-bao-cao/2023-12/mo-khoa"');
    const refused = await admin.post('/cai-dat/ky-bao-cao/2023-12/mo-khoa', {});
    expect(refused.status).toBe(403);
    expect(textOf(refused.html)).toContain('Thao tác này dành cho: thư ký');

    const periods = () => api<{ period: string; locked: boolean }[]>('/periods');
    const unlocked = await secretariat.post('/cai-dat/ky-bao-cao/2023-12/mo-khoa', {});
    expect(unlocked.status).toBe(303);
    expect((await periods()).find((p) => p.period === '2023-12')!.locked).toBe(false);
    const reopened = await secretariat.follow(unlocked);
    expect(textOf(reopened.html)).toContain('Đã mở lại kỳ tháng 12/2023');
    expect(reopened.html).toContain('action="/cai-dat/ky-bao-cao/2023-12/khoa"');

    // Locking asks first and lists the pilots still without the period's report, by agency.
    const asked = await secretariat.post('/cai-dat/ky-bao-cao/2023-12/khoa', {});
    expect(asked.status).toBe(200);
    expect((await periods()).find((p) => p.period === '2023-12')!.locked).toBe(false);
    const overview = await api<{
      pilots: { reportsMissing: number };
      leadAgencies: { name: string; pilotsWithoutReport: number[] }[];
    }>('/reports/overview?period=2023-12');
    const askedText = textOf(asked.html);
    expect(askedText).toContain('Chốt số liệu kỳ tháng 12/2023?');
    if (overview.pilots.reportsMissing > 0) {
      expect(askedText).toContain(
        `Còn ${overview.pilots.reportsMissing} mô hình chưa có báo cáo kỳ tháng 12/2023`,
      );
      const agency = overview.leadAgencies.find((a) => a.pilotsWithoutReport.length > 0)!;
      expect(askedText).toContain(`${agency.name}: Mô hình ${agency.pilotsWithoutReport[0]}`);
    } else {
      expect(askedText).toContain('Mọi mô hình phải báo cáo đã có báo cáo kỳ tháng 12/2023.');
    }
    expect(asked.html).toMatch(
      /action="\/cai-dat\/ky-bao-cao\/2023-12\/khoa"[\s\S]*?name="confirm" value="1"/,
    );
    // This month, with its reports still missing: the page lists them and does not lock.
    const now = await api<{ period: string; pilots: { reportsMissing: number } }>(
      '/reports/overview',
    );
    expect(now.pilots.reportsMissing).toBeGreaterThan(0);
    const month = `${now.period.slice(5)}/${now.period.slice(0, 4)}`;
    const askNow = textOf(
      (await secretariat.post(`/cai-dat/ky-bao-cao/${now.period}/khoa`, {})).html,
    );
    expect(askNow).toContain(
      `Còn ${now.pilots.reportsMissing} mô hình chưa có báo cáo kỳ tháng ${month}`,
    );
    expect(askNow).toContain(`Vẫn chốt, thiếu ${now.pilots.reportsMissing} báo cáo`);
    expect((await periods()).find((p) => p.period === now.period)?.locked ?? false).toBe(false);

    const locked = await secretariat.post('/cai-dat/ky-bao-cao/2023-12/khoa', { confirm: '1' });
    expect(locked.status).toBe(303);
    expect((await periods()).find((p) => p.period === '2023-12')!.locked).toBe(true);
    const shown = await secretariat.follow(locked);
    expect(textOf(shown.html)).toContain('Đã chốt số liệu kỳ tháng 12/2023');
    expect(shown.html).toMatch(
      /action="\/cai-dat\/ky-bao-cao\/2023-12\/mo-khoa"[\s\S]*?data-confirm="Mở lại kỳ tháng 12\/2023/,
    );

    for (const [format, type] of [
      ['docx', DOCX],
      ['xlsx', XLSX],
    ]) {
      const res = await fetch(
        new URL(`/cai-dat/ky-bao-cao/2023-12/bao-cao.${format}`, secretariat.baseUrl),
        { headers: { cookie: `${SESSION_COOKIE}=${secretariat.cookie(SESSION_COOKIE)}` } },
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="phu-luc-mo-hinh-2023-12.${format}"`,
      );
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    }
    expect((await secretariat.get('/cai-dat/ky-bao-cao/2023-13/bao-cao.docx')).status).toBe(404);
  });

  it('lets the secretariat set the period cut-off day, which the API then holds', async () => {
    const page = await secretariat.get('/cai-dat/ky-bao-cao');
    expect(textOf(page.html)).toContain('đọc số liệu đến hết ngày cuối tháng');
    expect(page.html).toContain('action="/cai-dat/ky-bao-cao/ngay-chot"');
    // The administrator reads it; setting it is the secretariat's.
    const adminPage = await admin.get('/cai-dat/ky-bao-cao');
    expect(textOf(adminPage.html)).toContain('đọc số liệu đến hết ngày cuối tháng');
    expect(adminPage.html).not.toContain('action="/cai-dat/ky-bao-cao/ngay-chot"');
    expect(
      (await admin.post('/cai-dat/ky-bao-cao/ngay-chot', { version: '0', periodCutoffDay: '15' }))
        .status,
    ).toBe(403);

    const bad = await secretariat.post('/cai-dat/ky-bao-cao/ngay-chot', {
      version: '0',
      periodCutoffDay: '32',
    });
    expect(bad.status).toBe(400);
    expect(fieldError(bad.html, 'periodCutoffDay')).toBe('Ngày chốt số liệu tối đa 31');

    const saved = await secretariat.post('/cai-dat/ky-bao-cao/ngay-chot', {
      version: '0',
      periodCutoffDay: '15',
    });
    expect(saved.status).toBe(303);
    expect(await api('/periods/cutoff')).toEqual({ periodCutoffDay: 15, version: 1 });
    const shown = await secretariat.follow(saved);
    expect(textOf(shown.html)).toContain('Đã lưu ngày chốt số liệu: ngày 15 hằng tháng');
    expect(shown.html).toMatch(/<option value="15"\s+selected>/);

    // Saved from a page read before: the one saved first wins, the page says so.
    const stale = await secretariat.post('/cai-dat/ky-bao-cao/ngay-chot', {
      version: '0',
      periodCutoffDay: '',
    });
    expect(stale.status).toBe(409);
    expect(textOf(stale.html)).toContain('vừa được người khác cập nhật');
    const back = await secretariat.post('/cai-dat/ky-bao-cao/ngay-chot', {
      version: '1',
      periodCutoffDay: '',
    });
    expect(back.status).toBe(303);
    expect(await api('/periods/cutoff')).toEqual({ periodCutoffDay: null, version: 2 });
  });
});
