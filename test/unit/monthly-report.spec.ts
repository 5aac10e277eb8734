import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  buildMonthlyReport,
  monthlyFileName,
  NOT_RECORDED,
  summarize,
} from '../../src/documents/monthly/monthly-report.builder.js';
import {
  DEFAULT_REPORT_TEXT,
  renderMonthlyDocx,
} from '../../src/documents/monthly/monthly-report.docx.js';
import {
  centralBlockers,
  narrativeCovers,
} from '../../src/documents/monthly/monthly-report.body.js';
import {
  EMPTY_SECTIONS,
  narrativeLines,
  type NarrativeText,
  type ReportText,
} from '../../src/periods/report-text.js';
import { REPORT_442_SECTIONS } from '../../src/seed/report-442-text.js';
import type { MonthlyReportModel } from '../../src/documents/monthly/monthly-report.model.js';
import type { SourcePilot } from '../../src/periods/monthly-source.js';
import { renderMonthlyXlsx } from '../../src/documents/monthly/monthly-report.xlsx.js';
import { referenceMonthlySource } from '../support/reference-source.js';
import { reportNameOf } from '../../src/agencies/domain/report-name.js';
import { count2, joinNumbers } from '../../src/documents/monthly/wording.js';
import { shiftPeriod } from '../../src/common/domain/periods.js';
import { stampZip } from '../../src/documents/monthly/zip-stamp.js';
import { AGENCIES, FOOTNOTES, PILOTS } from '../../src/seed/reference-data.js';
import { paragraphs, tables, textOf } from '../support/docx.js';

/** Section I.5.1 of report 442/BC-TCTĐA06, copied from the report. */
const REPORT_SENTENCE =
  'Đến nay, đã ghi nhận 23 mô hình đã và đang triển khai thực hiện, còn lại 08 mô hình chưa ghi nhận việc triển khai, thực hiện (01 Mô hình do Văn phòng UBND tỉnh chủ trì (Mô hình 3); 02 Mô hình do Cục Cảnh sát QLHC về TTXH – Bộ Công an chủ trì (Mô hình 15 và 23); 05 Mô hình do Sở Thông tin và Truyền thông chủ trì (Mô hình 27, 28, 29, 30, 31)).';

/** Rows of the appendix copied by hand from the report (rows broken across pages joined). */
const REPORT_ROWS: Record<number, { name: string; lead: string; resultStartsWith: string }> = {
  1: {
    name: 'Triển khai 53 dịch vụ thiết yếu',
    lead: 'Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa',
    resultStartsWith: '- UBND Thành phố Nha Trang đã triển khai mô hình “Điểm trải nghiệm',
  },
  10: {
    name: 'Triển khai tại các cơ sở kinh doanh có điều kiện về ANTT (cơ sở cầm đồ; cơ sở dịch vụ bảo vệ; dịch vụ thừa phát lại; cơ sở khác)',
    lead: 'Cục Cảnh sát QLHC về TTXH',
    resultStartsWith: 'Ngày 14/11/2023, Công an tỉnh Khánh Hòa ban hành',
  },
  14: {
    name: 'Mô hình thi online tập trung qua nền tảng công nghệ xác thực thẻ CCCD gắn chip điện tử',
    lead: 'Trường Đại học Khánh Hòa, Trường Cao đẳng Kỹ thuật công nghệ Nha Trang và Trường Cao đẳng Y tế',
    resultStartsWith: 'a. Công tác triển khai, kết quả thực hiện của Trường Đại học Khánh Hòa:',
  },
  17: {
    name: 'Chuẩn hóa xác thực tập trung (SSO)',
    lead: 'Sở Thông tin và Truyền thông tỉnh Khánh Hòa',
    resultStartsWith: '- Sở Thông tin và Truyền thông đã phối hợp với cán bộ kỹ thuật',
  },
  25: {
    name: 'Quản lý thông tin người sử dụng đất, chủ sở hữu nhà ở, tài sản gắn liền với đất thông qua Hệ thống CSDLQG về dân cư, VNeID',
    lead: 'Sở Tài nguyên và Môi trường tỉnh Khánh Hòa',
    resultStartsWith: 'CSDL đất đai tỉnh Khánh Hòa được xây dựng theo Dự án',
  },
  31: {
    name: 'Trung tâm giám sát an ninh mạng SOC tỉnh Khánh Hòa',
    lead: 'Sở Thông tin và Truyền thông tỉnh Khánh Hòa',
    resultStartsWith: 'Sở Thông tin và Truyền thông đã đăng ký nhiệm vụ triển khai trong năm 2024.',
  },
};

