import { FixedClock } from '../../src/common/clock.js';
import { atLocalTime } from '../../src/common/domain/local-time.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase } from '../support/database.js';
import { textOf, WebClient } from '../support/web.js';

const PAGE = '/cai-dat/sap-xep-to-chuc';

describe('web interface: the 2025 reorganisation page (settings, administrator)', () => {
  let app: TestApp;

  beforeAll(async () => {
    // A database started before the reorganisation, looked at on 2/12/2026.
    const database = await createTestDatabase({ clockDay: '2024-01-15' });
    app = await startTestApp({
      database,
      clock: new FixedClock(atLocalTime('2026-12-02', '09:00')),
    });
  });
  afterAll(async () => {
    await app?.close();
    await app?.database.drop();
  });

  it("is the administrator's: 403 for the secretariat, leadership and officers, and no tab for them", async () => {
    for (const email of ['thuky@demo.example', 'lanhdao@demo.example', 'stttt@demo.example']) {
      const web = await WebClient.signedIn(app, email);
      const page = await web.get(PAGE);
      expect(page.status).toBe(403);
      expect((await web.post(`${PAGE}/ap-dung`, {})).status).toBe(403);
    }
    const secretariat = await WebClient.signedIn(app, 'thuky@demo.example');
    expect((await secretariat.get('/cai-dat/don-doc')).html).not.toContain(`href="${PAGE}"`);
  });

  it('shows the preview as tables and applies it after confirmation, then shows what was done', async () => {
    const admin = await WebClient.signedIn(app, 'admin@demo.example');
    const settings = await admin.get('/cai-dat/ky-bao-cao');
    expect(settings.html).toContain(`href="${PAGE}"`);

    const page = await admin.get(PAGE);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(page.html).toContain('data-state="not-applied"');
    expect(text).toContain('Nghị quyết 202/2025/QH15'); // the package's notes
    expect(page.html).toMatch(/<tr data-agency="BNNMT">[\s\S]*?Thêm mới/);
    expect(page.html).toMatch(/<tr data-agency="BTTTT">[\s\S]*?01\/03\/2025[\s\S]*?Sẽ kết thúc/);
    expect(page.html).toMatch(
      /data-event="reorganisation-2025\/TCT06CP"[\s\S]*?Quyết định 598\/QĐ-TTg/,
    );
    expect(page.html).toMatch(/data-addressee="BTNMT"\s+data-outcome="HOLDER"/);
    expect(page.html).toMatch(/data-addressee="BTTTT"\s+data-outcome="AMBIGUOUS"/);
    expect(text).toContain(
      'thư ký chọn một trong BKHCN (chính), BCA (an toàn thông tin), BVHTTDL (báo chí)',
    );
    expect(text).toContain('stttt@demo.example: STTTT → SKHCN');
    expect(text).toContain('Mô hình 25: STNMT → SNNMT');
    expect(text).toContain('lưu ý: sát hạch, cấp giấy phép lái xe chuyển CAT');
    expect(text).toContain('dau-moi@btnmt.example (chuyển sang vì BNNMT chưa có đầu mối)');
    expect(page.html).toMatch(
      /<form method="post" action="\/cai-dat\/sap-xep-to-chuc\/ap-dung"[\s\S]*?data-confirm="Áp dụng gói/,
    );

    const applied = await admin.post(`${PAGE}/ap-dung`, {});
    expect(applied.status).toBe(200);
    expect(applied.html).toContain('data-state="applied-now"');
    expect(textOf(applied.html)).toContain('stttt@demo.example: STTTT → SKHCN');

    const after = await admin.get(PAGE);
    expect(after.html).toContain('data-state="applied"');
    expect(after.html).not.toContain(`action="${PAGE}/ap-dung"`);
    const again = await admin.post(`${PAGE}/ap-dung`, {});
    expect(again.html).toContain('data-state="unchanged"');
  });
});
