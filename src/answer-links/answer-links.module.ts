import { type DynamicModule, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { AddresseeAnswers } from './addressee-answers.service.js';
import { AnswerLinkThrottle } from './answer-link-throttle.js';
import { AnswerLinksController } from './answer-links.controller.js';
import { AnswerLinks } from './answer-links.service.js';

/**
 * Personal answer links (issue 12, item 2): making, listing, revoking and mailing them. Needs
 * only the outbox and the audit trail, so the escalation's firing can import it and call
 * `AnswerLinks.issue` inside its own transaction.
 */
@Module({
  imports: [AuditModule, NotificationsModule],
  controllers: [AnswerLinksController],
  providers: [AnswerLinks],
  exports: [AnswerLinks],
})
export class AnswerLinksModule {}

/**
 * What an addressee does through its link (acknowledge, answer), above the letters' workflow;
 * the public pages (src/web/answer) use it with the rate limit of those pages.
 */
@Module({})
export class AddresseeAnswersModule {
  /** `letters`: the very RecommendationsModule app.module imports, for its workflow. */
  static forRoot(letters: DynamicModule): DynamicModule {
    return {
      module: AddresseeAnswersModule,
      imports: [AuditModule, NotificationsModule, AnswerLinksModule, letters],
      providers: [
        AddresseeAnswers,
        {
          provide: AnswerLinkThrottle,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => new AnswerLinkThrottle(dataSource),
        },
      ],
      exports: [AddresseeAnswers, AnswerLinkThrottle, AnswerLinksModule],
    };
  }
}