describe('monthly report wording', () => {
  it('counts on two digits and lists pilot numbers as report 442 does', () => {
    expect([0, 1, 8, 10, 23, 120].map(count2)).toEqual(['00', '01', '08', '10', '23', '120']);
    expect(joinNumbers([3])).toBe('3');
    expect(joinNumbers([15, 23])).toBe('15 và 23');
    expect(joinNumbers([27, 28, 29, 30, 31])).toBe('27, 28, 29, 30, 31');
    expect(shiftPeriod('2024-01', -1)).toBe('2023-12');
    expect(shiftPeriod('2023-12', 1)).toBe('2024-01');
  });

  it('names agencies as the running text of the report does, from their names alone', () => {
    const byCode = new Map(AGENCIES.map((a) => [a.code, a]));
    const name = (code: string) => {
      const a = byCode.get(code)!;
      return reportNameOf({
        ...a,
        parentName: a.parentCode ? byCode.get(a.parentCode)!.name : null,
      });
    };
    expect(name('VPUBND')).toBe('Văn phòng UBND tỉnh');
    expect(name('C06')).toBe('Cục Cảnh sát QLHC về TTXH – Bộ Công an');
    expect(name('STTTT')).toBe('Sở Thông tin và Truyền thông');
    expect(name('CAT')).toBe('Công an tỉnh');
    expect(name('SYT')).toBe('Sở Y tế');
    expect(name('BQLKKT')).toBe('Ban Quản lý Khu kinh tế Vân Phong');
    expect(name('CDYT')).toBe('Trường Cao đẳng Y tế Khánh Hòa');
    expect(name('BCA')).toBe('Bộ Công an');
    expect(name('TCT06CP')).toBe('Tổ công tác triển khai Đề án 06 của Chính phủ');
    expect(name('TCTDA06')).toBe('Tổ công tác Đề án 06 tỉnh'); // "Tổ công tác Đề án 06 tỉnh (Cơ quan thường trực – Công an tỉnh)"
  });
});

