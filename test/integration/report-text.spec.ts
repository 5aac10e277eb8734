import JSZip from 'jszip';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { paragraphs } from '../support/docx.js';

/**
 * The secretariat's words in the monthly report (issue 15, item 1): a period's narrative
 * sections and overrides are read by anyone, written by the secretariat only, audited, carried
 * forward as the next period's draft, and frozen by the period's lock; the document prints them.
 */
describe('monthly report text', () => {
  let t: TestApp;
  let db: DataSource;
  const tokens: Record<string, string> = {};
  const clock = new FixedClock(new Date('2024-01-15T03:00:00Z'));

  const docxParagraphs = async (period: string) => {
    const res = await fetch(
      new URL(`/api/v1/reports/monthly?period=${period}&format=docx`, await t.app.getUrl()),
      { headers: { authorization: `Bearer ${tokens.lanhdao}` } },
    );
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    return paragraphs(await zip.file('word/document.xml')!.async('string'));
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    db = t.app.get(DataSource);
    for (const who of ['thuky', 'lanhdao', 'syt', 'admin'])
      tokens[who] = await t.login(`${who}@demo.example`);
  });
  afterAll(() => t.close());

  it('reads December 2023 as report 442, locked, and carries its sections into January as a draft', async () => {
    const dec = await t.request('GET', '/api/v1/periods/2023-12/report-text', {
      token: tokens.syt,
    });
    expect(dec.status).toBe(200);
    expect(dec.body).toMatchObject({
      period: '2023-12',
      locked: true,
      stored: true,
      reportNumber: '442/BC-TCTĐA06',
      reportDate: '2023-12-20',
      signer: { authority: 'TM. TỔ CÔNG TÁC', title: 'TỔ TRƯỞNG', name: 'Nguyễn Tấn Tuân' },
    });
    expect(dec.body.sections.results).toContain('268.905 hồ sơ');
    const jan = await t.request('GET', '/api/v1/periods/2024-01/report-text', {
      token: tokens.thuky,
    });
    expect(jan.body).toMatchObject({
      period: '2024-01',
      locked: false,
      stored: false,
      carriedFrom: '2023-12',
      version: 0,
      reportNumber: null,
      signer: null,
    });
    expect(jan.body.sections).toEqual(dec.body.sections);
  });

  it('lets only the secretariat write, refuses a locked period and a stale version, and audits', async () => {
    const body = {
      version: 0,
      reportNumber: '15/BC-TCTĐA06',
      reportDate: '2024-01-18',
      signer: {
        authority: 'KT. TỔ TRƯỞNG',
        title: 'TỔ PHÓ THƯỜNG TRỰC',
        subtitle: 'GIÁM ĐỐC CÔNG AN TỈNH',
        name: 'Nguyễn Văn A',
      },
      distribution: ['Văn phòng Chính phủ (báo cáo);', 'Lưu: VT.'],
      sections: {
        results:
          '1. Chỉ đạo, triển khai thực hiện\n- Trong tháng 01/2024, Tổ công tác họp giao ban.',
        resultsMore: '',
        assessment: '1. Ưu điểm',
        proposals: '- Kiến nghị Bộ Công an sớm ban hành hướng dẫn.',
        tasks: '1. Tiếp tục triển khai 31 mô hình.',
      },
    };
    for (const who of ['lanhdao', 'syt', 'admin']) {
      const res = await t.request('PUT', '/api/v1/periods/2024-01/report-text', {
        token: tokens[who],
        body,
      });
      expect([who, res.status, res.body.code]).toEqual([who, 403, 'FORBIDDEN']);
    }
    const locked = await t.request('PUT', '/api/v1/periods/2023-12/report-text', {
      token: tokens.thuky,
      body: { ...body, version: 1 },
    });
    expect([locked.status, locked.body.code]).toEqual([409, 'PERIOD_LOCKED']);

    const saved = await t.request('PUT', '/api/v1/periods/2024-01/report-text', {
      token: tokens.thuky,
      body,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ stored: true, version: 1, reportNumber: '15/BC-TCTĐA06' });
    const stale = await t.request('PUT', '/api/v1/periods/2024-01/report-text', {
      token: tokens.thuky,
      body,
    });
    expect([stale.status, stale.body.code]).toEqual([409, 'VERSION_CONFLICT']);
    const audit = await db.query(
      `SELECT actor_email, after FROM audit_entry
        WHERE action = 'period.reportText' AND entity_id = '2024-01'`,
    );
    expect(audit).toEqual([
      {
        actor_email: 'thuky@demo.example',
        after: expect.objectContaining({ reportNumber: '15/BC-TCTĐA06' }),
      },
    ]);

    // The document prints what was written.
    const text = await docxParagraphs('2024-01');
    for (const line of [
      'Số: 15/BC-TCTĐA06',
      'Khánh Hòa, ngày 18 tháng 01 năm 2024',
      'KT. TỔ TRƯỞNG',
      'TỔ PHÓ THƯỜNG TRỰC',
      'Nguyễn Văn A',
      '- Lưu: VT.',
      '- Trong tháng 01/2024, Tổ công tác họp giao ban.',
      '- Kiến nghị Bộ Công an sớm ban hành hướng dẫn.',
    ]) {
      expect([line, text.includes(line)]).toEqual([line, true]);
    }
  });

  it('freezes the text with the lock: later defaults do not change the locked document', async () => {
    await t.request('PUT', '/api/v1/periods/2024-01/report-text', {
      token: tokens.thuky,
      body: {
        version: 1,
        reportNumber: null,
        reportDate: null,
        signer: null,
        distribution: null,
        sections: {
          results: '- Nội dung tháng 01/2024.',
          resultsMore: '',
          assessment: '',
          proposals: '',
          tasks: '',
        },
      },
    });
    expect(
      (await t.request('POST', '/api/v1/periods/2024-01/lock', { token: tokens.thuky })).status,
    ).toBe(200);
    const defaults = await t.request('GET', '/api/v1/periods/report-defaults', {
      token: tokens.thuky,
    });
    const changed = await t.request('PUT', '/api/v1/periods/report-defaults', {
      token: tokens.thuky,
      body: {
        version: defaults.body.version,
        signer: { authority: '', title: 'TỔ TRƯỞNG', subtitle: '', name: 'Người Ký Mới' },
        distribution: ['Lưu: VT.'],
      },
    });
    expect(changed.status).toBe(200);
    const january = await docxParagraphs('2024-01');
    expect(january).toContain('Nguyễn Tấn Tuân');
    expect(january).not.toContain('Người Ký Mới');
    // An open period takes the new defaults.
    expect(await docxParagraphs('2023-11')).toContain('Người Ký Mới');
    expect(
      (
        await t.request('PUT', '/api/v1/periods/report-defaults', {
          token: tokens.lanhdao,
          body: { ...changed.body, version: changed.body.version },
        })
      ).status,
    ).toBe(403);
  });
});
