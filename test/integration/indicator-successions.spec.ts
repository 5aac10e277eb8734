import { DataSource } from 'typeorm';
import { SuccessionRealiser } from '../../src/agencies/succession/succession-realiser.js';
import { FixedClock } from '../../src/common/clock.js';
import { ReportRemindersService } from '../../src/digest/report-reminders.service.js';
import type { IndicatorView } from '../../src/indicators/indicator.view.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { textOf, WebClient } from '../support/web.js';

/**
 * Indicators follow the 2025 reorganisation (product.md §9) as milestones do: from the day Sở
 * Thông tin và Truyền thông is merged into Sở Khoa học và Công nghệ (1/3/2025), SKHCN's officers
 * enter STTTT's indicators (API and /chi-so), see them as theirs on their home and /chi-so, and
 * are reminded of them on the cut-off day; before it, STTTT's own officers are. Another agency's
 * officer is still refused. Frozen clock, no worker: the reminders are read from the outbox.
 */

const APPLY = '/api/v1/agency-successions/packages/reorganisation-2025/apply';
const SKHCN_OFFICER = 'dau-moi.skhcn@khanhhoa.example';
const PASSWORD = 'mat-khau-du-dai-12';

/** 08:00 in Asia/Ho_Chi_Minh on `day`, when the daily jobs run. */
const at8 = (day: string) => new Date(`${day}T08:00:00+07:00`);

/** Sở TT&TT's active province-wide indicators in the reference data, in the report's order. */
const STTTT_INDICATORS = [
  'dvcTichHopCongQuocGia',
  'luotKhaiThacCsdlqgDanCu',
  'hoSoTthcDaSoHoa',
  'hoSoTthcSoHoaTrongThang',
];

