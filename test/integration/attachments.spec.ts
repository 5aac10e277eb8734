import { createHash } from 'node:crypto';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** A well-formed PDF of about `size` bytes: a padded comment before a minimal body and %%EOF. */
function pdf(size = 2_000): Buffer {
  const head = '%PDF-1.4\n%âãÏÓ\n';
  const body =
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
    '2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n';
  const padding = Math.max(0, size - head.length - body.length);
  // Bytes that are not text, so the round trip checks binary fidelity too.
  const filler = Buffer.alloc(padding);
  for (let i = 0; i < padding; i++) filler[i] = (i * 7919) % 256;
  filler.fill('%', 0, 1);
  filler[padding - 1] = 0x0a;
  return Buffer.concat([Buffer.from(head, 'latin1'), filler, Buffer.from(body, 'latin1')]);
}

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(4096)]);

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('documents on letters, answers and monthly reports', () => {
  let t: TestApp;
  let ds: DataSource;
  let thuky: string;
  let syt: string;
  let vpubnd: string;
  let letterId: string;
  const clock = new FixedClock(new Date('2026-12-02T03:00:00Z'));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    ds = t.app.get(DataSource);
    thuky = await t.login('thuky@demo.example');
    syt = await t.login('syt@demo.example');
    vpubnd = await t.login('vpubnd@demo.example');
    [{ id: letterId }] = await ds.query(
      `SELECT id FROM recommendation WHERE document_number = '4338/SYT-TCHC'`,
    );
  });
  afterAll(() => t.close());

  /** A multipart upload of one part `file`, as a browser's form sends it. */
  async function upload(path: string, token: string | null, bytes: Buffer, name = 'tep.pdf') {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), name);
    const res = await fetch(new URL(`/api/v1${path}`, await t.app.getUrl()), {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  async function download(id: string, token: string | null) {
    const res = await fetch(new URL(`/api/v1/attachments/${id}`, await t.app.getUrl()), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return {
      status: res.status,
      headers: res.headers,
      bytes: Buffer.from(await res.arrayBuffer()),
    };
  }

  const stored = async () =>
    (
      await ds.query(
        `SELECT (SELECT count(*) FROM attachment)::int AS files,
              (SELECT count(*) FROM attachment_chunk)::int AS chunks`,
      )
    )[0] as { files: number; chunks: number };

  it('keeps a letter’s scanned PDF byte for byte, across chunks, with its name, hash and headers', async () => {
    const bytes = pdf(1_300_000); // three chunks of 512 KiB
    const name = 'Công văn 4338 đôn đốc.pdf'.normalize('NFD');
    const up = await upload(`/recommendations/${letterId}/attachments`, thuky, bytes, name);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      fileName: 'Công văn 4338 đôn đốc.pdf'.normalize('NFC'),
      contentType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: sha256(bytes),
    });
    const id = up.body.id as string;
    expect(
      (
        await ds.query(`SELECT count(*)::int AS n FROM attachment_chunk WHERE attachment_id = $1`, [
          id,
        ])
      )[0].n,
    ).toBe(3);

    const down = await download(id, vpubnd); // letters are read by every signed-in user
    expect(down.status).toBe(200);
    expect(down.bytes.equals(bytes)).toBe(true);
    expect(down.headers.get('content-type')).toBe('application/pdf');
    expect(down.headers.get('content-length')).toBe(String(bytes.length));
    expect(down.headers.get('x-content-type-options')).toBe('nosniff');
    expect(down.headers.get('etag')).toBe(`"${sha256(bytes)}"`);
    expect(down.headers.get('content-disposition')).toBe(
      `attachment; filename="Cong van 4338 don doc.pdf"; filename*=UTF-8''${encodeURIComponent('Công văn 4338 đôn đốc.pdf'.normalize('NFC'))}`,
    );

    const list = await t.request('GET', `/api/v1/recommendations/${letterId}/attachments`, {
      token: syt,
    });
    expect(list.body).toEqual([
      expect.objectContaining({ id, downloadUrl: `/api/v1/attachments/${id}` }),
    ]);
    const [audit] = await ds.query(
      `SELECT actor_email, entity_type, entity_id, after FROM audit_entry WHERE action = 'attachment.upload'`,
    );
    expect(audit).toMatchObject({
      actor_email: 'thuky@demo.example',
      entity_type: 'recommendation',
      entity_id: letterId,
      after: { attachmentId: id, sha256: sha256(bytes), sizeBytes: bytes.length },
    });
    expect((await download(id, null)).status).toBe(401);
  });

  it('recognises DOCX, XLSX, PNG and JPEG from their bytes, whatever the name says', async () => {
    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Trả lời')] }] }),
    );
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Số liệu').addRow(['Hồ sơ', 268905]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const cases: [Buffer, string, string][] = [
      [
        docx,
        'tra-loi.bin',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
      [xlsx, 'so-lieu.pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [PNG, 'anh.jpg', 'image/png'],
      [JPEG, 'anh.png', 'image/jpeg'],
    ];
    for (const [bytes, name, contentType] of cases) {
      const up = await upload(`/recommendations/${letterId}/attachments`, thuky, bytes, name);
      expect({ name, status: up.status, contentType: up.body.contentType }).toEqual({
        name,
        status: 201,
        contentType,
      });
      expect((await download(up.body.id as string, thuky)).bytes.equals(bytes)).toBe(true);
    }
  });

  it('refuses a 21 MB file, an executable named .pdf, an empty file and a truncated PDF, storing nothing', async () => {
    const before = await stored();
    const big = pdf(21 * 1024 * 1024);
    const tooBig = await upload(`/recommendations/${letterId}/attachments`, thuky, big);
    expect([tooBig.status, tooBig.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(tooBig.body.message).toContain('20 MB');

    const exe = await upload(
      `/recommendations/${letterId}/attachments`,
      thuky,
      ELF,
      'cong-van.pdf',
    );
    expect([exe.status, exe.body.code]).toEqual([415, 'UNSUPPORTED_FILE_TYPE']);

    const empty = await upload(`/recommendations/${letterId}/attachments`, thuky, Buffer.alloc(0));
    expect([empty.status, empty.body.code]).toEqual([400, 'VALIDATION_FAILED']);

    const whole = pdf(300_000);
    const cut = await upload(
      `/recommendations/${letterId}/attachments`,
      thuky,
      whole.subarray(0, 150_000),
    );
    expect([cut.status, cut.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(JSON.stringify(cut.body)).toContain('không trọn vẹn');

    for (const payload of [
      '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4', // cut off
      '{"file": "not multipart"}',
      '--x\r\nbroken header\r\n\r\n--x--',
    ]) {
      const res = await t.request('POST', `/api/v1/recommendations/${letterId}/attachments`, {
        token: thuky,
        payload,
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
      });
      expect({ payload, status: res.status, code: res.body.code }).toEqual({
        payload,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    const text = await t.request('POST', `/api/v1/recommendations/${letterId}/attachments`, {
      token: thuky,
      body: { file: 'not a file' },
    });
    expect([text.status, text.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await stored()).toEqual(before);
  });

  it('lets only whoever writes the owner add or remove: secretariat for letters and answers, the lead agency for its report', async () => {
    // Officers do not record letters' documents.
    const officer = await upload(`/recommendations/${letterId}/attachments`, syt, pdf());
    expect([officer.status, officer.body.code]).toEqual([403, 'FORBIDDEN']);

    // SYT leads pilot 4: its officer files November's report and attaches to it; VPUBND's cannot.
    const filed = await t.request('POST', '/api/v1/pilots/4/reports', {
      token: syt,
      body: { period: '2026-11', progress: 'Đã kết nối 176/176 cơ sở khám chữa bệnh.' },
    });
    expect(filed.status).toBeLessThan(300);
    const own = await upload('/pilots/4/reports/2026-11/attachments', syt, PNG, 'ảnh.png');
    expect(own.status).toBe(201);
    const other = await upload('/pilots/4/reports/2026-11/attachments', vpubnd, PNG);
    expect([other.status, other.body.code]).toEqual([403, 'FORBIDDEN']);
    const gone = await t.request('DELETE', `/api/v1/attachments/${own.body.id}`, { token: vpubnd });
    expect([gone.status, gone.body.code]).toEqual([403, 'FORBIDDEN']);
    const missing = await upload('/pilots/4/reports/2026-10/attachments', syt, PNG);
    expect([missing.status, missing.body.code]).toEqual([404, 'NOT_FOUND']);

    // An answer's PDF, under the letter it answers only.
    const [response] = await ds.query(
      `INSERT INTO recommendation_response (recommendation_id, document_number, date, summary, recorded_at)
       VALUES ($1, '123/BYT-CNTT', '2026-11-20', 'Bộ Y tế trả lời', now()) RETURNING id`,
      [letterId],
    );
    const answer = await upload(
      `/recommendations/${letterId}/responses/${response.id}/attachments`,
      thuky,
      pdf(),
    );
    expect(answer.status).toBe(201);
    const [{ id: otherLetter }] = await ds.query(
      `SELECT id FROM recommendation WHERE document_number <> '4338/SYT-TCHC' LIMIT 1`,
    );
    const wrong = await upload(
      `/recommendations/${otherLetter}/responses/${response.id}/attachments`,
      thuky,
      pdf(),
    );
    expect(wrong.status).toBe(404);

    // Locked: the report's files stay as they are.
    expect((await t.request('POST', '/api/v1/periods/2026-11/lock', { token: thuky })).status).toBe(
      200,
    );
    const late = await upload('/pilots/4/reports/2026-11/attachments', syt, PNG);
    expect([late.status, late.body.code]).toEqual([409, 'PERIOD_LOCKED']);
    const lockedDelete = await t.request('DELETE', `/api/v1/attachments/${own.body.id}`, {
      token: syt,
    });
    expect(lockedDelete.status).toBe(409);
    expect(
      (await t.request('POST', '/api/v1/periods/2026-11/unlock', { token: thuky })).status,
    ).toBe(200);

    const removed = await t.request('DELETE', `/api/v1/attachments/${own.body.id}`, { token: syt });
    expect(removed.status).toBe(204);
    expect((await download(own.body.id as string, syt)).status).toBe(404);
    expect(
      await ds.query(`SELECT count(*)::int AS n FROM attachment_chunk WHERE attachment_id = $1`, [
        own.body.id,
      ]),
    ).toEqual([{ n: 0 }]);
    const [deleted] = await ds.query(
      `SELECT entity_type, before FROM audit_entry WHERE action = 'attachment.delete'`,
    );
    expect(deleted).toMatchObject({
      entity_type: 'report',
      before: { attachmentId: own.body.id, fileName: 'ảnh.png' },
    });
  });
});
