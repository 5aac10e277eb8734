import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { SESSION_COOKIE } from '../../src/web/web-sessions.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { textOf, WebClient, type WebResponse } from '../support/web.js';

/** A well-formed PDF of about `size` bytes, with bytes that are not text. */
function pdf(size = 3_000): Buffer {
  const head = Buffer.from('%PDF-1.4\n%âãÏÓ\n', 'latin1');
  const body = Buffer.from(
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
      '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
  const filler = Buffer.alloc(Math.max(0, size - head.length - body.length));
  for (let i = 0; i < filler.length; i++) filler[i] = (i * 7919) % 256;
  filler[0] = 0x25; // '%': a comment line
  filler[filler.length - 1] = 0x0a;
  return Buffer.concat([head, filler, body]);
}
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
/** An executable (ELF), to be renamed .pdf. */
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4096)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const MAX_BYTES = 200 * 1024;

/**
 * Issue 12, item 3, through the web interface: "Văn bản đính kèm" on the letter page and a
 * monthly report's files on the pilot page — multipart uploads checked for the form's CSRF
 * token and then by the attachments service (type from the bytes, size, completeness, who may
 * write the owner), downloads at /tep/:id with the API's headers and per-object rule (a letter's
 * files are read by every signed-in user, as letters are; a report's by its pilot's lead agency
 * and the roles that are not officers). And item 6's other half: an officer drafts a letter on
 * /kien-nghi/moi for their own pilots' open blockers.
 */
