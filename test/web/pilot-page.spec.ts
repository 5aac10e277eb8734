import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { textOf, WebClient } from '../support/web.js';

/** The form of one move: from its `<details>` to the end of its form. */
function moveForm(html: string, state: string): string {
  const start = html.indexOf(`id="move-${state.toLowerCase()}-reason"`);
  if (start < 0) throw new Error(`no move form to ${state}`);
  const from = html.lastIndexOf('<details', start);
  return html.slice(from, html.indexOf('</details>', start));
}

describe('web: the pilot page', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2024-01-15T03:00:00Z')); // period 2024-01
  const tokens: Record<string, string> = {};
  const web: Record<string, WebClient> = {};
  const api = (who: string, method: string, url: string, body?: unknown) =>
    t.request(method, `/api/v1${url}`, { token: tokens[who], body });
  const pilot = async (n: number) => (await api('thuky', 'GET', `/pilots/${n}`)).body;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    for (const who of ['thuky', 'lanhdao', 'syt', 'sdl', 'stttt']) {
      tokens[who] = await t.login(`${who}@demo.example`);
      web[who] = await WebClient.signedIn(t, `${who}@demo.example`);
    }
  });
  afterAll(() => t.close());

  describe('reading', () => {
    it('shows the facts, history, blockers and the letters about them', async () => {
      const res = await web.lanhdao.get('/mo-hinh/6');
      expect(res.status).toBe(200);
      const text = textOf(res.html);
      expect(res.html).toContain('<a href="/mo-hinh">Mô hình điểm</a>');
      expect(text).toContain('Triển khai nền tảng quản lý lưu trú tại cơ sở khám chữa bệnh');
      expect(text).toContain('Sở Y tế tỉnh Khánh Hòa');
      expect(text).toContain('Đang thí điểm');
      expect(text).toContain('Báo cáo gần nhất Tháng 12/2023');
      expect(res.html).toContain('class="timeline merged"');
      expect(text).toContain('Ghi nhận ban đầu: Đang thí điểm');
      // the blocker of pilot 6 in report 442 and the letter that carries it
      expect(text).toContain('Bệnh viện phải nhập liệu trùng lặp');
      expect(text).toContain('Kết nối, tích hợp dữ liệu');
      expect(text).toContain('Vượt thẩm quyền của tỉnh');
      const letters = await api('lanhdao', 'GET', '/recommendations?pilot=6');
      expect(letters.body.total).toBeGreaterThan(0);
      for (const r of letters.body.items) expect(res.html).toContain(`href="/kien-nghi/${r.id}"`);
      expect(text).toContain('Số 442/BC-TCTĐA06');
      const letter = letters.body.items.find((r: any) => r.documentNumber === '442/BC-TCTĐA06');
      expect(text).toContain(
        `Bộ Công an Đã gửi, chờ trả lời 11/01/2024 ${letter.workingDaysOverdue} ngày`,
      );
    });

    it('shows pilot 17 (SSO) blocked on its connection, with its two overdue letters', async () => {
      const res = await web.lanhdao.get('/mo-hinh/17');
      expect(res.status).toBe(200);
      const text = textOf(res.html);
      expect(text).toContain('Chờ kiểm tra đánh giá bảo đảm an ninh, an toàn hạ tầng CNTT');
      const letters = await api('lanhdao', 'GET', '/recommendations?pilot=17');
      expect(letters.body.items.map((r: any) => [r.documentNumber, r.overdue])).toEqual([
        ['2754/STTTT-TTCNTT&DVHCCTT', true],
        ['5305/TCTĐA06(CAT-STTTT)', true],
      ]);
      for (const r of letters.body.items) {
        expect(res.html).toContain(`href="/kien-nghi/${r.id}"`);
        expect(text).toContain(`Số ${r.documentNumber}`);
      }
    });

    it('answers a bad or unknown number with the error page', async () => {
      const unknown = await web.syt.get('/mo-hinh/99');
      expect(unknown.status).toBe(404);
      expect(textOf(unknown.html)).toContain('Không tìm thấy mô hình số 99.');
      const bad = await web.syt.get('/mo-hinh/abc');
      expect(bad.status).toBe(400);
      expect(textOf(bad.html)).toContain('Số mô hình phải là số nguyên dương.');
    });
  });

  describe('state moves', () => {
    it('offers an officer the moves of their own agency’s pilot only, and leadership none', async () => {
      const own = await web.syt.get('/mo-hinh/6'); // PILOTING, led by SYT
      const buttons = [...own.html.matchAll(/<button[^>]*>\s*(Chuyển sang [^<]+?)\s*<\/button>/g)];
      expect(buttons.map((m) => m[1]).sort()).toEqual([
        'Chuyển sang Tạm dừng',
        'Chuyển sang Đang chuẩn bị',
        'Chuyển sang Đang vận hành',
      ]);
      expect(own.html).toContain('action="/mo-hinh/6/chuyen-trang-thai"');
      // a reason is asked for where the table says so
      expect(moveForm(own.html, 'SUSPENDED')).toContain('required');
      expect(moveForm(own.html, 'SUSPENDED')).toMatch(
        /<label for="move-suspended-reason"\s*>Lý do/,
      );
      expect(moveForm(own.html, 'OPERATING')).not.toMatch(/textarea[^>]*required/);

      const notTheirs = await web.syt.get('/mo-hinh/5'); // led by SDL
      expect((await api('syt', 'GET', '/pilots/5')).body.leadAgencies).toEqual([
        expect.objectContaining({ code: 'SDL' }),
      ]);
      expect(notTheirs.status).toBe(200);
      expect(notTheirs.html).not.toContain('Chuyển sang');
      expect(notTheirs.html).not.toContain('chuyen-trang-thai');

      const leadership = await web.lanhdao.get('/mo-hinh/6');
      expect(leadership.html).not.toContain('Chuyển sang');
      expect(leadership.html).not.toContain('/bao-cao');
      expect(leadership.html).not.toMatch(/action="[^"]*\/vuong-mac/); // links to blockers' pages only
      // Nor told what they may not do.
      for (const page of [notTheirs, leadership])
        expect(textOf(page.html)).not.toMatch(/Chỉ thư ký|được chuyển trạng thái/);
    });

    it('shows the guard of completion and says why it fails', async () => {
      const blocked = await web.stttt.get('/mo-hinh/16'); // OPERATING with an open blocker
      const form = moveForm(blocked.html, 'COMPLETED');
      expect(form).toContain('Chuyển sang Hoàn thành');
      expect(textOf(form)).toContain(
        'Chưa thể chuyển sang “Hoàn thành”: mô hình còn 1 vướng mắc chưa giải quyết.',
      );
      // Its button cannot be pressed (the API would answer 409).
      expect(form).toMatch(/<button[^>]*aria-describedby="move-completed-why" disabled/);
      const ready = await web.syt.get('/mo-hinh/4'); // OPERATING, no blocker, report 2023-12
      expect(moveForm(ready.html, 'COMPLETED')).not.toContain('Chưa thể chuyển');
      expect(moveForm(ready.html, 'COMPLETED')).not.toMatch(/<button[^>]*disabled/);
    });

    it('refuses a move that needs a reason without one: 400 beside "Lý do", nothing changed', async () => {
      const before = await pilot(6);
      const res = await web.syt.post('/mo-hinh/6/chuyen-trang-thai', {
        to: 'SUSPENDED',
        version: String(before.version),
        reason: '   ',
      });
      expect(res.status).toBe(400);
      const form = moveForm(res.html, 'SUSPENDED');
      expect(form).toContain('<details class="action move"  open>');
      expect(form).toContain('aria-invalid="true"');
      expect(form).toContain('aria-describedby="move-suspended-reason-error"');
      expect(form).toMatch(
        /<p class="field-error" id="move-suspended-reason-error">Lý do không được để trống<\/p>/,
      );
      expect(textOf(form)).toContain(
        'Cần nêu lý do khi chuyển mô hình từ "Đang thí điểm" sang "Tạm dừng".',
      );
      expect(await pilot(6)).toMatchObject({ state: 'PILOTING', version: before.version });
      expect((await api('thuky', 'GET', '/pilots/6/history')).body.total).toBe(1);
    });

    it('keeps what was typed when the API refuses it (a reason too long)', async () => {
      const before = await pilot(6);
      const long = 'Lý do rất dài '.repeat(200); // 2,800 characters
      const res = await web.syt.post('/mo-hinh/6/chuyen-trang-thai', {
        to: 'PREPARING',
        version: String(before.version),
        reason: long,
      });
      expect(res.status).toBe(400);
      const form = moveForm(res.html, 'PREPARING');
      expect(form).toContain(long.trim());
      expect(textOf(form)).toContain('Lý do tối đa 2000 ký tự');
      expect(await pilot(6)).toMatchObject({ state: 'PILOTING', version: before.version });
    });

    it('moves with a reason: 303, a flash, and the timeline shows it in Vietnamese (NFC)', async () => {
      const before = await pilot(6);
      const reason = 'Chờ Bộ Y tế hướng dẫn kết nối phần mềm HIS với hệ thống lưu trú';
      const res = await web.syt.post('/mo-hinh/6/chuyen-trang-thai', {
        to: 'SUSPENDED',
        version: String(before.version),
        reason: reason.normalize('NFD'), // as some keyboards send it
      });
      expect(res.status).toBe(303);
      expect(res.location).toBe('/mo-hinh/6');
      const after = await web.syt.follow(res);
      const text = textOf(after.html);
      expect(text).toContain('Đã chuyển mô hình số 6 sang Tạm dừng.');
      const newest = /<ol class="timeline merged">\s*<li[^>]*>([\s\S]*?)<\/li>/.exec(
        after.html,
      )![1];
      expect(textOf(newest)).toContain('Đang thí điểm → sang Tạm dừng');
      expect(textOf(newest)).toContain(`Lý do: ${reason}`);
      expect(textOf(newest)).toContain('Cán bộ đầu mối Sở Y tế');
      expect(textOf(newest)).toContain('15/01/2024 10:00');
      expect(after.html).toContain(reason.normalize('NFC'));
      expect(after.html).not.toContain(reason.normalize('NFD'));

      const history = (await api('thuky', 'GET', '/pilots/6/history')).body.items;
      expect(history.at(-1)).toMatchObject({ from: 'PILOTING', to: 'SUSPENDED', reason });
      expect(await pilot(6)).toMatchObject({ state: 'SUSPENDED', version: before.version + 1 });
      // the flash is shown once
      expect(textOf((await web.syt.get('/mo-hinh/6')).html)).not.toContain('Đã chuyển mô hình');
    });

    it('answers a stale version with 409, the API’s message and the fresh state', async () => {
      const current = await pilot(6); // SUSPENDED after the move above
      const res = await web.syt.post('/mo-hinh/6/chuyen-trang-thai', {
        to: 'PILOTING',
        version: String(current.version - 1),
        reason: 'Đã có hướng dẫn',
      });
      expect(res.status).toBe(409);
      const text = textOf(res.html);
      expect(text).toContain(
        'Mô hình số 6 vừa được người khác cập nhật trong lúc bạn đang sửa. Vui lòng xem nội dung mới nhất rồi thử lại.',
      );
      expect(res.html).toContain(`name="version" value="${current.version}"`);
      expect(moveForm(res.html, 'PILOTING')).toContain('Đã có hướng dẫn');
      expect(await pilot(6)).toMatchObject({ state: 'SUSPENDED', version: current.version });
    });

    it('answers a move the table does not allow with 409 and the allowed targets', async () => {
      const current = await pilot(6);
      const res = await web.syt.post('/mo-hinh/6/chuyen-trang-thai', {
        to: 'COMPLETED',
        version: String(current.version),
      });
      expect(res.status).toBe(409);
      expect(textOf(res.html)).toContain(
        'Không thể chuyển mô hình từ "Tạm dừng" sang "Hoàn thành". Có thể chuyển sang:',
      );
      expect(await pilot(6)).toMatchObject({ state: 'SUSPENDED', version: current.version });
    });

    it('refuses a move posted by hand by another agency or leadership: 403 page, pilot unchanged', async () => {
      const current = await pilot(6);
      for (const who of ['sdl', 'lanhdao']) {
        const res = await web[who].post('/mo-hinh/6/chuyen-trang-thai', {
          to: 'PILOTING',
          version: String(current.version),
          reason: 'Thử chuyển hộ',
        });
        expect(res.status).toBe(403);
        expect(textOf(res.html)).toContain('Không được phép');
      }
      const sdl = await web.sdl.post('/mo-hinh/6/chuyen-trang-thai', {
        to: 'PILOTING',
        version: String(current.version),
        reason: 'Thử chuyển hộ',
      });
      expect(textOf(sdl.html)).toContain('Mô hình số 6 không do đơn vị của bạn chủ trì.');
      expect(await pilot(6)).toMatchObject({ state: 'SUSPENDED', version: current.version });
    });

    it('refuses a move without the CSRF token', async () => {
      const current = await pilot(6);
      const res = await web.syt.post(
        '/mo-hinh/6/chuyen-trang-thai',
        { to: 'PILOTING', version: String(current.version), reason: 'x' },
        { csrf: false },
      );
      expect(res.status).toBe(403);
      expect(await pilot(6)).toMatchObject({ state: 'SUSPENDED', version: current.version });
    });
  });

  describe('monthly reports', () => {
    it('files the current period’s report, shows it, and prefills it for an edit', async () => {
      const page = await web.syt.get('/mo-hinh/4');
      expect(textOf(page.html)).toContain('Chưa có báo cáo tháng 01/2024 của mô hình này.');
      expect(page.html).toContain('name="period" value="2024-01"');
      // The metrics hint gives an example in words, not a code identifier.
      expect(textOf(page.html)).toContain('ví dụ: Số cơ sở triển khai = 176');
      expect(page.html).not.toContain('coSoTrienKhai = 176');

      const progress = 'Đã triển khai tại 176/176 cơ sở khám chữa bệnh; bổ sung hướng dẫn mới.';
      const res = await web.syt.post('/mo-hinh/4/bao-cao', {
        period: '2024-01',
        progress,
        metrics: 'coSoTrienKhai = 176\nluotTraCuu: 557.045',
      });
      expect(res.status).toBe(303);
      expect(res.location).toBe('/mo-hinh/4');
      const after = await web.syt.follow(res);
      const text = textOf(after.html);
      expect(text).toContain('Đã lưu báo cáo tháng 01/2024 của mô hình số 4.');
      expect(text).toContain('Tháng 01/2024');
      expect(text).toContain(progress);
      expect(text).toContain('Cán bộ đầu mối Sở Y tế');
      expect(text).toContain('Báo cáo gần nhất Tháng 01/2024');

      const reports = (await api('lanhdao', 'GET', '/pilots/4/reports')).body;
      expect(reports[0]).toMatchObject({
        period: '2024-01',
        progress,
        metrics: { coSoTrienKhai: 176, luotTraCuu: 557045 },
        version: 1,
      });
      // the form now edits that report, with its version
      expect(after.html).toContain('Sửa báo cáo tháng 01/2024');
      expect(after.html).toContain('name="version" value="1"');
      expect(after.html).toContain('coSoTrienKhai = 176');

      const edit = await web.syt.post('/mo-hinh/4/bao-cao', {
        period: '2024-01',
        version: '1',
        progress: `${progress} Cập nhật.`,
        metrics: 'coSoTrienKhai = 176',
      });
      expect(edit.status).toBe(303);
      expect((await api('lanhdao', 'GET', '/pilots/4/reports')).body[0]).toMatchObject({
        progress: `${progress} Cập nhật.`,
        version: 2,
      });
    });

    it('refuses an empty report and malformed metrics beside their fields, keeping the text', async () => {
      const empty = await web.syt.post('/mo-hinh/6/bao-cao', { period: '2024-01', progress: '' });
      expect(empty.status).toBe(400);
      expect(empty.html).toMatch(
        /<p class="field-error" id="report-progress-error">Tiến độ không được để trống<\/p>/,
      );
      const typed = 'Tiến độ tháng này: đã họp với Bệnh viện Lao & Bệnh phổi';
      const bad = await web.syt.post('/mo-hinh/6/bao-cao', {
        period: '2024-01',
        progress: typed,
        metrics: 'số bệnh viện = hai',
      });
      expect(bad.status).toBe(400);
      expect(bad.html).toContain('Tiến độ tháng này: đã họp với Bệnh viện Lao &amp; Bệnh phổi');
      expect(textOf(bad.html)).toContain('Giá trị của “số bệnh viện” phải là một số.');
      expect((await api('lanhdao', 'GET', '/pilots/6/reports')).body).toHaveLength(1);
    });

    it('shows a locked period and answers 409 PERIOD_LOCKED with the API’s message', async () => {
      const locked = await api('thuky', 'POST', '/periods/2024-01/lock');
      expect(locked.status).toBe(200);
      try {
        const page = await web.syt.get('/mo-hinh/6');
        expect(textOf(page.html)).toContain('Kỳ tháng 01/2024 đã chốt số liệu');
        expect(page.html).not.toContain('action="/mo-hinh/6/bao-cao"');
        const res = await web.syt.post('/mo-hinh/6/bao-cao', {
          period: '2024-01',
          progress: 'Gửi sau khi chốt',
        });
        expect(res.status).toBe(409);
        const err = await api('syt', 'POST', '/pilots/6/reports', {
          period: '2024-01',
          progress: 'Gửi sau khi chốt',
        });
        expect(err.body.code).toBe('PERIOD_LOCKED');
        expect(textOf(res.html)).toContain(err.body.message);
        // the locked report of pilot 4 is marked so
        expect(textOf((await web.lanhdao.get('/mo-hinh/4')).html)).toContain(
          'Tháng 01/2024 Đã chốt số liệu',
        );
      } finally {
        await api('thuky', 'POST', '/periods/2024-01/unlock');
      }
    });

    it('refuses a report of another agency’s pilot posted by hand: 403', async () => {
      const res = await web.sdl.post('/mo-hinh/6/bao-cao', {
        period: '2024-01',
        progress: 'Không phải của tôi',
      });
      expect(res.status).toBe(403);
      expect((await api('lanhdao', 'GET', '/pilots/6/reports')).body).toHaveLength(1);
    });
  });

  describe('blockers', () => {
    const blockersOf = async (n: number) =>
      (await api('lanhdao', 'GET', `/blockers?pilot=${n}&limit=100`)).body.items as any[];

    it('raises a blocker; a missing choice is refused beside its field with the text kept', async () => {
      const title = 'Thiếu đầu đọc thẻ CCCD gắn chíp tại khoa Khám bệnh';
      const missing = await web.syt.post('/mo-hinh/6/vuong-mac', {
        title,
        description: 'Cần 04 thiết bị',
        category: '',
        authority: 'PROVINCE',
      });
      expect(missing.status).toBe(400);
      expect(missing.html).toContain(`value="${title}"`);
      expect(missing.html).toMatch(/id="blocker-new-category-error">Nhóm vướng mắc phải là một/);
      expect(missing.html).toContain('<option value="PROVINCE"  selected>');

      const count = (await blockersOf(6)).length;
      const res = await web.syt.post('/mo-hinh/6/vuong-mac', {
        title,
        description: 'Cần 04 thiết bị đọc thẻ cho Bệnh viện Lao & Bệnh phổi.',
        category: 'INFRASTRUCTURE',
        authority: 'PROVINCE',
      });
      expect(res.status).toBe(303);
      expect(res.location).toBe('/mo-hinh/6');
      const after = textOf((await web.syt.follow(res)).html);
      expect(after).toContain(`Đã ghi nhận vướng mắc “${title}” của mô hình số 6.`);
      expect(after).toContain(title);
      expect(after).toContain('Hạ tầng');
      const list = await blockersOf(6);
      expect(list).toHaveLength(count + 1);
      expect(list.at(-1)).toMatchObject({ title, state: 'OPEN', pilotNumber: 6 });

      const forbidden = await web.sdl.post('/mo-hinh/6/vuong-mac', {
        title: 'Không phải của tôi',
        description: 'x',
        category: 'OTHER',
        authority: 'PROVINCE',
      });
      expect(forbidden.status).toBe(403);
      expect(await blockersOf(6)).toHaveLength(count + 1);
    });

    it('resolves a blocker with how, and back on the pilot page', async () => {
      const blocker = (await blockersOf(6)).find((b) => b.title.startsWith('Thiếu đầu đọc'));
      const empty = await web.syt.post(`/vuong-mac/${blocker.id}/giai-quyet`, {
        version: String(blocker.version),
        resolution: '',
      });
      expect(empty.status).toBe(400);
      expect(empty.html).toContain(`id="resolve-${blocker.id}-resolution-error"`);
      expect(textOf(empty.html)).toContain('Cách giải quyết không được để trống');

      const resolution = 'Sở Y tế đã cấp bổ sung 04 đầu đọc thẻ từ nguồn kinh phí năm 2024.';
      const res = await web.syt.post(`/vuong-mac/${blocker.id}/giai-quyet`, {
        version: String(blocker.version),
        resolution,
      });
      expect(res.status).toBe(303);
      expect(res.location).toBe('/mo-hinh/6');
      const after = textOf((await web.syt.follow(res)).html);
      expect(after).toContain(`Đã đánh dấu vướng mắc “${blocker.title}” là đã giải quyết.`);
      expect(after).toContain(`Cách giải quyết: ${resolution}`);
      expect((await blockersOf(6)).find((b) => b.id === blocker.id)).toMatchObject({
        state: 'RESOLVED',
        resolution,
      });
    });

    it('withdraws a blocker with a reason, then goes back to its pilot', async () => {
      const raised = await api('syt', 'POST', '/blockers', {
        pilotNumber: 6,
        title: 'Nêu nhầm',
        description: 'Trùng với vướng mắc đã có',
        category: 'OTHER',
        authority: 'PROVINCE',
      });
      expect(raised.status).toBe(201);
      const empty = await web.syt.post(`/vuong-mac/${raised.body.id}/rut`, {
        version: String(raised.body.version),
        reason: ' ',
      });
      expect(empty.status).toBe(400);
      expect(empty.html).toContain(`id="withdraw-${raised.body.id}-reason-error"`);

      const res = await web.syt.post(`/vuong-mac/${raised.body.id}/rut`, {
        version: String(raised.body.version),
        reason: 'Trùng với vướng mắc về phần mềm HIS',
      });
      expect(res.status).toBe(303);
      expect(res.location).toBe('/mo-hinh/6');
      expect(textOf((await web.syt.follow(res)).html)).toContain('Đã rút vướng mắc “Nêu nhầm”.');
      expect((await api('lanhdao', 'GET', `/blockers/${raised.body.id}`)).body.state).toBe(
        'WITHDRAWN',
      );
      // a withdrawn blocker has no actions left
      const page = await web.syt.get('/mo-hinh/6');
      expect(page.html).not.toContain(`action="/vuong-mac/${raised.body.id}/rut"`);
    });

    it('refuses another agency resolving the blocker by hand: 403, blocker unchanged', async () => {
      const blocker = (await blockersOf(6)).find((b) => b.state === 'ESCALATED');
      const res = await web.sdl.post(`/vuong-mac/${blocker.id}/giai-quyet`, {
        version: String(blocker.version),
        resolution: 'Không phải của tôi',
      });
      expect(res.status).toBe(403);
      expect((await blockersOf(6)).find((b) => b.id === blocker.id).state).toBe('ESCALATED');
    });
  });
});
