import { Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport.js';
import { NotificationSender } from './notification-sender.js';

@Module({
  providers: [NotificationSender],
  exports: [NotificationSender],
})
export class NotificationsModule implements OnApplicationShutdown {
  constructor(@Inject(MAIL_TRANSPORT) private readonly mail: MailTransport) {}

  onApplicationShutdown(): void {
    this.mail.close();
  }
}
