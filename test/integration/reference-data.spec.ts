import { DataSource } from 'typeorm';
import { weekendCalendar } from '../../src/calendar/domain/working-days.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { prepareDatabase } from '../../src/database/prepare-database.js';
import { loadReferenceData } from '../../src/seed/reference-data.loader.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

// Written out from the appendix of report 442/BC-TCTĐA06, independently of src/seed.
const LEAD_AGENCIES: Record<number, string[]> = {
  1: ['VPUBND'],
  2: ['VPUBND'],
  3: ['VPUBND'],
  4: ['SYT'],
  5: ['SDL'],
  6: ['SYT'],
  7: ['SGTVT'],
  8: ['SDL'],
  9: ['BQLKKT'],
  10: ['C06'],
  11: ['SGTVT'],
  12: ['SGTVT'],
  13: ['SGTVT'],
  14: ['DHKH', 'CDKTCN', 'CDYT'],
  15: ['C06'],
  16: ['STTTT'],
  17: ['STTTT'],
  18: ['STTTT'],
  19: ['STTTT'],
  20: ['STTTT'],
  21: ['C06'],
  22: ['C06'],
  23: ['C06'],
  24: ['SGDDT'],
  25: ['STNMT'],
  26: ['SLDTBXH'],
  27: ['STTTT'],
  28: ['STTTT'],
  29: ['STTTT'],
  30: ['STTTT'],
  31: ['STTTT'],
};

const STATES: Record<string, number[]> = {
  NOT_STARTED: [3, 15, 23, 27, 28, 29, 30, 31],
  PREPARING: [7, 10, 12, 13, 17, 18, 19, 25],
  PILOTING: [2, 5, 6, 8, 9, 11, 14, 26],
  OPERATING: [1, 4, 16, 20, 21, 22, 24],
};

const NAMES: Record<number, string> = {
  1: 'Triển khai 53 dịch vụ thiết yếu',
  9: 'Triển khai Camera AI kiểm soát ra/ vào tại Khu công nghiệp',
  10: 'Triển khai tại các cơ sở kinh doanh có điều kiện về ANTT (cơ sở cầm đồ; cơ sở dịch vụ bảo vệ; dịch vụ thừa phát lại; cơ sở khác)',
  14: 'Mô hình thi online tập trung qua nền tảng công nghệ xác thực thẻ CCCD gắn chip điện tử',
  25: 'Quản lý thông tin người sử dụng đất, chủ sở hữu nhà ở, tài sản gắn liền với đất thông qua Hệ thống CSDLQG về dân cư, VNeID',
  31: 'Trung tâm giám sát an ninh mạng SOC tỉnh Khánh Hòa',
};

const LETTERS: [string, string, string[]][] = [
  ['4338/SYT-TCHC', '2022-10-27', ['BYT']],
  ['3829/STNMT-VPĐKĐĐ', '2023-09-22', ['BTNMT', 'C06']],
  ['5772/TCTĐA06-CAT', '2023-10-09', ['TCT06CP', 'BCA']],
  ['2754/STTTT-TTCNTT&DVHCCTT', '2023-08-30', ['C06']],
  ['5305/TCTĐA06(CAT-STTTT)', '2023-09-15', ['TCT06CP', 'C06']],
];

