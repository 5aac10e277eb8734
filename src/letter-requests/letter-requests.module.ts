import { type DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { LetterRequestReadService } from './letter-request-read.service.js';
import { LetterRequestWorkflowService } from './letter-request-workflow.service.js';
import { LetterRequestsController } from './letter-requests.controller.js';

/**
 * The officer asks, the secretariat acts: letter requests and the secretariat's queue, above
 * the letters (a request becomes a draft through their workflow) and the outbox (the mail that
 * tells the secretariat).
 */
@Module({})
export class LetterRequestsModule {
  /**
   * `letters`: the very RecommendationsModule app.module imports (a dynamic module, built once
   * there), for its RecommendationWorkflowService.
   */
  static forRoot(letters: DynamicModule): DynamicModule {
    return {
      module: LetterRequestsModule,
      imports: [AuditModule, NotificationsModule, letters],
      controllers: [LetterRequestsController],
      providers: [LetterRequestReadService, LetterRequestWorkflowService],
    };
  }
}
