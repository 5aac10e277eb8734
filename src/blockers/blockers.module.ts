import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { BlockerReadService } from './blocker-read.service.js';
import { BlockerWorkflowService } from './blocker-workflow.service.js';
import { BlockersController } from './blockers.controller.js';

@Module({
  imports: [AuditModule],
  controllers: [BlockersController],
  providers: [BlockerReadService, BlockerWorkflowService],
  exports: [BlockerWorkflowService],
})
export class BlockersModule {}
