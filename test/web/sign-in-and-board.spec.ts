import { FixedClock } from '../../src/common/clock.js';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../src/web/web-sessions.js';
import { ASSET_NAMES } from '../../src/web/assets.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DataSource } from 'typeorm';
import { textOf, WebClient } from '../support/web.js';

describe('web interface: sign-in, sessions, CSRF and the pilot board', () => {
  let app: TestApp;
  const clock = new FixedClock(new Date('2024-01-10T02:00:00Z'));

  beforeAll(async () => {
    app = await startTestApp({ clock });
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(() => clock.set(new Date('2024-01-10T02:00:00Z')));

  it('sends a signed-out visitor to sign-in and back to the page asked for afterwards', async () => {
    const web = await WebClient.of(app);
    const res = await web.get('/mo-hinh?agency=SYT');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/dang-nhap?tiep=%2Fmo-hinh%3Fagency%3DSYT');

    const form = await web.get(res.location!);
    expect(form.status).toBe(200);
    expect(form.html).toContain('name="tiep" value="/mo-hinh?agency=SYT"');
    const signedIn = await web.post('/dang-nhap', {
      email: 'syt@demo.example',
      password: 'demo-pilot-06',
      tiep: '/mo-hinh?agency=SYT',
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe('/mo-hinh?agency=SYT');
    const cookie = signedIn.headers.get('set-cookie')!;
    expect(cookie).toMatch(/de_an_06_session=[A-Za-z0-9_-]{43}/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\//);
  });

  it('never sends anyone to another site after sign-in', async () => {
    for (const tiep of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const web = await WebClient.of(app);
      await web.get('/dang-nhap');
      const res = await web.post('/dang-nhap', {
        email: 'thuky@demo.example',
        password: 'demo-pilot-06',
        tiep,
      });
      expect(res.location).toBe('/');
    }
  });

  it('keeps the email typed and says what is wrong when the password is wrong or missing', async () => {
    const web = await WebClient.of(app);
    await web.get('/dang-nhap');
    const missing = await web.post('/dang-nhap', { email: 'syt@demo.example', password: '' });
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('value="syt@demo.example"');
    expect(textOf(missing.html)).toContain('Nhập mật khẩu.');
    expect(missing.html).toMatch(/id="password"[^>]*aria-invalid="true"/);

    const wrong = await web.post('/dang-nhap', {
      email: 'syt@demo.example',
      password: 'sai-mat-khau',
    });
    expect(wrong.status).toBe(401);
    expect(textOf(wrong.html)).toContain('Email hoặc mật khẩu không đúng.');
    expect(web.cookie('de_an_06_session')).toBeUndefined();
  });

  it('refuses the sign-in form without its token or from another site', async () => {
    const web = await WebClient.of(app);
    await web.get('/dang-nhap');
    // Without its token (a form left open past the cookie's hour, or forged): no session, the
    // form again with a fresh token, the email kept and a message.
    const noToken = await web.post(
      '/dang-nhap',
      { email: 'syt@demo.example', password: 'demo-pilot-06' },
      { csrf: false },
    );
    expect(noToken.status).toBe(403);
    expect(textOf(noToken.html)).toContain('Trang đăng nhập đã hết hạn hoặc không hợp lệ.');
    expect(noToken.html).toContain('value="syt@demo.example"');
    expect(noToken.html).not.toContain('demo-pilot-06"');
    expect(web.cookie('de_an_06_session')).toBeUndefined();
    // …and that fresh form works.
    const retried = await web.post('/dang-nhap', {
      email: 'syt@demo.example',
      password: 'demo-pilot-06',
    });
    expect(retried.status).toBe(303);

    const other = await WebClient.of(app);
    await other.get('/dang-nhap');
    const crossSite = await other.post(
      '/dang-nhap',
      { email: 'syt@demo.example', password: 'demo-pilot-06' },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(crossSite.status).toBe(403);
    expect(other.cookie('de_an_06_session')).toBeUndefined();
  });

  it('goes back only to a plain address of this site, even one with Vietnamese in it', async () => {
    const web = await WebClient.of(app);
    await web.get('/dang-nhap');
    const res = await web.post('/dang-nhap', {
      email: 'syt@demo.example',
      password: 'demo-pilot-06',
      tiep: '/mo-hinh?q=khám',
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe('/');
    const encoded = await (
      await WebClient.of(app)
    ).get(`/dang-nhap?tiep=${encodeURIComponent('/mo-hinh?q=kh%C3%A1m')}`);
    expect(encoded.html).toContain('value="/mo-hinh?q=kh%C3%A1m"');
  });

  it('refuses a form posted without the session CSRF token and changes nothing', async () => {
    const web = await WebClient.signedIn(app, 'thuky@demo.example');
    const res = await web.post('/dang-xuat', {}, { csrf: false });
    expect(res.status).toBe(403);
    expect(textOf(res.html)).toContain('mã bảo vệ CSRF');
    const wrong = await web.post('/dang-xuat', { _csrf: 'x'.repeat(43) });
    expect(wrong.status).toBe(403);
    // Still signed in: the refused sign-out did nothing.
    expect((await web.get('/mo-hinh')).status).toBe(200);
  });

  it('signs out: the session is gone from the database, the old cookie no longer works', async () => {
    const web = await WebClient.signedIn(app, 'thuky@demo.example');
    const token = web.cookie('de_an_06_session')!;
    const res = await web.post('/dang-xuat', {});
    expect(res.status).toBe(303);
    expect(res.location).toBe('/dang-nhap');
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    const replay = await fetch(new URL('/mo-hinh', web.baseUrl), {
      redirect: 'manual',
      headers: { cookie: `de_an_06_session=${token}` },
    });
    expect(replay.status).toBe(303);
  });

  it('ends a session after two idle hours and after twelve hours in any case', async () => {
    const idle = await WebClient.signedIn(app, 'thuky@demo.example');
    clock.set(new Date(clock.now().getTime() + SESSION_IDLE_MS - 60_000));
    expect((await idle.get('/mo-hinh')).status).toBe(200);
    clock.set(new Date(clock.now().getTime() + SESSION_IDLE_MS));
    expect((await idle.get('/mo-hinh')).status).toBe(303);

    clock.set(new Date('2024-01-10T02:00:00Z'));
    const busy = await WebClient.signedIn(app, 'thuky@demo.example');
    for (let t = 0; t < SESSION_MAX_MS - 3_600_000; t += 3_600_000) {
      clock.set(new Date(clock.now().getTime() + 3_600_000));
      expect((await busy.get('/mo-hinh')).status).toBe(200);
    }
    clock.set(new Date(new Date('2024-01-10T02:00:00Z').getTime() + SESSION_MAX_MS));
    expect((await busy.get('/mo-hinh')).status).toBe(303);
  });

  it('ends the sessions of a disabled account at once', async () => {
    const officer = await WebClient.signedIn(app, 'sdl@demo.example');
    expect((await officer.get('/mo-hinh')).status).toBe(200);
    await app.app
      .get(DataSource)
      .query(`UPDATE app_user SET disabled_at = now() WHERE email = 'sdl@demo.example'`);
    expect((await officer.get('/mo-hinh')).status).toBe(303);
    const [{ n }] = await app.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS n FROM web_session s JOIN app_user u ON u.id = s.user_id WHERE u.email = 'sdl@demo.example'`,
      );
    expect(n).toBe(0);
  });

  it('lists the 31 pilots with state labels, blocked badges and the officer’s own pilots first', async () => {
    const web = await WebClient.signedIn(app, 'syt@demo.example');
    const res = await web.get('/mo-hinh');
    expect(res.status).toBe(200);
    const rows = [...res.html.matchAll(/<tr class="[^"]*" data-pilot="(\d+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(rows).toHaveLength(31);
    // Pilots 4 and 6 are the health department's: they come first.
    expect(rows.slice(0, 2)).toEqual([4, 6]);
    expect(rows.slice(2)).toEqual([...rows.slice(2)].sort((a, b) => a - b));
    const text = textOf(res.html);
    expect(text).toContain('Khám chữa bệnh sử dụng thẻ CCCD và VNeID');
    expect(text).toContain('Đang thí điểm');
    expect(text).toContain('Đơn vị của tôi');
    expect(res.html).toContain('class="badge blocked"');
    // The overdue badge opens that pilot's overdue letters (pilot 17: 2754 and 5305).
    expect(res.html).toMatch(
      /<a\s+class="badge overdue"\s+href="\/kien-nghi\?state=QUA_HAN&amp;pilot=17"[^>]*>2<\/a/,
    );
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('filters by state, agency and blocked, and searches without diacritics', async () => {
    const web = await WebClient.signedIn(app, 'thuky@demo.example');
    const numbers = async (query: string) =>
      [...(await web.get(`/mo-hinh?${query}`)).html.matchAll(/data-pilot="(\d+)"/g)].map((m) =>
        Number(m[1]),
      );
    const token = await app.login('thuky@demo.example');
    const api = async (query: string) =>
      (await app.request('GET', `/api/v1/pilots?limit=100&${query}`, { token })).body.items
        .map((p: { number: number }) => p.number)
        .sort((a: number, b: number) => a - b);

    expect(await numbers('state=OPERATING')).toEqual(await api('state=OPERATING'));
    expect(await numbers('agency=SYT')).toEqual([4, 6]);
    expect(await numbers('blocked=true')).toEqual(await api('blocked=true'));
    expect((await numbers('blocked=true')).length).toBeGreaterThan(0);
    // "kham chua benh" finds "Khám chữa bệnh…" (4) and "…cơ sở khám chữa bệnh" (6).
    expect(await numbers('q=kham+chua+benh')).toEqual([4, 6]);
    expect(await numbers(`q=${encodeURIComponent('khám chữa bệnh')}`)).toEqual([4, 6]);
    expect(await numbers('q=VNEID')).toEqual(await api('q=VNEID'));
    // A bad filter is a message, not a crash.
    const bad = await web.get('/mo-hinh?state=NOPE');
    expect(bad.status).toBe(400);
    expect(textOf(bad.html)).toContain('state phải là một trong');
  });

  it('answers htmx filter requests with the results fragment only', async () => {
    const web = await WebClient.signedIn(app, 'thuky@demo.example');
    const res = await web.get('/mo-hinh?agency=SYT', {
      'hx-request': 'true',
      'hx-target': 'board-results',
    });
    expect(res.status).toBe(200);
    expect(res.html.startsWith('<section id="board-results"')).toBe(true);
    expect(res.html).not.toContain('<html');
  });

  it('sends each role home: leadership to the overview, officers to their work, admin to the board', async () => {
    const home = async (email: string) =>
      (await (await WebClient.signedIn(app, email)).get('/')).location;
    expect(await home('lanhdao@demo.example')).toBe('/tong-quan');
    expect(await home('syt@demo.example')).toBe('/viec-can-lam');
    expect(await home('thuky@demo.example')).toBe('/viec-can-lam');
    expect(await home('admin@demo.example')).toBe('/mo-hinh');
  });

  it('serves every asset itself, with nothing loaded from another host', async () => {
    const web = await WebClient.signedIn(app, 'thuky@demo.example');
    const page = await web.get('/mo-hinh');
    expect(page.html).not.toMatch(/(src|href)="(https?:)?\/\/(?!localhost)/);
    for (const name of ASSET_NAMES) {
      const res = await fetch(new URL(`/static/${name}`, web.baseUrl));
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toContain('immutable');
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
    const css = await (await fetch(new URL('/static/app.css', web.baseUrl))).text();
    expect(css).not.toMatch(/url\((['"])?https?:/);
    expect((await fetch(new URL('/static/..%2Fpackage.json', web.baseUrl))).status).toBe(404);
  });

  it('answers a mistyped address with a page for browsers and JSON for the API', async () => {
    const page = await fetch(new URL('/khong-co-trang-nay', await app.app.getUrl()), {
      headers: { accept: 'text/html,application/xhtml+xml' },
    });
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(textOf(await page.text())).toContain('Không tìm thấy');
    const api = await app.request('GET', '/api/v1/khong-co', { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.body.code).toBe('NOT_FOUND');
  });

  it('never lets an id in a page address reach another API path', async () => {
    const web = await WebClient.signedIn(app, 'admin@demo.example');
    for (const path of [
      '/kien-nghi/..%2F..%2Fusers',
      '/cai-dat/nguoi-dung/..%2Fme',
      '/kien-nghi/x%3Flimit%3D1',
    ]) {
      const res = await web.get(path);
      expect([path, res.status]).toEqual([path, 404]);
      expect(textOf(res.html)).toContain('Không tìm thấy');
    }
  });

  it('leaves the JSON API as it was', async () => {
    const token = await app.login('syt@demo.example');
    const res = await app.request('GET', '/api/v1/pilots/6', { token });
    expect(res.status).toBe(200);
    expect(res.body.number).toBe(6);
    expect((await app.request('GET', '/api/v1/pilots/6')).status).toBe(401);
  });
});
