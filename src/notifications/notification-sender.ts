import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { JobHandlers } from '../queue/job-handlers.js';
import { JOBS } from '../queue/jobs.js';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport.js';
import { Notification } from './notification.entity.js';

/**
 * Sends one outbox row. A row already SENT is never mailed again, so a replayed or
 * duplicated job is harmless; each failure is kept on the row and the job retried.
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
    const repo = this.dataSource.getRepository(Notification);
    const row = await repo.findOneBy({ id: notificationId });
    if (!row || row.status === 'SENT') return 'skipped';
    try {
      await this.mail.send({
        from: this.config.mailFrom,
        to: row.recipientEmail,
        subject: row.subject,
        text: row.bodyText,
        html: row.bodyHtml,
        messageId: row.messageId,
      });
    } catch (error) {
      const lastAttempt = attempt >= (JOBS['notification.send'].options.attempts ?? 1);
      await repo.update(
        { id: row.id, status: 'PENDING' },
        {
          attempts: () => 'attempts + 1',
          lastError: String((error as Error).message).slice(0, 2000),
          ...(lastAttempt ? { status: 'FAILED' } : {}),
        },
      );
      throw error;
    }
    await repo.update(
      { id: row.id },
      { status: 'SENT', attempts: () => 'attempts + 1', sentAt: this.clock.now(), lastError: null },
    );
    this.logger.log(`mail "${row.subject}" sent to ${row.recipientEmail}`);
    return 'sent';
  }
}
