import { DataSource } from 'typeorm';
import { DigestService } from '../../src/digest/digest.service.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** Mail refused for good is not left on a page nobody opens: the secretariat's digest lists it. */
describe('undelivered mail in the digest', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("lists FAILED mail in the secretariat's copy only, with the server's answer", async () => {
    const ds = t.app.get(DataSource);
    await ds.query(
      `INSERT INTO notification (idempotency_key, kind, recipient_email, subject, body_text, body_html, message_id, status, attempts, last_error)
       VALUES ('failed-test', 'ESCALATION', 'dau-moi-sai@byt.example', '[Mức 1 – Nhắc hạn] Kiến nghị số 4338/SYT-TCHC chưa được trả lời',
               'x', 'x', '<failed-test@de-an-06.test>', 'FAILED', 1, '550 Mailbox does not exist')`,
    );
    await t.app.get(DigestService).send({ trigger: 'manual', requestId: 'failed-mail' });
    const bodies = (await ds.query(
      `SELECT recipient_email AS email, body_text AS text, body_html AS html FROM notification
        WHERE idempotency_key LIKE 'digest:manual:failed-mail:%'`,
    )) as { email: string; text: string; html: string }[];
    const copy = bodies.find((b) => b.email === 'thuky@demo.example')!;
    const leader = bodies.find((b) => b.email === 'lanhdao@demo.example')!;
    expect(copy.text).toContain(
      'IV. THƯ THÔNG BÁO KHÔNG GỬI ĐƯỢC (1) – cần kiểm tra địa chỉ rồi gửi lại tại trang Kiến nghị',
    );
    expect(copy.text).toMatch(
      /- dau-moi-sai@byt\.example – “\[Mức 1 – Nhắc hạn\] Kiến nghị số 4338\/SYT-TCHC chưa được trả lời” \(.*\): 550 Mailbox does not exist/,
    );
    expect(copy.html).toContain('THƯ THÔNG BÁO KHÔNG GỬI ĐƯỢC');
    expect(copy.text.normalize('NFC')).toBe(copy.text);
    expect(leader.text).not.toContain('KHÔNG GỬI ĐƯỢC');
  });
});
