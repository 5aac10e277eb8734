import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/app.js';
import { textOf, WebClient } from '../support/web.js';

/*
 * Issue 16, item 5 in the interface: comments from the pilot, blocker and letter pages, and the
 * one timeline each page shows — state moves, comments, escalation events, answers and the
 * object's audit trail, newest first, with who and when. The service runs on the real clock
 * here: the audit trail is stamped by PostgreSQL, so a frozen clock would order it apart.
 */

/** The merged timeline of a page: each item's kind and visible text, in page order. */
function timeline(html: string): { kind: string; text: string }[] {
  const start = html.indexOf('<ol class="timeline merged">');
  if (start < 0) return [];
  const list = html.slice(start, html.indexOf('</ol>', start));
  return [
    ...list.matchAll(/<li\s+class="tl-[a-z]+"\s+data-kind="([a-z]+)"[^>]*>([\s\S]*?)<\/li>/g),
  ].map((m) => ({ kind: m[1], text: textOf(m[2].replace(/<details[\s\S]*?<\/details>/g, '')) }));
}

const position = (items: { text: string }[], fragment: string): number => {
  const i = items.findIndex((x) => x.text.includes(fragment));
  if (i < 0) throw new Error(`"${fragment}" is not in the timeline: ${JSON.stringify(items)}`);
  return i;
};