describe('monthly report of December 2023 from the reference data', () => {
  const source = referenceMonthlySource();
  const model = buildMonthlyReport(source, {
    provenance: { kind: 'snapshot', snapshotId: 'test' },
    reportNumber: '442/BC-TCTĐA06',
    reportDate: '2023-12-20',
  });

  it('has the 31 rows of the appendix, in number order, named as the report names them', () => {
    const rows = model.appendix.rows;
    expect(rows).toHaveLength(31);
    expect(rows.map((r) => r.number)).toEqual(PILOTS.map((p) => p.number));
    expect(rows.map((r) => r.name)).toEqual(PILOTS.map((p) => p.name));
    expect(rows.map((r) => r.leadAgencies)).toEqual(PILOTS.map((p) => p.leadAgenciesLabel));
    expect(rows.map((r) => r.result)).toEqual(PILOTS.map((p) => p.progress));
    for (const [n, expected] of Object.entries(REPORT_ROWS)) {
      const row = rows[Number(n) - 1];
      expect({ name: row.name, lead: row.leadAgencies }).toEqual({
        name: expected.name,
        lead: expected.lead,
      });
      expect(row.result.startsWith(expected.resultStartsWith)).toBe(true);
    }
    // Row 17's last paragraph continues after the page break in the report.
    expect(rows[16].result).toContain(
      'Hiện Sở Thông tin và Truyền thông đang phối hợp Bộ Công an và Công ty TNHH Hệ thống thông tin FPT (FIS)',
    );
    expect(rows[2]).toMatchObject({ number: 3, result: NOT_RECORDED, recorded: false });
    expect(rows[3]).toMatchObject({
      name: 'Khám chữa bệnh sử dụng thẻ CCCD và VNeID',
      state: 'OPERATING',
      stateLabel: 'Đang vận hành',
    });
    expect(model.appendix).toMatchObject({
      title: 'PHỤ LỤC I',
      name: 'KẾT QUẢ TRIỂN KHAI MÔ HÌNH ĐỀ ÁN 06',
      attachedTo:
        '(Kèm theo Báo cáo số 442/BC-TCTĐA06 ngày 20/12/2023 của Tổ công tác Đề án 06 tỉnh Khánh Hòa)',
    });
  });

  it('writes the summary of section I.5.1 word for word: 23 recorded, 08 not, by lead agency', () => {
    expect(model.summary).toMatchObject({ total: 31, recorded: 23, notRecorded: 8 });
    expect(model.summary.notRecordedByAgency).toEqual([
      { agencyCode: 'VPUBND', agency: 'Văn phòng UBND tỉnh', pilotNumbers: [3] },
      {
        agencyCode: 'C06',
        agency: 'Cục Cảnh sát QLHC về TTXH – Bộ Công an',
        pilotNumbers: [15, 23],
      },
      {
        agencyCode: 'STTTT',
        agency: 'Sở Thông tin và Truyền thông',
        pilotNumbers: [27, 28, 29, 30, 31],
      },
    ]);
    expect(model.summary.sentence).toBe(REPORT_SENTENCE);
  });

  it('lists the open recommendations with letter, date, addressees, due date and level', () => {
    const rows = model.recommendations.rows;
    expect(rows).toHaveLength(15);
    expect(rows[0]).toMatchObject({
      index: 1,
      documentNumber: '4338/SYT-TCHC',
      letterDate: '27/10/2022',
      addressees: 'Cục Công nghệ thông tin – Bộ Y tế; Cục Y tế dự phòng – Bộ Y tế',
      escalation: 'Chưa đôn đốc',
      status: 'Quá hạn',
    });
    expect(rows[0].workingDaysOverdue).toBeGreaterThan(250);
    const vneid = rows.find((r) => r.documentNumber === '5772/TCTĐA06-CAT')!;
    expect(vneid.addressees).toBe('Tổ công tác triển khai Đề án 06 của Chính phủ; Bộ Công an');
    expect(vneid.letterDate).toBe('09/10/2023');
  });

  it('counts as raised in the month only the blockers first raised in it, and ties pilot 17 to its letters', () => {
    expect(model.changes.blockersCreated.rows.map((r) => r.subject)).toEqual([
      'Mô hình 2',
      'Mô hình 5',
      'Mô hình 6',
      'Mô hình 7',
      'Mô hình 9',
      'Mô hình 13',
      'Mô hình 16',
      'Tài liệu API kết nối phần mềm liên thông của Bộ Công an',
    ]);
    expect(
      model.recommendations.rows
        .filter((r) => r.pilotNumbers.includes(17))
        .map((r) => r.documentNumber),
    ).toEqual(['2754/STTTT-TTCNTT&DVHCCTT', '5305/TCTĐA06(CAT-STTTT)']);
  });

  it('groups not-recorded pilots by primary lead agency in the order of their first pilot', () => {
    const agency = (code: string, reportName: string) => ({ code, name: reportName, reportName });
    const pilot = (number: number, state: SourcePilot['state'], lead: string): SourcePilot => ({
      number,
      name: `Mô hình ${number}`,
      state,
      leadAgencies: [agency(lead, `Sở ${lead}`), agency('X', 'Sở X')],
      leadAgenciesLabel: null,
      report: null,
      openBlockers: [],
    });
    const s = summarize([
      pilot(5, 'NOT_STARTED', 'A'),
      pilot(2, 'NOT_STARTED', 'B'),
      pilot(9, 'NOT_STARTED', 'A'),
      pilot(7, 'NOT_STARTED', 'A'),
      pilot(1, 'PILOTING', 'A'),
    ]);
    expect(s.sentence).toBe(
      'Đến nay, đã ghi nhận 01 mô hình đã và đang triển khai thực hiện, còn lại 04 mô hình chưa ghi nhận việc triển khai, thực hiện (01 Mô hình do Sở B chủ trì (Mô hình 2); 03 Mô hình do Sở A chủ trì (Mô hình 5, 7, 9)).',
    );
    expect(summarize([pilot(1, 'OPERATING', 'A')]).sentence).toBe(
      'Đến nay, đã ghi nhận 01 mô hình đã và đang triển khai thực hiện.',
    );
    // Without the verbatim label, the cell lists the lead agencies' names.
    const report = buildMonthlyReport(
      { ...source, pilots: [pilot(1, 'PREPARING', 'A')] },
      { provenance: { kind: 'live', snapshotId: null } },
    );
    expect(report.appendix.rows[0].leadAgencies).toBe('Sở A và Sở X');
    expect(report.appendix.attachedTo).toBe(
      '(Kèm theo Báo cáo số …/BC-TCTĐA06 ngày … của Tổ công tác Đề án 06 tỉnh Khánh Hòa)',
    );
    expect(monthlyFileName('2023-12', 'docx')).toBe('phu-luc-mo-hinh-2023-12.docx');
  });

  it('renders a Word document in the administrative format, the appendix landscape with a repeated header', async () => {
    const docx = await renderMonthlyDocx(model);
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    const styles = await zip.file('word/styles.xml')!.async('string');
    const core = await zip.file('docProps/core.xml')!.async('string');
    const paras = paragraphs(xml);
    expect(paras).toEqual(
      expect.arrayContaining([
        'PHỤ LỤC I',
        'KẾT QUẢ TRIỂN KHAI MÔ HÌNH ĐỀ ÁN 06',
        '(Kèm theo Báo cáo số 442/BC-TCTĐA06 ngày 20/12/2023 của Tổ công tác Đề án 06 tỉnh Khánh Hòa)',
      ]),
    );
    expect(paras.some((p) => p.includes(REPORT_SENTENCE))).toBe(true);
    // "PHỤ LỤC I" bold, the attachment line italic.
    expect(xml).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*<w:t xml:space="preserve">PHỤ LỤC I<\/w:t>/);
    expect(xml).toMatch(/<w:i\/>(?:(?!<\/w:r>).)*\(Kèm theo Báo cáo số/);
    // A4 portrait first, then landscape sections for the wide tables; margins 20/15/20/30 mm.
    const sizes = [...xml.matchAll(/<w:pgSz ([^>]*)\/>/g)].map((m) => m[1]);
    expect(sizes[0]).toMatch(/w:w="11906" w:h="16838" w:orient="portrait"/);
    expect(sizes[1]).toMatch(/w:w="16838" w:h="11906" w:orient="landscape"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(xml).toContain('<w:titlePg/>');
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(styles).toMatch(/<w:sz w:val="28"\/>/);
    // The header block and the signature block, then Phụ lục I and Phụ lục II.
    const [, , appendix, recommendations] = tables(xml);
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(2);
    expect(appendix[0]).toEqual([
      'TT',
      'Tên mô hình',
      'Đơn vị chủ trì',
      'Kết quả, tiến độ thực hiện',
    ]);
    expect(appendix).toHaveLength(32);
    expect(appendix[4].slice(0, 3)).toEqual([
      '4',
      'Khám chữa bệnh sử dụng thẻ CCCD và VNeID',
      'Sở Y tế tỉnh Khánh Hòa',
    ]);
    expect(appendix[14][1]).toBe(REPORT_ROWS[14].name);
    expect(appendix[14][3].split('\n')[0]).toBe(REPORT_ROWS[14].resultStartsWith);
    // One row per addressee; the letter's cells span its addressees' rows.
    expect(recommendations[1][1]).toBe('4338/SYT-TCHC\nngày 27/10/2022');
    expect(recommendations[1][3]).toBe('Cục Công nghệ thông tin – Bộ Y tế');
    expect(recommendations[2][3]).toBe('Cục Y tế dự phòng – Bộ Y tế');
    expect(recommendations[2][1]).toBe('');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2023-12-20T10:00:00Z');
  });

  it('renders a workbook with one sheet per table, frozen header rows and wrapped text', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderMonthlyXlsx(model)) as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      'Tổng hợp',
      'Phụ lục',
      'Kiến nghị',
      'Chuyển trạng thái',
      'Vướng mắc mới',
      'Vướng mắc đã giải quyết',
      'Trả lời kiến nghị',
      'Mốc tiến độ',
    ]);
    const appendix = workbook.getWorksheet('Phụ lục')!;
    expect(appendix.rowCount).toBe(32);
    expect(appendix.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(appendix.getRow(1).values).toEqual([
      undefined,
      'TT',
      'Tên mô hình',
      'Đơn vị chủ trì',
      'Kết quả, tiến độ thực hiện',
    ]);
    expect(appendix.getCell('B5').value).toBe('Khám chữa bệnh sử dụng thẻ CCCD và VNeID');
    expect(appendix.getCell('D5').alignment).toMatchObject({ wrapText: true });
    expect(appendix.getColumn(4).width).toBe(100);
    const recs = workbook.getWorksheet('Kiến nghị')!;
    expect(recs.getCell('B2').value).toBe('4338/SYT-TCHC');
    expect(recs.getCell('C2').value).toEqual(new Date(Date.UTC(2022, 9, 27)));
    expect(workbook.getWorksheet('Tổng hợp')!.getCell('B7').value).toBe(REPORT_SENTENCE);
    expect(workbook.created).toEqual(new Date(source.asOf));
  });

  it('renders the same bytes for the same model, whenever it runs', async () => {
    const again = buildMonthlyReport(structuredClone(source), {
      provenance: { kind: 'snapshot', snapshotId: 'test' },
      reportNumber: '442/BC-TCTĐA06',
      reportDate: '2023-12-20',
    });
    const [d1, d2, x1, x2] = await Promise.all([
      renderMonthlyDocx(model),
      renderMonthlyDocx(again as MonthlyReportModel),
      renderMonthlyXlsx(model),
      renderMonthlyXlsx(again),
    ]);
    expect(d1.equals(d2)).toBe(true);
    expect(x1.equals(x2)).toBe(true);
  });

  it('drops control characters XML cannot carry instead of writing a broken file', async () => {
    const broken = buildMonthlyReport(
      {
        ...source,
        pilots: [
          {
            ...source.pilots[3],
            name: 'Khám chữa bệnh\u0007 bằng CCCD',
            report: 'Dòng 1\u000b\nDòng 2',
          },
        ],
      },
      { provenance: { kind: 'live', snapshotId: null } },
    );
    const xml = await (
      await JSZip.loadAsync(await renderMonthlyDocx(broken))
    )
      .file('word/document.xml')!
      .async('string');
    expect(tables(xml)[2][1].slice(1, 4)).toEqual([
      'Khám chữa bệnh bằng CCCD',
      'Sở Y tế tỉnh Khánh Hòa',
      'Dòng 1\nDòng 2',
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderMonthlyXlsx(broken)) as never);
    expect(workbook.getWorksheet('Phụ lục')!.getCell('B2').value).toBe('Khám chữa bệnh bằng CCCD');
  });

  it('stamps every zip entry with one time, leaving the contents alone', async () => {
    const make = async (date: Date) => {
      const zip = new JSZip();
      zip.file('a.txt', 'Khánh Hòa', { date });
      zip.file('b/c.xml', '<x/>', { date });
      return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    };
    const a = await make(new Date('2020-01-01T00:00:00Z'));
    const b = await make(new Date('2024-06-30T12:34:56Z'));
    expect(a.equals(b)).toBe(false);
    const at = new Date('2024-01-15T03:00:00Z');
    expect(stampZip(a, at).equals(stampZip(b, at))).toBe(true);
    const read = await JSZip.loadAsync(a);
    expect(await read.file('a.txt')!.async('string')).toBe('Khánh Hòa');
  });
});

