import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { browserUnavailable, collectErrors, launchBrowser, signIn } from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { TEST_PASSWORD } from '../support/database.js';

const unavailable = browserUnavailable();
if (unavailable) console.warn(`Skipping the browser tests: ${unavailable}`);
const describeInBrowser = unavailable ? describe.skip : describe;

/**
 * Nothing typed is lost (issue 16, item 2), in headless Chromium: a form posted after the
 * session's two idle hours is kept, the same account signs in, lands back on the form's page with
 * the text filled in, saves, and the text is stored. The session is ended by moving its last
 * request back in the database, not by waiting.
 */
describeInBrowser('nothing typed is lost, in a real browser', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    baseUrl = await t.app.getUrl();
    browser = await launchBrowser();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const endSessionsOf = (email: string) =>
    t.app.get(DataSource).query(
      `UPDATE web_session SET last_seen_at = now() - interval '3 hours'
          WHERE user_id = (SELECT id FROM app_user WHERE email = $1)`,
      [email],
    );

  async function signedIn(email: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const errors = collectErrors(context);
    const page = await context.newPage();
    await signIn(page, baseUrl, email, TEST_PASSWORD);
    return { page, errors };
  }

  it('a form posted after expiry completed after sign-in', async () => {
    const { page, errors } = await signedIn('syt@demo.example');
    await page.goto(new URL('/mo-hinh/6', baseUrl).toString());
    await page.locator('#bao-cao summary').click();
    const typed = `Đã kết nối thêm 12 trạm y tế xã với Cơ sở dữ liệu quốc gia về dân cư (${Date.now()}).`;
    const progress = page.locator('#bao-cao textarea[name="progress"]');
    await progress.fill(typed);

    await endSessionsOf('syt@demo.example');
    await page.getByRole('button', { name: 'Lưu báo cáo' }).click();

    // Sign-in, saying the form is kept; nothing was stored.
    await page.waitForURL((url) => url.pathname === '/dang-nhap');
    await expect(page.locator('main').innerText()).resolves.toContain(
      'Nội dung đã nhập được giữ lại trong 30 phút',
    );
    const stored = async () =>
      (
        await t.app
          .get(DataSource)
          .query(
            `SELECT count(*)::int AS n FROM pilot_report r JOIN pilot p ON p.id = r.pilot_id WHERE p.number = 6 AND r.progress = $1`,
            [typed],
          )
      )[0].n as number;
    await expect(stored()).resolves.toBe(0);

    await page.getByLabel('Email').fill('syt@demo.example');
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByLabel('Mật khẩu').press('Enter');

    // Back on the pilot's page, the form open and filled in, the user told to check and save.
    await page.waitForURL((url) => url.pathname === '/mo-hinh/6');
    await expect(page.locator('main .alert').first().innerText()).resolves.toContain(
      'Nội dung đã nhập được điền lại',
    );
    await expect(progress.inputValue()).resolves.toBe(typed);
    await expect(stored()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Lưu báo cáo' }).click();
    await page.waitForURL((url) => url.pathname === '/mo-hinh/6');
    await expect(page.locator('main .alert.ok').innerText()).resolves.toContain(
      'Đã lưu báo cáo tháng',
    );
    await expect(page.locator('.reports').innerText()).resolves.toContain(typed);
    await expect(stored()).resolves.toBe(1);
    // Given back once: the next page carries no kept form.
    await page.reload();
    await expect(page.locator('#kept-form').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it('a form kept for one account is never given to another signing in on that browser', async () => {
    const { page } = await signedIn('syt@demo.example');
    await page.goto(new URL('/mo-hinh/6', baseUrl).toString());
    await page.locator('#bao-cao summary').click();
    const typed = 'Văn bản riêng của Sở Y tế, chưa lưu.';
    await page.locator('#bao-cao textarea[name="progress"]').fill(typed);
    await endSessionsOf('syt@demo.example');
    await page.getByRole('button', { name: 'Lưu báo cáo' }).click();
    await page.waitForURL((url) => url.pathname === '/dang-nhap');

    // The secretariat signs in on the same browser: the pilot list, no trace of the text.
    await page.getByLabel('Email').fill('thuky@demo.example');
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByLabel('Mật khẩu').press('Enter');
    await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
    await page.goto(new URL('/mo-hinh/6', baseUrl).toString());
    await expect(page.content()).resolves.not.toContain(typed);
    await expect(page.locator('#kept-form').count()).resolves.toBe(0);
    const [{ n }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM kept_form`);
    expect(n).toBe(0);
  }, 60_000);
});
