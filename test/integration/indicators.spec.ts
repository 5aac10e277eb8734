import JSZip from 'jszip';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { ReportRemindersService } from '../../src/digest/report-reminders.service.js';
import type { IndicatorValueView, IndicatorView } from '../../src/indicators/indicator.view.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { paragraphs, textOf } from '../support/docx.js';
import { startSmtpServer, type ReceivedMail } from '../support/smtp.js';
import { WebClient } from '../support/web.js';

/*
 * Province-wide and per-pilot indicators (issue 15, item 3): the catalogue and the December 2023
 * values of report 442, values entered by the owning agency's officers under the rules of pilot
 * reports (lock, version, audit), the report-reminder mail, and section I of the 2023 document.
 */
describe('indicators', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let db: DataSource;
  const tokens: Record<string, string> = {};
  // 08:00 in Asia/Ho_Chi_Minh on 14/01/2024, the day before January's cut-off.
  const clock = new FixedClock(new Date('2024-01-14T01:00:00Z'));
  const as = (who: string) => ({ token: tokens[who] });
  const post = (code: string, who: string, body: unknown) =>
    t.request('POST', `/api/v1/indicators/${code}/values`, {
      ...as(who),
      body,
    });
  const audit = (code: string) =>
    db.query(
      `SELECT action, actor_email, before, after FROM audit_entry
        WHERE entity_type = 'indicator' AND entity_id = $1 ORDER BY id`,
      [code],
    ) as Promise<{ action: string; actor_email: string; before: unknown; after: unknown }[]>;
  const reminders = (): ReceivedMail[] =>
    smtp.received.filter((m) => m.parsed.subject?.startsWith('[Nhắc báo cáo]'));

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ role: 'all', smtpUrl: smtp.url, clock });
    db = t.app.get(DataSource);
    for (const who of ['thuky', 'admin', 'lanhdao', 'stttt', 'sgddt', 'syt'])
      tokens[who] = await t.login(`${who}@demo.example`);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('holds the December 2023 figures of report 442, named, with units, for every signed-in user', async () => {
    const res = await t.request<IndicatorView[]>(
      'GET',
      '/api/v1/indicators?scope=PROVINCE&period=2023-12',
      as('lanhdao'),
    );
    expect(res.status).toBe(200);
    const shown = new Map(res.body.map((i) => [i.code, i.value?.display]));
    expect(Object.fromEntries([...shown].filter(([code]) => FIGURES_442[code]))).toEqual(
      FIGURES_442,
    );
    expect(res.body.every((i) => i.scope === 'PROVINCE' && i.value !== null)).toBe(true);
    const tiemChung = res.body.find((i) => i.code === 'duLieuTiemChungDaLamSach')!;
    expect(tiemChung).toMatchObject({ kind: 'RATIO', agencyCode: 'SYT', section: 'I.7.1' });
    expect(tiemChung.value).toMatchObject({ value: 206_076, denominator: 282_654, locked: true });

    // A pilot's metrics are catalogue indicators too: "Cơ sở KCB triển khai: 176/176".
    const pilot4 = await t.request<IndicatorView[]>(
      'GET',
      '/api/v1/indicators?scope=4&period=2023-12',
      as('syt'),
    );
    expect(pilot4.body.map((i) => `${i.name}: ${i.value?.display}`)).toEqual([
      'Cơ sở KCB triển khai: 176/176 cơ sở (100%)',
      'Tỷ lệ cơ sở KCB triển khai: 100%',
      'Lượt tra cứu thông tin thẻ BHYT bằng CCCD: 557.045 lượt',
    ]);
    expect(pilot4.body[0]).toMatchObject({ scope: 'PILOT', pilotNumber: 4, agencyCode: 'SYT' });
    expect((await t.request('GET', '/api/v1/indicators', {})).status).toBe(401);
  });

  it("lets only the owning agency's officers and the secretariat enter a value, versioned and audited", async () => {
    const value = { period: '2024-01', value: 290_112, note: 'Số liệu đến 14/01/2024' };
    // Sở GD&ĐT does not own the digitised-records figure (Sở TT&TT does); leadership never writes.
    const refused = await post('hoSoTthcDaSoHoa', 'sgddt', value);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: 'FORBIDDEN',
      details: { indicatorCode: 'hoSoTthcDaSoHoa' },
    });
    expect((await post('hoSoTthcDaSoHoa', 'lanhdao', value)).status).toBe(403);
    expect(await audit('hoSoTthcDaSoHoa')).toEqual([]);

    const created = await post('hoSoTthcDaSoHoa', 'stttt', { ...value, version: 0 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      period: '2024-01',
      value: 290_112,
      display: '290.112 hồ sơ',
      version: 1,
      locked: false,
      author: { name: expect.any(String) },
    });
    // Someone else filed meanwhile: version 0 no longer matches.
    const stale = await post('hoSoTthcDaSoHoa', 'thuky', { ...value, version: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('VERSION_CONFLICT');
    const edited = await post('hoSoTthcDaSoHoa', 'thuky', { ...value, value: 290_500, version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ value: 290_500, version: 2 });

    // A ratio with its whole, by its owner.
    const ratio = await post('truongThanhToanKhongTienMat', 'sgddt', {
      period: '2024-01',
      value: 468,
      denominator: 475,
    });
    expect(ratio.status).toBe(201);
    expect(ratio.body.display).toBe('468/475 đơn vị (98,5%)');

    expect(await audit('hoSoTthcDaSoHoa')).toEqual([
      {
        action: 'indicator.value.create',
        actor_email: 'stttt@demo.example',
        before: null,
        after: { period: '2024-01', value: 290_112, denominator: null, note: value.note },
      },
      {
        action: 'indicator.value.update',
        actor_email: 'thuky@demo.example',
        before: {
          period: '2024-01',
          value: 290_112,
          denominator: null,
          note: value.note,
          version: 1,
        },
        after: {
          period: '2024-01',
          value: 290_500,
          denominator: null,
          note: value.note,
          version: 2,
        },
      },
    ]);
    const history = await t.request<IndicatorValueView[]>(
      'GET',
      '/api/v1/indicators/hoSoTthcDaSoHoa/values',
      as('lanhdao'),
    );
    expect(history.body.map((v) => [v.period, v.value])).toEqual([
      ['2024-01', 290_500],
      ['2023-12', 268_905],
    ]);
  });

  it('refuses a write to a locked period (December 2023) with 409 PERIOD_LOCKED, auditing nothing', async () => {
    const before = (await audit('hoSoCccdDaThuNhan')).length;
    const res = await post('hoSoCccdDaThuNhan', 'thuky', { period: '2023-12', value: 1 });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('PERIOD_LOCKED');
    expect(await audit('hoSoCccdDaThuNhan')).toHaveLength(before);
  });

  it('answers bad input with 4xx in the error shape, never 500', async () => {
    const cases: [string, string, unknown, number][] = [
      ['hoSoTthcDaSoHoa', 'stttt', { period: '2024-01', value: 'nhiều' }, 400],
      ['hoSoTthcDaSoHoa', 'stttt', { period: '2024-13', value: 1 }, 400],
      ['hoSoTthcDaSoHoa', 'stttt', { period: '2024-01', value: -5 }, 400],
      ['hoSoTthcDaSoHoa', 'stttt', { period: '2024-01', value: 1, denominator: 5 }, 400],
      ['hoSoTthcDaSoHoa', 'stttt', { period: '2024-02', value: 1 }, 400], // not yet begun
      [
        'truongThanhToanKhongTienMat',
        'sgddt',
        { period: '2024-01', value: 480, denominator: 475 },
        400,
      ],
      ['coSoKcbThanhToanKhongTienMat', 'syt', { period: '2024-01', value: 120 }, 400],
      ['khongCoChiSoNay', 'thuky', { period: '2024-01', value: 1 }, 404],
      ['a-b', 'thuky', { period: '2024-01', value: 1 }, 400],
    ];
    for (const [code, who, body, status] of cases) {
      const res = await post(code, who, body);
      expect([code, body, res.status]).toEqual([code, body, status]);
      expect(res.body).toMatchObject({ statusCode: status, code: expect.any(String) });
    }
  });

  it('lets the secretariat and admin manage the catalogue, not officers', async () => {
    const entry = {
      code: 'hoSoHoTichSoHoa',
      name: 'Dữ liệu hộ tịch đã số hóa, chuyển vào CSDL hộ tịch điện tử',
      unit: 'dữ liệu',
      kind: 'NUMBER',
      agencyCode: 'VPUBND',
      section: 'I.7.4',
      displayOrder: 305,
    };
    expect(
      (await t.request('POST', '/api/v1/indicators', { ...as('stttt'), body: entry })).status,
    ).toBe(403);
    const bad = await t.request('POST', '/api/v1/indicators', {
      ...as('thuky'),
      body: { ...entry, section: 'mục 7', kind: 'COUNT' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'kind',
      'section',
    ]);
    const created = await t.request<IndicatorView>('POST', '/api/v1/indicators', {
      ...as('thuky'),
      body: entry,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ scope: 'PROVINCE', agencyName: expect.any(String) });
    const twice = await t.request('POST', '/api/v1/indicators', { ...as('admin'), body: entry });
    expect(twice.status).toBe(409);
    const renamed = await t.request<IndicatorView>('PATCH', '/api/v1/indicators/hoSoHoTichSoHoa', {
      ...as('admin'),
      body: { version: 1, active: false },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ active: false, version: 2 });
    const stale = await t.request('PATCH', '/api/v1/indicators/hoSoHoTichSoHoa', {
      ...as('thuky'),
      body: { version: 1, name: 'Khác' },
    });
    expect(stale.status).toBe(409);
    // An inactive indicator takes no new values.
    expect((await post('hoSoHoTichSoHoa', 'thuky', { period: '2024-01', value: 1 })).status).toBe(
      409,
    );
  });

  it("lists an officer's missing indicator values in the cut-off day's report reminder", async () => {
    clock.set(new Date('2024-01-15T01:00:00Z'));
    const run = await t.app.get(ReportRemindersService).run();
    expect(run).toMatchObject({ ran: true, period: '2024-01' });
    const mailTo = async (email: string) => {
      const deadline = Date.now() + 20_000;
      for (;;) {
        const mail = reminders().find((m) => m.to.includes(email));
        if (mail) return mail;
        if (Date.now() > deadline) throw new Error(`no reminder to ${email}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const listed = (mail: ReceivedMail) =>
      [...mail.parsed.text!.matchAll(/^- Chỉ số (\w+): /gm)].map((m) => m[1]);
    // Sở TT&TT entered hoSoTthcDaSoHoa for January; its other figures are still owed.
    const stttt = await mailTo('stttt@demo.example');
    expect(listed(stttt)).toEqual([
      'dvcTichHopCongQuocGia',
      'luotKhaiThacCsdlqgDanCu',
      'hoSoTthcSoHoaTrongThang',
    ]);
    expect(stttt.parsed.text).toContain(
      '- Chỉ số hoSoTthcSoHoaTrongThang: Hồ sơ, kết quả giải quyết TTHC được số hóa trong tháng',
    );
    expect(stttt.parsed.subject).toMatch(/, 3 chỉ số chưa nhập số liệu tháng 01\/2024 – hạn/);
    // Sở GD&ĐT entered the total only: the four levels remain.
    expect(listed(await mailTo('sgddt@demo.example'))).toEqual([
      'truongThptThanhToanKhongTienMat',
      'truongThcsThanhToanKhongTienMat',
      'truongTieuHocThanhToanKhongTienMat',
      'truongMamNonThanhToanKhongTienMat',
    ]);
  });

  it("takes a pilot report's metrics as its named indicators' values, other keys kept as sent", async () => {
    const report = await t.request('POST', '/api/v1/pilots/4/reports', {
      ...as('syt'),
      body: {
        period: '2024-01',
        progress: 'Đã triển khai tại 180/181 cơ sở khám chữa bệnh.',
        metrics: { coSoTrienKhai: 180, tongSoCoSoKcbBhyt: 181, soMayDocThe: 12 },
      },
    });
    expect(report.status).toBe(201);
    expect(report.body.metrics).toEqual({
      coSoTrienKhai: 180,
      tongSoCoSoKcbBhyt: 181,
      soMayDocThe: 12,
    });
    const pilot4 = await t.request<IndicatorView[]>(
      'GET',
      '/api/v1/indicators?scope=4&period=2024-01',
      as('lanhdao'),
    );
    expect(pilot4.body.map((i) => `${i.name}: ${i.value?.display ?? '—'}`)).toEqual([
      'Cơ sở KCB triển khai: 180/181 cơ sở (99,4%)',
      'Tỷ lệ cơ sở KCB triển khai: —',
      'Lượt tra cứu thông tin thẻ BHYT bằng CCCD: —',
    ]);
    expect((await audit('coSoTrienKhai')).map((a) => [a.action, a.actor_email])).toEqual([
      ['indicator.value.create', 'syt@demo.example'],
    ]);
  });

  it('charts each province indicator over the periods on the overview, drawn on the server', async () => {
    const web = await WebClient.signedIn(t, 'lanhdao@demo.example');
    const page = await web.get('/tong-quan?ky=2024-01');
    expect(page.status).toBe(200);
    const card = page.html.slice(page.html.indexOf('id="indicators-title"'));
    expect(card).toContain('Chỉ số toàn tỉnh qua các kỳ');
    const digitised = card.slice(card.indexOf('data-indicator="hoSoTthcDaSoHoa"'));
    expect(digitised).toMatch(/^[^]*?290\.500 hồ sơ[^]*?<svg[^>]*class="sparkline"/);
    expect(digitised).toContain('<title>12/2023: 268.905 hồ sơ</title>');
    expect(digitised).toContain('<title>01/2024: 290.500 hồ sơ</title>');
    expect(digitised).toContain('<polyline');
    // December alone shows no January figure.
    const december = await web.get('/tong-quan?ky=2023-12');
    expect(december.html).not.toContain('290.500 hồ sơ');
    expect(december.html).toContain('268.905 hồ sơ');
  });

  it('lets the secretariat manage the catalogue on its settings page', async () => {
    const web = await WebClient.signedIn(t, 'thuky@demo.example');
    const page = await web.get('/cai-dat/chi-so');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Danh mục chỉ số');
    expect(page.html).toMatch(/href="\/cai-dat\/chi-so"\s+aria-current="page"/);
    expect(page.html).toContain('id="indicator-hoSoTthcSoHoaTrongThang"');
    expect(page.html).toContain('id="indicator-coSoTrienKhai"');
    const current = (
      await t.request<IndicatorView>(
        'GET',
        '/api/v1/indicators/hoSoTthcSoHoaTrongThang',
        as('thuky'),
      )
    ).body;
    const fields = {
      version: String(current.version),
      name: 'Hồ sơ TTHC số hóa trong tháng',
      unit: 'hồ sơ',
      kind: 'NUMBER',
      agencyCode: 'STTTT',
      section: 'I.4.3',
      displayOrder: '65',
      active: 'true',
    };
    // A malformed section is refused beside its field, the typed values kept.
    const refused = await web.post('/cai-dat/chi-so/hoSoTthcSoHoaTrongThang', {
      ...fields,
      section: 'mục 4',
    });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Mục báo cáo phải là mục của báo cáo');
    const saved = await web.post('/cai-dat/chi-so/hoSoTthcSoHoaTrongThang', fields);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/cai-dat/chi-so#indicator-hoSoTthcSoHoaTrongThang');
    const after = (
      await t.request<IndicatorView>(
        'GET',
        '/api/v1/indicators/hoSoTthcSoHoaTrongThang',
        as('thuky'),
      )
    ).body;
    expect(after).toMatchObject({
      name: fields.name,
      displayOrder: 65,
      version: current.version + 1,
    });
    // Officers enter values through the API; the settings area is not theirs.
    const officer = await WebClient.signedIn(t, 'stttt@demo.example');
    expect((await officer.get('/cai-dat/chi-so')).status).toBe(403);
  });

  it('states the period’s figures in section I of the December 2023 report as 442 does, frozen with its snapshot', async () => {
    const res = await fetch(
      new URL('/api/v1/reports/monthly?period=2023-12&format=docx', await t.app.getUrl()),
      { headers: { authorization: `Bearer ${tokens.lanhdao}` } },
    );
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const body = paragraphs(await zip.file('word/document.xml')!.async('string'));
    const sectionI = body
      .slice(body.indexOf('I. KẾT QUẢ CÁC MẶT CÔNG TÁC'), body.indexOf('II. NHẬN XÉT, ĐÁNH GIÁ'))
      .join('\n');
    // The secretariat's narrative (442's sentences) states them: no list repeats them.
    for (const figure of [
      'Đã triển khai cung cấp 10/10 dịch vụ công thiết yếu Đề án 06',
      'Đến nay, có 268.905 hồ sơ, kết quả giải quyết TTHC đã được số hóa, trong đó, riêng tháng 12/2023 là 19.416 hồ sơ.',
      '+ Lĩnh vực giáo dục: 460/475 đơn vị đã triển khai, tỉ lệ: 96,8%',
      'tỉnh Khánh Hòa đã thu nhận 1.191.479 hồ sơ CCCD',
      'Tổng số hồ sơ định danh điện tử thu nhận: 1.194.032 hồ sơ; đã kích hoạt 753.782 tài khoản.',
      '206.076/282.654 dữ liệu tiêm chủng Covid-19, tỉ lệ 72,9%',
    ]) {
      expect([figure, sectionI.includes(figure)]).toEqual([figure, true]);
    }
    expect(sectionI).not.toContain('Số liệu chỉ tiêu chủ yếu');
    // And in its footnotes, as 442 states them: 855 services, 93.754 look-ups.
    const footnotes = textOf(await zip.file('word/footnotes.xml')!.async('string'));
    expect(footnotes).toContain('tích hợp 855 dịch vụ công trực tuyến');
    expect(footnotes).toContain('giải quyết TTHC là 93.754 lượt');
    // The locked period's snapshot carries them: January's writes change nothing in December.
    const [{ data }] = (await db.query(
      `SELECT data FROM period_snapshot WHERE period = '2023-12' AND superseded_at IS NULL`,
    )) as { data: { indicators: { code: string; value: number }[] } }[];
    expect(data.indicators.find((i) => i.code === 'hoSoTthcDaSoHoa')?.value).toBe(268_905);
  });
});

/** Report 442's section I figures as the service prints them. */
const FIGURES_442: Record<string, string> = {
  dvcThietYeuDeAn06: '10/10 dịch vụ (100%)',
  dvcThietYeuCongAnTinh: '11/11 dịch vụ (100%)',
  dvcTichHopCongQuocGia: '855 dịch vụ',
  luotKhaiThacCsdlqgDanCu: '93.754 lượt',
  hoSoTthcDaSoHoa: '268.905 hồ sơ',
  hoSoTthcSoHoaTrongThang: '19.416 hồ sơ',
  truongThanhToanKhongTienMat: '460/475 đơn vị (96,8%)',
  coSoKcbThanhToanKhongTienMat: '100%',
  hoSoCccdDaThuNhan: '1.191.479 hồ sơ',
  hoSoDinhDanhDienTuDaThuNhan: '1.194.032 hồ sơ',
  taiKhoanDinhDanhDienTuDaKichHoat: '753.782 tài khoản',
  duLieuTiemChungDaLamSach: '206.076/282.654 dữ liệu (72,9%)',
  muiTiemHoChieuVacXin: '3.362.973/3.521.358 mũi tiêm (95,5%)',
  treEmCoMaDinhDanh: '267.831/269.424 trẻ em (99,4%)',
  nguoiCoCongDaCapNhat: '4.612/4.783 người (96,4%)',
  nguoiLaoDongDaCapNhatCsdlqg: '378.875/840.563 người lao động (45,1%)',
};