describe('monthly report: each addressee of an open letter as it stood', () => {
  it('says one line per addressee, from the shared wording, in the report and its files', async () => {
    const source = referenceMonthlySource();
    const letter = source.recommendations.find((r) => r.documentNumber === '5772/TCTĐA06-CAT')!;
    // Bộ Công an answered on 12/12/2023; the Government working group still owes, overdue.
    letter.addresseeStatuses = letter.addresseeStatuses!.map((a) =>
      a.code === 'BCA'
        ? {
            ...a,
            status: 'ANSWERED',
            answeredOn: '2023-12-12',
            overdue: false,
            workingDaysOverdue: 0,
          }
        : a,
    );
    const owing = letter.addresseeStatuses.find((a) => a.code !== 'BCA')!;
    expect(owing.overdue).toBe(true);
    const model = buildMonthlyReport(source, {
      provenance: { kind: 'snapshot', snapshotId: 'test' },
    });
    const row = model.recommendations.rows.find((r) => r.documentNumber === '5772/TCTĐA06-CAT')!;
    const lines = [
      `Tổ công tác triển khai Đề án 06 của Chính phủ: quá hạn ${owing.workingDaysOverdue} ngày làm việc`,
      'Bộ Công an: đã trả lời ngày 12/12/2023',
    ];
    expect(row.addresseeLines).toEqual(lines);

    const xml = await (
      await JSZip.loadAsync(await renderMonthlyDocx(model))
    )
      .file('word/document.xml')!
      .async('string');
    // Phụ lục II: a row per addressee, no status column (442 has none): the one still owing
    // with its days overdue, the one that answered saying so beside its name.
    const recommendations = tables(xml)[3];
    expect(recommendations[0]).toEqual([
      'TT',
      'Số, ngày văn bản',
      'Nội dung kiến nghị',
      'Cơ quan nhận',
      'Hạn trả lời',
      'Quá hạn (ngày làm việc)',
    ]);
    const at5772 = recommendations.findIndex((r) => r[1].startsWith('5772/TCTĐA06-CAT'));
    expect(recommendations.slice(at5772, at5772 + 2).map((r) => [r[3], r.at(-1)])).toEqual([
      ['Tổ công tác triển khai Đề án 06 của Chính phủ', String(owing.workingDaysOverdue)],
      ['Bộ Công an (đã trả lời ngày 12/12/2023)', ''],
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderMonthlyXlsx(model)) as never);
    const sheet = workbook.getWorksheet('Kiến nghị')!;
    const at = row.index + 1;
    expect(sheet.getRow(at).getCell(2).value).toBe('5772/TCTĐA06-CAT');
    expect(sheet.getRow(at).getCell(9).value).toBe(lines.join('\n'));

    // A snapshot locked before letters were per addressee says what the letter said.
    delete letter.addresseeStatuses;
    const old = buildMonthlyReport(source, { provenance: { kind: 'snapshot', snapshotId: 'old' } });
    const oldRow = old.recommendations.rows.find((r) => r.documentNumber === '5772/TCTĐA06-CAT')!;
    expect(oldRow).toMatchObject({ addresseeLines: [], status: 'Quá hạn' });
  });
});

