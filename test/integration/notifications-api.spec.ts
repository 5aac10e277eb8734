import { DataSource } from 'typeorm';
import { FixedClock } from '../../src/common/clock.js';
import {
  Notification,
  type NotificationStatus,
} from '../../src/notifications/notification.entity.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { startSmtpServer } from '../support/smtp.js';
import { queueBackends } from '../support/redis.js';

async function until(condition: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(queueBackends())('notifications API (%s)', (_kind, redisUrl) => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let dataSource: DataSource;
  const tokens: Record<string, string> = {};
  // Overdue letters escalate at start-up: their rows fill the outbox beside ours.
  const clock = new FixedClock(new Date('2024-01-15T03:00:00Z'));

  const outboxRow = (key: string, email: string, status: NotificationStatus, extra = {}) =>
    dataSource.getRepository(Notification).save({
      idempotencyKey: key,
      kind: 'REPORT_REMINDER',
      recipientEmail: email,
      subject: '[Nhắc báo cáo] 1 mô hình chưa báo cáo tháng 01/2024 – hạn 15/01/2024',
      bodyText: 'Kính gửi: Cán bộ đầu mối Sở Y tế',
      bodyHtml: '<p>Kính gửi: Cán bộ đầu mối Sở Y tế</p>',
      messageId: `<${key}@de-an-06.test>`,
      status,
      ...extra,
    });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ role: 'all', smtpUrl: smtp.url, clock, redisUrl });
    dataSource = t.app.get(DataSource);
    for (const who of ['thuky', 'admin', 'lanhdao', 'syt'])
      tokens[who] = await t.login(`${who}@demo.example`);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('is for the secretariat and admins only', async () => {
    for (const who of ['lanhdao', 'syt']) {
      const list = await t.request('GET', '/api/v1/notifications', { token: tokens[who] });
      expect(list.status).toBe(403);
      expect(list.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      const retry = await t.request(
        'POST',
        '/api/v1/notifications/00000000-0000-4000-8000-000000000000/retry',
        { token: tokens[who] },
      );
      expect(retry.status).toBe(403);
    }
    expect((await t.request('GET', '/api/v1/notifications', { token: tokens.admin })).status).toBe(
      200,
    );
  });

  it('lists the outbox newest first, filtered by status, kind, recipient and recommendation', async () => {
    const failed = await outboxRow('test:failed', 'Dau-Moi.Failed@syt.example', 'FAILED', {
      attempts: 5,
      lastError: '550 mailbox unavailable',
    });
    await outboxRow('test:sent', 'dau-moi.sent@syt.example', 'SENT', {
      kind: 'LEADERSHIP_DIGEST',
      attempts: 1,
      sentAt: clock.now(),
    });

    const byRecipient = await t.request('GET', '/api/v1/notifications?recipient=moi.failed@SYT', {
      token: tokens.thuky,
    });
    expect(byRecipient.status).toBe(200);
    expect(byRecipient.body).toEqual({
      items: [
        {
          id: failed.id,
          kind: 'REPORT_REMINDER',
          status: 'FAILED',
          recipientEmail: 'Dau-Moi.Failed@syt.example',
          subject: failed.subject,
          attempts: 5,
          lastError: '550 mailbox unavailable',
          createdAt: expect.any(String),
          sentAt: null,
          idempotencyKey: 'test:failed',
          escalationEventId: null,
          recommendationId: null,
        },
      ],
      total: 1,
      limit: 50,
      offset: 0,
    });
    // "%" and "_" are taken literally.
    const literal = await t.request('GET', '/api/v1/notifications?recipient=%25', {
      token: tokens.thuky,
    });
    expect(literal.body.total).toBe(0);

    const byStatusAndKind = await t.request(
      'GET',
      '/api/v1/notifications?status=SENT&kind=LEADERSHIP_DIGEST',
      { token: tokens.thuky },
    );
    expect(
      byStatusAndKind.body.items.map((n: { idempotencyKey: string }) => n.idempotencyKey),
    ).toEqual(['test:sent']);

    // The escalation of 4338/SYT-TCHC, fired at start-up, with the mails it queued.
    const [rec] = (await dataSource.query(
      `SELECT id FROM recommendation WHERE document_number = '4338/SYT-TCHC'`,
    )) as { id: string }[];
    const expectedIds = async () =>
      (
        (await dataSource.query(
          `SELECT n.id FROM notification n JOIN escalation_event e ON e.id = n.escalation_event_id
            WHERE e.recommendation_id = $1 ORDER BY n.id`,
          [rec.id],
        )) as { id: string }[]
      ).map((r) => r.id);
    await until(async () => (await expectedIds()).length > 0);
    const byRecommendation = await t.request(
      'GET',
      `/api/v1/notifications?recommendationId=${rec.id}&limit=100`,
      { token: tokens.thuky },
    );
    expect(byRecommendation.status).toBe(200);
    const items = byRecommendation.body.items as {
      id: string;
      kind: string;
      recommendationId: string;
    }[];
    expect(items.map((n) => n.id).sort()).toEqual(await expectedIds());
    for (const n of items)
      expect(n).toMatchObject({ kind: 'ESCALATION', recommendationId: rec.id });

    const all = await t.request('GET', '/api/v1/notifications?limit=2&offset=1', {
      token: tokens.thuky,
    });
    expect(all.body).toMatchObject({ limit: 2, offset: 1 });
    expect(all.body.items).toHaveLength(2);
    expect(all.body.total).toBeGreaterThan(3);
    const createdAt = all.body.items.map((n: { createdAt: string }) => n.createdAt);
    expect([...createdAt].sort().reverse()).toEqual(createdAt);

    for (const bad of ['status=LOST', 'kind=SMS', 'recommendationId=42', 'limit=101', 'foo=1']) {
      const res = await t.request('GET', `/api/v1/notifications?${bad}`, { token: tokens.thuky });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('retries a FAILED row: back to PENDING with a fresh job, mailed, and audited', async () => {
    const row = await outboxRow('test:retry', 'dau-moi.retry@syt.example', 'FAILED', {
      attempts: 5,
      lastError: 'connect ECONNREFUSED',
    });
    const res = await t.request('POST', `/api/v1/notifications/${row.id}/retry`, {
      token: tokens.thuky,
      headers: { 'x-request-id': 'req-retry-1' },
    });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: row.id, idempotencyKey: 'test:retry' });
    expect(['PENDING', 'SENDING', 'SENT']).toContain(res.body.status);

    await until(() => smtp.received.some((m) => m.to.includes('dau-moi.retry@syt.example')));
    await until(
      async () =>
        (await dataSource.getRepository(Notification).findOneByOrFail({ id: row.id })).status ===
        'SENT',
    );
    const sent = await dataSource.getRepository(Notification).findOneByOrFail({ id: row.id });
    expect(sent).toMatchObject({ status: 'SENT', attempts: 6, lastError: null });
    expect(sent.sentAt).toEqual(clock.now());
    const mails = smtp.received.filter((m) => m.to.includes('dau-moi.retry@syt.example'));
    expect(mails).toHaveLength(1);
    expect(mails[0].parsed.subject).toBe(row.subject);

    const trail = await dataSource.query(
      `SELECT action, actor_email, request_id, before, after FROM audit_entry
        WHERE entity_type = 'notification' AND entity_id = $1`,
      [row.id],
    );
    expect(trail).toEqual([
      {
        action: 'notification.retry',
        actor_email: 'thuky@demo.example',
        request_id: 'req-retry-1',
        before: { status: 'FAILED', attempts: 5, lastError: 'connect ECONNREFUSED' },
        after: { status: 'PENDING', retry: 1, jobId: `mail-${row.id}-retry-1` },
      },
    ]);
  });

  it('refuses to retry anything but a FAILED row with 409, in Vietnamese', async () => {
    const row = await outboxRow('test:already-sent', 'dau-moi.ok@syt.example', 'SENT', {
      attempts: 1,
      sentAt: clock.now(),
    });
    const res = await t.request('POST', `/api/v1/notifications/${row.id}/retry`, {
      token: tokens.admin,
    });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      statusCode: 409,
      code: 'CONFLICT',
      message: 'Chỉ gửi lại được thông báo gửi lỗi; thông báo này đang ở trạng thái "đã gửi".',
      details: { status: 'SENT' },
    });
    expect(
      (await dataSource.getRepository(Notification).findOneByOrFail({ id: row.id })).status,
    ).toBe('SENT');

    const missing = await t.request(
      'POST',
      '/api/v1/notifications/00000000-0000-4000-8000-000000000000/retry',
      { token: tokens.thuky },
    );
    expect(missing.status).toBe(404);
    const notUuid = await t.request('POST', '/api/v1/notifications/abc/retry', {
      token: tokens.thuky,
    });
    expect(notUuid.status).toBe(400);
  });
});