describe('web: documents on letters and reports; the officer drafts a letter', () => {
  let t: TestApp;
  let db: DataSource;
  let base: string;
  let letterId: string;
  const clock = new FixedClock(new Date('2026-12-02T03:00:00Z'));
  const web: Record<'thuky' | 'syt' | 'vpubnd' | 'lanhdao', WebClient> = {} as never;

  beforeAll(async () => {
    t = await startTestApp({ clock, config: { attachmentMaxBytes: MAX_BYTES } });
    db = t.app.get(DataSource);
    base = await t.app.getUrl();
    for (const who of ['thuky', 'syt', 'vpubnd', 'lanhdao'] as const)
      web[who] = await WebClient.signedIn(t, `${who}@demo.example`);
    [{ id: letterId }] = await db.query(
      `SELECT id FROM recommendation WHERE document_number = '4338/SYT-TCHC'`,
    );
  });
  afterAll(() => t.close());

  /**
   * Posts a file the way a browser posts the upload form: multipart/form-data, the `_csrf` field
   * first (as the form has it), then the part `file`; with the session cookie of `client`.
   */
  async function upload(
    client: WebClient,
    path: string,
    bytes: Buffer,
    name: string,
    o: { csrf?: string | null; headers?: Record<string, string> } = {},
  ): Promise<WebResponse> {
    const form = new FormData();
    const token = o.csrf === undefined ? client.csrf : o.csrf;
    if (token !== null && token !== undefined) form.append('_csrf', token);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
    const res = await fetch(new URL(path, base), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `${SESSION_COOKIE}=${client.cookie(SESSION_COOKIE)}`, ...o.headers },
      body: form,
    });
    return {
      status: res.status,
      location: res.headers.get('location'),
      headers: res.headers,
      html: await res.text(),
    };
  }

  async function download(client: WebClient | null, id: string, headers = {}) {
    const res = await fetch(new URL(`/tep/${id}`, base), {
      redirect: 'manual',
      headers: {
        ...(client ? { cookie: `${SESSION_COOKIE}=${client.cookie(SESSION_COOKIE)}` } : {}),
        ...headers,
      },
    });
    return {
      status: res.status,
      headers: res.headers,
      bytes: Buffer.from(await res.arrayBuffer()),
    };
  }

  const stored = async () =>
    (
      await db.query(
        `SELECT (SELECT count(*) FROM attachment)::int AS files,
                (SELECT count(*) FROM attachment_chunk)::int AS chunks`,
      )
    )[0] as { files: number; chunks: number };

  /** The "Văn bản đính kèm" section of a letter page. */
  const section = (html: string) => {
    const start = html.indexOf('id="van-ban-dinh-kem"');
    return start < 0 ? '' : html.slice(start, html.indexOf('</section>', start));
  };

  describe('on the letter page', () => {
    let fileId: string;
    const bytes = pdf(150_000);
    const name = 'Công văn 4338 đôn đốc.pdf';

    it('offers the secretariat an upload form whose CSRF field comes before the file', async () => {
      const page = await web.thuky.get(`/kien-nghi/${letterId}`);
      expect(page.status).toBe(200);
      const docs = section(page.html);
      expect(textOf(docs)).toContain('Văn bản đính kèm');
      expect(textOf(docs)).toContain('Công văn kiến nghị số 4338/SYT-TCHC');
      expect(textOf(docs)).toContain('Chưa có tệp nào.');
      expect(docs).toMatch(
        new RegExp(
          `<form\\s+method="post"\\s+action="/kien-nghi/${letterId}/tep"\\s+enctype="multipart/form-data"`,
        ),
      );
      expect(docs.indexOf('name="_csrf"')).toBeLessThan(docs.indexOf('type="file"'));
      expect(textOf(docs)).toContain('PDF, Word (.docx), Excel (.xlsx), PNG, JPEG; tối đa');
    });

    it('stores an uploaded PDF, lists it and serves it back byte for byte with the API’s headers', async () => {
      const res = await upload(
        web.thuky,
        `/kien-nghi/${letterId}/tep`,
        bytes,
        name.normalize('NFD'),
      );
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/kien-nghi/${letterId}#van-ban-dinh-kem`);
      const page = await web.thuky.follow(res);
      expect(textOf(page.html)).toContain(`Đã tải lên tệp ${name}`);
      const docs = section(page.html);
      const link = /<a href="\/tep\/([0-9a-f-]{36})">([^<]+)<\/a>/.exec(docs);
      expect(link).not.toBeNull();
      fileId = link![1];
      expect(link![2]).toBe(name);
      const row = textOf(docs.slice(docs.indexOf(`data-file="${fileId}"`)));
      expect(row).toContain('PDF');
      expect(row).toContain('146 KB');
      expect(row).toContain('Thư ký');
      expect(row).toContain('02/12/2026');
      expect(docs).toContain(`action="/tep/${fileId}/xoa"`);

      const down = await download(web.thuky, fileId);
      expect(down.status).toBe(200);
      expect(down.bytes.equals(bytes)).toBe(true);
      expect(down.headers.get('content-type')).toBe('application/pdf');
      expect(down.headers.get('content-length')).toBe(String(bytes.length));
      expect(down.headers.get('x-content-type-options')).toBe('nosniff');
      expect(down.headers.get('etag')).toBe(`"${sha256(bytes)}"`);
      expect(down.headers.get('content-disposition')).toBe(
        `attachment; filename="Cong van 4338 don doc.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      // The same headers as the API's download of the same file.
      const api = await fetch(new URL(`/api/v1/attachments/${fileId}`, base), {
        headers: { authorization: `Bearer ${await t.login('thuky@demo.example')}` },
      });
      expect(Buffer.from(await api.arrayBuffer()).equals(bytes)).toBe(true);
      for (const h of ['content-type', 'content-disposition', 'etag', 'x-content-type-options'])
        expect(down.headers.get(h)).toBe(api.headers.get(h));
      const again = await download(web.thuky, fileId, { 'if-none-match': `"${sha256(bytes)}"` });
      expect(again.status).toBe(304);

      const [audit] = await db.query(
        `SELECT actor_email, entity_id FROM audit_entry WHERE action = 'attachment.upload'`,
      );
      expect(audit).toEqual({ actor_email: 'thuky@demo.example', entity_id: letterId });
    });

    it('lets every signed-in user read a letter’s files (letters are read by all), but only the secretariat change them', async () => {
      for (const who of ['syt', 'vpubnd', 'lanhdao'] as const) {
        const page = await web[who].get(`/kien-nghi/${letterId}`);
        const docs = section(page.html);
        expect(docs).toContain(`href="/tep/${fileId}"`);
        expect(docs).not.toContain('enctype="multipart/form-data"');
        expect(docs).not.toContain('/xoa"');
        expect((await download(web[who], fileId)).status).toBe(200);
      }
      const before = await stored();
      const refused = await upload(web.vpubnd, `/kien-nghi/${letterId}/tep`, pdf(), 'x.pdf');
      expect(refused.status).toBe(403);
      expect(textOf(refused.html)).toContain(
        'Thao tác này dành cho: thư ký (cơ quan thường trực).',
      );
      const remove = await web.vpubnd.post(`/tep/${fileId}/xoa`, {});
      expect(remove.status).toBe(403);
      expect(await stored()).toEqual(before);
      // Without a session: sign in first.
      const anonymous = await download(null, fileId);
      expect(anonymous.status).toBe(303);
    });

    it('refuses an executable renamed .pdf with a 415 page in Vietnamese, and stores nothing', async () => {
      const before = await stored();
      const res = await upload(web.thuky, `/kien-nghi/${letterId}/tep`, ELF, 'ke-hoach.pdf');
      expect(res.status).toBe(415);
      expect(res.headers.get('content-type')).toContain('text/html');
      const text = textOf(res.html);
      expect(text).toContain('Loại tệp không được nhận');
      expect(text).toContain('Nội dung tệp không phải PDF');
      expect(text).toContain('tên tệp không quyết định loại tệp');
      expect(res.html).toContain(`href="/kien-nghi/${letterId}#van-ban-dinh-kem"`);
      expect(await stored()).toEqual(before);
    });

    it('refuses a file over the limit (413), an empty or cut-off one (400) and a form without its CSRF token (403): never a 500, nothing stored', async () => {
      const before = await stored();
      const big = await upload(
        web.thuky,
        `/kien-nghi/${letterId}/tep`,
        pdf(MAX_BYTES + 10),
        'to.pdf',
      );
      expect(big.status).toBe(413);
      expect(textOf(big.html)).toContain('Tệp quá lớn');
      const empty = await upload(web.thuky, `/kien-nghi/${letterId}/tep`, Buffer.alloc(0), 'r.pdf');
      expect(empty.status).toBe(400);
      expect(textOf(empty.html)).toContain('Tệp rỗng (0 byte).');
      const cut = await upload(
        web.thuky,
        `/kien-nghi/${letterId}/tep`,
        pdf().subarray(0, 1500),
        'c.pdf',
      );
      expect(cut.status).toBe(400);
      expect(textOf(cut.html)).toContain('không trọn vẹn');
      const noneChosen = await upload(web.thuky, `/kien-nghi/${letterId}/tep`, Buffer.alloc(0), '');
      expect(noneChosen.status).toBe(400);
      expect(textOf(noneChosen.html)).toContain('Chưa chọn tệp nào để tải lên.');
      const forged = await upload(web.thuky, `/kien-nghi/${letterId}/tep`, pdf(), 'f.pdf', {
        csrf: 'x'.repeat(43),
      });
      expect(forged.status).toBe(403);
      expect(textOf(forged.html)).toContain('mã bảo vệ CSRF');
      const missing = await upload(web.thuky, `/kien-nghi/${letterId}/tep`, pdf(), 'f.pdf', {
        csrf: null,
      });
      expect(missing.status).toBe(403);
      // From another site, even with the token.
      const elsewhere = await upload(web.thuky, `/kien-nghi/${letterId}/tep`, pdf(), 'f.pdf', {
        headers: { origin: 'https://evil.example' },
      });
      expect(elsewhere.status).toBe(403);
      expect(await stored()).toEqual(before);
      // The header carries the token as well as the field does (htmx sends it so).
      const viaHeader = await upload(web.thuky, `/kien-nghi/${letterId}/tep`, PNG, 'ảnh.png', {
        csrf: null,
        headers: { 'x-csrf-token': web.thuky.csrf! },
      });
      expect(viaHeader.status).toBe(303);
      expect((await stored()).files).toBe(before.files + 1);
    });

    it('takes an answer’s PDF under that answer', async () => {
      const [response] = await db.query(
        `INSERT INTO recommendation_response (recommendation_id, document_number, date, summary, recorded_at)
         VALUES ($1, '123/BYT-CNTT', '2026-11-20', 'Bộ Y tế trả lời', now()) RETURNING id`,
        [letterId],
      );
      const page = await web.thuky.get(`/kien-nghi/${letterId}`);
      const action = `/kien-nghi/${letterId}/tra-loi/${response.id}/tep`;
      expect(section(page.html)).toContain(`action="${action}"`);
      expect(textOf(section(page.html))).toContain(
        'Văn bản trả lời số 123/BYT-CNTT ngày 20/11/2026',
      );
      const res = await upload(web.thuky, action, pdf(), 'Trả lời 123.pdf');
      expect(res.status).toBe(303);
      const [row] = await db.query(`SELECT file_name FROM attachment WHERE response_id = $1`, [
        response.id,
      ]);
      expect(row).toEqual({ file_name: 'Trả lời 123.pdf' });
    });

    it('deletes a file for the secretariat', async () => {
      const res = await web.thuky.post(`/tep/${fileId}/xoa`, {});
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/kien-nghi/${letterId}#van-ban-dinh-kem`);
      const page = await web.thuky.follow(res);
      expect(textOf(page.html)).toContain(`Đã xóa tệp ${name}`);
      expect(section(page.html)).not.toContain(`/tep/${fileId}"`);
      expect((await download(web.thuky, fileId)).status).toBe(404);
    });
  });

  describe("on a pilot's monthly report", () => {
    let fileId: string;

    it("lets the lead agency's officer attach to its report, and keeps the file from other agencies' officers", async () => {
      // SYT leads pilot 4: its officer files November's report, then attaches a PNG to it.
      const filed = await web.syt.post('/mo-hinh/4/bao-cao', {
        period: '2026-12',
        progress: 'Đã kết nối 176/176 cơ sở khám chữa bệnh.',
        metrics: '',
        version: '0',
      });
      expect(filed.status).toBe(303);
      const page = await web.syt.get('/mo-hinh/4');
      const action = '/mo-hinh/4/bao-cao/2026-12/tep';
      expect(page.html).toContain(`action="${action}"`);
      const res = await upload(web.syt, action, PNG, 'Ảnh chụp màn hình.png');
      expect(res.status).toBe(303);
      expect(res.location).toBe('/mo-hinh/4#tep-bao-cao-2026-12');
      const after = await web.syt.follow(res);
      const link = /<a href="\/tep\/([0-9a-f-]{36})">Ảnh chụp màn hình\.png<\/a>/.exec(after.html);
      expect(link).not.toBeNull();
      fileId = link![1];
      expect((await download(web.syt, fileId)).bytes.equals(PNG)).toBe(true);

      // VPUBND does not lead pilot 4: the name shows, the file does not download (page and API).
      const other = await web.vpubnd.get('/mo-hinh/4');
      expect(textOf(other.html)).toContain('Ảnh chụp màn hình.png');
      expect(other.html).not.toContain(`href="/tep/${fileId}"`);
      expect(other.html).not.toContain(`action="${action}"`);
      const refused = await download(web.vpubnd, fileId);
      expect(refused.status).toBe(403);
      expect(refused.headers.get('content-type')).toContain('text/html');
      expect(refused.bytes.toString()).toContain(
        'Tệp kèm báo cáo của mô hình số 4 chỉ dành cho đơn vị chủ trì mô hình, Tổ công tác và lãnh đạo.',
      );
      const api = await t.request('GET', `/api/v1/attachments/${fileId}`, {
        token: await t.login('vpubnd@demo.example'),
      });
      expect([api.status, api.body.code]).toEqual([403, 'FORBIDDEN']);
      const upload2 = await upload(web.vpubnd, action, PNG, 'x.png');
      expect(upload2.status).toBe(403);

      // The secretariat and leadership read it.
      expect((await download(web.thuky, fileId)).status).toBe(200);
      expect((await download(web.lanhdao, fileId)).status).toBe(200);
    });

    it('closes a locked period’s files to changes, then lets the writer delete once unlocked', async () => {
      const token = await t.login('thuky@demo.example');
      expect((await t.request('POST', '/api/v1/periods/2026-12/lock', { token })).status).toBe(200);
      const page = await web.syt.get('/mo-hinh/4');
      expect(page.html).not.toContain('action="/mo-hinh/4/bao-cao/2026-12/tep"');
      expect(page.html).not.toContain(`action="/tep/${fileId}/xoa"`);
      const late = await upload(web.syt, '/mo-hinh/4/bao-cao/2026-12/tep', PNG, 'muộn.png');
      expect(late.status).toBe(409);
      expect((await t.request('POST', '/api/v1/periods/2026-12/unlock', { token })).status).toBe(
        200,
      );
      const refused = await web.vpubnd.post(`/tep/${fileId}/xoa`, {});
      expect(refused.status).toBe(403);
      const res = await web.syt.post(`/tep/${fileId}/xoa`, {});
      expect(res.status).toBe(303);
      expect(res.location).toBe('/mo-hinh/4#tep-bao-cao-2026-12');
      expect((await download(web.syt, fileId)).status).toBe(404);
    });
  });

  describe('the new-letter page for officers', () => {
    it("offers an officer only the open blockers of the pilots their agency leads, and no 'already sent' fields", async () => {
      const own: { id: string; title: string }[] = await db.query(
        `SELECT b.id, b.title FROM blocker b
           JOIN pilot p ON p.id = b.pilot_id
           JOIN pilot_lead_agency l ON l.pilot_id = p.id
           JOIN agency a ON a.id = l.agency_id
          WHERE a.code = 'SYT' AND b.state IN ('OPEN', 'ESCALATED')`,
      );
      const others: { id: string }[] = await db.query(
        `SELECT b.id FROM blocker b WHERE b.state IN ('OPEN', 'ESCALATED')
            AND NOT EXISTS (SELECT 1 FROM pilot_lead_agency l JOIN agency a ON a.id = l.agency_id
                             WHERE l.pilot_id = b.pilot_id AND a.code = 'SYT')`,
      );
      expect(own.length).toBeGreaterThan(0);
      expect(others.length).toBeGreaterThan(0);
      const list = await web.syt.get('/kien-nghi');
      expect(list.html).toContain('href="/kien-nghi/moi"');
      const form = await web.syt.get('/kien-nghi/moi');
      expect(form.status).toBe(200);
      const offered = [...form.html.matchAll(/name="blockerIds"\s+value="([^"]+)"/g)].map(
        (m) => m[1],
      );
      expect(offered.sort()).toEqual(own.map((b) => b.id).sort());
      for (const b of others) expect(offered).not.toContain(b.id);
      for (const field of ['documentNumber', 'letterDate', 'sentAt', 'responseDueAt'])
        expect(form.html).not.toContain(`name="${field}"`);
      expect(textOf(form.html)).toContain('Lưu dự thảo');
    });

    it('says clearly when the officer picks no blocker, keeping what was typed', async () => {
      await web.syt.get('/kien-nghi/moi');
      const before = await db.query(`SELECT count(*)::int AS n FROM recommendation`);
      const res = await web.syt.post('/kien-nghi', {
        summary: 'Đề nghị Bộ Y tế hướng dẫn liên thông dữ liệu khám sức khỏe lái xe',
        addresseeCodes: 'BYT',
      });
      expect(res.status).toBe(400);
      expect(textOf(res.html)).toContain('Chưa chọn vướng mắc nào cho dự thảo kiến nghị.');
      expect(res.html).toMatch(/id="blockerIds-error">[^<]*Chọn ít nhất một vướng mắc đang mở/);
      expect(res.html).toContain(
        'Đề nghị Bộ Y tế hướng dẫn liên thông dữ liệu khám sức khỏe lái xe',
      );
      expect(await db.query(`SELECT count(*)::int AS n FROM recommendation`)).toEqual(before);
    });

    it("creates the officer's DRAFT from the page, sent by their agency and linked to the blocker", async () => {
      const form = await web.syt.get('/kien-nghi/moi');
      const blockerId = /name="blockerIds"\s+value="([^"]+)"/.exec(form.html)![1];
      const summary = 'Đề nghị Bộ Y tế ban hành hướng dẫn liên thông dữ liệu sức khỏe';
      const res = await web.syt.post('/kien-nghi', {
        summary: summary.normalize('NFD'),
        addresseeCodes: 'BYT',
        blockerIds: blockerId,
      });
      expect(res.status).toBe(303);
      const id = /^\/kien-nghi\/([0-9a-f-]{36})$/.exec(res.location!)![1];
      const page = await web.syt.follow(res);
      expect(textOf(page.html)).toContain('Đã lưu dự thảo kiến nghị.');
      const [letter] = await db.query(
        `SELECT r.state, r.summary, r.sent_at, a.code AS sender,
                (SELECT array_agg(blocker_id) FROM recommendation_blocker WHERE recommendation_id = r.id) AS blockers
           FROM recommendation r LEFT JOIN agency a ON a.id = r.sender_agency_id WHERE r.id = $1`,
        [id],
      );
      expect(letter).toEqual({
        state: 'DRAFT',
        summary: summary.normalize('NFC'),
        sent_at: null,
        sender: 'SYT',
        blockers: [blockerId],
      });
    });

    it("refuses an officer's hand-made post for another agency's blocker or with 'already sent' fields", async () => {
      const [other] = await db.query(
        `SELECT b.id FROM blocker b WHERE b.state = 'OPEN' AND b.pilot_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM pilot_lead_agency l JOIN agency a ON a.id = l.agency_id
                             WHERE l.pilot_id = b.pilot_id AND a.code = 'SYT') LIMIT 1`,
      );
      const before = await db.query(`SELECT count(*)::int AS n FROM recommendation`);
      const foreign = await web.syt.post('/kien-nghi', {
        summary: 'Đề nghị khác',
        addresseeCodes: 'BYT',
        blockerIds: other.id,
      });
      expect(foreign.status).toBe(403);
      const form = await web.syt.get('/kien-nghi/moi');
      const own = /name="blockerIds"\s+value="([^"]+)"/.exec(form.html)![1];
      const sent = await web.syt.post('/kien-nghi', {
        summary: 'Đề nghị khác',
        addresseeCodes: 'BYT',
        blockerIds: own,
        documentNumber: '1/SYT',
        letterDate: '01/12/2026',
        sentAt: '01/12/2026 08:00',
      });
      expect(sent.status).toBe(403);
      expect(await db.query(`SELECT count(*)::int AS n FROM recommendation`)).toEqual(before);
      // Leadership still has no such page.
      expect((await web.lanhdao.get('/kien-nghi/moi')).status).toBe(403);
    });
  });
});
