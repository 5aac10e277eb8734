import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { browserUnavailable, collectErrors, screenshot, signIn } from '../support/browser.js';
import { useBrowserService } from '../support/browser-service.js';
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
  const env = useBrowserService('nothing-lost');
  const db = () => env.service.app.get(DataSource);

  const endSessionsOf = (email: string) =>
    db().query(
      `UPDATE web_session SET last_seen_at = now() - interval '3 hours'
          WHERE user_id = (SELECT id FROM app_user WHERE email = $1)`,
      [email],
    );

  async function signedIn(
    email: string,
    viewport = { width: 1366, height: 768 },
  ): Promise<{ page: Page; errors: string[] }> {
    const context = await env.browser.newContext({ viewport });
    const errors = collectErrors(context);
    const page = await context.newPage();
    await signIn(page, env.baseUrl, email, TEST_PASSWORD);
    return { page, errors };
  }

  it('a form posted after expiry completed after sign-in', async () => {
    const { page, errors } = await signedIn('syt@demo.example');
    await page.goto(new URL('/mo-hinh/6', env.baseUrl).toString());
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
        await db().query(
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
    await page.goto(new URL('/mo-hinh/6', env.baseUrl).toString());
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
    await page.goto(new URL('/mo-hinh/6', env.baseUrl).toString());
    await expect(page.content()).resolves.not.toContain(typed);
    await expect(page.locator('#kept-form').count()).resolves.toBe(0);
    const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM kept_form`);
    expect(n).toBe(0);
  }, 60_000);

  it('gives back what was typed in a box styled as the other notices, whole on a 390 px phone', async () => {
    const phone = { width: 390, height: 844 };
    const { page, errors } = await signedIn('syt@demo.example', phone);
    await page.goto(new URL('/mo-hinh/6', env.baseUrl).toString());
    await page.locator('#bao-cao summary').click();
    // A long line with a long unbroken address, as a report may carry.
    const typed = `Đã chuyển dữ liệu khám chữa bệnh sang https://hssk.khanhhoa.example/ket-noi/tram-y-te-xa-van-ninh-cam-lam-khanh-son-khanh-vinh-dien-khanh (${Date.now()}).`;
    await page.locator('#bao-cao textarea[name="progress"]').fill(typed);
    await endSessionsOf('syt@demo.example');
    await page.getByRole('button', { name: 'Lưu báo cáo' }).click();
    await page.waitForURL((url) => url.pathname === '/dang-nhap');
    await page.getByLabel('Email').fill('syt@demo.example');
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByLabel('Mật khẩu').press('Enter');
    await page.waitForURL((url) => url.pathname === '/mo-hinh/6');

    const box = page.locator('details.kept-form');
    await box.locator('summary').click();
    await expect(box.locator('.kept-value[data-field="progress"]').innerText()).resolves.toBe(
      typed,
    );
    // Styled as the information notice above it: its background, border, corners and padding.
    const look = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => {
          const c = getComputedStyle(el);
          return {
            background: c.backgroundColor,
            border: `${c.borderTopWidth} ${c.borderTopStyle} ${c.borderTopColor}`,
            radius: c.borderTopLeftRadius,
            padding: c.paddingLeft,
          };
        });
    const kept = await look('details.kept-form');
    expect(kept.background).toBe('rgb(232, 240, 252)');
    expect(kept.border).toBe('1px solid rgb(169, 201, 242)');
    expect(kept.radius).not.toBe('0px');
    expect(kept.padding).not.toBe('0px');
    const notice = await look('main .alert');
    expect([notice.radius, notice.padding]).toEqual([kept.radius, kept.padding]);
    // Whole on the phone: nothing past the screen's edge, the page does not scroll sideways.
    for (const part of [
      'details.kept-form',
      'details.kept-form .kept-value[data-field="progress"]',
    ]) {
      const rect = (await page.locator(part).boundingBox())!;
      expect([part, rect.x >= 0, rect.x + rect.width <= phone.width]).toEqual([part, true, true]);
    }
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBe(
      phone.width,
    );
    await box.scrollIntoViewIfNeeded();
    await screenshot(page, 'kept-form-phone-390');
    expect(errors).toEqual([]);
  }, 60_000);
});
