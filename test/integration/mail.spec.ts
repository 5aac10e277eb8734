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

    const sender = t.app.get(NotificationSender);
    expect(await sender.send(row.id, 1)).toBe('skipped'); // a replay never mails twice
    const saved = await dataSource.getRepository(Notification).findOneByOrFail({ id: row.id });
    expect(saved).toMatchObject({ status: 'SENT', attempts: 1, lastError: null });
    expect(smtp.received).toHaveLength(1);
  });

  it('never lets two senders mail one row at once', async () => {
    const dataSource = t.app.get(DataSource);
    const row = await outboxRow(dataSource, 'esc-r1-l1-c1-race');
    await dataSource.getRepository(Notification).update({ id: row.id }, { status: 'SENDING' });
    const sender = t.app.get(NotificationSender);
    await expect(sender.send(row.id, 1)).rejects.toThrow(/being sent by another worker/);
    // A claim older than the lease is a crashed sender: the row is taken over and mailed.
    await dataSource.query(
      `UPDATE notification SET updated_at = now() - interval '10 minutes' WHERE id = $1`,
      [row.id],
    );
    const before = smtp.received.length;
    expect(await sender.send(row.id, 2)).toBe('sent');
    await smtp.next(before + 1);
    expect(smtp.received).toHaveLength(before + 1);
  });

  it('keeps a failed send visible on the row and lets the job retry', async () => {
    const dataSource = t.app.get(DataSource);
    const row = await outboxRow(dataSource, 'esc-r1-l1-c1-bad');
    await dataSource
      .getRepository(Notification)
      .update({ id: row.id }, { recipientEmail: 'not an address' });
    const sender = t.app.get(NotificationSender);
    await expect(sender.send(row.id, 1)).rejects.toThrow();
    expect(
      await dataSource.getRepository(Notification).findOneByOrFail({ id: row.id }),
    ).toMatchObject({
      status: 'PENDING',
      attempts: 1,
      lastError: expect.any(String),
    });
    await expect(sender.send(row.id, 5)).rejects.toThrow();
    const failed = await dataSource.getRepository(Notification).findOneByOrFail({ id: row.id });
    expect(failed.status).toBe('FAILED');
    expect(failed.attempts).toBe(2);
    expect(failed.lastError).toBeTruthy();
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