describe('reference data: the December 2023 report', () => {
  let db: TestDatabase;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase({ empty: true });
    await prepareDatabase(db.url, { seedDemo: false, demoPassword: 'unused-here' });
    ds = await new DataSource(dataSourceOptions(db.url)).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('has the 31 pilots with the appendix lead agencies in order (pilot 14 has three)', async () => {
    const rows: { number: number; codes: string[] }[] = await ds.query(
      `SELECT p.number, array_agg(a.code ORDER BY l.position) AS codes
         FROM pilot p JOIN pilot_lead_agency l ON l.pilot_id = p.id JOIN agency a ON a.id = l.agency_id
        GROUP BY p.number ORDER BY p.number`,
    );
    expect(rows).toHaveLength(31);
    expect(Object.fromEntries(rows.map((r) => [r.number, r.codes]))).toEqual(LEAD_AGENCIES);
  });

  it('has every pilot in its 20/12/2023 state, with that state recorded in its history', async () => {
    const rows: { state: string; numbers: number[] }[] = await ds.query(
      `SELECT state, array_agg(number ORDER BY number) AS numbers FROM pilot GROUP BY state`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.state, r.numbers]))).toEqual(STATES);
    const history = await ds.query(
      `SELECT count(*)::int AS n FROM pilot_state_change c JOIN pilot p ON p.id = c.pilot_id
        WHERE c.from_state IS NULL AND c.to_state = p.state AND c.at = '2023-12-20T00:00:00+07:00'`,
    );
    expect(history[0].n).toBe(31);
  });

  it('keeps the Vietnamese names verbatim and in NFC, with the broken table rows joined', async () => {
    const rows: { number: number; name: string; progress: string }[] = await ds.query(
      `SELECT number, name, progress FROM pilot`,
    );
    for (const [number, name] of Object.entries(NAMES)) {
      expect(rows.find((r) => r.number === Number(number))?.name).toBe(name);
    }
    for (const row of rows) {
      expect(row.name).toBe(row.name.normalize('NFC'));
      expect(row.progress).toBe(row.progress.normalize('NFC'));
      expect(row.progress).not.toMatch(/<\/?(p|ul|i)\b|[¹²³⁴⁵⁶⁷⁸⁹⁰]/);
    }
    const p17 = rows.find((r) => r.number === 17)!;
    expect(p17.progress).toContain('Hiện Sở Thông tin và Truyền thông đang phối hợp Bộ Công an');
    const p5 = rows.find((r) => r.number === 5)!;
    expect(p5.progress).not.toContain('Khách sạn Red'); // footnote 11 is not part of the text
  });

  it('has the letters with their real numbers, dates and addressees, all awaiting an answer', async () => {
    const rows: { document_number: string; letter_date: string; codes: string[]; state: string }[] =
      await ds.query(
        `SELECT r.document_number, to_char(r.letter_date, 'YYYY-MM-DD') AS letter_date, r.state,
              array_agg(a.code ORDER BY ra.position) AS codes
         FROM recommendation r JOIN recommendation_addressee ra ON ra.recommendation_id = r.id
         JOIN agency a ON a.id = ra.agency_id
        GROUP BY r.id`,
      );
    for (const [number, date, codes] of LETTERS) {
      expect(rows.filter((r) => r.document_number === number)).toEqual([
        { document_number: number, letter_date: date, codes, state: 'SENT' },
      ]);
    }
    const report = rows.filter((r) => r.document_number === '442/BC-TCTĐA06');
    expect(report.length).toBe(10);
    expect(report.every((r) => r.letter_date === '2023-12-20')).toBe(true);
  });

  it('links the blockers of section II.2 and the cross-cutting ones to their letters', async () => {
    const blockers: {
      pilot: number | null;
      topic: string | null;
      authority: string;
      state: string;
    }[] = await ds.query(
      `SELECT p.number AS pilot, b.topic, b.authority, b.state FROM blocker b LEFT JOIN pilot p ON p.id = b.pilot_id`,
    );
    expect(
      blockers
        .filter((b) => b.pilot)
        .map((b) => b.pilot)
        .sort((a, b) => a! - b!),
    ).toEqual([2, 5, 6, 7, 9, 13, 16, 25]);
    expect(blockers.filter((b) => b.topic)).toHaveLength(3);
    const escalated = await ds.query(
      `SELECT count(*)::int AS n FROM blocker b WHERE b.state = 'ESCALATED'
          AND NOT EXISTS (SELECT 1 FROM recommendation_blocker rb WHERE rb.blocker_id = b.id)`,
    );
    expect(escalated[0].n).toBe(0); // every ESCALATED blocker is covered by a letter
    const covid = await ds.query(
      `SELECT r.document_number FROM recommendation r JOIN recommendation_blocker rb ON rb.recommendation_id = r.id
         JOIN blocker b ON b.id = rb.blocker_id WHERE b.topic = 'Làm sạch dữ liệu tiêm chủng COVID-19' ORDER BY r.letter_date`,
    );
    expect(covid.map((r: { document_number: string }) => r.document_number)).toEqual([
      '4338/SYT-TCHC',
      '442/BC-TCTĐA06',
    ]);
  });

  it('adds nothing on a second load', async () => {
    const count = async () =>
      (
        await ds.query(
          `SELECT (SELECT count(*) FROM agency) + (SELECT count(*) FROM pilot) + (SELECT count(*) FROM blocker)
              + (SELECT count(*) FROM recommendation) + (SELECT count(*) FROM pilot_report)
              + (SELECT count(*) FROM pilot_state_change) + (SELECT count(*) FROM recommendation_addressee) AS n`,
        )
      )[0].n;
    const before = await count();
    const counts = await ds.transaction((m) => loadReferenceData(m, weekendCalendar));
    expect(counts).toEqual({ agencies: 0, pilots: 0, reports: 0, blockers: 0, recommendations: 0 });
    const again = await prepareDatabase(db.url, { seedDemo: false, demoPassword: 'unused-here' });
    expect(again.migrationsApplied).toEqual([]);
    expect(await count()).toBe(before);
  });

  it('never overwrites what users changed since the load', async () => {
    await ds.query(
      `UPDATE pilot SET state = 'OPERATING', progress = 'Đã cập nhật' WHERE number = 7`,
    );
    await ds.transaction((m) => loadReferenceData(m, weekendCalendar));
    expect(await ds.query(`SELECT state, progress FROM pilot WHERE number = 7`)).toEqual([
      { state: 'OPERATING', progress: 'Đã cập nhật' },
    ]);
  });

  it('creates demo accounts only when asked, one officer per lead agency', async () => {
    expect((await ds.query(`SELECT count(*)::int AS n FROM app_user`))[0].n).toBe(0);
    const result = await prepareDatabase(db.url, { seedDemo: true, demoPassword: 'demo-pilot-06' });
    const emails = (await ds.query(`SELECT email FROM app_user ORDER BY email`)).map(
      (r: { email: string }) => r.email,
    );
    expect(result.demoAccountsAdded).toBe(emails.length);
    expect(emails).toEqual(
      expect.arrayContaining([
        'admin@demo.example',
        'thuky@demo.example',
        'lanhdao@demo.example',
        'syt@demo.example',
        'cdyt@demo.example',
        'c06@demo.example',
      ]),
    );
    expect(emails).toHaveLength(3 + 13); // 13 lead agencies
    const contacts = await ds.query(
      `SELECT count(*)::int AS n FROM agency WHERE NOT (contact_emails[1] LIKE '%.example')`,
    );
    expect(contacts[0].n).toBe(0);
  });
});
