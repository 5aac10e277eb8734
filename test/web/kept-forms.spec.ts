import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { KEPT_FORM_COOKIE, KEPT_FORM_MS } from '../../src/web/kept-forms.js';
import { SESSION_IDLE_MS } from '../../src/web/web-sessions.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { textOf, WebClient } from '../support/web.js';

const START = new Date('2024-01-10T02:00:00Z');

/**
 * A form posted after the session's idle expiry (issue 16, item 2): kept on the server for the
 * account whose session it was, in that browser, for 30 minutes, without its CSRF token or any
 * password; given back once, after that account signs in, on the page the form was on.
 */
describe('web interface: forms kept across an expired session', () => {
  let app: TestApp;
  const clock = new FixedClock(START);
  const kept = () =>
    app.app
      .get(DataSource)
      .query(`SELECT user_id, action, return_to, fields, expires_at FROM kept_form`) as Promise<
      { action: string; return_to: string; fields: Record<string, unknown>; expires_at: Date }[]
    >;

  beforeAll(async () => {
    app = await startTestApp({ clock });
  });
  afterAll(async () => {
    await app?.close();
  });
  beforeEach(async () => {
    clock.set(START);
    await app.app.get(DataSource).query(`DELETE FROM kept_form`);
  });

  /** syt@ on pilot 6's page, then two idle hours, then the report form posted from it. */
  async function postedAfterExpiry(fields: Record<string, string> = {}) {
    const web = await WebClient.signedIn(app, 'syt@demo.example');
    await web.get('/mo-hinh/6');
    clock.set(new Date(START.getTime() + SESSION_IDLE_MS + 60_000));
    const res = await web.post(
      '/mo-hinh/6/bao-cao',
      {
        period: '2024-01',
        version: '0',
        progress: 'Đã nối 12 trạm y tế xã.',
        metrics: 'Số trạm = 12',
        ...fields,
      },
      { headers: { referer: new URL('/mo-hinh/6', web.baseUrl).toString() } },
    );
    return { web, res };
  }

  it('keeps the form for its account and gives it back once, on its page, after sign-in', async () => {
    const { web, res } = await postedAfterExpiry();
    expect(res.status).toBe(303);
    expect(res.location).toBe('/dang-nhap?tiep=%2Fmo-hinh%2F6&giu=1');
    expect(res.headers.get('set-cookie')).toMatch(
      new RegExp(`${KEPT_FORM_COOKIE}=[A-Za-z0-9_-]{43};.*HttpOnly.*SameSite=Strict`, 'i'),
    );
    const [row] = await kept();
    expect(row).toMatchObject({ action: '/mo-hinh/6/bao-cao', return_to: '/mo-hinh/6' });
    expect(row.fields).toEqual({
      period: '2024-01',
      version: '0',
      progress: 'Đã nối 12 trạm y tế xã.',
      metrics: 'Số trạm = 12',
    });
    expect(row.expires_at.getTime() - clock.now().getTime()).toBe(KEPT_FORM_MS);

    const signInPage = await web.follow(res);
    expect(textOf(signInPage.html)).toContain('Nội dung đã nhập được giữ lại trong 30 phút');
    const signedIn = await web.post('/dang-nhap', {
      email: 'syt@demo.example',
      password: 'demo-pilot-06',
      tiep: '/mo-hinh/6',
      giu: '1',
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.location).toBe('/mo-hinh/6');
    const back = await web.follow(signedIn);
    expect(back.html).toContain('<script type="application/json" id="kept-form">');
    expect(back.html).toContain('"action":"/mo-hinh/6/bao-cao"');
    expect(back.html).toContain('Đã nối 12 trạm y tế xã.');
    expect(textOf(back.html)).toContain('Nội dung đã nhập được điền lại bên dưới');
    // Nothing was saved behind the user's back, and the form is given back once.
    const reports = await app.app
      .get(DataSource)
      .query(`SELECT 1 FROM pilot_report WHERE progress = 'Đã nối 12 trạm y tế xã.'`);
    expect(reports).toHaveLength(0);
    expect(await kept()).toEqual([]);
    expect(web.cookie(KEPT_FORM_COOKIE)).toBeUndefined();
    expect((await web.get('/mo-hinh/6')).html).not.toContain('id="kept-form"');

    // Saved with the new session's token, it is stored.
    const saved = await web.post('/mo-hinh/6/bao-cao', {
      period: '2024-01',
      version: '0',
      progress: 'Đã nối 12 trạm y tế xã.',
      metrics: 'Số trạm = 12',
    });
    expect(saved.status).toBe(303);
  });

  it('never gives a kept form to another account signing in on that browser, and drops it', async () => {
    const { web } = await postedAfterExpiry({ progress: 'Văn bản riêng của SYT, chưa lưu.' });
    expect(await kept()).toHaveLength(1);
    await web.get('/dang-nhap?tiep=%2Fmo-hinh%2F6&giu=1');
    const other = await web.post('/dang-nhap', {
      email: 'thuky@demo.example',
      password: 'demo-pilot-06',
      tiep: '/mo-hinh/6',
    });
    expect(other.status).toBe(303);
    const page = await web.follow(other);
    expect(page.html).not.toContain('id="kept-form"');
    expect(page.html).not.toContain('Văn bản riêng của SYT, chưa lưu.');
    expect(await kept()).toEqual([]);
  });

  it('keeps a form 30 minutes, not longer', async () => {
    const { web } = await postedAfterExpiry();
    clock.set(new Date(clock.now().getTime() + KEPT_FORM_MS + 1000));
    await web.get('/dang-nhap');
    const signedIn = await web.post('/dang-nhap', {
      email: 'syt@demo.example',
      password: 'demo-pilot-06',
      tiep: '/mo-hinh/6',
    });
    const page = await web.follow(signedIn);
    expect(page.html).not.toContain('id="kept-form"');
    expect(await kept()).toEqual([]);
  });

  it('keeps no password, and nothing posted without the ended session of an account', async () => {
    const { res } = await postedAfterExpiry({ password: 'mat-khau-moi-rat-dai-2024' });
    expect(res.status).toBe(303);
    const [row] = await kept();
    expect(row.fields).not.toHaveProperty('password');
    await app.app.get(DataSource).query(`DELETE FROM kept_form`);

    // No session cookie at all (signed out, or a page of another site posting here): not kept.
    const stranger = await WebClient.of(app);
    const posted = await stranger.post('/mo-hinh/6/bao-cao', { progress: 'x', period: '2024-01' });
    expect(posted.status).toBe(303);
    expect(posted.location).toBe('/dang-nhap');
    expect(await kept()).toEqual([]);
  });
});
