import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { OverviewController } from './overview.controller.js';
import { MonthlyReportService } from './monthly/monthly-report.service.js';
import { PeriodsController } from './periods.controller.js';
import { ReportsOutputController } from './reports-output.controller.js';
import { ReportsService } from './reports.service.js';

@Module({
  imports: [AuditModule, CalendarModule],
  controllers: [PeriodsController, OverviewController, ReportsOutputController],
  providers: [ReportsService, MonthlyReportService],
  exports: [ReportsService],
})
export class ReportsModule {}
