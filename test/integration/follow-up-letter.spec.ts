import JSZip from 'jszip';
import { DataSource } from 'typeorm';
import { CalendarService } from '../../src/calendar/calendar.service.js';
import {
  addWorkingDays,
  weekendCalendar,
  workingDaysBetween,
} from '../../src/calendar/domain/working-days.js';
import { FixedClock } from '../../src/common/clock.js';
import {
  buildFollowUpLetter,
  placeAndDate,
  slug,
} from '../../src/recommendations/follow-up-letter/follow-up-letter.model.js';
import { loadFollowUpLetterSource } from '../../src/recommendations/follow-up-letter/follow-up-letter.source.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { decodeXml } from '../support/docx.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const NOW = new Date('2024-01-15T03:00:00Z');
const TWIPS_PER_MM = 1440 / 25.4;

/** The text of each paragraph of document.xml, runs joined, tabs as spaces. */
function paragraphs(xml: string): string[] {
  return xml
    .split('</w:p>')
    .map((p) =>
      decodeXml(
        [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)]
          .map((m) => m[1] ?? ' ')
          .join(''),
      ),
    )
    .filter((p) => p.trim() !== '');
}

const attr = (element: string, name: string) =>
  Number(new RegExp(`${name}="(-?\\d+)"`).exec(element)?.[1]);

