import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { textOf, WebClient } from '../support/web.js';

const NOW = new Date('2024-01-15T03:00:00Z');

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** The entry form's fields as the browser would send them (the CSRF token added on post). */
function entryForm(html: string): Record<string, string> {
  const form = /<form[^>]*method="post"[^>]*action="\/chi-so"[\s\S]*?<\/form>/.exec(html);
  if (!form) throw new Error('no entry form on the page');
  const fields: Record<string, string> = {};
  for (const m of form[0].matchAll(/<input[^>]*?name="([^"]+)"[^>]*?value="([^"]*)"/g)) {
    if (m[1] !== '_csrf') fields[m[1]] = decode(m[2]);
  }
  return fields;
}

/** The row of one indicator, by its code. */
function rowOf(html: string, code: string): string {
  const start = html.indexOf(`data-indicator="${code}"`);
  if (start < 0) throw new Error(`no row ${code}`);
  return html.slice(start, html.indexOf('</tr>', start));
}

/**
 * Issue 15, item 3: the page where an agency officer (or the secretariat) enters the period's
 * indicator values. Every value goes through the API as the user, so its rules hold: the owning
 * agency (object-level), the open period, the version; a refusal keeps what was typed.
 */
describe('web: entering indicator values (/chi-so)', () => {
  let t: TestApp;
  let syt: WebClient;
  let token: string;
  const values = async (code: string): Promise<any[]> => {
    const res = await t.request('GET', `/api/v1/indicators/${code}/values`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };
  const valueOf = async (code: string, period: string) =>
    (await values(code)).find((v) => v.period === period) ?? null;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(NOW) });
    token = await t.login('thuky@demo.example');
    syt = await WebClient.signedIn(t, 'syt@demo.example');
  });
  afterAll(() => t?.close());

  it("shows an officer their agency's indicators only, with December's values as hints", async () => {
    const page = await syt.get('/chi-so');
    expect(page.status).toBe(200);
    expect(page.html).toBe(page.html.normalize('NFC'));
    expect(page.html).toMatch(/<a href="\/chi-so"\s+aria-current="page"\s*>Số liệu chỉ số<\/a/);
    const text = textOf(page.html);
    expect(text).toContain('Số liệu chỉ số tháng 01/2024');
    // SYT's province-wide figures and its pilot 4's, grouped under the pilot.
    for (const code of [
      'coSoKcbThanhToanKhongTienMat',
      'duLieuTiemChungDaLamSach',
      'muiTiemHoChieuVacXin',
      'coSoTrienKhai',
    ]) {
      expect(page.html).toContain(`data-indicator="${code}"`);
    }
    expect(page.html).toContain('id="mo-hinh-4"');
    // Other agencies' are not there: Công an tỉnh's, Sở TN&MT's.
    expect(page.html).not.toContain('data-indicator="hoSoCccdDaThuNhan"');
    expect(page.html).not.toContain('data-indicator="thuaDatDaSoHoaToanTinh"');
    const row = textOf(rowOf(page.html, 'duLieuTiemChungDaLamSach'));
    expect(row).toContain('Tỷ lệ x/y, dữ liệu');
    expect(row).toContain('206.076/282.654 dữ liệu (72,9%) tháng 12/2023');
    expect(row).toContain('Chưa nhập');
    const fields = entryForm(page.html);
    expect(fields).toMatchObject({
      period: '2024-01',
      'value.duLieuTiemChungDaLamSach': '',
      'version.duLieuTiemChungDaLamSach': '0',
    });
  });

  it('stores what the officer enters, only what changed, and their home stops asking for it', async () => {
    const homeBefore = (await syt.get('/viec-can-lam')).html;
    const dues = homeBefore.slice(homeBefore.indexOf('data-queue="chi-so-thieu"'));
    expect(dues).toContain('data-indicator="duLieuTiemChungDaLamSach"');
    expect(dues).toContain('href="/chi-so#chi-so-duLieuTiemChungDaLamSach"');

    const fields = entryForm((await syt.get('/chi-so')).html);
    const saved = await syt.post('/chi-so', {
      ...fields,
      'value.duLieuTiemChungDaLamSach': '210.500/282.654',
      'note.duLieuTiemChungDaLamSach': 'Số liệu Sở Y tế ngày 14/01/2024',
      'value.coSoKcbThanhToanKhongTienMat': '98,5',
    });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe('/chi-so?ky=2024-01');
    const after = await syt.follow(saved);
    expect(textOf(after.html)).toContain('Đã lưu 2 giá trị chỉ số tháng 01/2024.');
    expect(textOf(rowOf(after.html, 'duLieuTiemChungDaLamSach'))).toContain(
      '210.500/282.654 dữ liệu (74,5%)',
    );

    const stored = await valueOf('duLieuTiemChungDaLamSach', '2024-01');
    expect(stored).toMatchObject({
      value: 210_500,
      denominator: 282_654,
      note: 'Số liệu Sở Y tế ngày 14/01/2024',
      version: 1,
    });
    expect(stored.author.name).toContain('Cán bộ đầu mối');
    expect(await valueOf('coSoKcbThanhToanKhongTienMat', '2024-01')).toMatchObject({
      value: 98.5,
      denominator: null,
    });
    // Fields left as they were are not written.
    expect(await valueOf('muiTiemHoChieuVacXin', '2024-01')).toBeNull();

    // Sent again unchanged: nothing written, no new version.
    const again = await syt.post('/chi-so', entryForm(after.html));
    expect(again.status).toBe(303);
    expect(textOf((await syt.follow(again)).html)).toContain('Không có giá trị nào thay đổi');
    expect((await valueOf('duLieuTiemChungDaLamSach', '2024-01')).version).toBe(1);

    // An agency owning no province-wide indicator has no such list on its home.
    const sdl = (await (await WebClient.signedIn(t, 'sdl@demo.example')).get('/viec-can-lam')).html;
    expect(sdl).toContain('data-queue="bao-cao-thieu"');
    expect(sdl).not.toContain('data-queue="chi-so-thieu"');

    const homeAfter = (await syt.get('/viec-can-lam')).html;
    const left = homeAfter.slice(homeAfter.indexOf('data-queue="chi-so-thieu"'));
    expect(left.slice(0, left.indexOf('</section>'))).not.toContain(
      'data-indicator="duLieuTiemChungDaLamSach"',
    );
  });

  it('refuses a bad value beside its field, keeps what was typed and saves the rest', async () => {
    const fields = entryForm((await syt.get('/chi-so')).html);
    const res = await syt.post('/chi-so', {
      ...fields,
      'value.muiTiemHoChieuVacXin': '3.400.000/',
      'value.coSoKcbThanhToanKhongTienMat': '120',
      'value.tyLeCoSoTrienKhai': 'khoảng 90',
      'value.coSoTrienKhai': '180/200',
    });
    expect(res.status).toBe(400);
    const ratio = rowOf(res.html, 'muiTiemHoChieuVacXin');
    expect(ratio).toContain('value="3.400.000/"');
    expect(ratio).toContain('aria-invalid="true"');
    expect(textOf(ratio)).toContain('Tỷ lệ viết dạng tử số/mẫu số, ví dụ 460/475.');
    // The API's own rule (a percentage is at most 100), beside the field.
    const percent = rowOf(res.html, 'coSoKcbThanhToanKhongTienMat');
    expect(percent).toContain('value="120"');
    expect(textOf(percent)).toContain('Chỉ số phần trăm tối đa 100');
    expect(rowOf(res.html, 'tyLeCoSoTrienKhai')).toContain('value="khoảng 90"');
    expect(textOf(res.html)).toContain('Đã lưu 1 giá trị; 3 ô chưa lưu được');

    expect(await valueOf('muiTiemHoChieuVacXin', '2024-01')).toBeNull();
    expect((await valueOf('coSoKcbThanhToanKhongTienMat', '2024-01')).value).toBe(98.5);
    expect(await valueOf('coSoTrienKhai', '2024-01')).toMatchObject({
      value: 180,
      denominator: 200,
    });
  });

  it('refuses a value changed meanwhile (stale version) and keeps the one typed', async () => {
    const fields = entryForm((await syt.get('/chi-so')).html);
    expect(fields['version.duLieuTiemChungDaLamSach']).toBe('1');
    const meanwhile = await t.request(
      'POST',
      '/api/v1/indicators/duLieuTiemChungDaLamSach/values',
      { token, body: { period: '2024-01', value: 211_000, denominator: 282_654, version: 1 } },
    );
    expect(meanwhile.status).toBe(200);
    const res = await syt.post('/chi-so', {
      ...fields,
      'value.duLieuTiemChungDaLamSach': '212.000/282.654',
    });
    expect(res.status).toBe(409);
    const row = rowOf(res.html, 'duLieuTiemChungDaLamSach');
    expect(row).toContain('value="212.000/282.654"');
    expect(textOf(row)).toContain('vừa được người khác cập nhật');
    // The page now carries the stored version: sent again, the typed value is saved.
    expect(textOf(row)).toContain('211.000/282.654');
    expect((await valueOf('duLieuTiemChungDaLamSach', '2024-01')).value).toBe(211_000);
    const retry = await syt.post('/chi-so', entryForm(res.html));
    expect(retry.status).toBe(303);
    expect((await valueOf('duLieuTiemChungDaLamSach', '2024-01')).value).toBe(212_000);
  });

  it("answers 403 to another agency's officer posting a value not theirs, and stores nothing", async () => {
    const stnmt = await WebClient.signedIn(t, 'stnmt@demo.example');
    const page = await stnmt.get('/chi-so');
    expect(page.html).toContain('data-indicator="thuaDatDaSoHoaToanTinh"');
    expect(page.html).not.toContain('data-indicator="muiTiemHoChieuVacXin"');
    const own = entryForm(page.html);
    const res = await stnmt.post('/chi-so', {
      ...own,
      'value.thuaDatDaSoHoaToanTinh': '712.100/712.100',
      'value.muiTiemHoChieuVacXin': '3.500.000/3.521.358',
      'version.muiTiemHoChieuVacXin': '0',
      'shown.muiTiemHoChieuVacXin': '',
    });
    expect(res.status).toBe(403);
    expect(textOf(res.html)).toContain('do Sở Y tế tỉnh Khánh Hòa nhập, không phải đơn vị của bạn');
    expect(await valueOf('muiTiemHoChieuVacXin', '2024-01')).toBeNull();
    // Its own value of the same form was not saved either: the refusal came first.
    expect(await valueOf('thuaDatDaSoHoaToanTinh', '2024-01')).toBeNull();

    // Its own value alone, without the session's CSRF token: refused as every form is.
    const forged = await stnmt.post(
      '/chi-so',
      { ...own, 'value.thuaDatDaSoHoaToanTinh': '712.100/712.100' },
      { csrf: false },
    );
    expect(forged.status).toBe(403);
    expect(await valueOf('thuaDatDaSoHoaToanTinh', '2024-01')).toBeNull();
  });

  it('shows a locked period read-only and refuses a value posted for it', async () => {
    const page = await syt.get('/chi-so?ky=2023-12');
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Số liệu chỉ số tháng 12/2023');
    expect(text).toContain('Kỳ tháng 12/2023 đã chốt số liệu');
    expect(page.html).not.toContain('name="value.');
    expect(textOf(rowOf(page.html, 'duLieuTiemChungDaLamSach'))).toContain(
      '206.076/282.654 dữ liệu (72,9%)',
    );

    const res = await syt.post('/chi-so', {
      period: '2023-12',
      'value.duLieuTiemChungDaLamSach': '206.100/282.654',
      'version.duLieuTiemChungDaLamSach': '1',
      'shown.duLieuTiemChungDaLamSach': '206076/282654',
    });
    expect(res.status).toBe(409);
    expect(textOf(res.html)).toContain('đã chốt số liệu');
    expect(res.html).toContain('value="206.100/282.654"');
    expect((await valueOf('duLieuTiemChungDaLamSach', '2023-12')).value).toBe(206_076);

    // A period not yet come is not a form the page shows.
    const future = await syt.post('/chi-so', {
      period: '2024-02',
      'value.duLieuTiemChungDaLamSach': '1',
    });
    expect(future.status).toBe(400);
    expect(await valueOf('duLieuTiemChungDaLamSach', '2024-02')).toBeNull();
  });

  it('lets the secretariat enter any value and other roles only read', async () => {
    const thuky = await WebClient.signedIn(t, 'thuky@demo.example');
    const page = await thuky.get('/chi-so');
    expect(page.html).toContain('href="/chi-so"');
    const fields = entryForm(page.html);
    expect(fields).toHaveProperty(['value.hoSoCccdDaThuNhan']);
    expect(fields).toHaveProperty(['value.thuaDatDaSoHoaToanTinh']);
    const saved = await thuky.post('/chi-so', {
      ...fields,
      'value.hoSoCccdDaThuNhan': '1.199.000',
    });
    expect(saved.status).toBe(303);
    expect((await valueOf('hoSoCccdDaThuNhan', '2024-01')).value).toBe(1_199_000);

    const lanhdao = await WebClient.signedIn(t, 'lanhdao@demo.example');
    const read = await lanhdao.get('/chi-so');
    expect(read.status).toBe(200);
    expect(read.html).not.toContain('href="/chi-so"');
    expect(read.html).not.toContain('name="value.');
    expect(textOf(rowOf(read.html, 'hoSoCccdDaThuNhan'))).toContain('1.199.000 hồ sơ');
    const refused = await lanhdao.post('/chi-so', {
      period: '2024-01',
      'value.hoSoCccdDaThuNhan': '1',
    });
    expect(refused.status).toBe(403);
    expect((await valueOf('hoSoCccdDaThuNhan', '2024-01')).value).toBe(1_199_000);
  });

  it("charts a pilot's named figures over the periods on its page", async () => {
    const page = await syt.get('/mo-hinh/4');
    expect(page.status).toBe(200);
    const start = page.html.indexOf('id="chi-so"');
    expect(start).toBeGreaterThan(0);
    const card = page.html.slice(start, page.html.indexOf('</section>', start));
    expect(card).toContain('data-indicator="coSoTrienKhai"');
    expect(card).toContain('class="sparkline"');
    // December's figure and January's, both in the table under the chart.
    expect(textOf(card)).toContain('01/2024 180/200 cơ sở (90%)');
    expect(textOf(card)).toContain('Cơ sở KCB triển khai');
    // December's report lists its metrics by the indicators' names.
    const metric = /<li data-metric="coSoTrienKhai">[\s\S]*?<\/li>/.exec(page.html);
    expect(textOf(metric![0])).toBe('Cơ sở KCB triển khai: 176');
  });
});
