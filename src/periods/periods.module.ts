import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { PeriodsController } from './periods.controller.js';
import { PeriodCutoffService } from './period-cutoff.service.js';
import { PeriodsService } from './periods.service.js';
import { ReportTextController } from './report-text.controller.js';
import { ReportTextService } from './report-text.service.js';

@Module({
  imports: [AuditModule, CalendarModule],
  controllers: [PeriodsController, ReportTextController],
  providers: [PeriodsService, PeriodCutoffService, ReportTextService],
  exports: [PeriodCutoffService],
})
export class PeriodsModule {}
