import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AddresseesController } from './addressees.controller.js';
import { AddresseeHolderController } from './addressee-holder.controller.js';
import { AddresseeHolderService } from './addressee-holder.service.js';
import { BulkResponsesController } from './bulk-responses.controller.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { FollowUpLetterController } from './follow-up-letter.controller.js';
import { FollowUpLetterService } from './follow-up-letter/follow-up-letter.service.js';
import { RecommendationReadService } from './recommendation-read.service.js';
import { RecommendationWorkflowService } from './recommendation-workflow.service.js';
import { RecommendationsController } from './recommendations.controller.js';
import { DraftLetters } from './draft-letters.js';

@Module({})
export class RecommendationsModule {
  /**
   * `letterSchedule`: the module that exports the LetterSchedule the workflow injects
   * (escalation's LetterScheduleModule, named by app.module), so this folder never imports the
   * ladder that acts on its letters.
   */
  static forRoot(letterSchedule: Type): DynamicModule {
    return {
      module: RecommendationsModule,
      imports: [AuditModule, CalendarModule, letterSchedule],
      controllers: [
        BulkResponsesController,
        RecommendationsController,
        FollowUpLetterController,
        AddresseeHolderController,
        AddresseesController,
      ],
      providers: [
        RecommendationReadService,
        RecommendationWorkflowService,
        DraftLetters,
        FollowUpLetterService,
        AddresseeHolderService,
      ],
      exports: [RecommendationReadService, RecommendationWorkflowService],
    };
  }
}
