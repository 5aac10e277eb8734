import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CalendarController } from './calendar.controller.js';
import { CalendarService } from './calendar.service.js';
import { AdjustmentCorrections } from './adjustment-corrections.js';

@Module({
  imports: [AuditModule],
  controllers: [CalendarController],
  providers: [CalendarService, AdjustmentCorrections],
  exports: [CalendarService],
})
export class CalendarModule {}