describe('monthly report: section I says each figure once', () => {
  const source = referenceMonthlySource();
  const model = buildMonthlyReport(source, {
    provenance: { kind: 'snapshot', snapshotId: 'test' },
    reportNumber: '442/BC-TCTĐA06',
    reportDate: '2023-12-20',
  });
  const text = (sections: NarrativeText): ReportText => ({
    ...DEFAULT_REPORT_TEXT,
    reportNumber: '442/BC-TCTĐA06',
    reportDate: '2023-12-20',
    sections,
  });
  const body = async (sections: NarrativeText) =>
    paragraphs(
      await (
        await JSZip.loadAsync(await renderMonthlyDocx(model, text(sections)))
      )
        .file('word/document.xml')!
        .async('string'),
    );
  const LIST = '- Số liệu chỉ tiêu chủ yếu tháng 12/2023 do các cơ quan, đơn vị cập nhật:';
  const MILESTONES_DUE = '- Các mốc tiến độ của mô hình đến hạn, hoàn thành trong tháng:';

  it('finds a section written where its numbered line has text after a colon or a line under it', () => {
    const sections = {
      ...EMPTY_SECTIONS,
      results: [
        '4. Về Dịch vụ công',
        '4.2. Triển khai',
        '- Đã triển khai 10/10',
        '4.3. Số hóa',
      ].join('\n'),
      resultsMore: [
        '7. Dữ liệu',
        '7.1. Ngành Y tế: Đã làm sạch 206.076',
        '7.2. Ngành LĐTBXH',
        'a) Bảo trợ',
      ].join('\n'),
    };
    expect(narrativeCovers(sections, 'I.4.2')).toBe(true);
    expect(narrativeCovers(sections, 'I.4')).toBe(true); // 4.2 and its line are under 4
    expect(narrativeCovers(sections, 'I.4.3')).toBe(false); // its heading alone
    expect(narrativeCovers(sections, 'I.7.1')).toBe(true);
    expect(narrativeCovers(sections, 'I.7.2')).toBe(true);
    expect(narrativeCovers(sections, 'I.6')).toBe(false);
    expect(narrativeCovers(sections, 'I')).toBe(true);
    expect(narrativeCovers(EMPTY_SECTIONS, 'I')).toBe(false);
    expect(narrativeCovers(EMPTY_SECTIONS, 'I.4.2')).toBe(false);
    expect(narrativeCovers(sections, 'II.1')).toBe(false);
  });

  it('prints December 2023 as report 442: the narrative states the figures, no list, no milestone line', async () => {
    // Every province indicator's section is written in 442's narrative.
    const province = model.indicators;
    expect(province.length).toBeGreaterThan(20);
    expect(province.filter((i) => !narrativeCovers(REPORT_442_SECTIONS, i.section))).toEqual([]);
    // Pilot 9's evaluation is due in the month, and its row of Phụ lục I says "30/12/2023".
    expect(model.milestones.dueThisPeriod.map((m) => m.pilotNumber)).toEqual([9]);
    const paras = await body(REPORT_442_SECTIONS);
    expect(paras).not.toContain(LIST);
    expect(paras).not.toContain(MILESTONES_DUE);
    // Section I is the narrative, the I.5.1 sentences and nothing else, in 442's order.
    const from = paras.indexOf('I. KẾT QUẢ CÁC MẶT CÔNG TÁC');
    const to = paras.indexOf('II. NHẬN XÉT, ĐÁNH GIÁ');
    // Its lines as printed: footnote lines ("[^4]: …") at the foot of the page, marks removed.
    const lines = (t: string) =>
      narrativeLines(t)
        .filter((l) => !/^\[\^\d+\]:/.test(l.text))
        .map((l) => l.text.replace(/\[\^\d+\]/g, ''));
    expect(paras.slice(from + 1, to)).toEqual([
      ...lines(REPORT_442_SECTIONS.results),
      '5. Nhóm tiện ích phát triển kinh tế, xã hội',
      '5.1. Kết quả ứng dụng CSDLQG về dân cư, CCCD, định danh và xác thực điện tử phục vụ phát triển kinh tế, xã hội',
      `Trong tháng, tỉnh Khánh Hòa tiếp tục tổ chức triển khai thực hiện Kế hoạch phối hợp số 6559/KHPH-TCTĐA06CP-TCTĐA06KH ngày 04/7/2023 giữa Tổ công tác Đề án 06 của Chính phủ và Tổ công tác Đề án 06 tỉnh Khánh Hòa. ${REPORT_SENTENCE}`,
      '(có phụ lục kết quả kèm theo).',
      ...lines(REPORT_442_SECTIONS.resultsMore),
    ]);
  });

  it('lists the figures and the milestone where the period has no narrative for them', async () => {
    const paras = await body(EMPTY_SECTIONS);
    const at = paras.indexOf(LIST);
    expect(at).toBeGreaterThan(
      paras.indexOf(
        '7. Thu thập, rà soát, xác minh làm sạch dữ liệu CSDLQG, cơ sở dữ liệu (CSDL) chuyên ngành',
      ),
    );
    expect(paras.slice(at + 1, at + 1 + model.indicators.length)).toEqual(
      model.indicators.map((i) => `+ ${i.name}: ${i.value}.`),
    );
    expect(paras).toContain('+ Hồ sơ, kết quả giải quyết TTHC đã được số hóa: 268.905 hồ sơ.');
    // Only section 6 left empty: only its figures are listed.
    const noSix = {
      ...REPORT_442_SECTIONS,
      resultsMore: REPORT_442_SECTIONS.resultsMore.replace(
        /\n6\. [^\n]*\n[^\n]*/,
        '\n6. Nhóm phục vụ phát triển công dân số',
      ),
    };
    expect(narrativeCovers(noSix, 'I.6')).toBe(false);
    const six = await body(noSix);
    const listed = six.slice(six.indexOf(LIST) + 1).filter((p) => p.startsWith('+ '));
    const expected = model.indicators.filter((i) => i.section === 'I.6');
    expect(expected.length).toBeGreaterThan(0);
    expect(listed.slice(0, expected.length)).toEqual(
      expected.map((i) => `+ ${i.name}: ${i.value}.`),
    );
    expect(six[six.indexOf(LIST) + expected.length + 1]).toBe('II. NHẬN XÉT, ĐÁNH GIÁ');
    // A milestone the pilot's row does not state is listed: pilot 9's row without its date.
    const silent = buildMonthlyReport(
      {
        ...source,
        pilots: source.pilots.map((p) =>
          p.number === 9 ? { ...p, report: 'Đang triển khai.' } : p,
        ),
      },
      { provenance: { kind: 'snapshot', snapshotId: 'test' } },
    );
    const withMilestone = paragraphs(
      await (
        await JSZip.loadAsync(await renderMonthlyDocx(silent, text(REPORT_442_SECTIONS)))
      )
        .file('word/document.xml')!
        .async('string'),
    );
    const m = withMilestone.indexOf(MILESTONES_DUE);
    expect(m).toBeGreaterThan(0);
    expect(withMilestone[m + 1]).toMatch(
      /^\+ Mô hình 9 \(.*\): Tổ chức đánh giá kết quả triển khai \(Ban Quản lý Khu kinh tế Vân Phong\), hạn 30\/12\/2023\.$/,
    );
  });
});

