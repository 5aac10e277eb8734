import { AnswerLinks } from '../../src/answer-links/answer-links.service.js';
import { localDay } from '../../src/common/domain/local-time.js';
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

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

/**
 * The addressee's answer path in headless Chromium (issue 12, item 2): the secretariat sends
 * Bộ Y tế its link from the letter page; someone at Bộ Y tế, without an account, opens it,
 * acknowledges receipt naming who handles the letter, then records the answer with its PDF; the
 * link then says the answer is recorded.
 */
describeInBrowser('the addressee answers through its link, in a real browser', () => {
  const env = useBrowserService('answer');

  async function api(method: string, path: string, token: string, body?: unknown) {
    const res = await fetch(new URL(`/api/v1${path}`, env.baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  it('the secretariat sends the link; the addressee acknowledges and answers with a PDF', async () => {
    const login = await fetch(new URL('/api/v1/auth/login', env.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'thuky@demo.example', password: TEST_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const sentAt = new Date(Date.now() - 3600_000);
    const created = await api('POST', '/recommendations', accessToken, {
      addresseeCodes: ['BYT'],
      summary: 'Đề nghị Bộ Y tế hướng dẫn kết nối dữ liệu khám chữa bệnh với VNeID.',
      documentNumber: '901/TCTĐA06-CAT',
      letterDate: localDay(sentAt),
      sentAt: sentAt.toISOString(),
    });
    expect(created.status).toBe(201);
    const letterId = created.body.id as string;

    // The secretariat, on the letter page: "Liên kết trả lời" → send.
    const office = await env.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'vi-VN',
    });
    const officeErrors = collectErrors(office);
    const secretary = await office.newPage();
    await signIn(secretary, env.baseUrl, 'thuky@demo.example', TEST_PASSWORD);
    await secretary.goto(new URL(`/kien-nghi/${letterId}`, env.baseUrl).toString());
    const send = secretary.getByRole('button', { name: /Gửi liên kết trả lời cho Bộ Y tế/ });
    await send.waitFor();
    await send.click();
    await secretary.waitForURL((url) => url.pathname === `/kien-nghi/${letterId}`);
    await expect(secretary.getByText(/Đã gửi liên kết trả lời đến/).isVisible()).resolves.toBe(
      true,
    );
    await secretary.getByText('Còn hiệu lực').waitFor();
    await screenshot(secretary, 'answer-links-letter-page');
    expect(officeErrors).toEqual([]);

    const links = await api('GET', `/recommendations/${letterId}/answer-links`, accessToken);
    expect(links.body).toHaveLength(1);
    const url = env.service.app
      .get(AnswerLinks)
      .urlOf(links.body[0].id)
      .replace('https://de-an-06.test', env.baseUrl);

    // Someone at Bộ Y tế, without an account.
    const ministry = await env.browser.newContext({
      viewport: { width: 390, height: 844 },
      locale: 'vi-VN',
    });
    const errors = collectErrors(ministry);
    const page = await ministry.newPage();
    const opened = await page.goto(url);
    expect(opened?.status()).toBe(200);
    await page.getByRole('heading', { name: /Văn bản số 901\/TCTĐA06-CAT/ }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
    await page.getByLabel('Đơn vị, người xử lý').fill('Cục Công nghệ thông tin – bà Lê Thị Mai');
    await page.getByRole('button', { name: 'Xác nhận đã nhận' }).click();
    await page.getByText('Đã ghi nhận quý cơ quan nhận được văn bản').waitFor();
    await page.getByText('Đã xác nhận nhận văn bản').waitFor();

    await page.getByLabel('Số, ký hiệu văn bản trả lời').fill('4521/BYT-CNTT');
    await page.getByLabel('Ngày văn bản').fill(localDay(new Date()).split('-').reverse().join('/'));
    await page
      .getByLabel('Tóm tắt nội dung trả lời')
      .fill('Bộ Y tế đã ban hành hướng dẫn kết nối dữ liệu khám chữa bệnh với VNeID.');
    await page.getByLabel('Tệp PDF văn bản trả lời').setInputFiles({
      name: 'cong-van-4521-BYT.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    await screenshot(page, 'answer-link-form');
    await page.getByRole('button', { name: 'Gửi văn bản trả lời' }).click();
    await page.getByRole('heading', { name: 'Đã nhận văn bản trả lời' }).waitFor();
    await screenshot(page, 'answer-link-answered');

    const letter = await api('GET', `/recommendations/${letterId}`, accessToken);
    expect(letter.body.state).toBe('ANSWERED');
    expect(letter.body.addressees[0]).toMatchObject({
      code: 'BYT',
      status: 'ANSWERED',
      handledBy: 'Cục Công nghệ thông tin – bà Lê Thị Mai',
    });
    const response = letter.body.responses.at(-1);
    expect(response).toMatchObject({ documentNumber: '4521/BYT-CNTT', channel: 'ADDRESSEE_LINK' });
    const files = await api(
      'GET',
      `/recommendations/${letterId}/responses/${response.id}/attachments`,
      accessToken,
    );
    expect(files.body).toEqual([
      expect.objectContaining({ fileName: 'cong-van-4521-BYT.pdf', sizeBytes: PDF.length }),
    ]);

    expect(errors).toEqual([]);

    // The link is spent: opened again, it says so (the browser notes the 410 and nothing else).
    const again = await page.goto(url);
    expect(again?.status()).toBe(410);
    await page.getByRole('heading', { name: 'Văn bản trả lời đã được ghi nhận' }).waitFor();
    expect(errors).toEqual([expect.stringContaining('status of 410 (Gone)')]);
    await office.close();
    await ministry.close();
  }, 180_000);
});
