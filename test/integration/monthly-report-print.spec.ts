import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { FixedClock } from '../../src/common/clock.js';
import type { MonthlyReportModel } from '../../src/documents/monthly/monthly-report.model.js';
import { textWidth } from '../../src/documents/monthly/times-metrics.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { paragraphs, tables } from '../support/docx.js';
import { DataSource } from 'typeorm';
import { ReferenceLetterOrder1796340000000 } from '../../migrations/1796340000000-ReferenceLetterOrder.js';
import { narrativeLines } from '../../src/periods/report-text.js';
import { REPORT_442_SECTIONS } from '../../src/seed/report-442-text.js';

const run = promisify(execFile);
const SOFFICE = '/usr/bin/soffice';
const PDFTOTEXT = '/usr/bin/pdftotext';
const unavailable = !existsSync(SOFFICE)
  ? `${SOFFICE} is not installed (apt-get install libreoffice-writer-nogui)`
  : !existsSync(PDFTOTEXT)
    ? `${PDFTOTEXT} is not installed (apt-get install poppler-utils)`
    : null;
if (unavailable) {
  console.warn(
    `The report's print test reads the document's XML only, not its PDF: ${unavailable}`,
  );
}
const withPdf = unavailable ? it.skip : it;

/** The Decree 30 header of report 442, as its first page prints it. */
const HEADER_442 = [
  'UBND TỈNH KHÁNH HÒA',
  'TỔ CÔNG TÁC ĐỀ ÁN 06',
  'Số: 442/BC-TCTĐA06',
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'Khánh Hòa, ngày 20 tháng 12 năm 2023',
  'BÁO CÁO',
];
const COLUMNS_442 = ['TT', 'Tên mô hình', 'Đơn vị chủ trì', 'Kết quả, tiến độ thực hiện'];
const LETTER_COLUMNS = [
  'TT',
  'Số, ngày văn bản',
  'Nội dung kiến nghị',
  'Cơ quan nhận',
  'Hạn trả lời',
  'Quá hạn (ngày làm việc)',
];
/** Report 442's ten recommendations as its section III gives them (the seed's keys). */
const ORDER_442 = [
  '442-vneid',
  '442-dvc',
  '442-covid',
  '442-pilot-2',
  '442-pilot-5',
  '442-pilot-6',
  '442-pilot-9',
  '442-pilot-16',
  '442-pilot-25',
  '442-api-docs',
];

/**
 * The December 2023 report as it prints (issue 15, items 1 and 2): the .docx a fresh start
 * answers is report 442 — Decree 30 header, its body, both appendices on pages of their own,
 * numbered from 1 — and its tables keep dates whole. With LibreOffice the document is converted
 * to PDF and read back with pdftotext; the same facts are checked in the document's XML always.
 */
