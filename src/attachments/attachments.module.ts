import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import {
  AttachmentsController,
  LetterAttachmentsController,
  ReportAttachmentsController,
} from './attachments.controller.js';
import { AttachmentsService } from './attachments.service.js';

@Module({
  imports: [AuditModule],
  controllers: [LetterAttachmentsController, ReportAttachmentsController, AttachmentsController],
  providers: [AttachmentsService],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
