import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { ENTITIES } from '../../src/database/entities.js';
import { DOCX_CONTENT_TYPE } from '../../src/documents/monthly/monthly-report.docx.js';
import type { MonthlyReportModel } from '../../src/documents/monthly/monthly-report.model.js';
import type { MonthlySource } from '../../src/periods/monthly-source.js';
import { XLSX_CONTENT_TYPE } from '../../src/documents/monthly/monthly-report.xlsx.js';
import { PeriodSnapshot } from '../../src/periods/period-snapshot.entity.js';
import { PILOTS } from '../../src/seed/reference-data.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { paragraphs, tables } from '../support/docx.js';

/** Section I.5.1 of report 442/BC-TCTĐA06 of 20/12/2023, copied from the report. */
const REPORT_SENTENCE =
  'Đến nay, đã ghi nhận 23 mô hình đã và đang triển khai thực hiện, còn lại 08 mô hình chưa ghi nhận việc triển khai, thực hiện (01 Mô hình do Văn phòng UBND tỉnh chủ trì (Mô hình 3); 02 Mô hình do Cục Cảnh sát QLHC về TTXH – Bộ Công an chủ trì (Mô hình 15 và 23); 05 Mô hình do Sở Thông tin và Truyền thông chủ trì (Mô hình 27, 28, 29, 30, 31)).';

/** Appendix cells copied by hand from the report: TT → [Tên mô hình, Đơn vị chủ trì]. */
const REPORT_CELLS: Record<number, [string, string]> = {
  1: ['Triển khai 53 dịch vụ thiết yếu', 'Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa'],
  10: [
    'Triển khai tại các cơ sở kinh doanh có điều kiện về ANTT (cơ sở cầm đồ; cơ sở dịch vụ bảo vệ; dịch vụ thừa phát lại; cơ sở khác)',
    'Cục Cảnh sát QLHC về TTXH',
  ],
  14: [
    'Mô hình thi online tập trung qua nền tảng công nghệ xác thực thẻ CCCD gắn chip điện tử',
    'Trường Đại học Khánh Hòa, Trường Cao đẳng Kỹ thuật công nghệ Nha Trang và Trường Cao đẳng Y tế',
  ],
  17: ['Chuẩn hóa xác thực tập trung (SSO)', 'Sở Thông tin và Truyền thông tỉnh Khánh Hòa'],
  25: [
    'Quản lý thông tin người sử dụng đất, chủ sở hữu nhà ở, tài sản gắn liền với đất thông qua Hệ thống CSDLQG về dân cư, VNeID',
    'Sở Tài nguyên và Môi trường tỉnh Khánh Hòa',
  ],
  31: [
    'Trung tâm giám sát an ninh mạng SOC tỉnh Khánh Hòa',
    'Sở Thông tin và Truyền thông tỉnh Khánh Hòa',
  ],
};

