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

/** Number, date, addressees and issuer of each letter, as the report tells them. */
const LETTERS: [string, string, string[], string][] = [
  // "Sở Y tế tỉnh Khánh Hòa đã có Văn bản số 4338/SYT-TCHC … gửi tới Cục Công nghệ thông tin và
  // Cục Y tế dự phòng (Bộ Y tế)"
  ['4338/SYT-TCHC', '2022-10-27', ['BYT_CNTT', 'BYT_YTDP'], 'SYT'],
  ['3829/STNMT-VPĐKĐĐ', '2023-09-22', ['BTNMT', 'C06'], 'STNMT'],
  ['5772/TCTĐA06-CAT', '2023-10-09', ['TCT06CP', 'BCA'], 'TCTDA06'],
  ['2754/STTTT-TTCNTT&DVHCCTT', '2023-08-30', ['C06'], 'STTTT'],
  // "Tổ công tác Đề án 06 tỉnh Khánh Hòa có Văn bản số 5305/TCTĐA06(CAT-STTTT)"
  ['5305/TCTĐA06(CAT-STTTT)', '2023-09-15', ['TCT06CP', 'C06'], 'TCTDA06'],
];

/**
 * Whom each recommendation of section III of report 442 asks to act, by what it is about (its
 * blocker, or "dvc" for the one on online public services that carries none).
 */
const REPORT_442_ADDRESSEES: Record<string, string[]> = {
  // "Kiến nghị Tổ công tác Đề án 06 của Chính phủ, Bộ Công an sớm trả lời … Công văn số 5772"
  'vneid-accommodation-notice': ['TCT06CP', 'BCA'],
  dvc: ['VPCP'], // "Kiến nghị Văn phòng Chính phủ và các bộ, ban, ngành Trung ương tiếp tục rà soát"
  'covid-vaccination-data': ['BYT'], // "Kiến nghị Bộ Y tế chỉ đạo các đơn vị liên quan"
  'pilot-2': ['BCA', 'VPCP'], // "Đề nghị Bộ Công an, Văn phòng Chính phủ giải đáp"
  'pilot-5': ['BCA'], // "đề nghị Bộ Công an xem xét, hỗ trợ, hướng dẫn"
  'pilot-6': ['BCA'], // "Tương tự đề nghị tại Mô hình 5"
  'pilot-9': ['BTTTT', 'BCA'], // "Đề nghị Bộ Thông tin và Truyền thông và Bộ Công an"
  'pilot-16': ['BCA'], // "Đề nghị Bộ Công an hướng dẫn cụ thể"
  'pilot-25': ['BTNMT', 'BCA'], // "Đề nghị Bộ Tài nguyên và Môi trường và Bộ Công an"
  'interconnection-api-docs': ['TCT06CP'], // "Kiến nghị Tổ công tác Đề án 06 của Chính phủ gửi tài liệu"
};

/**
 * Report 442's "Nơi nhận", its lines that name an agency of the data: "Văn phòng Chính phủ (báo
 * cáo)", "Bộ Công an (báo cáo)", "Văn phòng UBND tỉnh".
 */
const REPORT_442_DISTRIBUTION = ['VPCP', 'BCA', 'VPUBND'];

