import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { PilotLifecycleService } from './pilot-lifecycle.service.js';
import { PilotReadService } from './pilot-read.service.js';
import { PilotsController } from './pilots.controller.js';

/**
 * The pilots' API (/pilots): the board, each pilot with its open blockers, overdue letters and
 * allowed moves, and the moves themselves under the guard (no open blocker, a recent report).
 * It sits above pilots/, blockers/, recommendations/ and progress-reports/, whose tables it reads.
 */
@Module({
  imports: [AuditModule],
  controllers: [PilotsController],
  providers: [PilotReadService, PilotLifecycleService],
  exports: [PilotReadService],
})
export class PilotBoardModule {}
