import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser } from 'playwright-core';
import { createLogger } from '../../src/logging.js';
import { startService, type RunningService } from '../../src/service.js';
import { testConfig } from '../support/app.js';
import {
  browserUnavailable,
  collectErrors,
  launchBrowser,
  screenshot,
  signIn,
  unlabelledControls,
} from '../support/browser.js';
import { createTestDatabase, TEST_PASSWORD, type TestDatabase } from '../support/database.js';

const unavailable = browserUnavailable();
if (unavailable) console.warn(`Skipping the browser tests: ${unavailable}`);
const describeInBrowser = unavailable ? describe.skip : describe;

/**
 * Comments in headless Chromium (issue 16, item 5): the health department's officer writes a
 * comment on pilot 6 from its page, typed as a Vietnamese keyboard may send it (decomposed
 * marks), sees it on top of the pilot's timeline with their name and its diacritics intact, then
 * corrects it and sees the "đã sửa" mark.
 */
describeInBrowser('comments on a pilot, in a real browser', () => {
  let db: TestDatabase;
  let service: RunningService;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig({
      dataDir: await mkdtemp(join(tmpdir(), 'de-an-06-e2e-comments-')),
      databaseUrl: db.url,
      role: 'api',
      seedDemo: true,
    });
    service = await startService(config, createLogger('silent'));
    baseUrl = await (service.app as NestFastifyApplication).getUrl();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await db?.drop();
  });

  it('an officer comments on their pilot and sees it in the timeline, diacritics intact', async () => {
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'vi-VN',
    });
    const errors = collectErrors(context);
    const page = await context.newPage();
    await signIn(page, baseUrl, 'syt@demo.example', TEST_PASSWORD);
    await page.goto(new URL('/mo-hinh/6', baseUrl).toString());

    const said = 'Đề nghị Bộ Y tế sớm hướng dẫn kết nối phần mềm HIS; Sở đã chuẩn bị xong hạ tầng.';
    const form = page.locator('form.comment-form');
    await form.getByLabel('Bình luận').fill(said.normalize('NFD'));
    await form.getByRole('button', { name: 'Gửi bình luận' }).click();
    await page.waitForURL('**/mo-hinh/6#dong-thoi-gian');
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'Đã gửi bình luận.',
    );

    const newest = page.locator('ol.timeline.merged > li').first();
    await expect(newest.getAttribute('data-kind')).resolves.toBe('comment');
    const text = (await newest.locator('p.reason').textContent())!.trim();
    expect(text).toBe(said); // NFC, every mark in place
    expect(text.normalize('NFC')).toBe(text);
    await expect(newest.locator('.when').textContent()).resolves.toContain(
      'Cán bộ đầu mối Sở Y tế',
    );
    expect(await unlabelledControls(page)).toEqual([]);

    // The author corrects it: the timeline says so.
    await newest.locator('summary', { hasText: 'Sửa' }).click();
    await newest.getByLabel('Nội dung mới').fill(`${said} Dự kiến xong trong quý I.`);
    await newest.getByRole('button', { name: 'Lưu bình luận' }).click();
    await page.waitForURL('**/mo-hinh/6#dong-thoi-gian');
    const edited = page.locator('ol.timeline.merged > li').first();
    await expect(edited.locator('p.reason').textContent()).resolves.toContain(
      'Dự kiến xong trong quý I.',
    );
    await expect(edited.locator('.edited').textContent()).resolves.toBe('đã sửa');
    await screenshot(page, 'pilot-6-comments-officer-syt');
    expect(errors).toEqual([]);
    await context.close();
  });
});
