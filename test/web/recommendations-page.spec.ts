import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { Notification } from '../../src/notifications/notification.entity.js';
import type { RecommendationView } from '../../src/recommendations/recommendation.view.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { queueBackends } from '../support/redis.js';
import { startSmtpServer } from '../support/smtp.js';
import { textOf, WebClient } from '../support/web.js';

async function until(condition: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The rows of the list, in the order shown: id and the row's markup. */
function rows(html: string): { id: string; html: string }[] {
  return [...html.matchAll(/<tr\s+data-recommendation="([^"]+)"[\s\S]*?<\/tr>/g)].map((m) => ({
    id: m[1],
    html: m[0],
  }));
}

/** The markup of one row of a table, found by an attribute. */
function row(html: string, attribute: string, value: string): string {
  const found = new RegExp(`<tr\\s+${attribute}="${value}"[\\s\\S]*?</tr>`).exec(html);
  if (!found) throw new Error(`no row ${attribute}=${value}`);
  return found[0];
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe.each(queueBackends())(
  'web interface: recommendations and escalations (%s)',
  (_kind, redisUrl) => {
    let app: TestApp;
    let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
    let thuky: string;
    let dataSource: DataSource;
    // Mid-January 2024: every December letter is overdue; the workers catch them up at start-up.
    const clock = new FixedClock(new Date('2024-01-15T03:00:00Z'));

    const letters = async (): Promise<RecommendationView[]> =>
      (await app.request('GET', '/api/v1/recommendations?limit=100', { token: thuky })).body.items;
    const letter = async (id: string): Promise<RecommendationView> =>
      (await app.request('GET', `/api/v1/recommendations/${id}`, { token: thuky })).body;
    const byNumber = async (documentNumber: string) =>
      (await letters()).filter((r) => r.documentNumber === documentNumber);

    beforeAll(async () => {
      smtp = await startSmtpServer();
      app = await startTestApp({ role: 'all', clock, redisUrl, smtpUrl: smtp.url });
      dataSource = app.app.get(DataSource);
      thuky = await app.login('thuky@demo.example');
      // Escalation catches up every overdue letter, and its mails go out to the SMTP server.
      await until(async () => (await letters()).every((r) => !r.overdue || r.escalationLevel > 0));
      await until(async () => {
        const [{ pending }] = (await dataSource.query(
          `SELECT count(*)::int AS pending FROM notification WHERE status <> 'SENT'`,
        )) as { pending: number }[];
        const [{ total }] = (await dataSource.query(
          `SELECT count(*)::int AS total FROM notification`,
        )) as { total: number }[];
        return total > 0 && pending === 0;
      });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await smtp?.close();
    });

    it('lists the letters by urgency, with the level each has reached and headline counts', async () => {
      const web = await WebClient.signedIn(app, 'thuky@demo.example');
      const res = await web.get('/kien-nghi');
      expect(res.status).toBe(200);
      const api = new Map((await letters()).map((r) => [r.id, r]));
      const shown = rows(res.html);
      expect(shown).toHaveLength(api.size); // all fifteen December letters are SENT
      // Most working days overdue first; at equal days, the higher level first.
      const overdue = shown.map((r) => api.get(r.id)!);
      for (let i = 1; i < overdue.length; i++) {
        const [a, b] = [overdue[i - 1], overdue[i]];
        expect(a.workingDaysOverdue).toBeGreaterThanOrEqual(b.workingDaysOverdue);
        if (a.workingDaysOverdue === b.workingDaysOverdue)
          expect(a.escalationLevel).toBeGreaterThanOrEqual(b.escalationLevel);
      }
      expect(overdue[0].documentNumber).toBe('4338/SYT-TCHC');

      const [syt] = await byNumber('4338/SYT-TCHC');
      const first = row(res.html, 'data-recommendation', syt.id);
      expect(first).toContain('data-level="3"');
      expect(textOf(first)).toContain('Mức 3 · Báo cáo lãnh đạo');
      expect(textOf(first)).toContain('27/10/2022');
      // 4338 went to two departments of Bộ Y tế.
      expect(textOf(first)).toContain('Cục Công nghệ thông tin');
      expect(textOf(first)).toContain('Cục Y tế dự phòng');
      expect(first).toContain(`href="/kien-nghi/${syt.id}"`);
      expect(first).toContain(`data-overdue="${syt.workingDaysOverdue}"`);
      // The report's own letters, due 11/01/2024, are at the first level.
      const report = (await byNumber('442/BC-TCTĐA06')).find((r) =>
        r.blockers.some((b) => b.pilotNumber === 2),
      )!;
      const reportRow = row(res.html, 'data-recommendation', report.id);
      expect(report.escalationLevel).toBe(1);
      expect(reportRow).toContain('data-level="1"');
      expect(textOf(reportRow)).toContain('Mức 1 · Nhắc hạn');
      expect(textOf(reportRow)).toContain('11/01/2024');
      expect(reportRow).toContain('href="/mo-hinh/2"');

      const text = textOf(res.html);
      const atLevel3 = [...api.values()].filter((r) => r.escalationLevel >= 3).length;
      expect(atLevel3).toBeGreaterThan(0);
      expect(res.html).toMatch(/data-stat="open">\s*<span class="value">15<\/span>/);
      expect(res.html).toMatch(/data-stat="overdue">\s*<span class="value">15<\/span>/);
      expect(res.html).toMatch(
        new RegExp(`data-stat="top-level">\\s*<span class="value">${atLevel3}</span>`),
      );
      expect(text).toContain('Soạn kiến nghị mới');

      // The counters follow the filters, and open their letters under them.
      expect(res.html).toContain('href="/kien-nghi?state=QUA_HAN"');
      const sso = await web.get('/kien-nghi?pilot=17');
      expect(rows(sso.html)).toHaveLength(2); // 2754 and 5305
      expect(sso.html).toMatch(/data-stat="open">\s*<span class="value">2<\/span>/);
      expect(sso.html).toMatch(/data-stat="overdue">\s*<span class="value">2<\/span>/);
      expect(sso.html).toContain('href="/kien-nghi?state=QUA_HAN&amp;pilot=17"');
      expect(textOf(sso.html)).toContain('Các số trên tính theo bộ lọc đang chọn.');

      // Search ignores diacritics; the state filter narrows to what the API says.
      const search = await web.get('/kien-nghi?q=tiem%20chung');
      expect(rows(search.html).map((r) => r.id)).toContain(syt.id);
      expect(rows(search.html).length).toBeLessThan(shown.length);
      const closed = await web.get('/kien-nghi?state=CLOSED');
      expect(rows(closed.html)).toHaveLength(0);
      expect(textOf(closed.html)).toContain('Không có kiến nghị nào khớp với bộ lọc.');
    });

    it('shows whom a letter asks and, apart, its Nơi nhận: report 442 asks Bộ Y tế and went to VPCP, BCA and VP UBND tỉnh', async () => {
      const web = await WebClient.signedIn(app, 'thuky@demo.example');
      const covid = (await byNumber('442/BC-TCTĐA06')).find((r) =>
        r.addressees.some((a) => a.code === 'BYT'),
      )!;
      const detail = await web.get(`/kien-nghi/${covid.id}`);
      expect(detail.status).toBe(200);
      const asked =
        /<h3>Cơ quan nhận kiến nghị<\/h3>\s*<ul class="addressees">([\s\S]*?)<\/ul>/.exec(
          detail.html,
        )!;
      expect(textOf(asked[1])).toMatch(
        /^Bộ Y tế \(BYT\) Chờ trả lời · quá hạn 2 ngày làm việc · hạn 11\/01\/2024 Cập nhật BYT/,
      );
      const distribution =
        /<h3>Nơi nhận \(để biết\)<\/h3>\s*<ul class="distribution">([\s\S]*?)<\/ul>/.exec(
          detail.html,
        )!;
      expect(
        [...distribution[1].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1])),
      ).toEqual([
        'Văn phòng Chính phủ (VPCP)',
        'Bộ Công an (BCA)',
        'Văn phòng Ủy ban nhân dân tỉnh Khánh Hòa (VPUBND)',
      ]);
      expect(detail.html).not.toContain('Gửi đến');
      // A letter without a Nơi nhận says so.
      const [syt] = await byNumber('4338/SYT-TCHC');
      expect(textOf((await web.get(`/kien-nghi/${syt.id}`)).html)).toContain(
        'Nơi nhận (để biết) Văn bản không ghi nơi nhận khác.',
      );
    });

    it('lets the secretariat record an answer to an overdue letter, which then leaves the escalation', async () => {
      const web = await WebClient.signedIn(app, 'thuky@demo.example');
      const [tct] = await byNumber('5772/TCTĐA06-CAT');
      expect(tct).toMatchObject({ state: 'SENT', overdue: true });
      expect(tct.escalationLevel).toBeGreaterThanOrEqual(2);

      const detail = await web.get(`/kien-nghi/${tct.id}`);
      expect(detail.status).toBe(200);
      const text = textOf(detail.html);
      expect(text).toContain('Kiến nghị số 5772/TCTĐA06-CAT');
      expect(text).toContain('Tổ công tác triển khai Đề án 06 của Chính phủ');
      expect(detail.html).toContain(`action="/kien-nghi/${tct.id}/tra-loi"`);
      expect(detail.html).toContain(`name="version" value="${tct.version}"`);
      for (const label of ['Số văn bản trả lời', 'Ngày văn bản', 'Nội dung trả lời'])
        expect(detail.html).toMatch(new RegExp(`<label for="tra-loi-\\w+"\\s*>${label}`));
      expect(text).toContain('Ghi nhận trả lời');
      // No close or reopen while the letter waits for its answer.
      expect(detail.html).not.toContain(`/kien-nghi/${tct.id}/dong"`);

      // A letter to two agencies: the form asks whose answer it is; each answers for itself.
      expect(tct.addressees).toHaveLength(2);
      const [first, second] = tct.addressees;
      expect(detail.html).toMatch(/<select\s+id="tra-loi-addresseeCode"\s+name="addresseeCode"/);
      for (const a of tct.addressees)
        expect(detail.html).toMatch(
          new RegExp(`<li data-addressee="${a.code}" data-status="AWAITING">`),
        );
      const partial = await web.post(`/kien-nghi/${tct.id}/tra-loi`, {
        addresseeCode: first.code,
        documentNumber: '124/TCT06',
        date: '11/01/2024',
        summary: 'Tổ công tác của Chính phủ ghi nhận kiến nghị.',
        version: String(tct.version),
      });
      expect(partial.status).toBe(303);
      const between = await web.follow(partial);
      expect(textOf(between.html)).toContain(
        `việc đôn đốc cơ quan này đã dừng, kiến nghị còn chờ ${second.name} trả lời`,
      );
      expect(between.html).toMatch(
        new RegExp(`<li data-addressee="${first.code}" data-status="ANSWERED">`),
      );
      expect(between.html).toMatch(
        new RegExp(`<li data-addressee="${second.code}" data-status="AWAITING">`),
      );
      expect(textOf(between.html)).toContain(
        `${first.name} · Văn bản số 124/TCT06 ngày 11/01/2024`,
      );
      const midway = await letter(tct.id);
      expect(midway.state).toBe('SENT');

      const res = await web.post(`/kien-nghi/${tct.id}/tra-loi`, {
        addresseeCode: second.code,
        documentNumber: '125/BCA-C06',
        date: '12/01/2024',
        summary: 'Bộ Công an hướng dẫn thông báo lưu trú qua ứng dụng VNeID.',
        version: String(midway.version),
      });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/kien-nghi/${tct.id}`);
      const after = await web.follow(res);
      const afterText = textOf(after.html);
      expect(afterText).toContain('Đã ghi nhận văn bản trả lời số 125/BCA-C06');
      expect(afterText).toContain('Văn bản số 125/BCA-C06 ngày 12/01/2024');
      expect(afterText).toContain('Đã trả lời · trả lời ngày 12/01/2024');
      expect(afterText).toContain('Bộ Công an hướng dẫn thông báo lưu trú qua ứng dụng VNeID.');
      expect(afterText).toContain('Đã có trả lời');
      // No longer overdue, but the page says how late the answer came.
      const answeredLetter = await letter(tct.id);
      const late = Math.max(
        ...answeredLetter.addressees.map(
          (a: { answeredLateWorkingDays: number | null }) => a.answeredLateWorkingDays ?? 0,
        ),
      );
      expect(late).toBeGreaterThan(0);
      expect(afterText).toContain(`Không; đã trả lời muộn ${late} ngày làm việc so với hạn`);
      // An answered letter may be closed or reopened now.
      expect(after.html).toContain(`action="/kien-nghi/${tct.id}/dong"`);
      expect(after.html).toContain(`action="/kien-nghi/${tct.id}/mo-lai"`);

      expect(await letter(tct.id)).toMatchObject({ state: 'ANSWERED', overdue: false });
      const list = await web.get('/kien-nghi');
      const answered = row(list.html, 'data-recommendation', tct.id);
      expect(answered).not.toContain('data-level=');
      expect(answered).not.toContain('data-overdue=');
      expect(textOf(answered)).toContain('Đã có trả lời');
      // …and it now comes after every letter still waiting.
      const order = rows(list.html).map((r) => r.id);
      const waiting = (await letters()).filter((r) => r.state === 'SENT').map((r) => r.id);
      expect(Math.max(...waiting.map((id) => order.indexOf(id)))).toBeLessThan(
        order.indexOf(tct.id),
      );

      // Posting the same form again with the old version: the fresh letter and the API's message.
      const stale = await web.post(`/kien-nghi/${tct.id}/tra-loi`, {
        addresseeCode: second.code,
        documentNumber: '126/BCA-C06',
        date: '13/01/2024',
        summary: 'Trả lời bổ sung',
        version: String(midway.version),
      });
      expect(stale.status).toBe(409);
      expect(stale.html).toContain('role="alert"');
      expect(stale.html).toContain(`name="version" value="${(await letter(tct.id)).version}"`);
      expect(stale.html).toContain('value="126/BCA-C06"');
    });

    it('keeps what was typed and says beside the field what is missing', async () => {
      const web = await WebClient.signedIn(app, 'thuky@demo.example');
      const [stnmt] = await byNumber('3829/STNMT-VPĐKĐĐ');
      const summary = 'Bộ Tài nguyên và Môi trường đã có ý kiến về đồng bộ dữ liệu đất đai.';
      const res = await web.post(`/kien-nghi/${stnmt.id}/tra-loi`, {
        documentNumber: '',
        date: '10/01/2024',
        summary,
        version: String(stnmt.version),
      });
      expect(res.status).toBe(400);
      expect(res.html).toContain(summary);
      expect(res.html).toContain('value="10/01/2024"');
      expect(res.html).toMatch(/id="tra-loi-documentNumber"[^>]*aria-invalid="true"/);
      expect(res.html).toMatch(
        /<p class="field-error" id="tra-loi-documentNumber-error">[^<]*Số văn bản không được để trống/,
      );
      expect(textOf(res.html)).toContain(
        'Chưa lưu được: một ô cần sửa, xem ghi chú ngay dưới ô đó.',
      );
      expect(textOf(res.html)).not.toContain('Dữ liệu gửi lên không hợp lệ.');
      expect((await letter(stnmt.id)).state).toBe('SENT');

      // A day that does not exist, said in the form's own terms (dd/mm/yyyy), and kept as typed.
      const badDay = await web.post(`/kien-nghi/${stnmt.id}/tra-loi`, {
        documentNumber: '12/BTNMT',
        date: '31/02/2024',
        summary,
        version: String(stnmt.version),
      });
      expect(badDay.status).toBe(400);
      expect(badDay.html).toContain('value="31/02/2024"');
      expect(badDay.html).toMatch(
        /<p class="field-error" id="tra-loi-date-error">Nhập một ngày có thật theo dạng dd\/mm\/yyyy/,
      );
      expect((await letter(stnmt.id)).state).toBe('SENT');

      // The draft form too: no addressee chosen.
      const draft = await web.post('/kien-nghi', {
        summary: 'Đề nghị hướng dẫn kết nối dữ liệu',
        documentNumber: '20/TCTĐA06-CAT',
      });
      expect(draft.status).toBe(400);
      expect(draft.html).toContain('Đề nghị hướng dẫn kết nối dữ liệu');
      expect(draft.html).toContain('value="20/TCTĐA06-CAT"');
      expect(draft.html).toMatch(
        /<p class="field-error" id="addresseeCodes-error">[^<]*Cơ quan nhận cần ít nhất 1 mã cơ quan/,
      );
    });

    it('shows leadership and officers the letter without actions, and refuses their posts', async () => {
      const [syt] = await byNumber('4338/SYT-TCHC');
      const lead = await WebClient.signedIn(app, 'lanhdao@demo.example');
      const list = await lead.get('/kien-nghi');
      expect(list.status).toBe(200);
      expect(rows(list.html).length).toBeGreaterThan(0);
      expect(textOf(list.html)).not.toContain('Soạn kiến nghị mới');
      const detail = await lead.get(`/kien-nghi/${syt.id}`);
      expect(detail.status).toBe(200);
      // No action on the letter; only the timeline's comment form (leadership comments: its
      // "ý kiến chỉ đạo", src/comments/domain/comment-rules.ts).
      expect(detail.html).not.toMatch(
        /<form method="post" action="\/kien-nghi\/(?![^"]*\/binh-luan")/,
      );
      expect(detail.html).toContain(`<form method="post" action="/kien-nghi/${syt.id}/binh-luan"`);
      // Not told what it may not do: no actions, only the follow-up letter to download.
      expect(textOf(detail.html)).not.toContain('Chỉ Thư ký');
      expect(textOf(detail.html)).not.toContain('Thao tác');
      expect(textOf(detail.html)).toContain('Mức 3 · Báo cáo lãnh đạo');
      // The escalation events, but not the outbox (the API keeps it for the secretariat).
      expect(textOf(detail.html)).toContain('Các mức đôn đốc');
      expect(detail.html).not.toContain('id="thong-bao"');
      // Leadership may download the follow-up letter.
      expect(detail.html).toContain(`href="/kien-nghi/${syt.id}/van-ban-don-doc"`);

      const refused = await lead.post(`/kien-nghi/${syt.id}/tra-loi`, {
        documentNumber: '1/BYT',
        date: '12/01/2024',
        summary: 'Trả lời',
        version: String(syt.version),
      });
      expect(refused.status).toBe(403);
      expect(textOf(refused.html)).toContain(
        'Thao tác này dành cho: thư ký (cơ quan thường trực).',
      );
      expect((await letter(syt.id)).state).toBe('SENT');
      expect((await lead.get('/kien-nghi/moi')).status).toBe(403);

      const officer = await WebClient.signedIn(app, 'syt@demo.example');
      const seen = await officer.get(`/kien-nghi/${syt.id}`);
      expect(seen.status).toBe(200);
      expect(seen.html).not.toContain('van-ban-don-doc');
      expect(seen.html).not.toContain('id="thong-bao"');
      const file = await officer.get(`/kien-nghi/${syt.id}/van-ban-don-doc`);
      expect(file.status).toBe(403);
      expect(file.headers.get('content-type')).toContain('text/html');
      expect(textOf(file.html)).toContain(
        'Thao tác này dành cho: thư ký (cơ quan thường trực), lãnh đạo.',
      );
    });

    it('drafts a letter in Vietnamese and sends it', async () => {
      const web = await WebClient.signedIn(app, 'thuky@demo.example');
      const form = await web.get('/kien-nghi/moi');
      expect(form.status).toBe(200);
      expect(form.html).toMatch(/name="addresseeCodes"\s+value="BYT"/);
      // Provincial agencies are not addressees; a Nơi nhận may name them.
      expect(form.html).not.toMatch(/name="addresseeCodes"\s+value="VPUBND"/);
      expect(form.html).toMatch(/name="distributionCodes"\s+value="VPUBND"/);
      expect(textOf(form.html)).toContain('Nơi nhận (để biết)');
      expect(textOf(form.html)).toMatch(/Mô hình 2 – /);
      const blocker = /name="blockerIds"\s+value="([^"]+)"/.exec(form.html)![1];

      // Typed with combining marks (NFD): stored and shown composed (NFC).
      const summary = 'Đề nghị Bộ Y tế hướng dẫn xử lý dữ liệu tiêm chủng “bẩn” tại Khánh Hòa';
      const res = await web.post('/kien-nghi', {
        summary: summary.normalize('NFD'),
        addresseeCodes: ['BYT', 'TCT06CP'],
        distributionCodes: ['VPCP', 'VPUBND'],
        blockerIds: [blocker],
        documentNumber: '',
        letterDate: '',
        sentAt: '',
        responseDueAt: '',
      });
      expect(res.status).toBe(303);
      const id = /^\/kien-nghi\/([0-9a-f-]{36})$/.exec(res.location!)![1];
      const draft = await letter(id);
      expect(draft).toMatchObject({ state: 'DRAFT', summary });
      expect(draft.summary).toBe(draft.summary.normalize('NFC'));
      expect(draft.addressees.map((a) => a.code)).toEqual(['BYT', 'TCT06CP']);
      expect(draft.distribution.map((a) => a.code)).toEqual(['VPCP', 'VPUBND']);
      expect(draft.blockers.map((b) => b.id)).toEqual([blocker]);

      const page = await web.follow(res);
      expect(textOf(page.html)).toContain('Đã lưu dự thảo kiến nghị.');
      expect(page.html).toContain(summary);
      expect(page.html).toContain(`action="/kien-nghi/${id}/gui"`);
      const list = await web.get('/kien-nghi');
      expect(textOf(row(list.html, 'data-recommendation', id))).toContain('Dự thảo');

      const sent = await web.post(`/kien-nghi/${id}/gui`, {
        documentNumber: '25/TCTĐA06-CAT',
        letterDate: '15/01/2024',
        sentAt: '15/01/2024 09:30',
        responseDueAt: '',
        version: String(draft.version),
      });
      expect(sent.status).toBe(303);
      const now = await letter(id);
      expect(now).toMatchObject({
        state: 'SENT',
        documentNumber: '25/TCTĐA06-CAT',
        letterDate: '2024-01-15',
        sentAt: '2024-01-15T02:30:00.000Z',
      });
      const shown = textOf((await web.follow(sent)).html);
      expect(shown).toContain(`Đã gửi kiến nghị số 25/TCTĐA06-CAT; hạn trả lời`);
      expect(shown).toContain('Kiến nghị số 25/TCTĐA06-CAT');
      expect(shown).toContain(summary);
    });

    it('downloads the follow-up letter as a .docx', async () => {
      const web = await WebClient.signedIn(app, 'thuky@demo.example');
      const [syt] = await byNumber('4338/SYT-TCHC');
      const res = await fetch(new URL(`/kien-nghi/${syt.id}/van-ban-don-doc`, web.baseUrl), {
        headers: { cookie: `de_an_06_session=${web.cookie('de_an_06_session')}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(DOCX);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.docx"$/);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    });

    it('shows each reminder mail with its delivery status, and resends a failed one', async () => {
      const web = await WebClient.signedIn(app, 'thuky@demo.example');
      const [syt] = await byNumber('4338/SYT-TCHC');
      const detail = await web.get(`/kien-nghi/${syt.id}`);
      expect(detail.status).toBe(200);
      const events = (
        await app.request('GET', `/api/v1/recommendations/${syt.id}/escalations`, {
          token: thuky,
        })
      ).body as { level: number; outcome: string }[];
      expect(events.some((e) => e.level === 3 && e.outcome === 'FIRED')).toBe(true);
      expect(textOf(detail.html)).toContain('Bỏ qua (nhập muộn)');
      expect(textOf(detail.html)).toContain('Đã nhắc, đôn đốc');

      const outbox = (
        await app.request('GET', `/api/v1/notifications?recommendationId=${syt.id}`, {
          token: thuky,
        })
      ).body.items as { id: string; recipientEmail: string; status: string }[];
      expect(outbox.length).toBeGreaterThan(0);
      for (const n of outbox) {
        const line = row(detail.html, 'data-notification', n.id);
        expect(line).toContain('class="badge status-sent"');
        expect(textOf(line)).toContain(n.recipientEmail);
        expect(textOf(line)).toContain('Đã gửi');
      }
      expect(detail.html).not.toContain('/gui-lai"');

      // A mail the server refused: shown as failed, with its error, and a button to send it again.
      const failed = outbox[0];
      await dataSource
        .getRepository(Notification)
        .update(
          { id: failed.id },
          { status: 'FAILED', attempts: 5, lastError: '550 hộp thư không tồn tại', sentAt: null },
        );
      const broken = await web.get(`/kien-nghi/${syt.id}`);
      const line = row(broken.html, 'data-notification', failed.id);
      expect(line).toContain('class="badge status-failed"');
      expect(textOf(line)).toContain('Gửi lỗi');
      expect(textOf(line)).toContain('550 hộp thư không tồn tại');
      expect(line).toContain(`action="/kien-nghi/${syt.id}/thong-bao/${failed.id}/gui-lai"`);

      const retried = await web.post(`/kien-nghi/${syt.id}/thong-bao/${failed.id}/gui-lai`, {});
      expect(retried.status).toBe(303);
      expect(retried.location).toBe(`/kien-nghi/${syt.id}#thong-bao`);
      expect(textOf((await web.follow(retried)).html)).toContain(
        `Đã đưa thư tới ${failed.recipientEmail} trở lại hàng đợi gửi.`,
      );
      const status = async () =>
        (await dataSource.getRepository(Notification).findOneByOrFail({ id: failed.id })).status;
      expect(['PENDING', 'SENDING', 'SENT']).toContain(await status());
      await until(async () => (await status()) === 'SENT');
      // It reached the SMTP server again, under its own Message-ID.
      const toRecipient = smtp.received.filter((m) => m.to.includes(failed.recipientEmail));
      expect(toRecipient.length).toBeGreaterThanOrEqual(2);

      // Resending a mail that is not failed: the API's refusal, on the page.
      const again = await web.post(`/kien-nghi/${syt.id}/thong-bao/${failed.id}/gui-lai`, {});
      expect(again.status).toBe(409);
      expect(textOf(again.html)).toContain('Chỉ gửi lại được thông báo gửi lỗi');
    });

    it('lets the secretariat send the leadership digest now, and no one else', async () => {
      const count = async () =>
        (
          await app.request('GET', '/api/v1/notifications?kind=LEADERSHIP_DIGEST&limit=100', {
            token: thuky,
          })
        ).body.total as number;
      const before = await count();
      const mailsBefore = smtp.received.length;
      const web = await WebClient.signedIn(app, 'thuky@demo.example');
      const list = await web.get('/kien-nghi');
      expect(list.html).toContain('action="/kien-nghi/gui-tong-hop"');
      const sent = await web.post('/kien-nghi/gui-tong-hop', {});
      expect(sent.status).toBe(303);
      expect(textOf((await web.follow(sent)).html)).toMatch(
        /Đã xếp gửi bản tổng hợp cho \d+ người nhận: \d+ kiến nghị quá hạn/,
      );
      expect(await count()).toBeGreaterThan(before);
      // Leadership and the secretariat receive it through the SMTP server.
      await smtp.next(mailsBefore + 2);
      const digests = smtp.received
        .slice(mailsBefore)
        .filter((m) => /tổng hợp/i.test(m.parsed.subject ?? ''));
      expect(digests.flatMap((m) => m.to)).toEqual(
        expect.arrayContaining(['lanhdao@demo.example', 'thuky@demo.example']),
      );

      const leadership = await WebClient.signedIn(app, 'lanhdao@demo.example');
      expect((await leadership.get('/kien-nghi')).html).not.toContain('gui-tong-hop');
      const refused = await leadership.post('/kien-nghi/gui-tong-hop', {});
      expect(refused.status).toBe(403);
      const after = await count();
      await leadership.post('/kien-nghi/gui-tong-hop', {}, { csrf: false });
      expect(await count()).toBe(after);
    });
  },
);