describe('follow-up letter (công văn đôn đốc) as .docx', () => {
  let t: TestApp;
  let ds: DataSource;
  let thuky: string;
  const clock = new FixedClock(NOW);
  const idOf = async (documentNumber: string) =>
    (
      (await ds.query(`SELECT id FROM recommendation WHERE document_number = $1`, [
        documentNumber,
      ])) as { id: string }[]
    )[0].id;

  /** Escalation rows as the engine writes them, inserted directly so the test is deterministic. */
  async function reach(id: string, levels: number[]): Promise<void> {
    const calendar = await t.app.get(CalendarService).current();
    const [{ due }] = (await ds.query(
      `SELECT response_due_at AS due FROM recommendation WHERE id = $1`,
      [id],
    )) as { due: Date }[];
    const names = ['Nhắc hạn', 'Đôn đốc', 'Báo cáo lãnh đạo'];
    const after = [0, 10, 20];
    for (const level of levels) {
      const at = addWorkingDays(due, after[level - 1], calendar);
      // Each addressee has its own ladder: the step is recorded for every one of them.
      await ds.query(
        `INSERT INTO escalation_event (recommendation_id, agency_id, cycle, level, repeat, level_name, outcome, due_at, occurred_at, working_days_overdue)
         SELECT $1, ra.agency_id, 1, $2, 0, $3, 'FIRED', $4, $4, $5
           FROM recommendation_addressee ra WHERE ra.recommendation_id = $1
         ON CONFLICT DO NOTHING`,
        [id, level, names[level - 1], at, workingDaysBetween(due, at, calendar)],
      );
    }
  }

  async function download(id: string, token = thuky) {
    const res = await fetch(
      new URL(`/api/v1/recommendations/${id}/follow-up-letter`, await t.app.getUrl()),
      { headers: { authorization: `Bearer ${token}` } },
    );
    const bytes = Buffer.from(await res.arrayBuffer());
    return {
      status: res.status,
      headers: Object.fromEntries(res.headers),
      bytes,
      json: () => JSON.parse(bytes.toString('utf8')),
    };
  }

  beforeAll(async () => {
    t = await startTestApp({ clock });
    ds = t.app.get(DataSource);
    thuky = await t.login('thuky@demo.example');
  });
  afterAll(() => t.close());

  describe('for 5772/TCTĐA06-CAT at level 2', () => {
    let id: string;
    let xml: string;
    let text: string[];
    let res: Awaited<ReturnType<typeof download>>;

    beforeAll(async () => {
      id = await idOf('5772/TCTĐA06-CAT');
      await reach(id, [1, 2]);
      res = await download(id);
      expect(res.status).toBe(200);
      const zip = await JSZip.loadAsync(res.bytes);
      xml = await zip.file('word/document.xml')!.async('string');
      text = paragraphs(xml);
    });

    it('downloads as a .docx named after the letter number', () => {
      expect(res.headers['content-type']).toBe(DOCX);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="don-doc-5772-tctda06-cat.docx"',
      );
      expect(res.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    });

    it('opens with the two-column header of the working group and the national motto', () => {
      const head = text.slice(0, 7);
      expect(head).toEqual([
        'UBND TỈNH KHÁNH HÒA',
        'TỔ CÔNG TÁC ĐỀ ÁN 06',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Số:      /TCTĐA06-CAT',
        'V/v đôn đốc trả lời kiến nghị',
        'Khánh Hòa, ngày 15 tháng 01 năm 2024',
      ]);
      // Header and closing are borderless two-column tables.
      expect(xml.match(/<w:tbl>/g)).toHaveLength(2);
      expect(xml.match(/<w:tc>/g)!.length).toBeGreaterThanOrEqual(6);
    });

    it('addresses the letter to its recipients and cites the original letter, its content and the delay', async () => {
      const all = text.join('\n');
      expect(all).toContain(
        'Kính gửi: - Tổ công tác triển khai Đề án 06 của Chính phủ;\n- Bộ Công an.',
      );
      const first = text.find((p) => p.startsWith('Ngày 09/10/2023'))!;
      expect(first).toContain(
        'Tổ công tác Đề án 06 tỉnh Khánh Hòa có Văn bản số 5772/TCTĐA06-CAT gửi Tổ công tác triển khai Đề án 06 của Chính phủ và Bộ Công an',
      );
      expect(first).toContain('thực hiện thông báo lưu trú qua ứng dụng VNeID');
      expect(all).toContain('Thông báo lưu trú qua ứng dụng VNeID');

      const calendar = await t.app.get(CalendarService).current();
      const [{ due }] = (await ds.query(
        `SELECT response_due_at AS due FROM recommendation WHERE id = $1`,
        [id],
      )) as { due: Date }[];
      const working = workingDaysBetween(due, NOW, calendar);
      expect(working).toBeGreaterThan(40);
      const vn = (d: Date) =>
        new Date(d.getTime() + 7 * 3_600_000)
          .toISOString()
          .slice(0, 10)
          .split('-')
          .reverse()
          .join('/');
      // The date the province asked for, and nothing of the service's own ladder.
      expect(all).toContain(
        `Tỉnh Khánh Hòa đề nghị trả lời kiến nghị trước ngày ${vn(due)}; đến nay, ngày 15/01/2024, Tổ công tác Đề án 06 tỉnh Khánh Hòa chưa nhận được văn bản trả lời.`,
      );
      for (const internal of [
        'mức',
        'Mức',
        'lần nhắc',
        'ngày làm việc',
        'theo lịch',
        'Nhắc hạn',
        'Đôn đốc”',
      ])
        expect(all).not.toContain(internal);
      // The original request is quoted once; the closing refers back to it.
      expect(all.split('5772/TCTĐA06-CAT')).toHaveLength(2);
      expect(all).toMatch(
        /kính đề nghị .* sớm có văn bản trả lời, hướng dẫn đối với kiến nghị nêu trên để tỉnh Khánh Hòa có cơ sở triển khai thực hiện\.\/\.$/m,
      );
    });

    it('closes with "Nơi nhận" and the signer, in the official type sizes', () => {
      const all = text.join('\n');
      const from = text.indexOf('Nơi nhận:');
      expect(text.slice(from, from + 4)).toEqual([
        'Nơi nhận:',
        '- Như trên;',
        '- Chủ tịch và các PCT UBND tỉnh (để báo cáo);',
        '- Lưu: VT, TCTĐA06.',
      ]);
      expect(all).toContain('TM. TỔ CÔNG TÁC\nTỔ TRƯỞNG\nCHỦ TỊCH UBND TỈNH');
      const runOf = (s: string) => xml.split('</w:r>').find((r) => r.includes(`>${s}</w:t>`))!;
      const noiNhan = runOf('Nơi nhận:');
      expect(noiNhan).toContain('<w:b/>');
      expect(noiNhan).toContain('<w:i/>');
      expect(noiNhan).toContain('<w:sz w:val="24"/>');
      expect(runOf('- Như trên;')).toContain('<w:sz w:val="22"/>');
      expect(runOf('TỔ TRƯỞNG')).toContain('<w:b/>');
      expect(runOf('Khánh Hòa, ngày 15 tháng 01 năm 2024')).toContain('<w:i/>');
      expect(runOf('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toContain('<w:b/>');
    });

    it('keeps Vietnamese diacritics intact, precomposed (NFC)', () => {
      expect(xml.normalize('NFC')).toBe(xml);
      expect(xml).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(xml).toContain('đôn đốc trả lời kiến nghị');
      expect(xml).not.toContain('\ufffd');
    });

    it('is laid out on A4 with the margins, font and paragraphs of Nghị định 30 (§8)', () => {
      const sectPr = /<w:sectPr[\s\S]*?<\/w:sectPr>/.exec(xml)![0];
      const pgSz = /<w:pgSz[^>]*>/.exec(sectPr)![0];
      expect([attr(pgSz, 'w:w'), attr(pgSz, 'w:h')]).toEqual([11906, 16838]);
      expect(pgSz).not.toContain('landscape');
      const pgMar = /<w:pgMar[^>]*>/.exec(sectPr)![0];
      const margin = (side: string) => attr(pgMar, `w:${side}`) / TWIPS_PER_MM;
      expect(margin('top')).toBeGreaterThanOrEqual(20);
      expect(margin('top')).toBeLessThanOrEqual(25);
      expect(margin('bottom')).toBeGreaterThanOrEqual(20);
      expect(margin('bottom')).toBeLessThanOrEqual(25);
      expect(margin('left')).toBeGreaterThanOrEqual(30);
      expect(margin('left')).toBeLessThanOrEqual(35);
      expect(margin('right')).toBeGreaterThanOrEqual(15);
      expect(margin('right')).toBeLessThanOrEqual(20);
      // Page numbers from the second page: a different first-page header.
      expect(sectPr).toContain('<w:titlePg/>');

      const fonts = [...xml.matchAll(/<w:rFonts [^>]*w:ascii="([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(fonts)).toEqual(new Set(['Times New Roman']));
      const bodyParagraph = xml.split('</w:p>').find((p) => p.includes('Ngày 09/10/2023'))!;
      expect(bodyParagraph).toContain('<w:jc w:val="both"/>');
      expect(bodyParagraph).toContain('<w:sz w:val="28"/>');
      const firstLine = attr(/<w:ind [^>]*>/.exec(bodyParagraph)![0], 'w:firstLine');
      expect(firstLine / TWIPS_PER_MM).toBeGreaterThanOrEqual(10);
      expect(firstLine / TWIPS_PER_MM).toBeLessThanOrEqual(12.7);
      expect(attr(/<w:spacing [^>]*>/.exec(bodyParagraph)![0], 'w:after')).toBeGreaterThanOrEqual(
        120,
      );
    });

    it('is drafted for leadership too, but not for an agency officer', async () => {
      const leader = await download(id, await t.login('lanhdao@demo.example'));
      expect(leader.status).toBe(200);
      const officer = await download(id, await t.login('syt@demo.example'));
      expect(officer.status).toBe(403);
      expect(officer.json().code).toBe('FORBIDDEN');
    });
  });

  it('answers 409 in Vietnamese for a letter only at level 1', async () => {
    const id = await idOf('5305/TCTĐA06(CAT-STTTT)');
    await reach(id, [1]);
    const res = await download(id);
    expect(res.status).toBe(409);
    expect(res.json()).toMatchObject({
      statusCode: 409,
      code: 'CONFLICT',
      message:
        'Chỉ soạn công văn đôn đốc khi kiến nghị đã đến mức đôn đốc 2 trở lên (hiện ở mức 1).',
      details: { state: 'SENT', level: 1 },
    });
  });

  it('answers 409 for a draft, and for a letter answered after reaching level 2', async () => {
    const draft = await t.request('POST', '/api/v1/recommendations', {
      token: thuky,
      body: { addresseeCodes: ['BYT'], summary: 'Dự thảo kiến nghị' },
    });
    expect(draft.status).toBe(201);
    const refused = await download(draft.body.id);
    expect(refused.status).toBe(409);
    expect(refused.json().message).toBe(
      'Chỉ soạn công văn đôn đốc cho kiến nghị đã gửi và đang chờ trả lời (kiến nghị đang ở trạng thái DRAFT).',
    );

    const id = await idOf('2754/STTTT-TTCNTT&DVHCCTT');
    await reach(id, [1, 2]);
    expect((await download(id)).status).toBe(200);
    const answer = await t.request('POST', `/api/v1/recommendations/${id}/responses`, {
      token: thuky,
      body: { documentNumber: '12/C06-TTDL', date: '2024-01-12', summary: 'Cục C06 đã trả lời.' },
    });
    expect(answer.status).toBe(200);
    const answered = await download(id);
    expect(answered.status).toBe(409);
    expect(answered.json().details).toEqual({ state: 'ANSWERED', level: 2 });
  });

  it('says where report 442 went and whom it asks, and copies its Nơi nhận for information', async () => {
    const [{ id }] = (await ds.query(
      `SELECT r.id FROM recommendation r JOIN recommendation_addressee ra ON ra.recommendation_id = r.id
         JOIN agency a ON a.id = ra.agency_id
        WHERE r.document_number = '442/BC-TCTĐA06' AND a.code = 'BYT'`,
    )) as { id: string }[];
    await reach(id, [1, 2]);
    const res = await download(id);
    expect(res.status).toBe(200);
    const xml = await (await JSZip.loadAsync(res.bytes)).file('word/document.xml')!.async('string');
    const text = paragraphs(xml);
    expect(text).toContain('Kính gửi: Bộ Y tế.');
    // 442 went to its Nơi nhận, not to Bộ Y tế, which it asks to act.
    expect(text.find((p) => p.startsWith('Ngày 20/12/2023'))).toMatch(
      /^Ngày 20\/12\/2023, Tổ công tác Đề án 06 tỉnh Khánh Hòa có Văn bản số 442\/BC-TCTĐA06 gửi Văn phòng Chính phủ, Bộ Công an và Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa, kiến nghị Bộ Y tế nội dung sau: “Kiến nghị Bộ Y tế chỉ đạo/,
    );
    const from = text.indexOf('Nơi nhận:');
    expect(text.slice(from, from + 8)).toEqual([
      'Nơi nhận:',
      '- Như trên;',
      '- Tổ công tác triển khai Đề án 06 của Chính phủ (để báo cáo);',
      '- Chủ tịch và các PCT UBND tỉnh (để báo cáo);',
      '- Văn phòng Chính phủ (để biết);',
      '- Bộ Công an (để biết);',
      '- Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa (để biết);',
      '- Lưu: VT, TCTĐA06.',
    ]);
  });

  it('asks only the addressees that still owe an answer, and keeps how late each is in its facts', async () => {
    // A letter to two ministries (issue 12, item 1): Bộ Công an answered, Bộ Y tế did not.
    const created = await t.request('POST', '/api/v1/recommendations', {
      token: thuky,
      body: {
        addresseeCodes: ['BCA', 'BYT'],
        summary: 'Đề nghị hướng dẫn kết nối dữ liệu tiêm chủng với CSDLQG về dân cư',
        documentNumber: '901/TCTĐA06-CAT',
        letterDate: '2023-11-01',
        sentAt: '2023-11-01T02:00:00Z',
        responseDueAt: '2023-11-20T10:00:00Z',
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const answered = await t.request('POST', `/api/v1/recommendations/${id}/responses`, {
      token: thuky,
      body: {
        addresseeCode: 'BCA',
        documentNumber: '77/BCA-C06',
        date: '2024-01-12',
        summary: 'Bộ Công an đã hướng dẫn.',
      },
    });
    expect(answered.status).toBe(200);
    await reach(id, [1, 2]);

    const res = await download(id);
    expect(res.status).toBe(200);
    const xml = await (await JSZip.loadAsync(res.bytes)).file('word/document.xml')!.async('string');
    const all = paragraphs(xml).join('\n');
    expect(all).toContain('Kính gửi: Bộ Y tế.');
    // The one that answered is no longer named: not asked, not cited, not copied.
    expect(all).not.toContain('Bộ Công an');
    expect(all).toContain(
      'Tổ công tác Đề án 06 tỉnh Khánh Hòa có Văn bản số 901/TCTĐA06-CAT kiến nghị Bộ Y tế nội dung sau:',
    );
    expect(all).toContain(
      'Tỉnh Khánh Hòa đề nghị trả lời kiến nghị trước ngày 20/11/2023; đến nay, ngày 15/01/2024, Tổ công tác Đề án 06 tỉnh Khánh Hòa chưa nhận được văn bản trả lời của Bộ Y tế.',
    );
    expect(all).not.toContain('ngày làm việc');

    // How late each addressee is stays in the draft's facts, for the secretariat.
    const calendar = await t.app.get(CalendarService).current();
    const letter = buildFollowUpLetter(await loadFollowUpLetterSource(ds, id, NOW, calendar));
    const late = workingDaysBetween(new Date('2023-11-20T10:00:00Z'), NOW, calendar);
    expect(late).toBeGreaterThan(30);
    expect(letter.facts.addresseeStatus).toBe(
      `Bộ Công an: đã trả lời ngày 12/01/2024; Bộ Y tế: quá hạn ${late} ngày làm việc`,
    );
    expect(letter.facts.workingDaysOverdue).toBe(late);
    expect(letter.salutation.addressees).toEqual(['Bộ Y tế.']);
  });

  it('answers 404 for an unknown letter and 400 for a malformed id', async () => {
    const unknown = await download('00000000-0000-4000-8000-000000000000');
    expect([unknown.status, unknown.json().code]).toEqual([404, 'NOT_FOUND']);
    const malformed = await download('khong-phai-uuid');
    expect([malformed.status, malformed.json().code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('writes dates and file names the official way', () => {
    expect(placeAndDate('Khánh Hòa', '2024-01-05')).toBe('Khánh Hòa, ngày 05 tháng 01 năm 2024');
    expect(placeAndDate('Khánh Hòa', '2023-12-20')).toBe('Khánh Hòa, ngày 20 tháng 12 năm 2023');
    expect(placeAndDate('Khánh Hòa', '2024-03-15')).toBe('Khánh Hòa, ngày 15 tháng 3 năm 2024');
    expect(slug('5305/TCTĐA06(CAT-STTTT)')).toBe('5305-tctda06-cat-stttt');
    expect(slug('3829/STNMT-VPĐKĐĐ')).toBe('3829-stnmt-vpdkdd');
  });

  it('sums up a long run of reminders by the first and the latest ones', () => {
    const letter = buildFollowUpLetter({
      recommendation: {
        id: '4338',
        state: 'SENT',
        documentNumber: '4338/SYT-TCHC',
        letterDate: '2022-10-27',
        responseDueAt: new Date('2022-11-17T01:00:00Z'),
        summary: 'Đề nghị hỗ trợ làm sạch dữ liệu tiêm chủng COVID-19',
        cycle: 1,
        sender: { code: 'SYT', name: 'Sở Y tế tỉnh Khánh Hòa' },
        addressees: [
          { code: 'BYT_CNTT', name: 'Cục Công nghệ thông tin' },
          { code: 'BYT_YTDP', name: 'Cục Y tế dự phòng' },
        ],
        concerns: [],
        responses: [],
      },
      escalations: [1, 2, 3, 4, 5, 6, 7].map((n) => ({
        cycle: 1,
        level: Math.min(n, 3),
        levelName: ['Nhắc hạn', 'Đôn đốc', 'Báo cáo lãnh đạo'][Math.min(n, 3) - 1],
        repeat: Math.max(0, n - 3),
        outcome: 'FIRED' as const,
        occurredAt: new Date(Date.UTC(2023, 0, n * 2, 1)),
      })),
      workingGroup: { code: 'TCT06CP', name: 'Tổ công tác triển khai Đề án 06 của Chính phủ' },
      now: NOW,
      calendar: weekendCalendar,
    });
    expect(letter.salutation.addressees).toEqual([
      '- Cục Công nghệ thông tin;',
      '- Cục Y tế dự phòng.',
    ]);
    expect(letter.facts.escalationLevel).toBe(3);
    expect(letter.paragraphs[0]).toBe(
      'Ngày 27/10/2022, Sở Y tế tỉnh Khánh Hòa có Văn bản số 4338/SYT-TCHC gửi Cục Công nghệ thông tin và Cục Y tế dự phòng, kiến nghị nội dung sau: “Đề nghị hỗ trợ làm sạch dữ liệu tiêm chủng COVID-19.”',
    );
    // Seven reminders mailed: the facts keep them, the letter does not list them.
    expect(letter.facts.reminders).toHaveLength(7);
    expect(letter.paragraphs.join('\n')).not.toMatch(/lần nhắc|mức \d/);
    expect(letter.recipients.items).toEqual([
      '- Như trên;',
      '- Tổ công tác triển khai Đề án 06 của Chính phủ (để báo cáo);',
      '- Chủ tịch và các PCT UBND tỉnh (để báo cáo);',
      '- Sở Y tế tỉnh Khánh Hòa (để phối hợp);',
      '- Lưu: VT, TCTĐA06.',
    ]);
  });

  it('copies no one twice: an addressee on the Nơi nhận is "Như trên", the groups are listed once', () => {
    const agency = (code: string, name: string) => ({ code, name });
    const letter = buildFollowUpLetter({
      recommendation: {
        id: '442-pilot-5',
        state: 'SENT',
        documentNumber: '442/BC-TCTĐA06',
        letterDate: '2023-12-20',
        responseDueAt: new Date('2024-01-11T01:00:00Z'),
        summary: 'Đề nghị Bộ Công an xem xét, hỗ trợ, hướng dẫn',
        cycle: 1,
        sender: agency('TCTDA06', 'Tổ công tác Đề án 06 tỉnh Khánh Hòa'),
        addressees: [agency('BCA', 'Bộ Công an')],
        distribution: [
          agency('VPCP', 'Văn phòng Chính phủ'),
          agency('BCA', 'Bộ Công an'),
          agency('TCT06CP', 'Tổ công tác triển khai Đề án 06 của Chính phủ'),
          agency('TCTDA06', 'Tổ công tác Đề án 06 tỉnh Khánh Hòa'),
        ],
        concerns: [],
        responses: [],
      },
      escalations: [1, 2].map((level) => ({
        cycle: 1,
        level,
        levelName: ['Nhắc hạn', 'Đôn đốc'][level - 1],
        repeat: 0,
        outcome: 'FIRED' as const,
        occurredAt: new Date(Date.UTC(2024, 0, 10 + level, 1)),
      })),
      workingGroup: agency('TCT06CP', 'Tổ công tác triển khai Đề án 06 của Chính phủ'),
      now: NOW,
      calendar: weekendCalendar,
    });
    expect(letter.paragraphs[0]).toContain(
      'có Văn bản số 442/BC-TCTĐA06 gửi Văn phòng Chính phủ, Bộ Công an, Tổ công tác triển khai Đề án 06 của Chính phủ và Tổ công tác Đề án 06 tỉnh Khánh Hòa, kiến nghị Bộ Công an nội dung sau:',
    );
    expect(letter.recipients.items).toEqual([
      '- Như trên;',
      '- Tổ công tác triển khai Đề án 06 của Chính phủ (để báo cáo);',
      '- Chủ tịch và các PCT UBND tỉnh (để báo cáo);',
      '- Văn phòng Chính phủ (để biết);',
      '- Lưu: VT, TCTĐA06.',
    ]);
  });
});
