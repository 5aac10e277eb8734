import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { JobHandlers } from '../queue/job-handlers.js';
import { JOBS } from '../queue/jobs.js';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport.js';
import { Notification } from './notification.entity.js';

export class NotificationInFlightError extends Error {
  constructor(id: string) {
    super(`notification ${id} is being sent by another worker; will retry`);
  }
}

/**
 * Sends one outbox row. The row is claimed atomically first, so two jobs for the same row
 * (a replay, a duplicate) never both mail it; a SENT row is never mailed again. Each failure
 * is kept on the row, and the job retried with backoff until the last attempt marks it FAILED.
 */
@Injectable()
export class NotificationSender implements OnModuleInit {
  private readonly logger = new Logger(NotificationSender.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(MAIL_TRANSPORT) private readonly mail: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly handlers: JobHandlers,
  ) {}

  onModuleInit(): void {
    this.handlers.register('notification.send', async ({ notificationId }, job) => {
      await this.send(notificationId, job.attemptsMade + 1);
    });
  }

  async send(notificationId: string, attempt: number): Promise<'sent' | 'skipped'> {
    const claimed = await this.claim(notificationId);
    if (claimed === 'in-flight') throw new NotificationInFlightError(notificationId);
    if (!claimed) return 'skipped';
    const repo = this.dataSource.getRepository(Notification);
    try {
      await this.mail.send({
        from: this.config.mailFrom,
        to: claimed.recipientEmail,
        subject: claimed.subject,
        text: claimed.bodyText,
        html: claimed.bodyHtml,
        messageId: claimed.messageId,
      });
    } catch (error) {
      const lastAttempt = attempt >= (JOBS['notification.send'].options.attempts ?? 1);
      await repo.update(
        { id: claimed.id, status: 'SENDING' },
        {
          status: lastAttempt ? 'FAILED' : 'PENDING',
          lastError: String((error as Error).message).slice(0, 2000),
        },
      );
      throw error;
    }
    await repo.update(
      { id: claimed.id },
      { status: 'SENT', sentAt: this.clock.now(), lastError: null },
    );
    this.logger.log(`mail "${claimed.subject}" sent to ${claimed.recipientEmail}`);
    return 'sent';
  }

  /** PENDING (or a SENDING whose lease ran out) becomes SENDING for us alone. */
  private async claim(id: string): Promise<Notification | 'in-flight' | undefined> {
    const [rows] = (await this.dataSource.query(
      `UPDATE notification
          SET status = 'SENDING', attempts = attempts + 1, updated_at = now()
        WHERE id = $1
          AND (status = 'PENDING' OR (status = 'SENDING' AND updated_at < now() - make_interval(secs => $2)))
        RETURNING id`,
      [id, this.config.mailLeaseSeconds],
    )) as [{ id: string }[], number];
    if (rows.length === 1)
      return this.dataSource.getRepository(Notification).findOneByOrFail({ id });
    const current = await this.dataSource
      .getRepository(Notification)
      .findOne({ where: { id }, select: { status: true } });
    return current?.status === 'SENDING' ? 'in-flight' : undefined;
  }
}
