import { Module } from '@nestjs/common';
import { BlockerWorkflowService } from './blocker-workflow.service.js';
import { BlockersController } from './blockers.controller.js';

@Module({
  controllers: [BlockersController],
  providers: [BlockerWorkflowService],
  exports: [BlockerWorkflowService],
})
export class BlockersModule {}