describe('indicators after the 2025 successions', () => {
  let t: TestApp;
  let db: DataSource;
  let admin: string;
  // Friday 14/02/2025: before the reorganisation's day (1/3/2025).
  const clock = new FixedClock(at8('2025-02-14'));

  const post = (code: string, token: string, body: unknown) =>
    t.request('POST', `/api/v1/indicators/${code}/values`, { token, body });
  /** The indicators listed, in order, in the report reminder mailed to `email` for `period`. */
  const remindedIndicators = async (email: string, period: string): Promise<string[]> => {
    const rows: { text: string }[] = await db.query(
      `SELECT body_text AS text FROM notification
        WHERE kind = 'REPORT_REMINDER' AND idempotency_key = $1`,
      [`report-reminder:${period}:${email}`],
    );
    return rows.flatMap((r) => [...r.text.matchAll(/^- Chỉ số (\w+): /gm)].map((m) => m[1]));
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    db = t.app.get(DataSource);
    admin = await t.login('admin@demo.example');
    // The package recorded before its day: nothing realised yet, STTTT still exists.
    const applied = await t.request('POST', APPLY, { token: admin });
    expect([applied.status, applied.body.eventsRealised]).toEqual([200, 0]);
  });
  afterAll(() => t?.close());

  it("has STTTT's officers enter and be reminded of its indicators before the merger", async () => {
    const stttt = await t.login('stttt@demo.example');
    const listed = await t.request<IndicatorView[]>(
      'GET',
      '/api/v1/indicators?scope=PROVINCE&active=true',
      { token: stttt },
    );
    expect(
      listed.body.filter((i) => i.heldByUserAgency).map((i) => [i.code, i.agencyCode]),
    ).toEqual(STTTT_INDICATORS.map((code) => [code, 'STTTT']));
    const entered = await post('hoSoTthcDaSoHoa', stttt, { period: '2025-02', value: 301_250 });
    expect(entered.status).toBe(201);

    clock.set(at8('2025-02-15')); // February's cut-off day
    expect(await t.app.get(ReportRemindersService).run()).toMatchObject({ ran: true });
    expect(await remindedIndicators('stttt@demo.example', '2025-02')).toEqual(
      STTTT_INDICATORS.filter((c) => c !== 'hoSoTthcDaSoHoa'),
    );
  });

  it("lets SKHCN's officers enter STTTT's indicators from the merger on, through the API and /chi-so", async () => {
    // Monday 3/3/2025: the merger has taken effect; the STTTT officer's account passes to
    // SKHCN, and SKHCN has an officer of its own.
    clock.set(at8('2025-03-03'));
    expect((await t.app.get(SuccessionRealiser).realiseDue()).events.length).toBeGreaterThan(0);
    const created = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: {
        email: SKHCN_OFFICER,
        name: 'Đầu mối Sở Khoa học và Công nghệ',
        role: 'AGENCY_OFFICER',
        agencyCode: 'SKHCN',
        password: PASSWORD,
      },
    });
    expect(created.status).toBe(201);
    const skhcn = await t.login(SKHCN_OFFICER, PASSWORD);
    const syt = await t.login('syt@demo.example');

    // The indicators still name their owner as given; they are SKHCN's officers' to enter now.
    const listed = await t.request<IndicatorView[]>(
      'GET',
      '/api/v1/indicators?scope=PROVINCE&active=true',
      { token: skhcn },
    );
    expect(
      listed.body.filter((i) => i.heldByUserAgency).map((i) => [i.code, i.agencyCode]),
    ).toEqual(STTTT_INDICATORS.map((code) => [code, 'STTTT']));
    const one = await t.request<IndicatorView>('GET', '/api/v1/indicators/hoSoTthcDaSoHoa', {
      token: skhcn,
    });
    expect([one.body.agencyCode, one.body.heldByUserAgency]).toEqual(['STTTT', true]);
    const bySyt = await t.request<IndicatorView>('GET', '/api/v1/indicators/hoSoTthcDaSoHoa', {
      token: syt,
    });
    expect(bySyt.body.heldByUserAgency).toBe(false);

    // API: SKHCN's officer enters an STTTT indicator; Sở Y tế's officer is still refused.
    const entered = await post('hoSoTthcDaSoHoa', skhcn, {
      period: '2025-03',
      value: 305_118,
      version: 0,
    });
    expect(entered.status).toBe(201);
    expect(entered.body).toMatchObject({
      value: 305_118,
      author: { name: 'Đầu mối Sở Khoa học và Công nghệ' },
    });
    const refused = await post('hoSoTthcSoHoaTrongThang', syt, { period: '2025-03', value: 1 });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'FORBIDDEN',
      details: { indicatorCode: 'hoSoTthcSoHoaTrongThang', agencyCode: 'SYT' },
    });

    // /chi-so: STTTT's indicators are SKHCN's officer's, named with their owner, and entered.
    const web = await WebClient.signedIn(t, SKHCN_OFFICER, PASSWORD);
    const page = await web.get('/chi-so');
    expect(page.status).toBe(200);
    for (const code of STTTT_INDICATORS) expect(page.html).toContain(`data-indicator="${code}"`);
    expect(page.html).not.toContain('data-indicator="duLieuTiemChungDaLamSach"'); // Sở Y tế's
    expect(textOf(page.html)).toContain('Sở Thông tin và Truyền thông tỉnh Khánh Hòa');
    const saved = await web.post('/chi-so', {
      period: '2025-03',
      'value.dvcTichHopCongQuocGia': '1.912',
      'version.dvcTichHopCongQuocGia': '0',
      'shown.dvcTichHopCongQuocGia': '',
    });
    expect(saved.status).toBe(303);
    const values = await t.request('GET', '/api/v1/indicators/dvcTichHopCongQuocGia/values', {
      token: skhcn,
    });
    expect(values.body[0]).toMatchObject({ period: '2025-03', value: 1912 });
    // Sở Y tế's officer's /chi-so does not list them, and its post of one is refused.
    const sytWeb = await WebClient.signedIn(t, 'syt@demo.example');
    expect((await sytWeb.get('/chi-so')).html).not.toContain('data-indicator="hoSoTthcDaSoHoa"');
    const sytPost = await sytWeb.post('/chi-so', {
      period: '2025-03',
      'value.hoSoTthcSoHoaTrongThang': '5',
      'version.hoSoTthcSoHoaTrongThang': '0',
      'shown.hoSoTthcSoHoaTrongThang': '',
    });
    expect(sytPost.status).toBe(403);
  });

  it("lists STTTT's unentered indicators on SKHCN's officers' home and in their cut-off day reminder", async () => {
    const unentered = ['luotKhaiThacCsdlqgDanCu', 'hoSoTthcSoHoaTrongThang'];
    const web = await WebClient.signedIn(t, SKHCN_OFFICER, PASSWORD);
    const home = await web.get('/viec-can-lam');
    expect(home.status).toBe(200);
    const listed = [...home.html.matchAll(/data-indicator="(\w+)"/g)].map((m) => m[1]);
    expect(listed).toEqual(unentered);
    expect(textOf(home.html)).toContain('Chỉ số chưa nhập số liệu tháng 03/2025');

    clock.set(at8('2025-03-15')); // March's cut-off day
    expect(await t.app.get(ReportRemindersService).run()).toMatchObject({ ran: true });
    // SKHCN's officers, its own and the one who came from STTTT, are reminded of them.
    expect(await remindedIndicators(SKHCN_OFFICER, '2025-03')).toEqual(unentered);
    expect(await remindedIndicators('stttt@demo.example', '2025-03')).toEqual(unentered);
    expect(await remindedIndicators('syt@demo.example', '2025-03')).not.toContain(
      'luotKhaiThacCsdlqgDanCu',
    );
  });
});