describe('web: comments and the timeline', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  const web: Record<string, WebClient> = {};
  const api = (who: string, method: string, url: string, body?: unknown) =>
    t.request(method, `/api/v1${url}`, { token: tokens[who], body });

  beforeAll(async () => {
    t = await startTestApp();
    for (const who of ['thuky', 'lanhdao', 'syt', 'sdl']) {
      tokens[who] = await t.login(`${who}@demo.example`);
      web[who] = await WebClient.signedIn(t, `${who}@demo.example`);
    }
  });
  afterAll(() => t.close());

  it('lets an officer comment on their pilot, newest first beside its moves, diacritics intact', async () => {
    const pilot = (await api('syt', 'GET', '/pilots/6')).body;
    const move = pilot.allowedMoves.find((m: any) => m.problems.length === 0);
    const moved = await api('syt', 'POST', '/pilots/6/transitions', {
      to: move.to,
      reason: 'Lý do chuyển: đã đủ điều kiện',
      version: pilot.version,
    });
    expect(moved.status).toBe(200);
    await web.syt.get('/mo-hinh/6');
    const typed = 'Sở Y tế đề nghị Bộ Y tế hướng dẫn kết nối dữ liệu khám chữa bệnh.'.normalize(
      'NFD',
    );
    const res = await web.syt.post('/mo-hinh/6/binh-luan', { body: typed });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/mo-hinh/6#dong-thoi-gian');
    const page = await web.syt.follow(res);
    expect(textOf(page.html)).toContain('Đã gửi bình luận.');
    const items = timeline(page.html);
    const comment = position(items, 'Sở Y tế đề nghị Bộ Y tế hướng dẫn kết nối dữ liệu');
    expect(items[comment].kind).toBe('comment');
    expect(items[comment].text).toContain('Bình luận ·');
    expect(items[comment].text).toContain('Cán bộ đầu mối'); // the author, by name
    // The text comes back as NFC, with its diacritics.
    expect(page.html).toContain(
      'Sở Y tế đề nghị Bộ Y tế hướng dẫn kết nối dữ liệu khám chữa bệnh.',
    );
    const theMove = position(items, 'Lý do chuyển: đã đủ điều kiện');
    expect(items[theMove].kind).toBe('state');
    expect(comment).toBeLessThan(theMove);
    expect(position(items, 'Ghi nhận ban đầu')).toBeGreaterThan(theMove);
    // Times run newest first down the list.
    const times = [...page.html.matchAll(/<li\s+class="tl-[\s\S]*?<time datetime="([^"]+)"/g)].map(
      (m) => Date.parse(m[1]),
    );
    expect(times.length).toBe(items.length);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('shows the edited mark after the author edits, and the deletion from the audit trail', async () => {
    const made = (await api('syt', 'POST', '/pilots/6/comments', { body: 'Bản nháp ý kiến' })).body;
    let page = await web.syt.get('/mo-hinh/6');
    // Only the author sees the edit form; the secretariat sees the delete button only.
    expect(page.html).toContain(`action="/binh-luan/${made.id}/sua"`);
    const secretariat = await web.thuky.get('/mo-hinh/6');
    expect(secretariat.html).not.toContain(`action="/binh-luan/${made.id}/sua"`);
    expect(secretariat.html).toContain(`action="/binh-luan/${made.id}/xoa"`);
    expect((await web.sdl.get('/mo-hinh/6')).html).not.toContain(`/binh-luan/${made.id}/`);

    const edited = await web.syt.post(`/binh-luan/${made.id}/sua`, {
      body: 'Ý kiến đã chỉnh: bổ sung số liệu tháng 12',
      version: '1',
      back: '/mo-hinh/6',
    });
    expect([edited.status, edited.location]).toEqual([303, '/mo-hinh/6#dong-thoi-gian']);
    page = await web.syt.follow(edited);
    const item = timeline(page.html).find((x) => x.text.includes('Ý kiến đã chỉnh'))!;
    expect(item.text).toContain('đã sửa');
    expect(textOf(page.html)).not.toContain('Bản nháp ý kiến');

    // A stale version is refused with the conflict said on the page, nothing changed.
    const stale = await web.syt.post(`/binh-luan/${made.id}/sua`, {
      body: 'Sửa trên bản cũ',
      version: '1',
      back: '/mo-hinh/6',
    });
    expect(stale.status).toBe(303);
    expect(textOf((await web.syt.follow(stale)).html)).toContain('Chưa sửa được bình luận');

    const removed = await web.thuky.post(`/binh-luan/${made.id}/xoa`, { back: '/mo-hinh/6' });
    expect([removed.status, removed.location]).toEqual([303, '/mo-hinh/6#dong-thoi-gian']);
    page = await web.syt.get('/mo-hinh/6');
    const items = timeline(page.html);
    expect(items.some((x) => x.text.includes('Ý kiến đã chỉnh'))).toBe(false);
    const deletion = items[position(items, 'Xóa một bình luận')];
    expect(deletion.kind).toBe('audit');
    expect(deletion.text).toContain('Thư ký');
    // An address outside the comment's pages is never where a form sends the user back to.
    const other = (await api('syt', 'POST', '/pilots/6/comments', { body: 'Khác' })).body;
    const away = await web.syt.post(`/binh-luan/${other.id}/xoa`, { back: 'https://example.com/' });
    expect(away.location).toBe('/mo-hinh');
  });

  it('keeps what was typed and says what is wrong when a comment is refused', async () => {
    const long = 'Ý'.repeat(4001);
    const res = await web.syt.post('/mo-hinh/6/binh-luan', { body: long });
    expect(res.status).toBe(400);
    expect(textOf(res.html)).toContain('Bình luận tối đa 4000 ký tự');
    expect(res.html).toContain(`>\n${long}</textarea>`);
    const blank = await web.syt.post('/mo-hinh/6/binh-luan', { body: '   ' });
    expect(blank.status).toBe(400);
    expect(textOf(blank.html)).toContain('Bình luận không được để trống');
    const count = await t.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM comment WHERE char_length(body) > 4000 OR body = ''`);
    expect(count[0].n).toBe(0);
  });

  it('merges answers, escalation events, state changes, comments and the trail on a letter page', async () => {
    const blocker = (await api('thuky', 'GET', '/blockers?pilot=6&authority=CENTRAL')).body
      .items[0];
    const letter = (
      await api('thuky', 'POST', '/recommendations', {
        blockerIds: [blocker.id],
        addresseeCodes: ['BCA'],
        summary: 'Kiến nghị về kết nối dữ liệu dân cư',
      })
    ).body;
    const sent = await api('thuky', 'POST', `/recommendations/${letter.id}/send`, {
      documentNumber: '77/TCTĐA06',
      letterDate: new Date().toISOString().slice(0, 10),
      version: letter.version,
    });
    expect(sent.status).toBe(200);
    // The escalation engine's row, as a fired level writes it.
    await t.app.get(DataSource).query(
      `INSERT INTO escalation_event (recommendation_id, agency_id, cycle, level, repeat, level_name, outcome, due_at, occurred_at, working_days_overdue)
       SELECT r.id, ra.agency_id, 1, 1, 0, 'Nhắc hạn', 'FIRED', now(), now(), 3
         FROM recommendation r JOIN recommendation_addressee ra ON ra.recommendation_id = r.id WHERE r.id = $1`,
      [letter.id],
    );
    const leader = await web.lanhdao.get(`/kien-nghi/${letter.id}`);
    const commented = await web.lanhdao.post(`/kien-nghi/${letter.id}/binh-luan`, {
      body: 'Đề nghị Tổ công tác đôn đốc Bộ Công an trả lời sớm.',
    });
    expect(leader.status).toBe(200);
    expect(commented.status).toBe(303);
    const answered = await api('thuky', 'POST', `/recommendations/${letter.id}/responses`, {
      documentNumber: '12/BCA-C06',
      date: new Date().toISOString().slice(0, 10),
      summary: 'Bộ Công an đã hướng dẫn kết nối.',
    });
    expect(answered.status).toBe(200);
    const page = await web.syt.get(`/kien-nghi/${letter.id}`);
    const items = timeline(page.html);
    const at = (fragment: string) => position(items, fragment);
    expect(items[at('12/BCA-C06')].kind).toBe('answer');
    expect(items[at('Bộ Công an đã hướng dẫn kết nối.')].text).toContain('Bộ Công an trả lời');
    expect(items[at('Đôn đốc mức 1 (Nhắc hạn)')]).toMatchObject({ kind: 'escalation' });
    expect(items[at('Đôn đốc mức 1')].text).toContain('Hệ thống');
    expect(items[at('Đề nghị Tổ công tác đôn đốc')]).toMatchObject({ kind: 'comment' });
    expect(items[at('Đề nghị Tổ công tác đôn đốc')].text).toContain('Lãnh đạo');
    const send = at('Gửi kiến nghị: Dự thảo → sang Đã gửi, chờ trả lời');
    expect(items[send].kind).toBe('state');
    const created = at('Tạo kiến nghị');
    // Newest first: the answer, then the comment, the escalation, the sending, the draft.
    expect(at('12/BCA-C06')).toBeLessThan(at('Đề nghị Tổ công tác đôn đốc'));
    expect(at('Đề nghị Tổ công tác đôn đốc')).toBeLessThan(at('Đôn đốc mức 1'));
    expect(at('Đôn đốc mức 1')).toBeLessThan(send);
    expect(send).toBeLessThan(created);
    // The answer is not shown twice (its audit entry is the answer's own item).
    expect(items.filter((x) => x.text.includes('Ghi nhận văn bản trả lời'))).toEqual([]);
  });

  it('gives each blocker a page with its facts, letters and timeline', async () => {
    const made = (
      await api('syt', 'POST', '/blockers', {
        pilotNumber: 6,
        title: 'Thiếu đường truyền tại trạm y tế xã',
        description: 'Các trạm y tế vùng núi chưa có đường truyền số liệu chuyên dùng.',
        category: 'OTHER',
        authority: 'PROVINCE',
      })
    ).body;
    const pilotPage = await web.syt.get('/mo-hinh/6');
    expect(pilotPage.html).toContain(`<a href="/vuong-mac/${made.id}">`);
    await web.syt.get(`/vuong-mac/${made.id}`);
    const commented = await web.syt.post(`/vuong-mac/${made.id}/binh-luan`, {
      body: 'Đã làm việc với Viễn thông Khánh Hòa.',
    });
    expect(commented.location).toBe(`/vuong-mac/${made.id}#dong-thoi-gian`);
    await api('syt', 'POST', `/blockers/${made.id}/resolve`, {
      resolution: 'Viễn thông đã kéo cáp quang.',
    });
    const page = await web.lanhdao.get(`/vuong-mac/${made.id}`);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Thiếu đường truyền tại trạm y tế xã');
    expect(text).toContain('Các trạm y tế vùng núi chưa có đường truyền số liệu chuyên dùng.');
    expect(text).toContain('Mô hình số 6');
    const items = timeline(page.html);
    const resolved = position(items, 'Giải quyết vướng mắc: Đang mở → sang Đã giải quyết');
    expect(items[resolved].kind).toBe('state');
    expect(items[resolved].text).toContain('Viễn thông đã kéo cáp quang.');
    const comment = position(items, 'Đã làm việc với Viễn thông Khánh Hòa.');
    const raised = position(items, 'Nêu vướng mắc');
    expect(resolved).toBeLessThan(comment);
    expect(comment).toBeLessThan(raised);
    expect((await web.lanhdao.get('/vuong-mac/khong-co')).status).toBe(404);
    expect((await web.lanhdao.get('/vuong-mac/00000000-0000-4000-8000-000000000000')).status).toBe(
      404,
    );
  });

  it('pages a long timeline: "Xem thêm (cũ hơn)" shows the older audit entries and the items of their time, each once', async () => {
    const made = (
      await api('syt', 'POST', '/blockers', {
        pilotNumber: 6,
        title: 'Vướng mắc có lịch sử dài',
        description: 'Nhiều lần sửa nội dung.',
        category: 'OTHER',
        authority: 'PROVINCE',
      })
    ).body;
    const db = t.app.get(DataSource);
    // 230 older edits, one a minute from 1 January 2020: "Ghi chú 1" the oldest.
    await db.query(
      `INSERT INTO audit_entry (at, actor_email, action, entity_type, entity_id, after)
       SELECT timestamptz '2020-01-01T00:00:00Z' + make_interval(mins => n), 'syt@demo.example',
              'blocker.update', 'blocker', $1, jsonb_build_object('note', 'Ghi chú ' || n)
         FROM generate_series(1, 230) AS n`,
      [made.id],
    );
    await api('syt', 'POST', `/blockers/${made.id}/comments`, { body: 'Bình luận mới nhất' });
    // A comment written between the 100th and 101st edits belongs with them, on page 2.
    const old = (
      await api('syt', 'POST', `/blockers/${made.id}/comments`, { body: 'Bình luận năm 2020' })
    ).body;
    await db.query(
      `UPDATE comment SET created_at = timestamptz '2020-01-01T01:40:30Z' WHERE id = $1`,
      [old.id],
    );
    // The API pages the trail: 232 entries (the creation, the comments' additions, the edits).
    const trail = await api(
      'syt',
      'GET',
      `/audit?entityType=blocker&entityId=${made.id}&limit=100&offset=200`,
    );
    expect([trail.body.total, trail.body.items.length]).toEqual([233, 33]);
    expect(trail.body.items.at(-1).after).toEqual({ note: 'Ghi chú 1' });

    const path = `/vuong-mac/${made.id}`;
    const notes = (html: string) =>
      timeline(html).flatMap((x) => {
        const m = /Ghi chú (\d+)/.exec(x.text);
        return m ? [Number(m[1])] : [];
      });
    const range = (from: number, to: number) =>
      Array.from({ length: from - to + 1 }, (_, i) => from - i);
    const nav = (html: string) => {
      const start = html.indexOf('class="timeline-pages"');
      return start < 0 ? '' : html.slice(start, html.indexOf('</nav>', start));
    };

    const first = await web.lanhdao.get(path);
    expect(first.status).toBe(200);
    // Page 1: the 100 newest entries (the comments' additions are shown as the comments).
    expect(notes(first.html)).toEqual(range(230, 134));
    expect(textOf(first.html)).toContain('Bình luận mới nhất');
    expect(textOf(first.html)).toContain('Nêu vướng mắc');
    expect(textOf(first.html)).not.toContain('Bình luận năm 2020');
    expect(textOf(nav(first.html))).toContain('Trang 1/3');
    expect(nav(first.html)).toContain(`href="${path}?lich-su=2#dong-thoi-gian" rel="next"`);
    expect(nav(first.html)).not.toContain('rel="prev"');

    const second = await web.lanhdao.get(`${path}?lich-su=2`);
    expect(notes(second.html)).toEqual(range(133, 34));
    const items = timeline(second.html);
    const comment = items.findIndex((x) => x.text.includes('Bình luận năm 2020'));
    expect(items[comment].kind).toBe('comment');
    // In its place in time: after "Ghi chú 101", before "Ghi chú 100".
    expect(items[comment - 1].text).toContain('Ghi chú 101');
    expect(items[comment + 1].text).toContain('Ghi chú 100');
    expect(textOf(second.html)).not.toContain('Bình luận mới nhất');
    expect(textOf(nav(second.html))).toContain('Trang 2/3');
    expect(nav(second.html)).toContain(`href="${path}#dong-thoi-gian" rel="prev"`);
    expect(nav(second.html)).toContain(`href="${path}?lich-su=3#dong-thoi-gian" rel="next"`);

    const third = await web.lanhdao.get(`${path}?lich-su=3`);
    expect(notes(third.html)).toEqual(range(33, 1));
    expect(textOf(third.html)).not.toContain('Nêu vướng mắc'); // its creation is the newest
    expect(nav(third.html)).not.toContain('rel="next"');
    expect(textOf(nav(third.html))).toContain('Trang 3/3');

    // Past the last page, or not a page: refused, not a 500.
    expect((await web.lanhdao.get(`${path}?lich-su=4`)).status).toBe(404);
    for (const bad of ['0', 'hai', '-1', '1.5', '99999999'])
      expect([bad, (await web.lanhdao.get(`${path}?lich-su=${bad}`)).status]).toEqual([bad, 400]);
    expect((await web.lanhdao.get(`/mo-hinh/6?lich-su=x`)).status).toBe(400);
    // A short timeline has one page and no links.
    const pilot = await web.lanhdao.get('/mo-hinh/5');
    expect(pilot.html).not.toContain('class="timeline-pages"');

    // The pilot's and the letter's pages page their timelines the same way.
    const letter = (await api('thuky', 'GET', '/recommendations?pilot=6')).body.items[0];
    for (const [type, id, page] of [
      ['pilot', '6', '/mo-hinh/6'],
      ['recommendation', letter.id, `/kien-nghi/${letter.id}`],
    ]) {
      await db.query(
        `INSERT INTO audit_entry (at, actor_email, action, entity_type, entity_id, after)
         SELECT timestamptz '2019-01-01T00:00:00Z' + make_interval(mins => n), 'thuky@demo.example',
                'attachment.upload', $1, $2, jsonb_build_object('fileName', 'cu-' || n || '.pdf')
           FROM generate_series(1, 120) AS n`,
        [type, id],
      );
      const newest = await web.lanhdao.get(page);
      expect([page, nav(newest.html)]).toEqual([page, expect.stringContaining('rel="next"')]);
      expect(textOf(newest.html)).not.toContain('cu-1.pdf');
      const older = await web.lanhdao.get(`${page}?lich-su=2`);
      expect([page, older.status]).toEqual([page, 200]);
      expect(textOf(older.html)).toContain('cu-1.pdf');
      expect(nav(older.html)).toContain(`href="${page}#dong-thoi-gian" rel="prev"`);
    }
  });
});