describe('the monthly report as printed', () => {
  let t: TestApp;
  let token: string;
  let dir: string;
  let docx: Buffer;
  let model: MonthlyReportModel;

  const download = async (query: string) => {
    const res = await fetch(new URL(`/api/v1/reports/monthly?${query}`, await t.app.getUrl()), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2024-01-15T03:00:00Z')) });
    token = await t.login('thuky@demo.example');
    dir = await mkdtemp(join(tmpdir(), 'de-an-06-print-'));
    docx = await download('period=2023-12&format=docx');
    model = (
      await t.request<MonthlyReportModel>('GET', '/api/v1/reports/monthly?period=2023-12', {
        token,
      })
    ).body;
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const dates = () => [
    ...new Set(
      model.recommendations.rows.flatMap((r) => [
        r.letterDate,
        ...r.addresseeRows.map((a) => a.responseDue),
      ]),
    ),
  ];

  it('is report 442 in its XML: header, sections, signer, both appendices numbered from 1', async () => {
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    const text = paragraphs(xml);
    for (const line of [
      ...HEADER_442,
      'I. KẾT QUẢ CÁC MẶT CÔNG TÁC',
      'II. NHẬN XÉT, ĐÁNH GIÁ',
      'III. KIẾN NGHỊ, ĐỀ XUẤT',
      'IV. NHIỆM VỤ TRỌNG TÂM TRONG THỜI GIAN TỚI',
      'Nơi nhận:',
      '- Văn phòng Chính phủ (báo cáo)',
      'TM. TỔ CÔNG TÁC',
      'TỔ TRƯỞNG',
      'CHỦ TỊCH UBND TỈNH',
      'Nguyễn Tấn Tuân',
      'PHỤ LỤC I',
      'PHỤ LỤC II',
      '(Kèm theo Báo cáo số 442/BC-TCTĐA06 ngày 20/12/2023 của Tổ công tác Đề án 06 tỉnh Khánh Hòa)',
      '(Tháng 12/2023)',
    ]) {
      expect(text).toContain(line);
    }
    expect(text.join('\n')).not.toContain('SỐ LIỆU BÁO CÁO');
    expect(text.join('\n')).not.toContain('kỳ báo cáo chưa chốt');
    // The generated I.5.1 sentence, the narrative around it, the blockers and the letters.
    expect(text).toContain('(có phụ lục kết quả kèm theo).');
    expect(text.some((p) => p.includes('Đến nay, đã ghi nhận 23 mô hình'))).toBe(true);
    expect(
      text.some((p) => p.startsWith('+ Mô hình 25 (Quản lý thông tin người sử dụng đất')),
    ).toBe(true);
    expect(text.some((p) => p.startsWith('- Kiến nghị Bộ Y tế chỉ đạo'))).toBe(true);
    expect(text.some((p) => p.includes('268.905 hồ sơ'))).toBe(true);

    // Section I is the period's narrative (442's sentences, its figures in them) around the
    // I.5.1 sentences: no generated list of figures, no milestone line 442 does not have.
    // Its lines as printed: footnote lines ("[^4]: …") at the foot of the page, marks removed.
    const lines = (t: string) =>
      narrativeLines(t)
        .filter((l) => !/^\[\^\d+\]:/.test(l.text))
        .map((l) => l.text.replace(/\[\^\d+\]/g, ''));
    expect(
      text.slice(
        text.indexOf('I. KẾT QUẢ CÁC MẶT CÔNG TÁC') + 1,
        text.indexOf('II. NHẬN XÉT, ĐÁNH GIÁ'),
      ),
    ).toEqual([
      ...lines(REPORT_442_SECTIONS.results),
      '5. Nhóm tiện ích phát triển kinh tế, xã hội',
      '5.1. Kết quả ứng dụng CSDLQG về dân cư, CCCD, định danh và xác thực điện tử phục vụ phát triển kinh tế, xã hội',
      expect.stringMatching(
        /^Trong tháng, tỉnh Khánh Hòa tiếp tục tổ chức triển khai thực hiện Kế hoạch phối hợp số 6559\/.* Đến nay, đã ghi nhận 23 mô hình/,
      ),
      '(có phụ lục kết quả kèm theo).',
      ...lines(REPORT_442_SECTIONS.resultsMore),
    ]);

    // Phụ lục I: 31 rows in the four columns of 442; Phụ lục II: every date in one cell.
    const [, , pilots, letters] = tables(xml);
    expect(pilots[0]).toEqual(COLUMNS_442);
    // Phụ lục II has no status column (442 has none; the workbook keeps it).
    expect(letters[0]).toEqual(LETTER_COLUMNS);
    expect(xml).not.toMatch(/Tình trạng|Trạng thái/);
    expect(pilots).toHaveLength(32);
    expect(pilots.slice(1).map((r) => r[0])).toEqual([...Array(31).keys()].map((i) => `${i + 1}`));
    const cells = letters.flat().join('\n');
    for (const d of dates()) expect([d, cells.includes(d)]).toEqual([d, true]);
    // Each appendix a section of its own, numbering its pages from 1.
    expect(xml.match(/<w:pgNumType w:start="1"\/>/g)).toHaveLength(2);
    expect(xml.match(/<w:tblLayout w:type="fixed"\/>/g)!.length).toBeGreaterThanOrEqual(4);
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(2);
    // The date column is wider than the date it holds, at 13 pt, with the cell's margins.
    const letterGrid = [...xml.matchAll(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g)][3][1];
    const widths = [...letterGrid.matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths[1]).toBeGreaterThan(textWidth('2754/STTTT-TTCNTT&DVHCCTT', 12) + 216);
    expect(widths[4]).toBeGreaterThan(textWidth('27/10/2022', 12) + 216);
    expect(widths[0]).toBeGreaterThan(textWidth('TT', 12, true) + 216);
  });

  it("lists report 442's letters in 442's order, in section III and Phụ lục II, each addressee in its own", async () => {
    // Report 442, section III: the 5772 answer asked of the Government's group and Bộ Công an,
    // Văn phòng Chính phủ's online services, Bộ Y tế's vaccination data, the pilots' group, and
    // last the API documents of the interconnection software — four not tied to a pilot.
    const starts = [
      'Kiến nghị Tổ công tác Đề án 06 của Chính phủ, Bộ Công an sớm trả lời',
      'Kiến nghị Văn phòng Chính phủ và các bộ, ban, ngành Trung ương',
      'Kiến nghị Bộ Y tế chỉ đạo',
      'Kiến nghị Tổ công tác Đề án 06 và các bộ, ngành, cơ quan Trung ương liên quan tháo gỡ',
      'Kiến nghị Tổ công tác Đề án 06 của Chính phủ gửi tài liệu hướng dẫn',
    ];
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    const text = paragraphs(xml);
    const at = starts.map((s) => text.findIndex((p) => p.startsWith(`- ${s}`)));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    const pilots = text
      .slice(at[3] + 1, at[4])
      .map((p) => Number(/^\+ Mô hình (\d+)/.exec(p)?.[1]));
    expect(pilots).toEqual([2, 5, 6, 9, 16, 25]);

    // Phụ lục II: the earlier letters by date, then 442's ten as 442 gives them.
    const own = model.recommendations.rows.filter((r) => r.documentNumber === '442/BC-TCTĐA06');
    expect(
      model.recommendations.rows
        .filter((r) => r.documentNumber !== '442/BC-TCTĐA06')
        .map((r) => r.documentNumber.split('/')[0]),
    ).toEqual(['4338', '2754', '5305', '3829', '5772']);
    expect(own.map((r) => [r.pilotNumbers, r.addresseeRows.map((a) => a.addressee)])).toEqual([
      [[], ['Tổ công tác triển khai Đề án 06 của Chính phủ', 'Bộ Công an']],
      [[], ['Văn phòng Chính phủ']],
      [[], ['Bộ Y tế']],
      [[2], ['Bộ Công an', 'Văn phòng Chính phủ']],
      [[5], ['Bộ Công an']],
      [[6], ['Bộ Công an']],
      [[9], ['Bộ Thông tin và Truyền thông', 'Bộ Công an']],
      [[16], ['Bộ Công an']],
      [[25], ['Bộ Tài nguyên và Môi trường', 'Bộ Công an']],
      [[], ['Tổ công tác triển khai Đề án 06 của Chính phủ']],
    ]);
    expect(own[0].summary).toContain('5772/TCTĐA06-CAT');
    expect(own[9].summary).toContain('4326/TCTTKĐA');
    // The table has no pilot headings: a letter about a pilot says which first.
    const contents = tables(xml)[3]
      .slice(1)
      .map((row) => row[2]);
    expect(contents.filter((c) => /^Mô hình \d+: /.test(c)).map((c) => c.split(':')[0])).toEqual([
      'Mô hình 17',
      'Mô hình 17',
      'Mô hình 25',
      'Mô hình 2',
      'Mô hình 5',
      'Mô hình 6',
      'Mô hình 9',
      'Mô hình 16',
      'Mô hình 25',
    ]);
    expect(contents).toContain(
      'Mô hình 6: Tương tự đề nghị tại Mô hình 5 đối với Phần mềm HIS của ngành y tế.',
    );
  });

  withPdf(
    'prints report 442 with LibreOffice: header on page 1, dates whole, 31 rows, page numbers restarting',
    async () => {
      const file = join(dir, 'bao-cao-2023-12.docx');
      await writeFile(file, docx);
      await run(SOFFICE, ['--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
        timeout: 180_000,
        env: { ...process.env, HOME: dir },
      });
      const pdf = join(dir, 'bao-cao-2023-12.pdf');
      const { stdout: all } = await run(PDFTOTEXT, ['-layout', pdf, '-'], {
        maxBuffer: 64 << 20,
      });
      const pages = all.split('\f').filter((p, i, list) => i < list.length - 1 || p.trim());
      const squeeze = (s: string) => s.replace(/\s+/g, ' ');
      const first = squeeze(pages[0]);
      for (const line of HEADER_442) expect(first).toContain(line);

      const startOf = (title: string) =>
        pages.findIndex((p) => p.split('\n').some((l) => l.trim() === title));
      const i = startOf('PHỤ LỤC I');
      const ii = startOf('PHỤ LỤC II');
      expect(i).toBeGreaterThan(0);
      expect(ii).toBeGreaterThan(i);
      const firstLine = (p: string) =>
        p
          .split('\n')
          .find((l) => l.trim())!
          .trim();
      // The report numbers its pages from 2; each appendix again from 1 (printed from its 2nd).
      expect(firstLine(pages[1])).toBe('2');
      expect(firstLine(pages[i - 1])).toBe(String(i));
      if (ii - i > 1) expect(firstLine(pages[i + 1])).toBe('2');
      if (pages.length - ii > 1) expect(firstLine(pages[ii + 1])).toBe('2');

      const appendixI = pages.slice(i, ii).join('\n');
      const head = squeeze(pages[i]);
      for (const c of COLUMNS_442) expect(head).toContain(c);
      expect(head).not.toContain('Trạng thái');
      // Each row's TT at the start of a line (a page with a footnote is shifted a few columns).
      for (let n = 1; n <= 31; n++) {
        expect([n, new RegExp(`^ {0,6}${n} +\\S`, 'm').test(appendixI)]).toEqual([n, true]);
      }
      // Report 442's footnotes 9–11 at the foot of their pages, not as "Ghi chú" paragraphs.
      expect(all).not.toContain('Ghi chú (chú thích');
      expect(squeeze(all)).toContain('Tra cứu CMND/CCCD, lấy thông tin công dân, tra cứu chủ hộ');
      const appendixII = pages.slice(ii).join('\n');
      const headII = squeeze(pages[ii]);
      for (const c of LETTER_COLUMNS.slice(0, 4)) expect(headII).toContain(c);
      expect(appendixII).not.toMatch(/Tình trạng|Trạng thái/);
      expect(appendixII).toContain('27/10/2022');
      for (const d of dates()) expect([d, appendixII.includes(d)]).toEqual([d, true]);
    },
    240_000,
  );

  it('gives the workbook row heights, a print area, fit to width and repeated headers', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download('period=2023-12&format=xlsx')) as never);
    for (const sheet of workbook.worksheets) {
      const setup = sheet.pageSetup;
      expect([sheet.name, setup.orientation, setup.paperSize]).toEqual([
        sheet.name,
        'landscape',
        9,
      ]);
      expect([sheet.name, setup.fitToPage, setup.fitToWidth, setup.fitToHeight]).toEqual([
        sheet.name,
        true,
        1,
        0,
      ]);
      expect([sheet.name, setup.printTitlesRow]).toEqual([sheet.name, '1:1']);
      expect(setup.printArea).toBe(
        `A1:${sheet.getColumn(sheet.columnCount).letter}${sheet.rowCount}`,
      );
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      sheet.eachRow((row, n) =>
        expect([sheet.name, n, row.height > 0]).toEqual([sheet.name, n, true]),
      );
    }
    const appendix = workbook.getWorksheet('Phụ lục')!;
    expect(appendix.getRow(1).values).toEqual([undefined, ...COLUMNS_442]);
    // Pilot 10's long result takes many lines; pilot 27's "Chưa ghi nhận" row two at most.
    expect(appendix.getRow(11).height).toBeGreaterThan(10 * 15);
    expect(appendix.getRow(28).height).toBeLessThan(3 * 16);
    expect(appendix.getRow(5).getCell(4).alignment).toMatchObject({ wrapText: true });
  });
});

