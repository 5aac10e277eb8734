import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { PilotLifecycleService } from './pilot-lifecycle.service.js';
import { PilotReadService } from './pilot-read.service.js';
import { PilotsController } from './pilots.controller.js';

@Module({
  imports: [AuditModule],
  controllers: [PilotsController],
  providers: [PilotReadService, PilotLifecycleService],
  exports: [PilotReadService],
})
export class PilotsModule {}
