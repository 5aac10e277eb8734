import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';
import { Notification } from '../../src/notifications/notification.entity.js';
import { NotificationSender } from '../../src/notifications/notification-sender.js';
import { createMailTransport } from '../../src/notifications/mail-transport.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { QueueName } from '../../src/queue/queue-names.js';
import { startTestApp, waitForJob, type TestApp } from '../support/app.js';
import { startSmtpServer } from '../support/smtp.js';

const SUBJECT = '[Đôn đốc] Kiến nghị 4338/SYT-TCHC quá hạn trả lời 280 ngày làm việc';

async function outboxRow(dataSource: DataSource, key: string): Promise<Notification> {
  return dataSource.getRepository(Notification).save({
    idempotencyKey: key,
    kind: 'ESCALATION',
    recipientEmail: 'dau-moi@byt.example',
    subject: SUBJECT,
    bodyText: 'Kính gửi Bộ Y tế,\nVăn bản số 4338/SYT-TCHC ngày 27/10/2022 chưa được trả lời.',
    bodyHtml:
      '<p>Kính gửi Bộ Y tế,</p><p>Văn bản số 4338/SYT-TCHC ngày 27/10/2022 chưa được trả lời.</p>',
    messageId: `<${key}@de-an-06.test>`,
  });
}

