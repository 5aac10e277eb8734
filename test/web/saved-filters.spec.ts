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
 * on screen saved under a name, listed and deleted; each user's own, kept server-side.
 */
describe('web: saved filters of the board and the letters list', () => {
  let t: TestApp;
  let thuky: WebClient;
  let syt: WebClient;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2024-01-15T03:00:00Z')) });
    thuky = await WebClient.signedIn(t, 'thuky@demo.example');
    syt = await WebClient.signedIn(t, 'syt@demo.example');
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
      query: 'blocked=true&evil=1',
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

  it('refuses a filter with no name or nothing to filter, saying why', async () => {
    await thuky.get('/mo-hinh');
    const unnamed = await thuky.post('/bo-loc', { list: 'board', name: ' ', query: 'q=HIS' });
    expect((await thuky.follow(unnamed)).html).toContain('Nhập tên bộ lọc.');
    const empty = await thuky.post('/bo-loc', { list: 'board', name: 'Tất cả', query: 'x=1' });
    expect(empty.location).toBe('/mo-hinh');
    expect((await thuky.follow(empty)).html).toContain('Chưa chọn bộ lọc nào để lưu.');
    const long = await thuky.post('/bo-loc', {
      list: 'board',
      name: 'x'.repeat(81),
      query: 'q=HIS',
    });
    expect((await thuky.follow(long)).html).toContain('Tên bộ lọc dài tối đa 80 ký tự.');
    expect(links((await thuky.get('/mo-hinh')).html)).toEqual({});
    // Without the session's CSRF token nothing is saved.
    const forged = await thuky.post(
      '/bo-loc',
      { list: 'board', name: 'Giả', query: 'q=HIS' },
      { csrf: false },
    );
    expect(forged.status).toBe(403);
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
});
