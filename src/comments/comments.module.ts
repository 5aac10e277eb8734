import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import {
  BlockerCommentsController,
  CommentsController,
  LetterCommentsController,
  PilotCommentsController,
} from './comments.controller.js';
import { CommentsService } from './comments.service.js';

/** Comments on pilots, blockers and letters, and their edits and deletions (issue 16, item 5). */
@Module({
  imports: [AuditModule],
  controllers: [
    PilotCommentsController,
    BlockerCommentsController,
    LetterCommentsController,
    CommentsController,
  ],
  providers: [CommentsService],
})
export class CommentsModule {}