describe('mail through SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ smtpUrl: smtp.url, role: 'all' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('sends an outbox row once, in Vietnamese, with its deterministic Message-ID, through the queue', async () => {
    const dataSource = t.app.get(DataSource);
    const row = await outboxRow(dataSource, 'esc-r1-l1-c1-byt');
    await t.app
      .get(QueueService)
      .enqueue('notification.send', { notificationId: row.id }, { jobId: `mail-${row.id}` });
    await smtp.next(1);
    await waitForJob(t.app, QueueName.Notifications, `mail-${row.id}`);
    const mail = smtp.received[0];
    expect(mail.to).toEqual(['dau-moi@byt.example']);
    expect(mail.parsed.subject).toBe(SUBJECT);
    expect(mail.parsed.messageId).toBe('<esc-r1-l1-c1-byt@de-an-06.test>');
    expect(mail.parsed.text).toContain('Kính gửi Bộ Y tế');
    expect(mail.parsed.from?.text).toContain('Tổ công tác Đề án 06 tỉnh Khánh Hòa');
    // Both bodies base64 (quoted-printable triples every byte of a diacritic), decoding to NFC.
    expect(mail.raw.match(/^Content-Transfer-Encoding: base64\r?$/gim)).toHaveLength(2);
    expect(mail.raw).not.toMatch(/quoted-printable/i);
    expect(mail.parsed.text).toBe(mail.parsed.text!.normalize('NFC'));

    const sender = t.app.get(NotificationSender);
    expect(await sender.send(row.id)).toEqual({ outcome: 'skipped' }); // a replay never mails twice
    const saved = await dataSource.getRepository(Notification).findOneByOrFail({ id: row.id });
    expect(saved).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
    expect(smtp.received).toHaveLength(1);
  });

  it('never lets two senders mail one row at once; waiting for the lease costs no attempt', async () => {
    const dataSource = t.app.get(DataSource);
    const row = await outboxRow(dataSource, 'esc-r1-l1-c1-race');
    await dataSource.getRepository(Notification).update({ id: row.id }, { status: 'SENDING' });
    const sender = t.app.get(NotificationSender);
    const waiting = await sender.send(row.id);
    expect(waiting).toMatchObject({ outcome: 'retry' });
    // Told to come back once the other sender's lease (300 s here) has run out.
    const at = (waiting as { at: Date }).at.getTime();
    expect(at).toBeGreaterThan(Date.now() + 290_000);
    expect(at).toBeLessThan(Date.now() + 310_000);
    expect(
      await dataSource.getRepository(Notification).findOneByOrFail({ id: row.id }),
    ).toMatchObject({ status: 'SENDING', attempts: 0 });
    // A claim older than the lease is a crashed sender: the row is taken over and mailed.
    await dataSource.query(
      `UPDATE notification SET updated_at = now() - interval '10 minutes' WHERE id = $1`,
      [row.id],
    );
    const before = smtp.received.length;
    expect(await sender.send(row.id)).toEqual({ outcome: 'sent' });
    await smtp.next(before + 1);
    expect(smtp.received).toHaveLength(before + 1);
  });

  it('retries a transient refusal (451) later, keeping the error on the row', async () => {
    const dataSource = t.app.get(DataSource);
    const row = await outboxRow(dataSource, 'esc-r1-l1-c1-busy');
    const sender = t.app.get(NotificationSender);
    smtp.refuse(451);
    try {
      const first = await sender.send(row.id);
      expect(first).toMatchObject({ outcome: 'retry' });
      const saved = await dataSource.getRepository(Notification).findOneByOrFail({ id: row.id });
      expect(saved).toMatchObject({ status: 'PENDING', attempts: 1 });
      expect(saved.lastError).toMatch(/451|try again/i);
      // 30 s for the first retry, doubling, with up to a fifth more at random.
      const wait = saved.nextAttemptAt!.getTime() - Date.now();
      expect(wait).toBeGreaterThan(25_000);
      expect(wait).toBeLessThan(37_000);
      expect(saved.retryUntil!.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
      // Too early: the sender leaves it alone and says when to come back.
      expect(await sender.send(row.id)).toEqual({ outcome: 'retry', at: saved.nextAttemptAt });
    } finally {
      smtp.refuse(null);
    }
    await dataSource.query(`UPDATE notification SET next_attempt_at = now() WHERE id = $1`, [
      row.id,
    ]);
    expect(await sender.send(row.id)).toEqual({ outcome: 'sent' });
  });

  it('stops at a permanent refusal (550): FAILED at once, visible and retryable by hand', async () => {
    const dataSource = t.app.get(DataSource);
    const row = await outboxRow(dataSource, 'esc-r1-l1-c1-bad');
    const sender = t.app.get(NotificationSender);
    smtp.refuse(550);
    try {
      expect(await sender.send(row.id)).toEqual({ outcome: 'failed' });
    } finally {
      smtp.refuse(null);
    }
    const failed = await dataSource.getRepository(Notification).findOneByOrFail({ id: row.id });
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 1, nextAttemptAt: null });
    expect(failed.lastError).toMatch(/550|does not exist/);
    expect(await sender.send(row.id)).toEqual({ outcome: 'skipped' });
  });

  it('gives up on transient refusals only past the retry horizon', async () => {
    const dataSource = t.app.get(DataSource);
    const row = await outboxRow(dataSource, 'esc-r1-l1-c1-horizon');
    await dataSource.query(
      `UPDATE notification SET retry_until = now() - interval '1 second' WHERE id = $1`,
      [row.id],
    );
    smtp.refuse(421);
    try {
      expect(await t.app.get(NotificationSender).send(row.id)).toEqual({ outcome: 'failed' });
    } finally {
      smtp.refuse(null);
    }
    expect(
      await dataSource.getRepository(Notification).findOneByOrFail({ id: row.id }),
    ).toMatchObject({ status: 'FAILED' });
  });
});

describe('mail to files (no SMTP_URL)', () => {
  it('writes each message as an .eml file under DATA_DIR/mail', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'de-an-06-mail-'));
    const transport = createMailTransport({ dataDir });
    expect(transport.description).toBe(`.eml files in ${join(dataDir, 'mail')}`);
    await transport.send({
      from: 'Tổ công tác Đề án 06 <de-an-06@test.example>',
      to: 'lanhdao@demo.example',
      subject: SUBJECT,
      text: 'Nội dung',
      html: '<p>Nội dung</p>',
      messageId: '<digest-2024-01@de-an-06.test>',
    });
    const files = await readdir(join(dataDir, 'mail'));
    expect(files).toEqual(['digest-2024-01@de-an-06.test.eml']);
    const parsed = await simpleParser(await readFile(join(dataDir, 'mail', files[0])));
    expect(parsed.subject).toBe(SUBJECT);
    expect(parsed.messageId).toBe('<digest-2024-01@de-an-06.test>');
    transport.close();
  });
});
