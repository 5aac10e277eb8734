import {
  browserUnavailable,
  collectErrors,
  screenshot,
  signIn,
  unlabelledControls,
} from '../support/browser.js';
import { TEST_PASSWORD } from '../support/database.js';
import { useBrowserService } from '../support/browser-service.js';

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
  const env = useBrowserService('comments');

  it('an officer comments on their pilot and sees it in the timeline, diacritics intact', async () => {
    const context = await env.browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'vi-VN',
    });
    const errors = collectErrors(context);
    const page = await context.newPage();
    await signIn(page, env.baseUrl, 'syt@demo.example', TEST_PASSWORD);
    await page.goto(new URL('/mo-hinh/6', env.baseUrl).toString());

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
