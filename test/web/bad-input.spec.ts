import { startTestApp, type TestApp } from '../support/app.js';
import { textOf, WebClient } from '../support/web.js';

/**
 * Issue 10 (defects 1 and 11) as a browser meets them: a NUL typed into the sign-in form, a day
 * of year 9999 in a form, a URL the router cannot read. Each is a 4xx page in Vietnamese.
 */
describe('web interface: input the API refuses', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp();
    token = await app.login('thuky@demo.example');
  });
  afterAll(() => app?.close());

  it('answers a NUL in the sign-in e-mail or password with the form again, not a 500', async () => {
    const client = await WebClient.of(app);
    await client.get('/dang-nhap');
    const nulEmail = await client.post(
      '/dang-nhap',
      { email: 'thuky\u0000@demo.example', password: 'x' },
      { headers: { 'x-forwarded-for': '203.0.113.50' } },
    );
    expect(nulEmail.status).toBe(400);
    expect(textOf(nulEmail.html)).toContain('Email chứa ký tự không hợp lệ.');
    const nulPassword = await client.post(
      '/dang-nhap',
      { email: 'thuky@demo.example', password: 'demo\u0000' },
      { headers: { 'x-forwarded-for': '203.0.113.50' } },
    );
    expect(nulPassword.status).toBe(400);
    expect(textOf(nulPassword.html)).toContain('Mật khẩu chứa ký tự không hợp lệ.');
    // The form still signs in.
    const ok = await client.post('/dang-nhap', {
      email: 'thuky@demo.example',
      password: 'demo-pilot-06',
    });
    expect(ok.status).toBe(303);
  });

  it('says which years a date form takes when a day is out of them', async () => {
    const web = await WebClient.signedIn(app, 'thuky@demo.example');
    const letters = (
      await app.request('GET', '/api/v1/recommendations?state=SENT&limit=1', { token })
    ).body.items;
    const letter = letters[0];
    for (const date of ['31/12/9999', '01/01/1900']) {
      const res = await web.post(`/kien-nghi/${letter.id}/tra-loi`, {
        documentNumber: '12/BTNMT',
        date,
        summary: 'Trả lời thử.',
        version: String(letter.version),
      });
      expect([date, res.status]).toEqual([date, 400]);
      expect(res.html).toContain(`value="${date}"`);
      expect(res.html).toMatch(
        /<p class="field-error" id="tra-loi-date-error">Nhập một ngày từ năm 2000 đến 2100 theo dạng dd\/mm\/yyyy/,
      );
    }
    const calendar = await web.post('/cai-dat/lich-lam-viec', {
      day: '01/01/9999',
      kind: 'DAY_OFF',
      reason: 'Thử năm 9999',
    });
    expect(calendar.status).toBe(400);
    expect(textOf(calendar.html)).toContain('Nhập một ngày từ năm 2000 đến 2100');
  });

  it('answers a NUL in a form text beside its field', async () => {
    const web = await WebClient.signedIn(app, 'thuky@demo.example');
    const res = await web.post('/kien-nghi', {
      summary: 'Đề nghị\u0000 hướng dẫn',
      addresseeCodes: 'BYT',
    });
    expect(res.status).toBe(400);
    expect(textOf(res.html)).toContain('chứa ký tự không được phép');
  });

  it('shows a page for a URL the router cannot decode', async () => {
    const res = await fetch(new URL('/%', await app.app.getUrl()), {
      headers: { accept: 'text/html' },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('Yêu cầu không hợp lệ');
  });
});
