import { readFile } from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import { browserUnavailable, collectErrors, screenshot, signIn } from '../support/browser.js';
import { TEST_PASSWORD } from '../support/database.js';
import { useBrowserService } from '../support/browser-service.js';

const unavailable = browserUnavailable();
if (unavailable) console.warn(`Skipping the browser tests: ${unavailable}`);
const describeInBrowser = unavailable ? describe.skip : describe;

interface Letter {
  id: string;
  state: string;
  documentNumber: string;
  addressees: { code: string; status: string; responses: { documentNumber: string }[] }[];
}

/**
 * Issue 16, item 4 in headless Chromium: the letters list downloaded as CSV under a filter and
 * opened as UTF-8, one answer recorded against two letters chosen on the list, and the header's
 * search finding "HIS". Against the service as `npm start` runs it, on a database of its own.
 */
describeInBrowser('lists that travel, bulk answers and the global search, in a browser', () => {
  const env = useBrowserService('lists');

  async function api<T>(path: string, email = 'thuky@demo.example'): Promise<T> {
    const login = await fetch(new URL('/api/v1/auth/login', env.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const res = await fetch(new URL(`/api/v1${path}`, env.baseUrl), {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    return (await res.json()) as T;
  }

  async function session(email: string) {
    const context: BrowserContext = await env.browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'vi-VN',
      acceptDownloads: true,
    });
    const errors = collectErrors(context);
    const page = await context.newPage();
    await signIn(page, env.baseUrl, email, TEST_PASSWORD);
    return { context, page, errors };
  }

  it('downloads the letters list as filtered: a CSV that opens as UTF-8 with one row per letter shown', async () => {
    const { context, page, errors } = await session('thuky@demo.example');
    await page.goto(new URL('/kien-nghi', env.baseUrl).toString());
    await page.getByLabel('Cơ quan nhận').selectOption('BCA');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/addressee=BCA/);
    const shown = await page.locator('tr[data-recommendation]').count();
    expect(shown).toBeGreaterThan(1);
    await screenshot(page, 'letters-filtered-with-downloads');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải danh sách kiến nghị đang hiển thị (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^kien-nghi-\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await readFile((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Opened as UTF-8 (fatal: a byte that is not UTF-8 throws), the way Excel reads it with the BOM.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    expect(text.startsWith('Số, ký hiệu văn bản')).toBe(false); // quoted: it has a comma
    expect(text.startsWith('"Số, ký hiệu văn bản",Ngày văn bản,Cơ quan gửi,Nội dung')).toBe(true);
    const records = text
      .split('\r\n')
      .filter((l) => /^[^",]*\d+\/[^,]*,\d{2}\/\d{2}\/\d{4},/.test(l));
    expect(records).toHaveLength(shown);
    expect(text).toContain('Bộ Công an');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('records one answer against two letters chosen on the list', async () => {
    const { context, page, errors } = await session('thuky@demo.example');
    await page.goto(new URL('/kien-nghi?addressee=TCT06CP', env.baseUrl).toString());
    const rows = page.locator('tr[data-recommendation]');
    const ids = [
      await rows.nth(0).getAttribute('data-recommendation'),
      await rows.nth(1).getAttribute('data-recommendation'),
    ] as string[];
    for (const id of ids)
      await page.locator(`tr[data-recommendation="${id}"] input[type="checkbox"]`).check();
    await page
      .getByRole('button', { name: 'Ghi nhận một trả lời cho các kiến nghị đã chọn' })
      .click();
    await page.waitForURL('**/kien-nghi/tra-loi-chung?**');
    await expect(page.locator('tr[data-recommendation]').count()).resolves.toBe(2);
    await page.getByLabel('Cơ quan trả lời').selectOption('TCT06CP');
    await page.getByLabel('Số văn bản trả lời').fill('77/TCTĐA06-CP');
    await page.getByLabel('Ngày văn bản').fill('12/01/2024');
    await page
      .getByLabel('Nội dung trả lời')
      .fill('Tổ công tác Đề án 06 của Chính phủ trả lời chung hai kiến nghị.');
    await screenshot(page, 'bulk-answer-form');
    await page.getByRole('button', { name: 'Ghi nhận trả lời cho các kiến nghị đã chọn' }).click();
    await page.waitForURL((url) => url.pathname === '/kien-nghi');
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'Đã ghi nhận văn bản trả lời số 77/TCTĐA06-CP cho 2 kiến nghị',
    );
    for (const id of ids) {
      const letter = await api<Letter>(`/recommendations/${id}`);
      const tct = letter.addressees.find((a) => a.code === 'TCT06CP')!;
      expect(tct.status).toBe('ANSWERED');
      expect(tct.responses.map((r) => r.documentNumber)).toContain('77/TCTĐA06-CP');
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds "HIS" from the header: the blockers and letters that mention it, each a link', async () => {
    const { context, page, errors } = await session('syt@demo.example');
    await page.goto(new URL('/mo-hinh', env.baseUrl).toString());
    const field = page.getByRole('searchbox', {
      name: 'Tìm mô hình, vướng mắc, kiến nghị, báo cáo',
    });
    await field.fill('HIS');
    await field.press('Enter');
    await page.waitForURL('**/tim-kiem?q=HIS');
    // As many as the API finds for this user: pilot 6's blocker and 442's letter about HIS.
    const found = await api<{ blockers: { total: number }; recommendations: { total: number } }>(
      '/search?q=HIS',
      'syt@demo.example',
    );
    expect(found.blockers.total).toBeGreaterThanOrEqual(1);
    expect(found.recommendations.total).toBeGreaterThanOrEqual(1);
    await expect(
      page.getByRole('heading', { name: `Vướng mắc (${found.blockers.total})` }).count(),
    ).resolves.toBe(1);
    await expect(
      page.getByRole('heading', { name: `Kiến nghị (${found.recommendations.total})` }).count(),
    ).resolves.toBe(1);
    await expect(page.locator('[data-kind="ket-qua-kien-nghi"] li a').count()).resolves.toBe(
      found.recommendations.total,
    );
    await screenshot(page, 'search-his');
    await page.locator('[data-kind="ket-qua-kien-nghi"] li a').first().click();
    await page.waitForURL(/\/kien-nghi\/[0-9a-f-]{36}$/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