/** The figures each cell of the appendix gives, read off the report by hand. */
const METRICS: Record<number, Record<string, number>> = {
  // "176/176 cơ sở khám chữa bệnh … (đạt 100% …) với 557.045 lượt tra cứu"
  4: {
    coSoTrienKhai: 176,
    tongSoCoSoKcbBhyt: 176,
    tyLeCoSoTrienKhai: 100,
    luotTraCuuTheBhytBangCccd: 557045,
  },
  // "05 Công an phường có tuyến biển và 15 cơ sở kinh doanh lưu trú"; "đề nghị 15 cơ sở lưu trú"
  5: { congAnPhuongTapHuan: 5, coSoLuuTruTapHuan: 15, coSoLuuTruDeNghiKhaiBaoAsm: 15 },
  6: { benhVienThiDiemGiaiDoan1: 2 }, // "chọn 02 đơn vị để triển khai thí điểm giai đoạn 1"
  8: { coQuanDauMoiThongNhatTrienKhai: 3 }, // "03 cơ quan đầu mối thống nhất triển khai thí điểm"
  // "tuyên truyền đối với 123/335 cơ sở …, tuy nhiên chưa ghi nhận cơ sở đăng ký"
  10: { coSoDaTuyenTruyen: 123, tongSoCoSo: 335, coSoDangKyTrangBiThietBi: 0 },
  // "2 buổi", "189 SV, thời gian thi: 60 phút/ca thi, 40 SV/ca thi"; "thi 15' môn Toán"
  14: {
    dhkhBuoiTapHuan: 2,
    dhkhSinhVienDuKienThi: 189,
    dhkhPhutMoiCaThi: 60,
    dhkhSinhVienMoiCaThi: 40,
    cdktcnPhutBaiThiToan: 15,
  },
  // "cấp CCCD cho 100% công dân đủ điều kiện", "cấp 756.805 tài khoản định danh điện tử"
  16: { tyLeCongDanDuDieuKienDuocCapCccd: 100, taiKhoanDinhDanhDienTuDaCap: 756805 },
  21: { canBoChienSiCongAnTinhDaDaoTao: 947, canBoCongChucDangKyDaoTao: 377 },
  22: { tyLeTinBaoQuaVneidToiThieu: 30 }, // "đảm bảo tỷ lệ tối thiểu 30% tổng số tin"
  24: { tyLeCoSoMamNonDuocGioiThieuHeThong: 100 }, // "đến 100% cơ sở giáo dục mầm non"
  25: { thuaDatDaSoHoa: 712011, thuaDatDaCapGcn: 712011, tyLeThuaDatDaSoHoa: 100 }, // 712.011/712.011
};

/** Footnotes 9–11 of the report, copied from it. */
const FOOTNOTE_9 =
  'CCCD, ngày cấp, ngày hết hạn, ảnh chân dung, họ tên, ngày sinh, giới tính, quốc tịch, dân tộc, tôn giáo, quê quán, địa chỉ thường trú, họ tên cha, họ tên mẹ, vợ/chồng, CMND, nhận dạng”';
const FOOTNOTE_10 = 'Tra cứu CMND/CCCD, lấy thông tin công dân, tra cứu chủ hộ';
const FOOTNOTE_11_START = 'Khách sạn Red, địa chỉ: 14 Trịnh Phong, Phước Tiến, Nha Trang;';
const FOOTNOTE_11_END =
  'Khách sạn Ibis Styles Nha Trang, địa chỉ: 86 Hùng Vương, Lộc Thọ, Nha Trang.';

/**
 * When each blocker was first raised (local day): the report's own date for those it raises
 * first, else the date of the first letter that carried it.
 */
