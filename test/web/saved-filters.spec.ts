import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { textOf, WebClient } from '../support/web.js';

/** The saved-filters panel of a list page. */
function panel(html: string): string {
  const start = html.indexOf('id="saved-filters"');
  if (start < 0) throw new Error('no saved filters on the page');
  return html.slice(start, html.indexOf('</section>', start));
}

/** The saved filters shown: name → link. */
function links(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of panel(html).matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a/g))
    out[m[2].trim()] = m[1].replace(/&amp;/g, '&');
  return out;
}

const idOf = (html: string, name: string): string => {
  const m = new RegExp(`data-saved-filter="([0-9a-f-]{36})">\\s*<a[^>]*>${name}</a`).exec(
    panel(html),
  );
  if (!m) throw new Error(`no saved filter ${name}`);
  return m[1];
};

/*
 * Issue 16, item 1: saved filters per user on the board and the letters list — the query string
 * on screen saved under a name, listed and deleted; each user's own, kept server-side, through
 * the API (/api/v1/saved-filters) and its web form alike. Bad input is a 4xx in the API's error
 * shape, and on the web form the list shown again with the problem beside the name typed.
 */
describe('web: saved filters of the board and the letters list', () => {
  let t: TestApp;
  let thuky: WebClient;
  let syt: WebClient;
  const tokens: Record<string, string> = {};
  const api = (who: string, method: string, url: string, body?: unknown) =>
    t.request(method, `/api/v1${url}`, { token: tokens[who], body });

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2024-01-15T03:00:00Z')) });
    thuky = await WebClient.signedIn(t, 'thuky@demo.example');
    syt = await WebClient.signedIn(t, 'syt@demo.example');
    for (const who of ['thuky', 'syt', 'lanhdao', 'sdl'])
      tokens[who] = await t.login(`${who}@demo.example`);
  });
  afterAll(() => t.close());

  it('offers to save only a filtered list, with its query in the form', async () => {
    const plain = await thuky.get('/mo-hinh');
    expect(panel(plain.html)).not.toContain('action="/bo-loc"');
    expect(textOf(panel(plain.html))).toContain('Chưa lưu bộ lọc nào');
    const filtered = await thuky.get('/mo-hinh?blocked=true&state=PILOTING&agency=');
    expect(panel(filtered.html)).toContain('name="query" value="state=PILOTING&amp;blocked=true"');
  });

  it('saves the board filter under a name, opens it from the list, and replaces it by name', async () => {
    await thuky.get('/mo-hinh?blocked=true');
    const res = await thuky.post('/bo-loc', {
      list: 'board',
      name: '  Đang vướng mắc  ',
      query: 'blocked=true',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/mo-hinh?blocked=true');
    const page = await thuky.follow(res);
    expect(page.html).toContain('Đã lưu bộ lọc “Đang vướng mắc”.');
    expect(links(page.html)).toEqual({ 'Đang vướng mắc': '/mo-hinh?blocked=true' });
    // The saved filter on screen is marked.
    expect(panel(page.html)).toMatch(/aria-current="true"\s*>Đang vướng mắc/);
    // Opening it shows the board so filtered.
    const opened = await thuky.get(links(page.html)['Đang vướng mắc']);
    expect(opened.html).toMatch(/<option value="true"\s+selected/);
    expect(opened.html).not.toContain('data-pilot="1"'); // pilot 1 is not blocked

    // The same name again replaces the query; the board still has one filter of that name.
    await thuky.post('/bo-loc', { list: 'board', name: 'Đang vướng mắc', query: 'state=PILOTING' });
    expect(links((await thuky.get('/mo-hinh')).html)).toEqual({
      'Đang vướng mắc': '/mo-hinh?state=PILOTING',
    });
  });

  it('keeps the letters list filters apart from the board', async () => {
    const res = await thuky.post('/bo-loc', {
      list: 'letters',
      name: 'Quá hạn của SYT',
      query: 'state=QUA_HAN&agency=SYT',
    });
    expect(res.location).toBe('/kien-nghi?state=QUA_HAN&agency=SYT');
    const letters = await thuky.get('/kien-nghi');
    expect(links(letters.html)).toEqual({
      'Quá hạn của SYT': '/kien-nghi?state=QUA_HAN&agency=SYT',
    });
    expect(links((await thuky.get('/mo-hinh')).html)).not.toHaveProperty('Quá hạn của SYT');
  });

  it("shows each user only their own filters, and no one deletes another's", async () => {
    expect(textOf(panel((await syt.get('/mo-hinh')).html))).toContain('Chưa lưu bộ lọc nào');
    expect(links((await syt.get('/kien-nghi')).html)).toEqual({});
    const id = idOf((await thuky.get('/mo-hinh')).html, 'Đang vướng mắc');
    await syt.get('/mo-hinh');
    const refused = await syt.post(`/bo-loc/${id}/xoa`, {});
    expect(refused.status).toBe(303);
    expect((await syt.follow(refused)).html).toContain(
      'Không có bộ lọc này trong các bộ lọc bạn đã lưu.',
    );
    expect(links((await thuky.get('/mo-hinh')).html)).toHaveProperty('Đang vướng mắc');

    const deleted = await thuky.post(`/bo-loc/${id}/xoa`, {});
    expect(deleted.location).toBe('/mo-hinh');
    const after = await thuky.follow(deleted);
    expect(after.html).toContain('Đã xóa bộ lọc.');
    expect(links(after.html)).toEqual({});
  });

  it('refuses bad input on the web form with the problem beside the name, the list as it was, nothing saved', async () => {
    await thuky.get('/mo-hinh?q=HIS');
    const refusals: [Record<string, string>, number, string][] = [
      [{ list: 'board', name: ' ', query: 'q=HIS' }, 400, 'Tên bộ lọc không được để trống'],
      [{ list: 'board', name: 'x'.repeat(81), query: 'q=HIS' }, 400, 'Tên bộ lọc tối đa 80 ký tự'],
      [
        { list: 'board', name: 'Lạ', query: 'q=HIS&evil=1' },
        400,
        'Chuỗi bộ lọc có bộ lọc không thuộc danh sách này: evil',
      ],
      [
        { list: 'board', name: 'Hỏng', query: 'q=%E0%A4%A' },
        400,
        'Chuỗi bộ lọc không đúng dạng chuỗi truy vấn',
      ],
      [
        { list: 'board', name: 'Hai lần', query: 'q=HIS&q=VNeID' },
        400,
        'Chuỗi bộ lọc nêu bộ lọc q hơn một lần',
      ],
      [{ list: 'board', name: 'Rỗng', query: 'x=1' }, 400, 'không thuộc danh sách này: x'],
    ];
    for (const [fields, status, problem] of refusals) {
      const res = await thuky.post('/bo-loc', fields);
      expect([fields.name, res.status]).toEqual([fields.name, status]);
      const box = panel(res.html);
      expect(textOf(box)).toContain(problem);
      expect(textOf(box)).toContain('Chưa lưu được: một ô cần sửa');
      // The typed name stays in its field; its own problem is tied to it for screen readers.
      if (problem.startsWith('Tên bộ lọc')) {
        expect(box).toMatch(/id="saved-filter-name"[^>]*value="[^"]*"[^>]*aria-invalid="true"/);
        expect(box).toContain('aria-describedby="saved-filter-name-error"');
      } else if (fields.query === 'x=1') {
        // Nothing of the board's on screen: nothing to save, so no form, only the problem.
        expect(box).not.toContain('action="/bo-loc"');
      } else expect(box).toContain(`value="${fields.name}"`);
      // The board is shown as it was on screen (the search kept), its other filters as typed.
      if (fields.query.startsWith('q=HIS'))
        expect(res.html).toMatch(/id="filter-q"[^>]*value="HIS"/);
    }
    const long = await thuky.post('/bo-loc', {
      list: 'board',
      name: 'y'.repeat(81),
      query: 'q=HIS',
    });
    expect(panel(long.html)).toContain(`value="${'y'.repeat(81)}"`);
    // A letters list refusal shows the letters list.
    const letters = await thuky.post('/bo-loc', {
      list: 'letters',
      name: 'Sai',
      query: 'state=QUA_HAN&blocked=true',
    });
    expect(letters.status).toBe(400);
    expect(letters.html).toContain('name="query" value="state=QUA_HAN"');
    expect(textOf(panel(letters.html))).toContain('không thuộc danh sách này: blocked');
    const unknownList = await thuky.post('/bo-loc', { list: 'khac', name: 'Sai', query: 'q=HIS' });
    expect(unknownList.status).toBe(400);
    expect(textOf(panel(unknownList.html))).toContain(
      'Danh sách phải là một trong: board, letters',
    );
    expect(links((await thuky.get('/mo-hinh')).html)).toEqual({});
    // Without the session's CSRF token nothing is saved.
    const forged = await thuky.post(
      '/bo-loc',
      { list: 'board', name: 'Giả', query: 'q=HIS' },
      { csrf: false },
    );
    expect(forged.status).toBe(403);
    // Only the letters filter saved earlier.
    const kept = (await api('thuky', 'GET', '/saved-filters')).body.items;
    expect(kept.map((f: any) => f.name)).toEqual(['Quá hạn của SYT']);
  });

  it('sends the panel with the results htmx asks for, so the form saves the filter on screen', async () => {
    const res = await thuky.get('/mo-hinh?state=OPERATING', {
      'hx-request': 'true',
      'hx-target': 'board-results',
    });
    expect(res.html).toContain('id="board-results"');
    expect(res.html).toContain('hx-swap-oob="true"');
    expect(panel(res.html)).toContain('name="query" value="state=OPERATING"');
  });

  it('saves, lists and deletes through the API, each user only their own', async () => {
    const saved = await api('sdl', 'POST', '/saved-filters', {
      list: 'letters',
      name: '  Quá hạn   của   Sở Du lịch ',
      query: '?pilot=5&state=QUA_HAN&q=&agency=SDL',
    });
    expect(saved.status).toBe(201);
    expect(saved.body).toEqual({
      id: expect.any(String),
      list: 'letters',
      name: 'Quá hạn của Sở Du lịch',
      query: 'state=QUA_HAN&agency=SDL&pilot=5', // the list's order, blanks dropped
      savedAt: '2024-01-15T03:00:00.000Z',
    });
    const mine = await api('sdl', 'GET', '/saved-filters?list=letters');
    expect([mine.status, mine.body.total, mine.body.items[0].id]).toEqual([200, 1, saved.body.id]);
    expect((await api('sdl', 'GET', '/saved-filters?list=board')).body.total).toBe(0);
    expect((await api('syt', 'GET', '/saved-filters')).body.items).toEqual([]);
    const other = await api('syt', 'DELETE', `/saved-filters/${saved.body.id}`);
    expect([other.status, other.body.code]).toEqual([404, 'NOT_FOUND']);
    expect((await api('sdl', 'DELETE', `/saved-filters/${saved.body.id}`)).status).toBe(204);
    expect((await api('sdl', 'GET', '/saved-filters')).body.total).toBe(0);
    expect((await t.request('GET', '/api/v1/saved-filters')).status).toBe(401);
  });

  it('refuses bad input through the API with 400 VALIDATION_FAILED naming the field', async () => {
    const ok = { list: 'board', name: 'Tên', query: 'q=HIS' };
    const cases: [unknown, string, string][] = [
      [{ ...ok, pinned: true }, 'pinned', '"pinned" không được phép gửi lên'],
      [{ ...ok, name: 'x'.repeat(81) }, 'name', 'name tối đa 80 ký tự'],
      [{ ...ok, name: '  ' }, 'name', 'name không được để trống'],
      [{ ...ok, name: 'a\u0000b' }, 'name', 'ký tự không được phép'],
      [{ ...ok, list: 'pilots' }, 'list', 'list phải là một trong: board, letters'],
      [
        { ...ok, query: 'q=HIS&evil=1' },
        'query',
        'query có bộ lọc không thuộc danh sách này: evil',
      ],
      [{ ...ok, query: 'q=%ZZ' }, 'query', 'query không đúng dạng chuỗi truy vấn'],
      [{ ...ok, query: 'state=A&state=B' }, 'query', 'query nêu bộ lọc state hơn một lần'],
      [{ ...ok, query: 'q=&state=' }, 'query', 'query chưa có bộ lọc nào để lưu'],
      [{ ...ok, query: `q=${'x'.repeat(201)}` }, 'query', 'query có giá trị của q dài quá 200'],
      [{ ...ok, query: 'x'.repeat(2001) }, 'query', 'query tối đa 2000 ký tự'],
      [{ ...ok, query: 42 }, 'query', 'query phải là chuỗi ký tự'],
    ];
    for (const [body, field, problem] of cases) {
      const res = await api('lanhdao', 'POST', '/saved-filters', body);
      expect([field, res.status, res.body.code]).toEqual([field, 400, 'VALIDATION_FAILED']);
      expect(res.body).toEqual({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        message: expect.any(String),
        details: { fields: expect.any(Array) },
      });
      const problems = res.body.details.fields.find((f: any) => f.field === field)?.problems;
      expect([field, problems?.join(' ')]).toEqual([field, expect.stringContaining(problem)]);
    }
    const badList = await api('lanhdao', 'GET', '/saved-filters?list=pilots');
    expect([badList.status, badList.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const badId = await api('lanhdao', 'DELETE', '/saved-filters/khong-phai-uuid');
    expect([badId.status, badId.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const malformedJson = await t.request('POST', '/api/v1/saved-filters', {
      token: tokens.lanhdao,
      payload: '{"list": "board",',
      headers: { 'content-type': 'application/json' },
    });
    expect([malformedJson.status, malformedJson.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await api('lanhdao', 'GET', '/saved-filters')).body.total).toBe(0);
  });

  it('refuses a 31st filter of a list with 409 CONFLICT, and says so on the web form', async () => {
    for (let i = 1; i <= 30; i++) {
      const res = await api('lanhdao', 'POST', '/saved-filters', {
        list: 'board',
        name: `Bộ lọc ${i}`,
        query: `q=${i}`,
      });
      expect(res.status).toBe(201);
    }
    // Saving one of the same name replaces it; a new name is one too many.
    const same = await api('lanhdao', 'POST', '/saved-filters', {
      list: 'board',
      name: 'Bộ lọc 7',
      query: 'state=PILOTING',
    });
    expect([same.status, same.body.query]).toEqual([201, 'state=PILOTING']);
    const full = await api('lanhdao', 'POST', '/saved-filters', {
      list: 'board',
      name: 'Bộ lọc 31',
      query: 'q=31',
    });
    expect(full.body).toEqual({
      statusCode: 409,
      code: 'CONFLICT',
      message: 'Đã có 30 bộ lọc lưu cho danh sách này: xóa bớt một bộ lọc rồi lưu lại.',
      details: { field: 'name', limit: 30 },
    });
    // The letters list has its own 30.
    const letters = await api('lanhdao', 'POST', '/saved-filters', {
      list: 'letters',
      name: 'Bộ lọc 31',
      query: 'state=QUA_HAN',
    });
    expect(letters.status).toBe(201);
    const leader = await WebClient.signedIn(t, 'lanhdao@demo.example');
    await leader.get('/mo-hinh?q=31');
    const res = await leader.post('/bo-loc', { list: 'board', name: 'Bộ lọc 31', query: 'q=31' });
    expect(res.status).toBe(409);
    expect(textOf(panel(res.html))).toContain('Đã có 30 bộ lọc lưu cho danh sách này');
    expect(panel(res.html)).toContain('value="Bộ lọc 31"');
    expect((await api('lanhdao', 'GET', '/saved-filters?list=board')).body.total).toBe(30);
  });
});
