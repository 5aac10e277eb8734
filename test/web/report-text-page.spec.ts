import JSZip from 'jszip';
import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { paragraphs } from '../support/docx.js';
import { textOf, WebClient } from '../support/web.js';

/** The fields of the form as the page sends them: every input and textarea with its value. */
function formFields(html: string, action = /\/noi-dung"/): Record<string, string> {
  const fields: Record<string, string> = {};
  const form = new RegExp(`<form[^>]*action="[^"]*${action.source}[\\s\\S]*?<\\/form>`).exec(
    html,
  )![0];
  for (const m of form.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) {
    fields[m[1]] = m[2];
  }
  for (const m of form.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>\n?([\s\S]*?)<\/textarea>/g)) {
    fields[m[1]] = m[2]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  }
  return fields;
}

/**
 * The page where the secretariat writes a period's report (issue 15, item 1): the draft carried
 * from December 2023, a section written and saved, the document printing it; read-only for a
 * locked period and for other roles.
 */
describe('web interface: the monthly report text', () => {
  let app: TestApp;
  let secretariat: WebClient;

  beforeAll(async () => {
    app = await startTestApp({ clock: new FixedClock(new Date('2024-01-15T03:00:00Z')) });
    secretariat = await WebClient.signedIn(app, 'thuky@demo.example');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lets the secretariat write January 2024 from the December draft; the report prints it', async () => {
    const periods = await secretariat.get('/cai-dat/ky-bao-cao');
    expect(periods.html).toContain('href="/cai-dat/ky-bao-cao/2023-12/noi-dung"');
    const page = await secretariat.get('/cai-dat/ky-bao-cao/2024-01/noi-dung');
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('bản nháp lấy từ báo cáo tháng 12/2023');
    const fields = formFields(page.html);
    expect(fields['sections.results']).toContain('1. Chỉ đạo, triển khai thực hiện');
    expect(fields['signer.name']).toBe('Nguyễn Tấn Tuân');

    fields['sections.tasks'] =
      '1. Hoàn thành đánh giá Mô hình 9 trước ngày 31/01/2024.\n- Đôn đốc các sở báo cáo đúng hạn.';
    fields.reportNumber = '27/BC-TCTĐA06';
    const bad = await secretariat.post('/cai-dat/ky-bao-cao/2024-01/noi-dung', {
      ...fields,
      reportDate: '2024-02-30',
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('aria-invalid="true"');
    const saved = await secretariat.post('/cai-dat/ky-bao-cao/2024-01/noi-dung', fields);
    expect(saved.status).toBe(303);
    const after = await secretariat.follow(saved);
    expect(textOf(after.html)).toContain('Đã lưu nội dung báo cáo tháng 01/2024');
    expect(textOf(after.html)).not.toContain('bản nháp lấy từ');

    const token = await app.login('lanhdao@demo.example');
    const res = await fetch(
      new URL('/api/v1/reports/monthly?period=2024-01&format=docx', await app.app.getUrl()),
      { headers: { authorization: `Bearer ${token}` } },
    );
    const xml = await (
      await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))
    )
      .file('word/document.xml')!
      .async('string');
    const text = paragraphs(xml);
    expect(text).toContain('Số: 27/BC-TCTĐA06');
    expect(text).toContain('1. Hoàn thành đánh giá Mô hình 9 trước ngày 31/01/2024.');
    expect(text).toContain('- Đôn đốc các sở báo cáo đúng hạn.');
  });

  it('shows a locked period and other roles the text without a form', async () => {
    const locked = await secretariat.get('/cai-dat/ky-bao-cao/2023-12/noi-dung');
    expect(locked.status).toBe(200);
    expect(textOf(locked.html)).toContain('đã chốt số liệu: nội dung báo cáo không sửa được nữa');
    expect(locked.html).not.toContain('action="/cai-dat/ky-bao-cao/2023-12/noi-dung"');
    expect(locked.html).toContain('<fieldset disabled');
    const admin = await WebClient.signedIn(app, 'admin@demo.example');
    const page = await admin.get('/cai-dat/ky-bao-cao/2024-01/noi-dung');
    expect(page.html).not.toContain('action="/cai-dat/ky-bao-cao/2024-01/noi-dung"');
    const refused = await admin.post('/cai-dat/ky-bao-cao/2024-01/noi-dung', { version: '1' });
    expect(refused.status).toBe(403);
    const officer = await WebClient.signedIn(app, 'syt@demo.example');
    expect((await officer.get('/cai-dat/ky-bao-cao/2024-01/noi-dung')).status).toBe(403);
  });

  it('lets the secretariat set the defaults on a form of their own, each refusal beside its field', async () => {
    const periods = await secretariat.get('/cai-dat/ky-bao-cao');
    expect(periods.html).toContain('href="/cai-dat/ky-bao-cao/mac-dinh"');
    const page = await secretariat.get('/cai-dat/ky-bao-cao/mac-dinh');
    expect(page.status).toBe(200);
    const fields = formFields(page.html, /\/mac-dinh"/);
    expect(fields).toMatchObject({
      version: '0',
      symbol: 'BC-TCTĐA06',
      place: 'Khánh Hòa',
      'signer.authority': 'TM. TỔ CÔNG TÁC',
      'signer.title': 'TỔ TRƯỞNG',
      'signer.name': 'Nguyễn Tấn Tuân',
    });
    expect(fields.distribution.split('\n')[0]).toBe('Văn phòng Chính phủ (báo cáo)');

    // A ký hiệu with a space and a slash, no place, a line of Nơi nhận too long: each refused
    // beside its own field, the rest kept as typed.
    const bad = await secretariat.post('/cai-dat/ky-bao-cao/mac-dinh', {
      ...fields,
      symbol: 'BC TCT/ĐA06',
      place: '',
      'signer.name': 'Trần Thị Mỹ Hạnh',
      distribution: `Bộ Công an (báo cáo);\n${'Văn phòng '.repeat(31)}`,
    });
    expect(bad.status).toBe(400);
    const problem = (id: string) =>
      new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(bad.html)?.[1];
    expect(problem('symbol')).toContain('Ký hiệu của báo cáo');
    expect(problem('place')).toContain('Địa danh');
    expect(problem('distribution')).toContain('300 ký tự');
    expect(problem('signer-name')).toBeUndefined();
    expect(formFields(bad.html, /\/mac-dinh"/)['signer.name']).toBe('Trần Thị Mỹ Hạnh');

    const saved = await secretariat.post('/cai-dat/ky-bao-cao/mac-dinh', {
      ...fields,
      symbol: 'BC-TCTĐA06-KH',
      place: 'Nha Trang',
      'signer.authority': 'KT. TỔ TRƯỞNG',
      'signer.title': 'TỔ PHÓ THƯỜNG TRỰC',
      'signer.subtitle': 'GIÁM ĐỐC CÔNG AN TỈNH',
      'signer.name': 'Trần Thị Mỹ Hạnh',
      distribution: 'Văn phòng Chính phủ (báo cáo);\nBộ Công an (báo cáo);\nLưu: VT.',
    });
    expect(saved.status).toBe(303);
    const after = await secretariat.follow(saved);
    expect(textOf(after.html)).toContain('Đã lưu cài đặt mặc định của báo cáo tháng.');
    expect(formFields(after.html, /\/mac-dinh"/)).toMatchObject({
      version: '1',
      symbol: 'BC-TCTĐA06-KH',
      place: 'Nha Trang',
      'signer.name': 'Trần Thị Mỹ Hạnh',
    });

    // November 2023 has no text of its own: the new defaults; December 2023, locked, keeps 442's.
    const token = await app.login('lanhdao@demo.example');
    const docx = async (period: string) => {
      const res = await fetch(
        new URL(`/api/v1/reports/monthly?period=${period}&format=docx`, await app.app.getUrl()),
        { headers: { authorization: `Bearer ${token}` } },
      );
      expect(res.status).toBe(200);
      const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
      return paragraphs(await zip.file('word/document.xml')!.async('string'));
    };
    const november = await docx('2023-11');
    for (const line of [
      'Số:       /BC-TCTĐA06-KH',
      'Nha Trang, ngày      tháng 11 năm 2023',
      'KT. TỔ TRƯỞNG',
      'TỔ PHÓ THƯỜNG TRỰC',
      'GIÁM ĐỐC CÔNG AN TỈNH',
      'Trần Thị Mỹ Hạnh',
      '- Lưu: VT.',
    ]) {
      expect([line, november.includes(line)]).toEqual([line, true]);
    }
    const december = await docx('2023-12');
    expect(december).toContain('Số: 442/BC-TCTĐA06');
    expect(december).toContain('Khánh Hòa, ngày 20 tháng 12 năm 2023');
    expect(december).toContain('Nguyễn Tấn Tuân');
    expect(december).not.toContain('Trần Thị Mỹ Hạnh');

    // Administrators read the defaults without a form; officers are not in the settings.
    const admin = await WebClient.signedIn(app, 'admin@demo.example');
    const readOnly = await admin.get('/cai-dat/ky-bao-cao/mac-dinh');
    expect(readOnly.html).not.toContain('action="/cai-dat/ky-bao-cao/mac-dinh"');
    expect(readOnly.html).toContain('<fieldset disabled');
    expect((await admin.post('/cai-dat/ky-bao-cao/mac-dinh', { version: '1' })).status).toBe(403);
    const officer = await WebClient.signedIn(app, 'syt@demo.example');
    expect((await officer.get('/cai-dat/ky-bao-cao/mac-dinh')).status).toBe(403);
  });
});
