import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createLogger } from '../../src/logging.js';
import { startService, type RunningService } from '../../src/service.js';
import { testConfig } from '../support/app.js';
import {
  browserUnavailable,
  collectErrors,
  launchBrowser,
  overflowsHorizontally,
  shownScreenReaderText,
  screenshot,
  SCREENSHOT_DIR,
  signIn,
  unlabelledControls,
} from '../support/browser.js';
import { createTestDatabase, TEST_PASSWORD, type TestDatabase } from '../support/database.js';

const unavailable = browserUnavailable();
if (unavailable) console.warn(`Skipping the browser tests: ${unavailable}`);
const describeInBrowser = unavailable ? describe.skip : describe;

interface Letter {
  id: string;
  state: string;
  documentNumber: string;
  escalationLevel: number;
  workingDaysOverdue: number;
  addressees: { code: string }[];
}

/**
 * The web interface in headless Chromium against the running service (HTTP, workers and the
 * escalation catch-up of the December 2023 letters, as `npm start` runs it), on a database of
 * its own. Each main page is saved as a screenshot under test/e2e/screenshots/.
 */
describeInBrowser('web interface in a real browser', () => {
  let db: TestDatabase;
  let service: RunningService;
  let baseUrl: string;
  let browser: Browser;
  const serverTimings: Record<string, number> = {};

  /** One sign-in per user for the whole file: the sign-in rate limit counts every attempt. */
  const tokens = new Map<string, string>();
  async function api<T>(path: string, email: string): Promise<T> {
    let accessToken = tokens.get(email);
    if (!accessToken) {
      const login = await fetch(new URL('/api/v1/auth/login', baseUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: TEST_PASSWORD }),
      });
      if (!login.ok) throw new Error(`sign-in of ${email}: ${login.status} ${await login.text()}`);
      accessToken = ((await login.json()) as { accessToken: string }).accessToken;
      tokens.set(email, accessToken);
    }
    const res = await fetch(new URL(`/api/v1${path}`, baseUrl), {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** A fresh browser window signed in as one user; its console errors are collected. */
  async function session(email: string, viewport = { width: 1280, height: 800 }) {
    const context: BrowserContext = await browser.newContext({ viewport, locale: 'vi-VN' });
    const errors = collectErrors(context);
    const page = await context.newPage();
    await signIn(page, baseUrl, email, TEST_PASSWORD);
    return { context, page, errors };
  }

  /** Opens a page and records the server time it reported (Server-Timing: app;dur=…). */
  async function open(page: Page, path: string, name?: string) {
    const response = await page.goto(new URL(path, baseUrl).toString());
    expect(response?.status()).toBe(200);
    const timing = /app;dur=([\d.]+)/.exec(response?.headers()['server-timing'] ?? '');
    if (name && timing) serverTimings[name] = Number(timing[1]);
    return response!;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig({
      dataDir: await mkdtemp(join(tmpdir(), 'de-an-06-e2e-')),
      databaseUrl: db.url,
      role: 'all',
      seedDemo: true,
    });
    service = await startService(config, createLogger('silent'));
    baseUrl = await (service.app as NestFastifyApplication).getUrl();
    browser = await launchBrowser();
    // The workers' catch-up fires each overdue letter of December 2023 once, at start.
    for (let i = 0; i < 300; i++) {
      const letters = await api<{ items: Letter[] }>(
        '/recommendations?limit=100',
        'thuky@demo.example',
      );
      if (letters.items.filter((l) => l.escalationLevel > 0).length >= 15) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await db?.drop();
    if (Object.keys(serverTimings).length > 0) {
      await writeFile(
        join(SCREENSHOT_DIR, 'server-timings.json'),
        JSON.stringify(serverTimings, null, 2),
      ).catch(() => undefined);
    }
  });

  it('an officer of the health department moves pilot 6 with a reason, sees it in the timeline, and has no move on pilot 5', async () => {
    const { context, page, errors } = await session('syt@demo.example');
    await open(page, '/mo-hinh', 'board');
    await expect(page.locator('tr[data-pilot]').count()).resolves.toBe(31);
    // The officer's own pilots come first.
    await expect(page.locator('tr[data-pilot]').first().getAttribute('data-pilot')).resolves.toBe(
      '4',
    );
    await screenshot(page, 'board-officer-syt');
    expect(await unlabelledControls(page)).toEqual([]);
    expect(await overflowsHorizontally(page)).toBe(false);

    await page
      .getByRole('link', { name: /Triển khai nền tảng quản lý lưu trú tại cơ sở khám chữa bệnh/ })
      .click();
    await page.waitForURL('**/mo-hinh/6');
    const before = await api<{ state: string }>('/pilots/6', 'syt@demo.example');
    expect(before.state).toBe('PILOTING');

    const reason = 'Tạm dừng chờ Bộ Y tế hướng dẫn kết nối dữ liệu khám chữa bệnh';
    // Each move is a collapsed section: open it, as a person would.
    await page.locator('summary', { hasText: 'Tạm dừng' }).click();
    const move = page.getByRole('button', { name: 'Chuyển sang Tạm dừng' });
    await page.locator('form', { has: move }).getByLabel('Lý do').fill(reason);
    await move.click();
    await page.waitForURL('**/mo-hinh/6');
    await expect(page.getByRole('status').textContent()).resolves.toContain('Tạm dừng');
    const timeline = page.locator('ol.timeline');
    await expect(timeline.textContent()).resolves.toContain(reason);
    await expect(timeline.locator('li').first().textContent()).resolves.toContain('Tạm dừng');
    expect((await api<{ state: string }>('/pilots/6', 'syt@demo.example')).state).toBe('SUSPENDED');
    await screenshot(page, 'pilot-6-officer-syt');
    expect(await unlabelledControls(page)).toEqual([]);

    await open(page, '/mo-hinh/5');
    await expect(page.getByRole('button', { name: /^Chuyển sang/ }).count()).resolves.toBe(0);
    await expect(page.locator('h1').textContent()).resolves.toContain('5');

    // On a tablet the board still fits the screen (the table scrolls inside its box).
    await page.setViewportSize({ width: 768, height: 1024 });
    await open(page, '/mo-hinh');
    expect(await overflowsHorizontally(page)).toBe(false);
    await screenshot(page, 'board-tablet');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the secretariat records a ministry’s answer to an overdue letter and its level badge disappears', async () => {
    const letters = await api<{ items: Letter[] }>(
      '/recommendations?limit=100',
      'thuky@demo.example',
    );
    const letter = letters.items
      // A letter to one ministry: its answer answers the letter (each addressee answers for itself).
      .filter((l) => l.state === 'SENT' && l.escalationLevel > 0 && l.addressees.length === 1)
      .sort((a, b) => b.workingDaysOverdue - a.workingDaysOverdue)[0];
    expect(letter).toBeDefined();

    const { context, page, errors } = await session('thuky@demo.example');
    await open(page, '/kien-nghi', 'recommendations');
    const row = page.locator(`tr[data-recommendation="${letter.id}"]`);
    await expect(row.locator('.badge.level').count()).resolves.toBe(1);
    await screenshot(page, 'recommendations-secretariat');
    expect(await unlabelledControls(page)).toEqual([]);

    await row.getByRole('link').first().click();
    await page.waitForURL(`**/kien-nghi/${letter.id}`);
    await screenshot(page, 'recommendation-detail-secretariat');
    // Typed as Vietnamese write dates, whatever the computer's locale.
    const today = new Date(Date.now() + 7 * 3_600_000)
      .toISOString()
      .slice(0, 10)
      .split('-')
      .reverse()
      .join('/');
    await page.getByLabel('Số văn bản trả lời').fill('1234/BYT-CNTT');
    await page.getByLabel('Ngày văn bản').fill(today);
    await page
      .getByLabel('Nội dung trả lời')
      .fill('Bộ Y tế hướng dẫn kết nối dữ liệu khám chữa bệnh qua VNeID.');
    await page.getByRole('button', { name: 'Ghi nhận trả lời' }).click();
    await page.waitForURL(`**/kien-nghi/${letter.id}`);
    await expect(page.locator('main').textContent()).resolves.toContain('1234/BYT-CNTT');

    await open(page, '/kien-nghi');
    await expect(row.count()).resolves.toBe(1);
    await expect(row.locator('.badge.level').count()).resolves.toBe(0);
    const after = await api<Letter>(`/recommendations/${letter.id}`, 'thuky@demo.example');
    expect(after.state).toBe('ANSWERED');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an officer asks for a letter from the pilot page and the secretariat turns it into a draft from the queue', async () => {
    const blockers = await api<{ items: { id: string; authority: string; state: string }[] }>(
      '/blockers?pilot=6',
      'syt@demo.example',
    );
    const blocker = blockers.items.find((b) => b.authority === 'CENTRAL' && b.state !== 'RESOLVED');
    expect(blocker).toBeDefined();
    const question = 'Đề nghị Bộ Y tế hướng dẫn đồng bộ dữ liệu từ phần mềm HIS sang hệ thống ASM.';
    const impact = 'Bệnh viện phải nhập liệu trùng lặp nên chưa mở rộng được mô hình.';

    const officer = await session('syt@demo.example');
    await open(officer.page, '/mo-hinh/6');
    const section = officer.page.locator(`#de-nghi-${blocker!.id}`);
    await section.locator('summary', { hasText: 'Đề nghị gửi kiến nghị' }).click();
    await section.getByLabel('Cơ quan được đề nghị').selectOption('BYT');
    await section.getByLabel('Đề nghị cơ quan đó điều gì').fill(question);
    await section.getByLabel('Vì sao vướng mắc cản trở mô hình').fill(impact);
    await section.getByRole('button', { name: 'Gửi đề nghị' }).click();
    await officer.page.waitForURL('**/mo-hinh/6');
    await expect(officer.page.getByRole('status').textContent()).resolves.toContain(
      'Đã gửi đề nghị Tổ công tác gửi kiến nghị đến Bộ Y tế',
    );
    await expect(section.textContent()).resolves.toContain('Chờ Tổ công tác xử lý');
    await screenshot(officer.page, 'pilot-6-letter-request-officer');
    expect(await unlabelledControls(officer.page)).toEqual([]);
    expect(officer.errors).toEqual([]);
    await officer.context.close();

    const secretariat = await session('thuky@demo.example');
    await open(secretariat.page, '/kien-nghi');
    await secretariat.page.getByRole('link', { name: 'Đề nghị kiến nghị' }).click();
    await secretariat.page.waitForURL('**/kien-nghi/de-nghi');
    const item = secretariat.page.locator('li[data-letter-request]', { hasText: question });
    await expect(item.count()).resolves.toBe(1);
    await expect(item.textContent()).resolves.toContain(impact);
    await screenshot(secretariat.page, 'letter-requests-queue-secretariat');
    expect(await unlabelledControls(secretariat.page)).toEqual([]);
    expect(await overflowsHorizontally(secretariat.page)).toBe(false);
    await item.getByRole('button', { name: 'Soạn dự thảo kiến nghị' }).click();
    await secretariat.page.waitForURL(/\/kien-nghi\/[0-9a-f-]{36}$/);
    const letterId = new URL(secretariat.page.url()).pathname.split('/').pop();
    await expect(secretariat.page.locator('main').textContent()).resolves.toContain(question);
    const requests = await api<{
      items: { state: string; recommendation: { id: string } | null }[];
    }>('/letter-requests?pilot=6', 'thuky@demo.example');
    expect(requests.items[0]).toMatchObject({ state: 'DRAFTED', recommendation: { id: letterId } });
    const letter = await api<{
      state: string;
      blockers: { id: string }[];
      addressees: { code: string }[];
    }>(`/recommendations/${letterId}`, 'thuky@demo.example');
    expect(letter).toMatchObject({
      state: 'DRAFT',
      blockers: [{ id: blocker!.id }],
      addressees: [{ code: 'BYT' }],
    });
    await screenshot(secretariat.page, 'letter-request-draft-secretariat');
    expect(secretariat.errors).toEqual([]);
    await secretariat.context.close();
  });

  it('leadership opens the overview: the chart is drawn and the counts equal the API’s /dashboard', async () => {
    const { context, page, errors } = await session('lanhdao@demo.example');
    expect(new URL(page.url()).pathname).toBe('/tong-quan');
    await open(page, '/tong-quan', 'overview');
    await page.locator('#state-chart[data-rendered="true"]').waitFor();
    const drawn = await page.locator('#state-chart').evaluate((canvas) => {
      const c = canvas as HTMLCanvasElement;
      const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
      return painted;
    });
    expect(drawn).toBeGreaterThan(1000);

    const dashboard = await api<{
      pilotsByState: Record<string, number>;
      blockedPilots: unknown[];
      openBlockers: { total: number };
      overdueRecommendations: { total: number };
      pilotsWithoutReport: unknown[];
    }>('/dashboard', 'lanhdao@demo.example');
    const s = dashboard.pilotsByState;
    const expected: Record<string, number> = {
      'pilots-total': Object.values(s).reduce((a, b) => a + b, 0),
      'pilots-live': (s.OPERATING ?? 0) + (s.COMPLETED ?? 0),
      'pilots-blocked': dashboard.blockedPilots.length,
      'open-blockers': dashboard.openBlockers.total,
      'overdue-recommendations': dashboard.overdueRecommendations.total,
      'pilots-without-report': dashboard.pilotsWithoutReport.length,
    };
    const shown: Record<string, number> = {};
    for (const key of Object.keys(expected)) {
      const text = await page.locator(`[data-count="${key}"] .value`).textContent();
      shown[key] = Number(text?.trim());
    }
    expect(shown).toEqual(expected);
    expect(expected['pilots-total']).toBe(31);
    await screenshot(page, 'overview-leadership');
    expect(await overflowsHorizontally(page)).toBe(false);
    // Leadership is offered no settings.
    await expect(page.getByRole('link', { name: 'Cài đặt' }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses a form posted without its CSRF token, and sends a signed-out user to sign-in', async () => {
    const { context, page, errors } = await session('thuky@demo.example');
    await open(page, '/mo-hinh/6');
    // The page's own sign-out form, with its token removed before it is sent.
    await page.locator('form[action="/dang-xuat"] input[name="_csrf"]').evaluate((i) => i.remove());
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/dang-xuat')),
      page.getByRole('button', { name: 'Đăng xuất' }).click(),
    ]);
    expect(refused.status()).toBe(403);
    await expect(page.locator('main').textContent()).resolves.toContain('CSRF');
    // Still signed in: the refused form changed nothing.
    await open(page, '/mo-hinh');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL('**/dang-nhap');
    await page.goto(new URL('/kien-nghi', baseUrl).toString());
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    expect(new URL(page.url()).searchParams.get('tiep')).toBe('/kien-nghi');
    await screenshot(page, 'sign-in');
    expect(await unlabelledControls(page)).toEqual([]);
    // 403 of the refused form is the only error the console saw.
    expect(errors.filter((e) => !e.includes('403'))).toEqual([]);
    await context.close();
  });

  it('works with the keyboard alone: skip link, then a pilot moved by Tab and Enter', async () => {
    const { context, page, errors } = await session('thuky@demo.example');
    await open(page, '/mo-hinh/11');
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        return el ? `${el.tagName} ${(el.textContent ?? '').replace(/\s+/g, ' ').trim()}` : '';
      });
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('A Bỏ qua thanh điều hướng');
    /** Presses Tab until the focused element's text matches; fails after `limit` presses. */
    const tabTo = async (pattern: RegExp, limit = 80) => {
      for (let i = 0; i < limit; i++) {
        if (pattern.test(await focused())) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${pattern}; last: ${await focused()}`);
    };
    await tabTo(/^SUMMARY .*Đang vận hành/);
    await page.keyboard.press('Enter');
    await tabTo(/^BUTTON Chuyển sang Đang vận hành$/, 10);
    await Promise.all([page.waitForURL('**/mo-hinh/11'), page.keyboard.press('Enter')]);
    await expect(page.getByRole('status').textContent()).resolves.toContain('Đang vận hành');
    expect((await api<{ state: string }>('/pilots/11', 'thuky@demo.example')).state).toBe(
      'OPERATING',
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits a tablet: no page is wider than the screen, and no screen-reader text shows', async () => {
    const { context, page, errors } = await session('thuky@demo.example', {
      width: 768,
      height: 1024,
    });
    let srOnly = 0;
    for (const path of ['/mo-hinh', '/mo-hinh/6', '/kien-nghi', '/tong-quan', '/cai-dat/don-doc']) {
      await open(page, path);
      expect([path, await overflowsHorizontally(page)]).toEqual([path, false]);
      // Captions and repeated labels for screen readers are not drawn.
      srOnly += await page.locator('.sr-only').count();
      expect([path, await shownScreenReaderText(page)]).toEqual([path, []]);
    }
    expect(srOnly).toBeGreaterThan(0);
    await screenshot(page, 'settings-tablet');
    await open(page, '/tong-quan');
    await page.locator('#state-chart[data-rendered="true"]').waitFor();
    await screenshot(page, 'overview-tablet');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the secretariat’s settings pages open without errors', async () => {
    const { context, page, errors } = await session('thuky@demo.example');
    for (const [path, name] of [
      ['/cai-dat/don-doc', 'settings-policy'],
      ['/cai-dat/lich-lam-viec', 'settings-calendar'],
      ['/cai-dat/don-vi', 'settings-agencies'],
      ['/cai-dat/ky-bao-cao', 'settings-periods'],
    ]) {
      await open(page, path);
      await screenshot(page, name);
      expect([path, await unlabelledControls(page)]).toEqual([path, []]);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the admin’s user accounts page opens without errors', async () => {
    const { context, page, errors } = await session('admin@demo.example');
    await open(page, '/cai-dat/nguoi-dung');
    await screenshot(page, 'settings-users-admin');
    expect(await unlabelledControls(page)).toEqual([]);
    await expect(page.locator('tbody tr').count()).resolves.toBeGreaterThan(10);
    expect(errors).toEqual([]);
    await context.close();
  });
});