describe("monthly report: report 442's footnotes at the foot of the page", () => {
  it('marks 1–8 in the narrative, 9 and 10 after their words in section II and 11 in Phụ lục I, no "Ghi chú" paragraph printed', async () => {
    const source = referenceMonthlySource();
    const model = buildMonthlyReport(source, {
      provenance: { kind: 'snapshot', snapshotId: 'test' },
      reportNumber: '442/BC-TCTĐA06',
      reportDate: '2023-12-20',
    });
    const zip = await JSZip.loadAsync(
      await renderMonthlyDocx(
        model,
        { ...DEFAULT_REPORT_TEXT, reportNumber: '442/BC-TCTĐA06', sections: REPORT_442_SECTIONS },
        centralBlockers(source, model, '442/BC-TCTĐA06'),
      ),
    );
    const xml = await zip.file('word/document.xml')!.async('string');
    const notes = await zip.file('word/footnotes.xml')!.async('string');
    expect(paragraphs(xml).join('\n')).not.toContain('Ghi chú (chú thích');
    expect(paragraphs(xml).join('\n')).not.toMatch(/\[\^\d/);
    // Each of 442's eleven footnotes once, in 442's order (Word numbers them 1–11 as 442 does),
    // its text at the foot of the page, its mark after its words.
    const ids = [...xml.matchAll(/<w:footnoteReference w:id="(\d+)"\/>/g)].map((m) => m[1]);
    expect(ids).toHaveLength(11);
    const noteText = (id: string) =>
      textOf(new RegExp(`<w:footnote w:id="${id}"[^>]*>([\\s\\S]*?)</w:footnote>`).exec(notes)![1]);
    const texts = ids.map(noteText);
    expect(texts[0]).toMatch(/^gồm: \(1\) Đăng ký khai sinh/);
    expect(texts[3]).toBe(
      'Đến nay đã thực hiện tích hợp 855 dịch vụ công trực tuyến của tỉnh trên Cổng dịch vụ công quốc gia.',
    );
    expect(texts[4]).toContain(
      'tổng số lượt khai thác CSDLQG về dân cư phục vụ tiếp nhận và giải quyết TTHC là 93.754 lượt',
    );
    expect(texts[7]).toBe('Công văn số 781/BTTTT-QLDN ngày 04/3/2022');
    expect(texts.slice(8)).toEqual([FOOTNOTES[9].text, FOOTNOTES[10].text, FOOTNOTES[11].text]);
    const before = xml.slice(0, xml.indexOf(`<w:footnoteReference w:id="${ids[3]}"/>`));
    const at4 = textOf(
      before.slice(Math.max(before.lastIndexOf('<w:p>'), before.lastIndexOf('<w:p '))),
    );
    expect(at4).toMatch(/⁽¹⁾Cổng dịch vụ công quốc gia$/);
    const pilot2 = [...xml.matchAll(/<w:p(?:[ >][\s\S]*?<\/w:p>)/g)]
      .map((m) => m[0])
      .find((p) => textOf(p).startsWith('+ Mô hình 2 (Tự động hóa'))!;
    expect(pilot2.match(/<w:footnoteReference/g)).toHaveLength(2);
    expect(textOf(pilot2.split('<w:footnoteReference')[0])).toMatch(
      /dữ liệu đã được xác thực là đúng với CSDLQG về dân cư trên Kiosk$/,
    );
    expect(textOf(pilot2.split('<w:footnoteReference')[1])).toMatch(/tương tự 03 chức năng$/);
    const pilots = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)][2][0];
    const row5 = [...pilots.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)]
      .map((m) => m[0])
      .find((r) => /<w:t[^>]*>5<\/w:t>/.test(r))!;
    expect(row5.match(/<w:footnoteReference/g)).toHaveLength(1);
    expect(textOf(row5.split('<w:footnoteReference')[0])).toMatch(
      /15 cơ sở kinh doanh lưu trú trên địa bàn thành phố Nha Trang$/,
    );
  });
});
