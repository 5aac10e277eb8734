import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { NotificationClaimChecks } from './claim-checks.js';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport.js';
import { NotificationSender } from './notification-sender.js';
import { NotificationsAdminService } from './notifications-admin.service.js';
import { NotificationsController } from './notifications.controller.js';
import { Outbox } from './outbox.js';

/**
 * The outbox and the mail: rows written by whoever decides a mail (escalation, the digest),
 * sent by the `notification.send` jobs, followed and retried by the secretariat. It knows no
 * feature above it.
 */
@Module({
  imports: [AuditModule],
  controllers: [NotificationsController],
  providers: [Outbox, NotificationSender, NotificationsAdminService, NotificationClaimChecks],
  exports: [Outbox, NotificationSender, NotificationClaimChecks],
})
export class NotificationsModule implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly mail: MailTransport) {}

  onApplicationShutdown(): void {
    this.mail.close();
  }
}
