import { readFile } from 'node:fs/promises';
import JSZip from 'jszip';
import type { BrowserContext } from 'playwright-core';
import {
  browserUnavailable,
  collectErrors,
  screenshot,
  signIn,
  unlabelledControls,
} from '../support/browser.js';
import { TEST_PASSWORD } from '../support/database.js';
import { paragraphs } from '../support/docx.js';
import { useBrowserService } from '../support/browser-service.js';

const unavailable = browserUnavailable();
if (unavailable) console.warn(`Skipping the browser tests: ${unavailable}`);
const describeInBrowser = unavailable ? describe.skip : describe;

/** A well-formed PDF with bytes that are not text, so the round trip checks binary fidelity. */
function pdf(size = 40_000): Buffer {
  const head = Buffer.from('%PDF-1.4\n%âãÏÓ\n', 'latin1');
  const body = Buffer.from(
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
      '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
  const filler = Buffer.alloc(size - head.length - body.length);
  for (let i = 0; i < filler.length; i++) filler[i] = (i * 7919) % 256;
  filler[0] = 0x25;
  filler[filler.length - 1] = 0x0a;
  return Buffer.concat([head, filler, body]);
}
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4096)]);

/**
 * Documents through the letter page in headless Chromium (issue 12, item 3): the secretariat
 * chooses a file in "Văn bản đính kèm", the browser posts the multipart form, the page lists
 * it, and its link downloads the same bytes under the same name; an executable renamed .pdf
 * gets the refusal page; the file is deleted after a confirmation.
 */
