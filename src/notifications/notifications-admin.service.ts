import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { assertAllowed, type Actor } from '../access/actor.js';
import { conflict, notFound } from '../common/domain-error.js';
import { DEFAULT_LIMIT, pageOf, type Page } from '../common/pagination.js';
import { escapeLike } from '../common/query-params.js';
import { jobIds } from '../queue/jobs.js';
import { QueueService } from '../queue/queue.service.js';
import { Notification, type NotificationStatus } from './notification.entity.js';
import type { NotificationQuery } from './notification.query.js';
import type { NotificationView } from './notification.view.js';

const STATUS_NAMES: Record<NotificationStatus, string> = {
  PENDING: 'chờ gửi',
  SENDING: 'đang gửi',
  SENT: 'đã gửi',
  FAILED: 'gửi lỗi',
  CANCELLED: 'đã hủy vì kiến nghị không còn chờ trả lời',
};

interface Row {
  id: string;
  kind: NotificationView['kind'];
  status: NotificationStatus;
  recipient_email: string;
  subject: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
  idempotency_key: string;
  escalation_event_id: string | null;
  recommendation_id: string | null;
}

/** The outbox as the secretariat and admins follow it: what went out, what failed, resend. */
@Injectable()
export class NotificationsAdminService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly audit: AuditService,
  ) {}

  async list(
    actor: Actor,
    query: NotificationQuery & { id?: string },
  ): Promise<Page<NotificationView>> {
    assertAllowed(actor, 'notifications.manage');
    const params: unknown[] = [];
    const param = (v: unknown) => `$${params.push(v)}`;
    const where: string[] = ['TRUE'];
    if (query.id) where.push(`n.id = ${param(query.id)}`);
    if (query.status) where.push(`n.status = ${param(query.status)}`);
    if (query.kind) where.push(`n.kind = ${param(query.kind)}`);
    if (query.recipient)
      where.push(`n.recipient_email ILIKE '%' || ${param(escapeLike(query.recipient))} || '%'`);
    if (query.recommendationId)
      where.push(`e.recommendation_id = ${param(query.recommendationId)}`);
    const from = `FROM notification n LEFT JOIN escalation_event e ON e.id = n.escalation_event_id
                  WHERE ${where.join(' AND ')}`;
    const limit = query.limit ?? DEFAULT_LIMIT;
    const offset = query.offset ?? 0;
    const rows = (await this.dataSource.query(
      `SELECT n.id, n.kind, n.status, n.recipient_email, n.subject, n.attempts, n.last_error,
              n.created_at, n.sent_at, n.idempotency_key, n.escalation_event_id, e.recommendation_id
         ${from}
        ORDER BY n.created_at DESC, n.id
        LIMIT ${limit} OFFSET ${offset}`,
      params,
    )) as Row[];
    const [{ total }] = (await this.dataSource.query(
      `SELECT count(*)::int AS total ${from}`,
      params,
    )) as [{ total: number }];
    return pageOf(rows.map(view), total, query);
  }

  /**
   * A FAILED row goes back to PENDING (its attempts and last error kept, for the record), with
   * a fresh retry horizon, and gets a mail job of its own, `mail-<id>-retry-<n>`: the first job, `mail-<id>`, is kept
   * as failed in the queue for 30 days and would block re-adding that id.
   */
  async retry(actor: Actor, id: string): Promise<NotificationView> {
    assertAllowed(actor, 'notifications.manage');
    const jobId = await this.dataSource.transaction(async (m) => {
      const row = await m.findOne(Notification, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!row) throw notFound('thông báo');
      if (row.status !== 'FAILED') {
        throw conflict(
          `Chỉ gửi lại được thông báo gửi lỗi; thông báo này đang ở trạng thái "${STATUS_NAMES[row.status]}".`,
          { status: row.status },
        );
      }
      const [{ retries }] = (await m.query(
        `SELECT count(*)::int AS retries FROM audit_entry
          WHERE entity_type = 'notification' AND entity_id = $1 AND action = 'notification.retry'`,
        [id],
      )) as [{ retries: number }];
      const retryJobId = `${jobIds.mail(id)}-retry-${retries + 1}`;
      await m.update(
        Notification,
        { id },
        { status: 'PENDING', nextAttemptAt: null, retryUntil: null },
      );
      await this.audit.record(m, actor, {
        action: 'notification.retry',
        entityType: 'notification',
        entityId: id,
        before: { status: row.status, attempts: row.attempts, lastError: row.lastError },
        after: { status: 'PENDING', retry: retries + 1, jobId: retryJobId },
      });
      return retryJobId;
    });
    // Should this fail, the row stays PENDING and reconciliation queues it within minutes.
    await this.queues.enqueue('notification.send', { notificationId: id }, { jobId });
    const page = await this.list(actor, { id });
    return page.items[0];
  }
}

function view(r: Row): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    recipientEmail: r.recipient_email,
    subject: r.subject,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at?.toISOString() ?? null,
    idempotencyKey: r.idempotency_key,
    escalationEventId: r.escalation_event_id,
    recommendationId: r.recommendation_id,
  };
}
