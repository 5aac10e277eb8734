import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { PeriodsController } from './periods.controller.js';
import { PeriodCutoffService } from './period-cutoff.service.js';
import { PeriodsService } from './periods.service.js';

@Module({
  imports: [AuditModule, CalendarModule],
  controllers: [PeriodsController],
  providers: [PeriodsService, PeriodCutoffService],
  exports: [PeriodCutoffService],
})
export class PeriodsModule {}