describeInBrowser('documents on the letter page, in a real browser', () => {
  const env = useBrowserService('documents');

  async function token(email: string): Promise<string> {
    const login = await fetch(new URL('/api/v1/auth/login', env.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    return ((await login.json()) as { accessToken: string }).accessToken;
  }

  async function letterId(): Promise<string> {
    const res = await fetch(new URL('/api/v1/recommendations?limit=100', env.baseUrl), {
      headers: { authorization: `Bearer ${await token('thuky@demo.example')}` },
    });
    const { items } = (await res.json()) as { items: { id: string; documentNumber: string }[] };
    return items.find((l) => l.documentNumber === '4338/SYT-TCHC')!.id;
  }

  it('the secretariat uploads the scanned letter, downloads it byte for byte, is refused an executable, and deletes the file', async () => {
    const id = await letterId();
    const context: BrowserContext = await env.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'vi-VN',
      acceptDownloads: true,
    });
    const errors = collectErrors(context);
    const page = await context.newPage();
    await signIn(page, env.baseUrl, 'thuky@demo.example', TEST_PASSWORD);
    await page.goto(new URL(`/kien-nghi/${id}`, env.baseUrl).toString());

    const documents = page.locator('#van-ban-dinh-kem');
    const letterForm = documents.locator('form.upload-form').first();
    const bytes = pdf();
    const name = 'Công văn 4338 đôn đốc.pdf';
    await letterForm
      .getByLabel('Thêm tệp')
      .setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });
    await letterForm.getByRole('button', { name: 'Tải lên' }).click();
    await page.waitForURL(`**/kien-nghi/${id}#van-ban-dinh-kem`);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      `Đã tải lên tệp ${name}`,
    );
    const link = documents.getByRole('link', { name });
    await expect(link.count()).resolves.toBe(1);
    await screenshot(page, 'letter-documents-secretariat');
    expect(await unlabelledControls(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(name);
    const saved = await download.path();
    expect((await readFile(saved)).equals(bytes)).toBe(true);

    // An executable renamed .pdf: the refusal page, in Vietnamese, with the way back.
    await page.goto(new URL(`/kien-nghi/${id}`, env.baseUrl).toString());
    await letterForm
      .getByLabel('Thêm tệp')
      .setInputFiles({ name: 'ke-hoach.pdf', mimeType: 'application/pdf', buffer: ELF });
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/tep')),
      letterForm.getByRole('button', { name: 'Tải lên' }).click(),
    ]);
    expect(refused.status()).toBe(415);
    await expect(page.locator('h1').textContent()).resolves.toContain('Loại tệp không được nhận');
    await expect(page.getByRole('alert').textContent()).resolves.toContain(
      'Nội dung tệp không phải PDF',
    );
    await screenshot(page, 'letter-documents-refused');
    await page.getByRole('link', { name: 'Quay lại trang trước' }).click();
    await page.waitForURL(`**/kien-nghi/${id}#van-ban-dinh-kem`);
    await expect(documents.getByRole('link', { name: 'ke-hoach.pdf' }).count()).resolves.toBe(0);

    // Deleting asks first.
    page.once('dialog', (dialog) => void dialog.accept());
    await documents.getByRole('button', { name: `Xóa tệp ${name}` }).click();
    await page.waitForURL(`**/kien-nghi/${id}#van-ban-dinh-kem`);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      `Đã xóa tệp ${name}`,
    );
    await expect(documents.getByRole('link', { name }).count()).resolves.toBe(0);

    // The 415 navigation is logged by Chromium as a failed load; nothing else may be.
    expect(errors.filter((e) => !/status of 415/.test(e))).toEqual([]);
    await context.close();
  });

  it("the lead agency's officer attaches a picture to this month's report of pilot 4 from its page", async () => {
    // This month's report, filed through the API (the form is another test's subject).
    const period = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
    const filed = await fetch(new URL('/api/v1/pilots/4/reports', env.baseUrl), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await token('syt@demo.example')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ period, progress: 'Đã kết nối 176/176 cơ sở khám chữa bệnh.' }),
    });
    expect(filed.status).toBeLessThan(300);
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const errors = collectErrors(context);
    const page = await context.newPage();
    await signIn(page, env.baseUrl, 'syt@demo.example', TEST_PASSWORD);
    await page.goto(new URL('/mo-hinh/4', env.baseUrl).toString());
    const files = page.locator(`#tep-bao-cao-${period}`);
    await files
      .getByLabel('Thêm tệp')
      .setInputFiles({ name: 'Ảnh kết nối.png', mimeType: 'image/png', buffer: PNG });
    await files.getByRole('button', { name: 'Tải lên' }).click();
    await page.waitForURL(`**/mo-hinh/4#tep-bao-cao-${period}`);
    await expect(files.getByRole('link', { name: 'Ảnh kết nối.png' }).count()).resolves.toBe(1);
    await screenshot(page, 'pilot-report-documents-officer');
    expect(await unlabelledControls(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the secretariat writes a section of this month's report, saves it, and downloads the report carrying it", async () => {
    const period = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
    const [year, month] = period.split('-');
    const context = await env.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'vi-VN',
      acceptDownloads: true,
    });
    const errors = collectErrors(context);
    const page = await context.newPage();
    await signIn(page, env.baseUrl, 'thuky@demo.example', TEST_PASSWORD);

    // The month's text (the periods page lists a month once it has a report or a text).
    await page.goto(new URL(`/cai-dat/ky-bao-cao/${period}/noi-dung`, env.baseUrl).toString());
    const written =
      'Hoàn thành đánh giá Mô hình 9 (Camera AI kiểm soát ra/vào tại Khu công nghiệp) trước ngày 31/01/2027; Sở Thông tin và Truyền thông chủ trì, phối hợp Công an tỉnh.';
    const tasks = page.getByLabel('IV. Nhiệm vụ trọng tâm trong thời gian tới');
    await tasks.fill(`1. Nhiệm vụ tháng tới\n${written}`);
    expect(await unlabelledControls(page)).toEqual([]);
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/noi-dung')),
      page.getByRole('button', { name: 'Lưu nội dung báo cáo' }).click(),
    ]);
    expect(posted.status()).toBe(303);
    await page.getByText(`Đã lưu nội dung báo cáo tháng ${month}/${year}.`).waitFor();
    await expect(tasks.inputValue()).resolves.toContain(written);
    await screenshot(page, 'report-text-secretariat');

    // The report, downloaded where the month's reports are: the periods page.
    await page.goto(new URL('/cai-dat/ky-bao-cao', env.baseUrl).toString());
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`tr[data-period="${period}"]`).getByRole('link', { name: /^Word/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const zip = await JSZip.loadAsync(await readFile(await download.path()));
    const text = paragraphs(await zip.file('word/document.xml')!.async('string'));
    const tasksAt = text.indexOf('IV. NHIỆM VỤ TRỌNG TÂM TRONG THỜI GIAN TỚI');
    expect(tasksAt).toBeGreaterThan(0);
    expect(text.slice(tasksAt)).toContain(written.normalize('NFC'));
    expect(text.slice(tasksAt)).toContain('1. Nhiệm vụ tháng tới');
    expect(errors).toEqual([]);
    await context.close();
  });
});
