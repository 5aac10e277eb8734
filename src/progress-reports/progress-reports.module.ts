import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { PilotReportsController } from './pilot-reports.controller.js';
import { PilotReportsService } from './pilot-reports.service.js';

@Module({
  imports: [AuditModule],
  controllers: [PilotReportsController],
  providers: [PilotReportsService],
})
export class ProgressReportsModule {}
