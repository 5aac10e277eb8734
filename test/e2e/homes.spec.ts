import type { BrowserContext, Page } from 'playwright-core';
import {
  browserUnavailable,
  collectErrors,
  overflowsHorizontally,
  screenshot,
  signIn,
  unlabelledControls,
} from '../support/browser.js';
import { TEST_PASSWORD } from '../support/database.js';
import { useBrowserService } from '../support/browser-service.js';

const unavailable = browserUnavailable();
if (unavailable) console.warn(`Skipping the browser tests of the homes: ${unavailable}`);
const describeInBrowser = unavailable ? describe.skip : describe;

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

/**
 * Issue 16, item 1, in headless Chromium against the running service (as `npm start` runs it,
 * today's date): the secretariat and an officer sign in, land on "Việc cần làm", read what waits
 * for them and follow its links to where the work is done. Screenshots at 1366×768 and 390×844
 * under test/e2e/screenshots/ (home-secretariat*, home-officer-syt*).
 */
describeInBrowser('the secretariat’s and the officer’s home in a real browser', () => {
  const env = useBrowserService('homes');

  async function api<T>(method: string, path: string, email: string, body?: unknown): Promise<T> {
    const login = await fetch(new URL('/api/v1/auth/login', env.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const res = await fetch(new URL(`/api/v1${path}`, env.baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${accessToken}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return (await res.json()) as T;
  }

  async function session(email: string) {
    const context: BrowserContext = await env.browser.newContext({
      viewport: DESKTOP,
      locale: 'vi-VN',
    });
    // The overview reads the whole situation as of now (GET /reports/overview): on a loaded
    // machine its first load takes longer than Playwright's default 30 s.
    context.setDefaultTimeout(90_000);
    const errors = collectErrors(context);
    const page = await context.newPage();
    await signIn(page, env.baseUrl, email, TEST_PASSWORD);
    return { context, page, errors };
  }

  /** The number on each tile of the home, and the entries of its list. */
  async function tilesAndLists(page: Page): Promise<Record<string, [number, number]>> {
    return page.evaluate(() => {
      const out: Record<string, [number, number]> = {};
      for (const section of document.querySelectorAll<HTMLElement>('[data-queue]')) {
        const key = section.dataset.queue!;
        const tile = document.querySelector(`[data-count="${key}"] .value`);
        out[key] = [
          Number(tile?.textContent ?? NaN),
          section.querySelectorAll('.queue-list > li').length,
        ];
      }
      return out;
    });
  }

  it('the secretariat lands on its queue, each count matches its list, and each entry leads to its letter', async () => {
    const { context, page, errors } = await session('thuky@demo.example');
    expect(new URL(page.url()).pathname).toBe('/viec-can-lam');
    await expect(page.locator('h1').textContent()).resolves.toBe('Việc cần làm');
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await expect(
      nav.getByRole('link', { name: 'Việc cần làm' }).getAttribute('aria-current'),
    ).resolves.toBe('page');

    const lists = await tilesAndLists(page);
    expect(Object.keys(lists)).toEqual([
      'qua-han',
      'sap-den-han',
      'tra-loi',
      'de-nghi',
      'bao-cao-thieu',
    ]);
    for (const [key, [count, entries]] of Object.entries(lists)) {
      // Each tile counts its list (the letter-request list holds requests and uncovered blockers).
      expect([key, count]).toEqual([key, entries]);
    }
    // The seed's letters of 2022–2023 are long overdue; the current month lacks its reports.
    expect(lists['qua-han'][0]).toBeGreaterThan(0);
    expect(lists['bao-cao-thieu'][0]).toBeGreaterThan(0);
    await screenshot(page, 'home-secretariat');
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await overflowsHorizontally(page)).toBe(false);

    // A tile leads to its list, the list's first entry to the letter's page.
    await page.locator('[data-count="qua-han"]').click();
    await page.waitForURL((url) => url.hash === '#qua-han');
    const first = page.locator('[data-queue="qua-han"] .queue-list > li').first();
    const letterId = await first.getAttribute('data-letter');
    const number = (await first.locator('a').first().textContent())!.trim();
    await first.locator('a').first().click();
    await page.waitForURL(`**/kien-nghi/${letterId}`);
    await expect(page.locator('h1').textContent()).resolves.toContain(number);

    // The missing reports of the current period lead to the overview's list of agencies.
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    await page.waitForURL('**/viec-can-lam');
    await page.locator('[data-queue="bao-cao-thieu"] .queue-list a').first().click();
    await page.waitForURL(/\/tong-quan\?ky=\d{4}-\d{2}#missing-title$/);
    await expect(page.locator('#missing-title').isVisible()).resolves.toBe(true);

    await page.setViewportSize(PHONE);
    await page.goto(new URL('/viec-can-lam', env.baseUrl).toString());
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'home-secretariat-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an officer lands on what the agency owes, files a missing report from it, and sees only its own pilots', async () => {
    const pilots = await api<{ items: { number: number; ledByUserAgency: boolean }[] }>(
      'GET',
      '/pilots?limit=100',
      'syt@demo.example',
    );
    const own = pilots.items.filter((p) => p.ledByUserAgency).map((p) => String(p.number));
    expect(own.sort()).toEqual(['4', '6']);

    const { context, page, errors } = await session('syt@demo.example');
    expect(new URL(page.url()).pathname).toBe('/viec-can-lam');
    const lists = await tilesAndLists(page);
    expect(Object.keys(lists)).toEqual(['bao-cao-thieu', 'chi-so-thieu', 'vuong-mac', 'qua-han']);
    for (const [key, [count, entries]] of Object.entries(lists))
      expect([key, count]).toEqual([key, entries]);
    // Nothing of another agency: every pilot named is one SYT leads.
    const named = await page
      .locator('[data-queue] [data-pilot]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-pilot')));
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((n) => own.includes(n!))).toBe(true);
    // Pilot 6's CENTRAL blocker says who holds it now.
    const blocker = page.locator('[data-queue="vuong-mac"] li[data-pilot="6"]').first();
    await expect(blocker.locator('[data-holder]').innerText()).resolves.toMatch(/^Đang chờ: \S/);
    await expect(page.locator('[data-queue="qua-han"]').textContent()).resolves.toContain(
      '4338/SYT-TCHC',
    );
    await screenshot(page, 'home-officer-syt');
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await overflowsHorizontally(page)).toBe(false);

    // Pilot 4 still owes this month's report: its entry leads to the report form.
    const missing = page.locator('[data-queue="bao-cao-thieu"] li[data-pilot="4"]');
    await expect(missing.count()).resolves.toBe(1);
    await missing.locator('a').click();
    await page.waitForURL((url) => url.pathname === '/mo-hinh/4' && url.hash === '#bao-cao');
    const reports = page.locator('#bao-cao');
    await reports.locator('summary', { hasText: 'Nộp báo cáo' }).click();
    await reports.getByLabel(/^Tiến độ tháng/).fill('Đã kết nối thêm 12 cơ sở khám chữa bệnh.');
    await Promise.all([
      page.waitForEvent('load'),
      reports.getByRole('button', { name: 'Lưu báo cáo' }).click(),
    ]);
    expect(new URL(page.url()).pathname).toBe('/mo-hinh/4');
    await page.getByRole('link', { name: 'Việc cần làm' }).click();
    await page.waitForURL('**/viec-can-lam');
    await expect(
      page.locator('[data-queue="bao-cao-thieu"] li[data-pilot="4"]').count(),
    ).resolves.toBe(0);
    const after = await tilesAndLists(page);
    expect(after['bao-cao-thieu'][0]).toBe(lists['bao-cao-thieu'][0] - 1);

    await page.setViewportSize(PHONE);
    await page.reload();
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'home-officer-syt-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('leadership lands on the overview, which says who must act on each blocked pilot', async () => {
    const { context, page, errors } = await session('lanhdao@demo.example');
    expect(new URL(page.url()).pathname).toBe('/tong-quan');
    await expect(
      page.getByRole('navigation', { name: 'Điều hướng chính' }).getByText('Việc cần làm').count(),
    ).resolves.toBe(0);
    const blocked = page.locator('.blocked-list > li[data-pilot]');
    expect(await blocked.count()).toBeGreaterThan(0);
    for (const pilot of await blocked.all()) {
      await expect(pilot.locator('.lead-agencies').innerText()).resolves.toMatch(
        /^Đơn vị chủ trì: /,
      );
      for (const blocker of await pilot.locator('li[data-blocker]').all()) {
        await expect(blocker.locator('.age').innerText()).resolves.toMatch(/^nêu từ .+ ngày$/);
        await expect(blocker.locator('[data-holder]').innerText()).resolves.toMatch(
          /^Đang chờ: \S/,
        );
      }
    }
    // Names whole: no pilot link is cut by its box.
    const cut = await page
      .locator('.blocked-card .pilot-link')
      .evaluateAll((links) => links.filter((a) => a.scrollWidth > a.clientWidth + 1).length);
    expect(cut).toBe(0);
    await expect(page.locator('#changes-title').innerText()).resolves.toMatch(/^Thay đổi từ ngày /);
    await screenshot(page, 'overview-who-acts');
    expect(await overflowsHorizontally(page)).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an officer saves a filter of the board chosen with the filters, and opens it again', async () => {
    const { context, page, errors } = await session('syt@demo.example');
    await page.goto(new URL('/mo-hinh', env.baseUrl).toString());
    // Choosing a filter refreshes the results (htmx); the saved filters follow them.
    await page.locator('#filter-blocked').selectOption('true');
    await page.waitForURL((url) => url.searchParams.get('blocked') === 'true');
    const save = page.locator('#saved-filters form.save-filter');
    await expect(save.locator('input[name="query"]').inputValue()).resolves.toContain(
      'blocked=true',
    );
    await save.getByLabel('Tên bộ lọc').fill('Mô hình vướng mắc');
    await save.getByRole('button', { name: 'Lưu bộ lọc đang xem' }).click();
    await page.waitForURL((url) => url.pathname === '/mo-hinh' && url.search === '?blocked=true');
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'Đã lưu bộ lọc “Mô hình vướng mắc”.',
    );
    await page.goto(new URL('/mo-hinh', env.baseUrl).toString());
    await page.locator('#saved-filters').getByRole('link', { name: 'Mô hình vướng mắc' }).click();
    await page.waitForURL((url) => url.search === '?blocked=true');
    const rows = await page.locator('tr[data-pilot]').count();
    const blocked = await api<{ total: number }>('GET', '/pilots?blocked=true', 'syt@demo.example');
    expect(rows).toBe(blocked.total);
    await screenshot(page, 'board-saved-filter-officer-syt');
    // On a phone the panel wraps: the page does not scroll sideways.
    await page.setViewportSize(PHONE);
    expect(await overflowsHorizontally(page)).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
