import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { assertAllowed, type Actor } from '../access/actor.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { localDay } from '../common/domain/local-time.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { mailableUserSql } from '../users/mailable.js';
import { EscalationPolicyService } from '../escalation/escalation-policy.service.js';
import { readDigest } from './digest-content.js';
import { Outbox, type OutgoingNotification } from '../notifications/outbox.js';
import type { DigestSummary } from './digest.view.js';
import { renderDigestMail } from './templates/digest-email.js';

/**
 * How a digest was asked for. A scheduled run is keyed by its local day, so a replayed or
 * duplicated job mails nobody twice that day; a manual send is keyed by its request, so each
 * click sends.
 */
export type DigestRequest =
  { trigger: 'schedule' } | { trigger: 'manual'; requestId: string; actor?: Actor };

interface DigestRecipient {
  id: string;
  email: string;
  name: string;
  role: 'LEADERSHIP' | 'SECRETARIAT';
}

/**
 * The leadership digest (product.md §4): one mail to every active leadership account, and a
 * copy to every active secretariat account. The rows are written in one transaction and
 * mailed once it has committed.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger(DigestService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly policies: EscalationPolicyService,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A secretary's "send now" from the API: the counts, each click its own send. */
  async sendNow(actor: Actor): Promise<DigestSummary> {
    assertAllowed(actor, 'digest.send');
    const { recipients, overdue, blockedPilots, pilotsWithoutReport } = await this.send({
      trigger: 'manual',
      requestId: randomUUID(),
      actor,
    });
    return { recipients, overdue, blockedPilots, pilotsWithoutReport };
  }

  async send(request: DigestRequest): Promise<DigestSummary & { queued: number }> {
    const now = this.clock.now();
    const [{ policy }, calendar] = await Promise.all([
      this.policies.current(),
      this.calendars.current(),
    ]);
    const keyPrefix =
      request.trigger === 'schedule'
        ? `digest:${localDay(now)}`
        : `digest:manual:${request.requestId}`;
    const { summary, ids } = await this.dataSource.transaction(async (m) => {
      const content = await readDigest(m, now, policy, calendar);
      const recipients = await this.recipients(m);
      const rows = recipients.map((r): OutgoingNotification => {
        const mail = renderDigestMail({
          ...content,
          recipientLabel: r.name,
          copy: r.role === 'SECRETARIAT',
        });
        return {
          idempotencyKey: `${keyPrefix}:${r.email.toLowerCase()}`,
          kind: 'LEADERSHIP_DIGEST',
          recipientEmail: r.email,
          recipientUserId: r.id,
          subject: mail.subject,
          bodyText: mail.text,
          bodyHtml: mail.html,
        };
      });
      const summary: DigestSummary = {
        recipients: recipients.length,
        overdue: content.overdue.reduce((n, g) => n + g.items.length, 0),
        blockedPilots: content.blockedPilots.length,
        pilotsWithoutReport: content.pilotsWithoutReport.length,
      };
      const ids = await this.outbox.write(m, rows);
      if (request.trigger === 'manual' && request.actor) {
        await this.audit.record(m, request.actor, {
          action: 'digest.send',
          entityType: 'notification',
          entityId: request.requestId,
          after: { ...summary, notificationIds: ids },
        });
      }
      return { summary, ids };
    });
    await this.outbox.dispatch(ids);
    this.logger.log(
      `leadership digest (${request.trigger}): ${ids.length} of ${summary.recipients} mails queued`,
    );
    return { ...summary, queued: ids.length };
  }

  /** Active leadership accounts, then the secretariat's; each address once. */
  private async recipients(m: EntityManager): Promise<DigestRecipient[]> {
    const rows = (await m.query(
      `SELECT id, email, name, role FROM app_user
        WHERE role IN ('LEADERSHIP', 'SECRETARIAT') AND ${mailableUserSql('app_user', this.config)}
        ORDER BY role = 'SECRETARIAT', lower(email)`,
    )) as DigestRecipient[];
    const seen = new Set<string>();
    return rows.filter((r) => {
      const key = r.email.toLowerCase();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
}