const RAISED_ON: Record<string, string> = {
  'pilot-2': '2023-12-20',
  'pilot-5': '2023-12-20',
  'pilot-6': '2023-12-20',
  'pilot-7': '2023-12-20',
  'pilot-9': '2023-12-20',
  'pilot-13': '2023-12-20',
  'pilot-16': '2023-12-20',
  'pilot-17': '2023-08-30', // 2754/STTTT-TTCNTT&DVHCCTT
  'pilot-25': '2023-09-22', // 3829/STNMT-VPĐKĐĐ
  'covid-vaccination-data': '2022-10-27', // 4338/SYT-TCHC
  'vneid-accommodation-notice': '2023-10-09', // 5772/TCTĐA06-CAT
  'interconnection-api-docs': '2023-12-20',
};

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
      // As of the report: the rows of the 2025 successors begin on 1/3/2025.
      `SELECT p.number, array_agg(a.code ORDER BY l.position) AS codes
         FROM pilot p JOIN pilot_lead_agency l ON l.pilot_id = p.id JOIN agency a ON a.id = l.agency_id
        WHERE (l.valid_from IS NULL OR l.valid_from <= '2023-12-20')
          AND (l.valid_until IS NULL OR l.valid_until > '2023-12-20')
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
  });

  it('keeps footnotes 9–11 as a "Ghi chú" paragraph after the verbatim text they explain', async () => {
    const progress = async (n: number) =>
      (
        await ds.query(
          `SELECT p.progress, r.progress AS report FROM pilot p
             JOIN pilot_report r ON r.pilot_id = p.id AND r.period = '2023-12' WHERE p.number = $1`,
          [n],
        )
      )[0] as { progress: string; report: string };
    const heading = 'Ghi chú (chú thích của Báo cáo số 442/BC-TCTĐA06):';
    // Footnote 11 explains row 5's "15 cơ sở kinh doanh lưu trú trên địa bàn thành phố Nha Trang".
    const p5 = await progress(5);
    expect(p5.report).toBe(p5.progress);
    const [cell5, note5] = p5.progress.split(`\n${heading}\n`);
    expect(cell5).toMatch(
      /15 cơ sở kinh doanh lưu trú trên địa bàn thành phố Nha Trang\. - Ngày 06\/10\/2023.*nghiên cứu giải đáp vấn đề chưa rõ\.$/,
    );
    expect(note5).toMatch(
      /^- Chú thích 11 \(15 cơ sở kinh doanh lưu trú trên địa bàn thành phố Nha Trang\): /,
    );
    expect(note5).toContain(FOOTNOTE_11_START);
    expect(note5.endsWith(FOOTNOTE_11_END)).toBe(true);
    expect(note5.match(/địa chỉ:/g)).toHaveLength(15);
    // Footnotes 9 and 10 explain pilot 2's Kiosk data in section II.2: on its progress text and
    // on the blocker they stand in.
    const notes2 =
      `${heading}\n- Chú thích 9 (các dữ liệu đã được xác thực là đúng với CSDLQG về dân cư trên Kiosk): ${FOOTNOTE_9}` +
      `\n- Chú thích 10 (03 chức năng): ${FOOTNOTE_10}`;
    const p2 = await progress(2);
    expect(p2.report).toBe(p2.progress);
    expect(p2.progress).toBe(
      `Đã triển khai thí điểm mô hình kiosk tại trung tâm phục vụ hành chính công tỉnh Khánh Hòa kể từ ngày 30/09/2023. Đã hoàn thành chức năng xác thực CCCD và chủ thẻ CCCD với CSDLQG về dân cư, đã hoàn thành kết nối API liên quan tới lấy số thứ tự tại Trung tâm; đang hoàn thiện các chức năng liên quan tới nộp hồ sơ trực tiếp tại Trung tâm, thanh toán trực tuyến phí, lệ phí, đánh giá hài lòng; đang xây dựng chức năng nộp hồ sơ trực tuyến để triển khai bổ sung cho mô hình 1 (đặt ở khu đông dân cư).\n${notes2}`,
    );
    const [blocker2] = await ds.query(`SELECT description FROM blocker WHERE seed_key = 'pilot-2'`);
    expect(blocker2.description).toMatch(/tương tự 03 chức năng trên Hệ thống giải quyết TTHC/);
    expect(
      blocker2.description.endsWith(
        `Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ.\n${notes2}`,
      ),
    ).toBe(true);
    // No other text carries a note.
    const noted = await ds.query(
      `SELECT 'pilot ' || number AS at FROM pilot WHERE progress LIKE '%Ghi chú (chú thích%'
        UNION ALL SELECT seed_key FROM blocker WHERE description LIKE '%Ghi chú (chú thích%' ORDER BY 1`,
    );
    expect(noted.map((r: { at: string }) => r.at)).toEqual(['pilot 2', 'pilot 5', 'pilot-2']);
  });

  it("puts the figures of each appendix cell in its report's metrics, the text unchanged", async () => {
    const rows: { number: number; metrics: Record<string, number> | null }[] = await ds.query(
      `SELECT p.number, r.metrics FROM pilot_report r JOIN pilot p ON p.id = r.pilot_id
        WHERE r.period = '2023-12' ORDER BY p.number`,
    );
    expect(rows).toHaveLength(24); // the 23 recorded pilots and pilot 31's "đã đăng ký nhiệm vụ"
    expect(
      Object.fromEntries(rows.filter((r) => r.metrics).map((r) => [r.number, r.metrics])),
    ).toEqual(METRICS);
    const [p4] = await ds.query(`SELECT progress FROM pilot WHERE number = 4`);
    expect(p4.progress).toBe(
      'Toàn tỉnh đã có 176/176 cơ sở khám chữa bệnh triển khai khám chữa bệnh BHYT bằng CCCD gắn chip (đạt 100% tổng số cơ sở KCB BHYT trên toàn tỉnh) với 557.045 lượt tra cứu thông tin thẻ BHYT bằng CCCD thành công phục vụ làm thủ tục KCB BHYT.',
    );
  });

  it('dates the reports as of the report and each blocker as of when it was first raised', async () => {
    const reports = await ds.query(
      `SELECT count(*)::int AS n FROM pilot_report
        WHERE created_at = '2023-12-20T00:00:00+07:00' AND updated_at = created_at`,
    );
    expect(reports[0].n).toBe(24);
    const pilots = await ds.query(
      `SELECT count(*)::int AS n FROM pilot WHERE created_at = '2023-12-20T00:00:00+07:00'`,
    );
    expect(pilots[0].n).toBe(31);
    const blockers: { key: string; raised: string; covered: string | null }[] = await ds.query(
      `SELECT b.seed_key AS key,
              to_char(b.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD HH24:MI') AS raised,
              (SELECT to_char(min(r.letter_date), 'YYYY-MM-DD') FROM recommendation_blocker rb
                 JOIN recommendation r ON r.id = rb.recommendation_id WHERE rb.blocker_id = b.id) AS covered
         FROM blocker b ORDER BY b.created_at, b.seed_key`,
    );
    expect(Object.fromEntries(blockers.map((b) => [b.key, b.raised]))).toEqual(
      Object.fromEntries(Object.entries(RAISED_ON).map(([k, d]) => [k, `${d} 00:00`])),
    );
    // The COVID-19 one is the oldest: raised with 4338 on 27/10/2022, not in December 2023.
    expect(blockers[0]).toMatchObject({
      key: 'covid-vaccination-data',
      raised: '2022-10-27 00:00',
    });
    // None raised after the first letter that carries it; those no letter carries, on 20/12/2023.
    for (const b of blockers) expect(b.raised.slice(0, 10)).toBe(b.covered ?? '2023-12-20');
  });

  it('has the provincial working group as the issuer of its letters and of report 442', async () => {
    const [group] = await ds.query(
      `SELECT code, name, short_name, kind, parent_id FROM agency WHERE code = 'TCTDA06'`,
    );
    expect(group).toEqual({
      code: 'TCTDA06',
      name: 'Tổ công tác Đề án 06 tỉnh Khánh Hòa',
      short_name: 'Tổ công tác Đề án 06 tỉnh',
      kind: 'WORKING_GROUP',
      parent_id: null,
    });
    const senders: { document_number: string; sender: string }[] = await ds.query(
      `SELECT r.document_number, s.code AS sender FROM recommendation r
         JOIN agency s ON s.id = r.sender_agency_id ORDER BY r.letter_date, r.document_number`,
    );
    expect(senders).toHaveLength(15);
    for (const [number, , , sender] of LETTERS) {
      expect(senders.filter((r) => r.document_number === number).map((r) => r.sender)).toEqual([
        sender,
      ]);
    }
    const report = senders.filter((r) => r.document_number === '442/BC-TCTĐA06');
    expect(report.map((r) => r.sender)).toEqual(Array(10).fill('TCTDA06'));
    expect(senders.filter((r) => r.sender === 'CAT')).toEqual([]);
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

  it('has 4338 addressed to Cục Công nghệ thông tin and Cục Y tế dự phòng of Bộ Y tế', async () => {
    const rows = await ds.query(
      `SELECT a.code, a.name, a.short_name, a.kind, p.code AS parent, a.contact_emails
         FROM recommendation r JOIN recommendation_addressee ra ON ra.recommendation_id = r.id
         JOIN agency a ON a.id = ra.agency_id LEFT JOIN agency p ON p.id = a.parent_id
        WHERE r.document_number = '4338/SYT-TCHC' ORDER BY ra.position`,
    );
    expect(rows).toEqual([
      {
        code: 'BYT_CNTT',
        name: 'Cục Công nghệ thông tin',
        short_name: 'Cục Công nghệ thông tin',
        kind: 'CENTRAL_AGENCY',
        parent: 'BYT',
        contact_emails: [],
      },
      {
        code: 'BYT_YTDP',
        name: 'Cục Y tế dự phòng',
        short_name: 'Cục Y tế dự phòng',
        kind: 'CENTRAL_AGENCY',
        parent: 'BYT',
        contact_emails: [],
      },
    ]);
  });

  it("gives report 442's recommendations the addressees it asks and its Nơi nhận as their distribution", async () => {
    const rows: { about: string; addressees: string[]; distribution: string[] }[] = await ds.query(
      `SELECT coalesce((SELECT b.seed_key FROM recommendation_blocker rb JOIN blocker b ON b.id = rb.blocker_id
                           WHERE rb.recommendation_id = r.id), 'dvc') AS about,
                (SELECT array_agg(a.code ORDER BY ra.position) FROM recommendation_addressee ra
                   JOIN agency a ON a.id = ra.agency_id WHERE ra.recommendation_id = r.id) AS addressees,
                coalesce((SELECT array_agg(a.code ORDER BY rd.position) FROM recommendation_distribution rd
                   JOIN agency a ON a.id = rd.agency_id WHERE rd.recommendation_id = r.id), '{}') AS distribution
           FROM recommendation r WHERE r.document_number = '442/BC-TCTĐA06'`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.about, r.addressees]))).toEqual(
      REPORT_442_ADDRESSEES,
    );
    for (const r of rows) expect(r.distribution).toEqual(REPORT_442_DISTRIBUTION);
    // The other letters name no Nơi nhận beyond whom they ask.
    const others = await ds.query(
      `SELECT DISTINCT r.document_number FROM recommendation_distribution rd
         JOIN recommendation r ON r.id = rd.recommendation_id`,
    );
    expect(others).toEqual([{ document_number: '442/BC-TCTĐA06' }]);
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
    ).toEqual([2, 5, 6, 7, 9, 13, 16, 17, 25]);
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

  it('links letters 2754 and 5305 to pilot 17 through its blocker on the SSO connection', async () => {
    const rows: {
      title: string;
      authority: string;
      state: string;
      letters: string[];
    }[] = await ds.query(
      `SELECT b.title, b.authority, b.state,
              array_agg(r.document_number ORDER BY r.letter_date) AS letters
         FROM blocker b JOIN pilot p ON p.id = b.pilot_id
         JOIN recommendation_blocker rb ON rb.blocker_id = b.id
         JOIN recommendation r ON r.id = rb.recommendation_id
        WHERE p.number = 17 GROUP BY b.id`,
    );
    expect(rows).toEqual([
      {
        title:
          'Chờ kiểm tra đánh giá bảo đảm an ninh, an toàn hạ tầng CNTT để kết nối App Khánh Hòa với hệ thống xác thực tập trung (SSO) của Bộ Công an',
        authority: 'CENTRAL',
        state: 'ESCALATED',
        letters: ['2754/STTTT-TTCNTT&DVHCCTT', '5305/TCTĐA06(CAT-STTTT)'],
      },
    ]);
    // Every letter outside report 442 now concerns a pilot or a cross-cutting topic.
    const unlinked = await ds.query(
      `SELECT r.document_number FROM recommendation r WHERE NOT EXISTS
         (SELECT 1 FROM recommendation_blocker rb WHERE rb.recommendation_id = r.id)`,
    );
    expect(unlinked).toEqual([{ document_number: '442/BC-TCTĐA06' }]); // its VPCP item on DVC
  });

  it('adds nothing on a second load', async () => {
    const count = async () =>
      (
        await ds.query(
          `SELECT (SELECT count(*) FROM agency) + (SELECT count(*) FROM pilot) + (SELECT count(*) FROM blocker)
              + (SELECT count(*) FROM recommendation) + (SELECT count(*) FROM pilot_report)
              + (SELECT count(*) FROM pilot_state_change) + (SELECT count(*) FROM recommendation_addressee)
              + (SELECT count(*) FROM recommendation_blocker)
              + (SELECT count(*) FROM recommendation_distribution) AS n`,
        )
      )[0].n;
    const before = await count();
    const counts = await ds.transaction((m) => loadReferenceData(m, weekendCalendar));
    expect(counts).toEqual({ agencies: 0, pilots: 0, reports: 0, blockers: 0, recommendations: 0 });
    const again = await prepareDatabase(db.url, { seedDemo: false, demoPassword: 'unused-here' });
    expect(again.migrationsApplied).toEqual([]);
    expect(await count()).toBe(before);
  });

  it('links a blocker new to the reference data to the letters loaded before it', async () => {
    // A database loaded before pilot 17's blocker was part of the reference data.
    await ds.query(
      `DELETE FROM recommendation_blocker WHERE blocker_id = (SELECT id FROM blocker WHERE seed_key = 'pilot-17')`,
    );
    await ds.query(`DELETE FROM blocker WHERE seed_key = 'pilot-17'`);
    const counts = await ds.transaction((m) => loadReferenceData(m, weekendCalendar));
    expect(counts).toEqual({ agencies: 0, pilots: 0, reports: 0, blockers: 1, recommendations: 0 });
    const letters = await ds.query(
      `SELECT r.document_number FROM recommendation_blocker rb
         JOIN recommendation r ON r.id = rb.recommendation_id
         JOIN blocker b ON b.id = rb.blocker_id WHERE b.seed_key = 'pilot-17' ORDER BY r.letter_date`,
    );
    expect(letters.map((r: { document_number: string }) => r.document_number)).toEqual([
      '2754/STTTT-TTCNTT&DVHCCTT',
      '5305/TCTĐA06(CAT-STTTT)',
    ]);
    const again = await ds.transaction((m) => loadReferenceData(m, weekendCalendar));
    expect(again.blockers).toBe(0);
  });

  it("adds the new agencies and 442's distribution to a database loaded before them, not 4338's new addressees", async () => {
    // A database loaded before: 4338 addressed to Bộ Y tế, no departments, no distribution.
    const letter4338 = `(SELECT id FROM recommendation WHERE document_number = '4338/SYT-TCHC')`;
    await ds.query(`DELETE FROM recommendation_addressee WHERE recommendation_id = ${letter4338}`);
    await ds.query(
      `INSERT INTO recommendation_addressee (recommendation_id, agency_id, position)
       SELECT ${letter4338}, id, 0 FROM agency WHERE code = 'BYT'`,
    );
    await ds.query(`DELETE FROM recommendation_distribution`);
    await ds.query(`DELETE FROM agency WHERE code IN ('BYT_CNTT', 'BYT_YTDP')`);

    const counts = await ds.transaction((m) => loadReferenceData(m, weekendCalendar));
    expect(counts).toEqual({ agencies: 2, pilots: 0, reports: 0, blockers: 0, recommendations: 0 });
    const departments = await ds.query(
      `SELECT a.code, p.code AS parent FROM agency a JOIN agency p ON p.id = a.parent_id
        WHERE a.code LIKE 'BYT\\_%' ORDER BY a.code`,
    );
    expect(departments).toEqual([
      { code: 'BYT_CNTT', parent: 'BYT' },
      { code: 'BYT_YTDP', parent: 'BYT' },
    ]);
    const distribution = await ds.query(
      `SELECT r.document_number, array_agg(a.code ORDER BY rd.position) AS codes
         FROM recommendation_distribution rd JOIN recommendation r ON r.id = rd.recommendation_id
         JOIN agency a ON a.id = rd.agency_id GROUP BY r.id`,
    );
    expect(distribution).toHaveLength(10);
    for (const d of distribution)
      expect(d).toEqual({ document_number: '442/BC-TCTĐA06', codes: REPORT_442_DISTRIBUTION });
    // A letter already loaded keeps its addressees: reminders may have gone to them.
    expect(
      await ds.query(
        `SELECT a.code FROM recommendation_addressee ra JOIN agency a ON a.id = ra.agency_id
          WHERE ra.recommendation_id = ${letter4338}`,
      ),
    ).toEqual([{ code: 'BYT' }]);
    const again = await ds.transaction((m) => loadReferenceData(m, weekendCalendar));
    expect(again.agencies).toBe(0);
    expect(
      (await ds.query(`SELECT count(*)::int AS n FROM recommendation_distribution`))[0].n,
    ).toBe(30);
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
    // A code's "_" is not for a domain name: Cục Công nghệ thông tin gets byt-cntt.example.
    const departments = await ds.query(
      `SELECT code, contact_emails FROM agency WHERE code LIKE 'BYT\\_%' ORDER BY code`,
    );
    expect(departments).toEqual([
      { code: 'BYT_CNTT', contact_emails: ['dau-moi@byt-cntt.example'] },
      { code: 'BYT_YTDP', contact_emails: ['dau-moi@byt-ytdp.example'] },
    ]);
  });
});