/**
 * Report 442's letters in 442's order on a database loaded before the seed recorded them so:
 * their created_at in another order (reversed here) and the December 2023 snapshot listing them
 * in that order, as such a load left them. Migration ReferenceLetterOrder1796340000000 puts
 * both right; a fresh load needs nothing (above).
 */
describe("report 442's letters on an older database", () => {
  let t: TestApp;
  let token: string;
  let ds: DataSource;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2024-01-15T03:00:00Z')) });
    token = await t.login('thuky@demo.example');
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  /** The seed keys of the period's 442 letters, in the order its report lists them. */
  const order = async (period: string) => {
    const res = await t.request<MonthlyReportModel>(
      'GET',
      `/api/v1/reports/monthly?period=${period}`,
      { token },
    );
    expect(res.status).toBe(200);
    const keys = new Map(
      (
        (await ds.query(`SELECT id, seed_key FROM recommendation`)) as {
          id: string;
          seed_key: string;
        }[]
      ).map((r) => [r.id, r.seed_key]),
    );
    return {
      own: res.body.recommendations.rows
        .filter((r) => r.documentNumber === '442/BC-TCTĐA06')
        .map((r) => keys.get(r.id)),
      earlier: res.body.recommendations.rows
        .filter((r) => r.documentNumber !== '442/BC-TCTĐA06')
        .map((r) => r.documentNumber.split('/')[0]),
    };
  };

  it('reads them in 442’s order after the migration, in the locked December and the live January', async () => {
    // A fresh load records them 1 ms apart in 442's order, the last at its sending time.
    const fresh = (await ds.query(
      `SELECT seed_key, extract(milliseconds FROM sent_at - created_at)::int AS before
         FROM recommendation WHERE document_number = '442/BC-TCTĐA06' ORDER BY created_at`,
    )) as { seed_key: string; before: number }[];
    expect(fresh.map((r) => [r.seed_key, r.before])).toEqual(
      ORDER_442.map((key, i) => [key, 9 - i]),
    );
    expect((await order('2023-12')).own).toEqual(ORDER_442);

    // An older load: created_at in another order, the snapshot listing them so.
    await ds.query(
      `UPDATE recommendation r SET created_at = r.sent_at + (11 - k.pos) * interval '1 second'
         FROM unnest($1::text[]) WITH ORDINALITY AS k(key, pos) WHERE r.seed_key = k.key`,
      [ORDER_442],
    );
    await ds.query(
      `UPDATE period_snapshot
          SET data = jsonb_set(data, '{recommendations}',
                (SELECT jsonb_agg(e ORDER BY n DESC)
                   FROM jsonb_array_elements(data->'recommendations') WITH ORDINALITY AS x(e, n)))
        WHERE period = '2023-12' AND superseded_at IS NULL`,
    );
    const reversed = [...ORDER_442].reverse();
    expect((await order('2023-12')).own).toEqual(reversed);
    expect((await order('2024-01')).own).toEqual(reversed);

    const runner = ds.createQueryRunner();
    try {
      await new ReferenceLetterOrder1796340000000().up(runner);
    } finally {
      await runner.release();
    }
    for (const period of ['2023-12', '2024-01']) {
      expect([period, await order(period)]).toEqual([
        period,
        { own: ORDER_442, earlier: ['4338', '2754', '5305', '3829', '5772'] },
      ]);
    }
    // Phụ lục II of the December document follows: its rows' contents in 442's order.
    const res = await fetch(
      new URL('/api/v1/reports/monthly?period=2023-12&format=docx', await t.app.getUrl()),
      { headers: { authorization: `Bearer ${token}` } },
    );
    const xml = await (
      await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()))
    )
      .file('word/document.xml')!
      .async('string');
    const own = tables(xml)[3].filter((row) => row[1].startsWith('442/BC-TCTĐA06'));
    expect(own[0][2]).toContain('5772/TCTĐA06-CAT');
    expect(own.at(-1)![2]).toContain('4326/TCTTKĐA');
    // Run again, nothing changes.
    const stamps = () =>
      ds.query(
        `SELECT seed_key, created_at FROM recommendation
          WHERE document_number = '442/BC-TCTĐA06' ORDER BY created_at`,
      );
    const once = await stamps();
    const again = ds.createQueryRunner();
    try {
      await new ReferenceLetterOrder1796340000000().up(again);
    } finally {
      await again.release();
    }
    expect((await order('2023-12')).own).toEqual(ORDER_442);
    expect(await stamps()).toEqual(once);
  });
});