describe('monthly report and period cut-off', () => {
  let t: TestApp;
  let db: DataSource;
  const tokens: Record<string, string> = {};
  const clock = new FixedClock(new Date('2024-01-15T03:00:00Z')); // 10:00 in Khánh Hòa
  const as = (who: string) => tokens[who];

  /** GET /reports/monthly as raw bytes, whatever the format. */
  const download = async (query: string, who = 'lanhdao') => {
    const res = await fetch(new URL(`/api/v1/reports/monthly?${query}`, await t.app.getUrl()), {
      headers: { authorization: `Bearer ${as(who)}` },
    });
    return {
      status: res.status,
      headers: Object.fromEntries(res.headers),
      bytes: Buffer.from(await res.arrayBuffer()),
    };
  };
  const report = async (period: string, who = 'lanhdao') => {
    const res = await t.request<MonthlyReportModel>(
      'GET',
      `/api/v1/reports/monthly?period=${period}`,
      { token: as(who) },
    );
    expect(res.status).toBe(200);
    return res;
  };
  const snapshots = (period: string) =>
    db.query(
      `SELECT s.id, s.taken_at, s.superseded_at, u.email AS taken_by, x.email AS superseded_by, s.data
         FROM period_snapshot s LEFT JOIN app_user u ON u.id = s.taken_by_id
         LEFT JOIN app_user x ON x.id = s.superseded_by_id
        WHERE s.period = $1 ORDER BY s.taken_at, s.id`,
      [period],
    ) as Promise<
      {
        id: string;
        taken_at: Date;
        superseded_at: Date | null;
        taken_by: string | null;
        superseded_by: string | null;
        data: MonthlySource;
      }[]
    >;
  const audit = (period: string) =>
    db.query(
      `SELECT action, actor_email, before, after FROM audit_entry
        WHERE entity_type = 'period' AND entity_id = $1 ORDER BY id`,
      [period],
    );
  const lockState = async (period: string) =>
    (
      (await t.request('GET', '/api/v1/periods', { token: as('thuky') })).body as {
        period: string;
        locked: boolean;
      }[]
    ).find((p) => p.period === period)?.locked ?? false;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    db = t.app.get(DataSource);
    for (const who of ['thuky', 'lanhdao', 'syt', 'admin'])
      tokens[who] = await t.login(`${who}@demo.example`);
  });
  afterAll(() => t.close());

  let seeded442: { json: string; xlsx: Buffer; docx: Buffer };

  it('reproduces the appendix and the summary of report 442 for December 2023, locked as of 20/12/2023, for any signed-in user', async () => {
    const res = await report('2023-12', 'syt');
    const { body } = res;
    // The reference data loads the period locked, its snapshot read as of the end of 20/12/2023.
    const [seeded, ...others] = await snapshots('2023-12');
    expect(others).toEqual([]);
    expect(seeded).toMatchObject({
      taken_at: new Date('2023-12-20T16:59:59.999Z'),
      taken_by: null,
      superseded_at: null,
    });
    expect(await lockState('2023-12')).toBe(true);
    expect(body.provenance).toEqual({
      kind: 'snapshot',
      asOf: '2023-12-20T16:59:59.999Z',
      snapshotId: seeded.id,
    });
    expect(body.asOfNote).toBe('Số liệu chốt lúc 23:59 ngày 20/12/2023');
    const rows = body.appendix.rows;
    expect(rows).toHaveLength(31);
    expect(rows.map((r) => r.number)).toEqual([...Array(31).keys()].map((i) => i + 1));
    expect(rows.map((r) => r.name)).toEqual(PILOTS.map((p) => p.name));
    expect(rows.map((r) => r.leadAgencies)).toEqual(PILOTS.map((p) => p.leadAgenciesLabel));
    expect(rows.map((r) => r.result)).toEqual(PILOTS.map((p) => p.progress));
    for (const [n, [name, lead]] of Object.entries(REPORT_CELLS)) {
      expect([rows[Number(n) - 1].name, rows[Number(n) - 1].leadAgencies]).toEqual([name, lead]);
    }
    expect(rows[30].result).toBe(
      'Sở Thông tin và Truyền thông đã đăng ký nhiệm vụ triển khai trong năm 2024.',
    );
    expect(rows.filter((r) => r.result === 'Chưa ghi nhận').map((r) => r.number)).toEqual([
      3, 15, 23, 27, 28, 29, 30,
    ]);
    expect(body.summary).toMatchObject({ total: 31, recorded: 23, notRecorded: 8 });
    expect(body.summary.sentence).toBe(REPORT_SENTENCE);
    expect(body.recommendations.rows).toHaveLength(15);
    expect(body.recommendations.rows[0]).toMatchObject({
      documentNumber: '4338/SYT-TCHC',
      letterDate: '27/10/2022',
      // Two departments of Bộ Y tế, named as the report names a department of a ministry.
      addressees: 'Cục Công nghệ thông tin – Bộ Y tế; Cục Y tế dự phòng – Bộ Y tế',
      status: 'Quá hạn',
      responseDue: '17/11/2022',
      escalation: 'Chưa đôn đốc',
    });
    // Days overdue are counted to 20/12/2023, not to today: 4338, due 17/11/2022, 273 working
    // days; report 442's own letters of 20/12/2023 are not due yet; nothing escalated by then.
    expect(
      body.recommendations.rows.map((r) => [r.documentNumber, r.workingDaysOverdue, r.status]),
    ).toEqual([
      ['4338/SYT-TCHC', 273, 'Quá hạn'],
      ['2754/STTTT-TTCNTT&DVHCCTT', 63, 'Quá hạn'],
      ['5305/TCTĐA06(CAT-STTTT)', 53, 'Quá hạn'],
      ['3829/STNMT-VPĐKĐĐ', 48, 'Quá hạn'],
      ['5772/TCTĐA06-CAT', 37, 'Quá hạn'],
      ...Array(10).fill(['442/BC-TCTĐA06', 0, 'Chờ trả lời']),
    ]);
    expect(body.recommendations.rows.every((r) => r.escalationLevel === 0)).toBe(true);
    // Pilot 17's two letters on the SSO connection concern it.
    expect(
      body.recommendations.rows
        .filter((r) => r.pilotNumbers.includes(17))
        .map((r) => r.documentNumber),
    ).toEqual(['2754/STTTT-TTCNTT&DVHCCTT', '5305/TCTĐA06(CAT-STTTT)']);
    // Raised in December 2023: what report 442 raises first, not the blockers of earlier letters
    // (4338's COVID-19 one of 27/10/2022, 2754's, 3829's, 5772's).
    expect(body.changes.blockersCreated.rows.map((r) => [r.subject, r.date])).toEqual([
      ['Mô hình 2', '20/12/2023'],
      ['Mô hình 5', '20/12/2023'],
      ['Mô hình 6', '20/12/2023'],
      ['Mô hình 7', '20/12/2023'],
      ['Mô hình 9', '20/12/2023'],
      ['Mô hình 13', '20/12/2023'],
      ['Mô hình 16', '20/12/2023'],
      ['Tài liệu API kết nối phần mềm liên thông của Bộ Công an', '20/12/2023'],
    ]);
    expect((await t.request('GET', '/api/v1/reports/monthly?period=2023-12', {})).status).toBe(401);
    seeded442 = {
      json: res.raw,
      xlsx: (await download('period=2023-12&format=xlsx')).bytes,
      docx: (await download('period=2023-12&format=docx')).bytes,
    };
  });

  it('answers a .docx and an .xlsx that open and parse, Vietnamese intact', async () => {
    const docx = await download('period=2023-12&format=docx');
    expect(docx.status).toBe(200);
    expect(docx.headers['content-type']).toBe(DOCX_CONTENT_TYPE);
    expect(docx.headers['content-disposition']).toBe(
      'attachment; filename="phu-luc-mo-hinh-2023-12.docx"',
    );
    const xml = await (
      await JSZip.loadAsync(docx.bytes)
    )
      .file('word/document.xml')!
      .async('string');
    // December 2023's document is report 442 itself: its number and date, loaded with it.
    expect(paragraphs(xml)).toEqual(
      expect.arrayContaining([
        'PHỤ LỤC I',
        'KẾT QUẢ TRIỂN KHAI MÔ HÌNH ĐỀ ÁN 06',
        '(Kèm theo Báo cáo số 442/BC-TCTĐA06 ngày 20/12/2023 của Tổ công tác Đề án 06 tỉnh Khánh Hòa)',
      ]),
    );
    expect(paragraphs(xml).some((p) => p.endsWith(REPORT_SENTENCE))).toBe(true);
    // After the header block and the signature block: Phụ lục I.
    const [, , appendix] = tables(xml);
    expect(appendix).toHaveLength(32);
    expect(appendix[4].slice(0, 3)).toEqual([
      '4',
      'Khám chữa bệnh sử dụng thẻ CCCD và VNeID',
      'Sở Y tế tỉnh Khánh Hòa',
    ]);
    expect(appendix[4][3]).toContain('Toàn tỉnh đã có 176/176 cơ sở khám chữa bệnh');
    expect(appendix[15][3]).toBe('Chưa ghi nhận');

    const numbered = await download(
      `period=2023-12&format=docx&reportNumber=${encodeURIComponent('443/BC-TCTĐA06')}&reportDate=2023-12-21`,
    );
    const numberedXml = await (
      await JSZip.loadAsync(numbered.bytes)
    )
      .file('word/document.xml')!
      .async('string');
    expect(paragraphs(numberedXml)).toContain(
      '(Kèm theo Báo cáo số 443/BC-TCTĐA06 ngày 21/12/2023 của Tổ công tác Đề án 06 tỉnh Khánh Hòa)',
    );

    const xlsx = await download('period=2023-12&format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX_CONTENT_TYPE);
    expect(xlsx.headers['content-disposition']).toBe(
      'attachment; filename="phu-luc-mo-hinh-2023-12.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as never);
    const sheet = workbook.getWorksheet('Phụ lục')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(4).value).toBe('Kết quả, tiến độ thực hiện');
    expect(sheet.getRow(5).getCell(2).value).toBe('Khám chữa bệnh sử dụng thẻ CCCD và VNeID');
    expect(sheet.getRow(15).getCell(3).value).toBe(REPORT_CELLS[14][1]);
    expect(workbook.getWorksheet('Tổng hợp')!.getCell('B7').value).toBe(REPORT_SENTENCE);
    expect(workbook.getWorksheet('Kiến nghị')!.rowCount).toBe(16);
  });

  it('lets only the secretariat lock and unlock; other roles change nothing', async () => {
    for (const who of ['lanhdao', 'syt', 'admin']) {
      const res = await t.request('POST', '/api/v1/periods/2024-01/lock', { token: as(who) });
      expect([who, res.status, res.body.code]).toEqual([who, 403, 'FORBIDDEN']);
      const unlock = await t.request('POST', '/api/v1/periods/2023-12/unlock', { token: as(who) });
      expect([who, unlock.status, unlock.body.code]).toEqual([who, 403, 'FORBIDDEN']);
    }
    expect(await lockState('2024-01')).toBe(false);
    expect(await lockState('2023-12')).toBe(true);
    expect(await snapshots('2024-01')).toEqual([]);
    expect(await audit('2024-01')).toEqual([]);
    expect(await audit('2023-12')).toEqual([]);
  });

  let firstSnapshot: string;
  let locked: { json: string; xlsx: Buffer; docx: Buffer };

  it('freezes a snapshot of every pilot and open recommendation when the secretariat locks', async () => {
    // January 2024 is not over: its snapshot reads the data as of the lock.
    const res = await t.request('POST', '/api/v1/periods/2024-01/lock', { token: as('thuky') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ period: '2024-01', locked: true });
    const [snapshot, ...more] = await snapshots('2024-01');
    expect(more).toEqual([]);
    firstSnapshot = snapshot.id;
    expect(snapshot).toMatchObject({
      taken_at: clock.now(),
      superseded_at: null,
      taken_by: 'thuky@demo.example',
    });
    const data = snapshot.data;
    expect(data).toMatchObject({
      schema: 1,
      period: '2024-01',
      previousPeriod: '2023-12',
      asOf: clock.now().toISOString(),
    });
    expect(data.pilots).toHaveLength(31);
    expect(data.pilots[13]).toMatchObject({
      number: 14,
      leadAgencies: [
        { code: 'DHKH', name: 'Trường Đại học Khánh Hòa' },
        { code: 'CDKTCN', name: 'Trường Cao đẳng Kỹ thuật Công nghệ Nha Trang' },
        { code: 'CDYT', name: 'Trường Cao đẳng Y tế Khánh Hòa' },
      ],
      leadAgenciesLabel: REPORT_CELLS[14][1],
    });
    expect(data.pilots[2]).toMatchObject({ number: 3, state: 'NOT_STARTED', report: null });
    expect(data.pilots[15].openBlockers).toHaveLength(1);
    expect(data.recommendations).toHaveLength(15);
    expect(data.recommendations[0]).toMatchObject({
      documentNumber: '4338/SYT-TCHC',
      letterDate: '2022-10-27',
      addressees: [
        {
          code: 'BYT_CNTT',
          name: 'Cục Công nghệ thông tin',
          reportName: 'Cục Công nghệ thông tin – Bộ Y tế',
        },
        {
          code: 'BYT_YTDP',
          name: 'Cục Y tế dự phòng',
          reportName: 'Cục Y tế dự phòng – Bộ Y tế',
        },
      ],
      state: 'SENT',
      overdue: true,
      escalationLevel: 0,
    });
    // Counted to the lock, 15/01/2024: past the 273 days of 20/12/2023.
    expect(data.recommendations[0].workingDaysOverdue).toBeGreaterThan(273);
    expect(await audit('2024-01')).toEqual([
      expect.objectContaining({
        action: 'period.lock',
        actor_email: 'thuky@demo.example',
        before: { locked: false },
        after: expect.objectContaining({
          locked: true,
          snapshotId: snapshot.id,
          asOf: clock.now().toISOString(),
        }),
      }),
    ]);

    const json = await report('2024-01');
    expect(json.body.provenance).toEqual({
      kind: 'snapshot',
      asOf: '2024-01-15T03:00:00.000Z',
      snapshotId: snapshot.id,
    });
    expect(json.body.summary.sentence).toBe(REPORT_SENTENCE);
    locked = {
      json: json.raw,
      xlsx: (await download('period=2024-01&format=xlsx')).bytes,
      docx: (await download('period=2024-01&format=docx')).bytes,
    };
  });

  it('refuses edits of the locked period (409 PERIOD_LOCKED) and unlocks by other roles (403)', async () => {
    for (const [who, period] of [
      ['syt', '2024-01'],
      ['thuky', '2024-01'],
      ['syt', '2023-12'],
    ]) {
      const res = await t.request('POST', '/api/v1/pilots/4/reports', {
        token: as(who),
        body: { period, progress: 'Sửa sau khi chốt.', version: 1 },
      });
      expect([period, res.status, res.body.code]).toEqual([period, 409, 'PERIOD_LOCKED']);
    }
    for (const who of ['lanhdao', 'syt', 'admin']) {
      const res = await t.request('POST', '/api/v1/periods/2024-01/unlock', { token: as(who) });
      expect(res.status).toBe(403);
    }
    expect(await lockState('2024-01')).toBe(true);
    expect((await snapshots('2024-01')).map((s) => s.superseded_at)).toEqual([null]);
  });

  it('keeps the locked reports byte for byte while the live data changes', async () => {
    // A pilot moves, blockers are raised and resolved, an answer arrives, an agency is renamed,
    // and time passes.
    const p3 = (await t.request('GET', '/api/v1/pilots/3', { token: as('thuky') })).body;
    expect(
      (
        await t.request('POST', '/api/v1/pilots/3/transitions', {
          token: as('thuky'),
          body: { to: 'PREPARING', version: p3.version },
        })
      ).status,
    ).toBe(200);
    const [b7] = (await t.request('GET', '/api/v1/blockers?pilot=7', { token: as('thuky') })).body
      .items;
    expect(
      (
        await t.request('POST', `/api/v1/blockers/${b7.id}/resolve`, {
          token: as('thuky'),
          body: { resolution: 'Công ty Phương Trang đã được hướng dẫn.' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await t.request('POST', '/api/v1/blockers', {
          token: as('syt'),
          body: {
            pilotNumber: 6,
            title: 'Thiếu nhân lực nhập liệu ASM',
            description: 'Bệnh viện chưa bố trí được nhân lực.',
            category: 'STAFFING',
            authority: 'PROVINCE',
          },
        })
      ).status,
    ).toBe(201);
    const [r4338] = (
      await t.request('GET', '/api/v1/recommendations?q=4338', { token: as('thuky') })
    ).body.items;
    // 4338 went to two departments of Bộ Y tế: each answers for itself (issue 12, item 1).
    for (const [addresseeCode, documentNumber] of [
      ['BYT_CNTT', '123/BYT-CNTT'],
      ['BYT_YTDP', '124/BYT-DP'],
    ])
      expect(
        (
          await t.request('POST', `/api/v1/recommendations/${r4338.id}/responses`, {
            token: as('thuky'),
            body: {
              addresseeCode,
              documentNumber,
              date: '2024-01-12',
              summary: 'Bộ Y tế hướng dẫn xử lý dữ liệu tiêm chủng.',
            },
          })
        ).status,
      ).toBe(200);
    await db.query(
      `UPDATE agency SET name = 'Sở Khoa học và Công nghệ tỉnh Khánh Hòa' WHERE code = 'STTTT'`,
    );
    clock.set(new Date('2024-01-25T03:00:00Z'));
    await new Promise((r) => setTimeout(r, 2100)); // past the 2-second grain of zip file times

    const json = await report('2024-01');
    expect(json.raw).toBe(locked.json);
    expect((await download('period=2024-01&format=xlsx')).bytes.equals(locked.xlsx)).toBe(true);
    expect((await download('period=2024-01&format=docx')).bytes.equals(locked.docx)).toBe(true);
    expect(json.body.appendix.rows[2]).toMatchObject({ number: 3, stateLabel: 'Chưa ghi nhận' });
    // And the reference period, locked by the reference data, is report 442 still.
    expect((await report('2023-12')).raw).toBe(seeded442.json);
    expect((await download('period=2023-12&format=xlsx')).bytes.equals(seeded442.xlsx)).toBe(true);
    expect((await download('period=2023-12&format=docx')).bytes.equals(seeded442.docx)).toBe(true);
  });

  it('audits an unlock, keeps the old snapshot superseded, reads the period as it stands, and takes a fresh snapshot at the next lock', async () => {
    const unlock = await t.request('POST', '/api/v1/periods/2024-01/unlock', {
      token: as('thuky'),
    });
    expect(unlock.body).toMatchObject({ period: '2024-01', locked: false });
    expect(await snapshots('2024-01')).toEqual([
      expect.objectContaining({
        id: firstSnapshot,
        superseded_at: clock.now(),
        superseded_by: 'thuky@demo.example',
      }),
    ]);
    expect((await audit('2024-01')).map((a: { action: string }) => a.action)).toEqual([
      'period.lock',
      'period.unlock',
    ]);
    expect((await audit('2024-01'))[1]).toMatchObject({
      actor_email: 'thuky@demo.example',
      after: { locked: false, supersededSnapshotId: firstSnapshot },
    });
    // Unlocked, the period, not over yet, reads what has happened so far.
    expect(
      (
        await t.request('POST', '/api/v1/pilots/4/reports', {
          token: as('syt'),
          body: { period: '2024-01', progress: 'Đã mở rộng sang 180 cơ sở.' },
        })
      ).status,
    ).toBe(201);
    const live = (await report('2024-01')).body;
    expect(live.provenance).toEqual({
      kind: 'live',
      asOf: '2024-01-25T03:00:00.000Z',
      snapshotId: null,
    });
    expect(live.appendix.rows[2]).toMatchObject({ number: 3, state: 'PREPARING' });
    expect(live.appendix.rows[3].result).toBe('Đã mở rộng sang 180 cơ sở.');
    expect(live.summary.recorded).toBe(24);
    expect(live.summary.sentence).toContain(
      '05 Mô hình do Sở Khoa học và Công nghệ chủ trì (Mô hình 27, 28, 29, 30, 31)',
    );
    expect(
      live.recommendations.rows.find((r) => r.documentNumber === '4338/SYT-TCHC'),
    ).toMatchObject({ state: 'ANSWERED', workingDaysOverdue: 0 });

    await t.request('POST', '/api/v1/periods/2024-01/lock', { token: as('thuky') });
    const all = await snapshots('2024-01');
    expect(all).toHaveLength(2);
    expect(all.filter((s) => s.superseded_at === null).map((s) => s.id)).toEqual([all[1].id]);
    expect(all[1].id).not.toBe(firstSnapshot);
    const relocked = (await report('2024-01')).body;
    expect(relocked.provenance).toMatchObject({ kind: 'snapshot', snapshotId: all[1].id });
    expect(relocked.appendix.rows[2].state).toBe('PREPARING');
  });

  it('lists what changed within a period: state moves, blockers raised and resolved, answers', async () => {
    const { changes } = (await report('2024-01')).body;
    expect(changes.title).toBe('THAY ĐỔI SO VỚI KỲ TRƯỚC (THÁNG 12/2023)');
    expect(changes.stateMoves.rows).toEqual([
      expect.objectContaining({
        pilotNumber: 3,
        from: 'Chưa ghi nhận',
        to: 'Đang chuẩn bị',
        date: '15/01/2024',
      }),
    ]);
    expect(changes.blockersCreated.rows).toEqual([
      expect.objectContaining({
        subject: 'Mô hình 6',
        title: 'Thiếu nhân lực nhập liệu ASM',
        date: '15/01/2024',
      }),
    ]);
    expect(changes.blockersResolved.rows).toEqual([
      expect.objectContaining({
        subject: 'Mô hình 7',
        note: 'Công ty Phương Trang đã được hướng dẫn.',
        date: '15/01/2024',
      }),
    ]);
    // Each answer under the addressee that gave it.
    expect(changes.responsesReceived.rows).toEqual([
      {
        recommendation: '4338/SYT-TCHC ngày 27/10/2022',
        addressees: 'Cục Công nghệ thông tin – Bộ Y tế',
        documentNumber: '123/BYT-CNTT',
        date: '12/01/2024',
        summary: 'Bộ Y tế hướng dẫn xử lý dữ liệu tiêm chủng.',
      },
      {
        recommendation: '4338/SYT-TCHC ngày 27/10/2022',
        addressees: 'Cục Y tế dự phòng – Bộ Y tế',
        documentNumber: '124/BYT-DP',
        date: '12/01/2024',
        summary: 'Bộ Y tế hướng dẫn xử lý dữ liệu tiêm chủng.',
      },
    ]);
  });

  it('reads a past period unlocked as of its cut-off: what changed since does not show', async () => {
    const unlock = await t.request('POST', '/api/v1/periods/2023-12/unlock', {
      token: as('thuky'),
    });
    expect(unlock.body).toMatchObject({ period: '2023-12', locked: false });
    const december = (await report('2023-12')).body;
    // The end of 31/12/2023 (the default cut-off: the period's last day), not 25/01/2024.
    expect(december.provenance).toEqual({
      kind: 'live',
      asOf: '2023-12-31T16:59:59.999Z',
      snapshotId: null,
    });
    // Pilot 3 moved on 15/01/2024: in December it had not started.
    expect(december.appendix.rows[2]).toMatchObject({ number: 3, state: 'NOT_STARTED' });
    expect(december.summary).toMatchObject({ total: 31, recorded: 23, notRecorded: 8 });
    expect(december.summary.notRecordedByAgency.map((g) => g.pilotNumbers)).toEqual([
      [3],
      [15, 23],
      [27, 28, 29, 30, 31],
    ]);
    expect(december.appendix.rows[3].result).toBe(PILOTS[3].progress);
    // 4338 was still unanswered on 31/12/2023: 280 working days overdue then.
    expect(
      december.recommendations.rows.find((r) => r.documentNumber === '4338/SYT-TCHC'),
    ).toMatchObject({ state: 'SENT', workingDaysOverdue: 280, status: 'Quá hạn' });
    expect(december.changes.stateMoves.rows).toEqual([]);
    expect(december.changes.blockersResolved.rows).toEqual([]);
    expect(december.changes.responsesReceived.rows).toEqual([]);
    expect(december.changes.blockersCreated.rows).toHaveLength(8);
    expect(december.appendix.rows[6].openBlockers).toBe(1); // pilot 7's, resolved in January
  });

  it('freezes a period locked before snapshots existed at its first report, audited', async () => {
    await t.request('POST', '/api/v1/periods/2023-11/lock', { token: as('thuky') });
    await db.query(`DELETE FROM period_snapshot WHERE period = '2023-11'`);
    const first = await report('2023-11');
    expect(first.body.provenance.kind).toBe('snapshot');
    const [snapshot] = await snapshots('2023-11');
    expect(snapshot).toMatchObject({ taken_by: null, superseded_at: null });
    expect(first.body.provenance.snapshotId).toBe(snapshot.id);
    expect((await audit('2023-11')).map((a: { action: string }) => a.action)).toEqual([
      'period.lock',
      'period.snapshot',
    ]);
    expect((await report('2023-11')).raw).toBe(first.raw);
  });

  it('refuses malformed queries in Vietnamese', async () => {
    for (const query of [
      '',
      'period=2024-13',
      'period=2023-12&format=pdf',
      'period=2023-12&foo=1',
      'period=2023-12&reportDate=2023-02-30',
      'period=2024-03',
    ]) {
      const res = await t.request('GET', `/api/v1/reports/monthly?${query}`, {
        token: as('lanhdao'),
      });
      expect([query, res.status, res.body.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
    }
  });

  it('has a migration that agrees with the PeriodSnapshot entity', async () => {
    const check = await new DataSource({
      ...dataSourceOptions(t.database.url),
      entities: [...new Set([...ENTITIES, PeriodSnapshot])],
    }).initialize();
    try {
      const pending = (await check.driver.createSchemaBuilder().log()).upQueries.map(
        (q) => q.query,
      );
      expect(pending.filter((q) => q.includes('period_snapshot'))).toEqual([]);
    } finally {
      await check.destroy();
    }
  });
});
