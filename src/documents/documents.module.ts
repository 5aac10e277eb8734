import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CalendarModule } from '../calendar/calendar.module.js';
import { PeriodsModule } from '../periods/periods.module.js';
import { DocumentRenderer } from './document-renderer.js';
import { MonthlyReportService } from './monthly/monthly-report.service.js';
import { OverviewController } from './overview.controller.js';
import { OverviewService } from './overview/overview.service.js';
import { ReportsOutputController } from './reports-output.controller.js';

/** What the province reads: the monthly report (JSON, Word, Excel) and leadership's overview. */
@Module({
  imports: [AuditModule, CalendarModule, PeriodsModule],
  controllers: [OverviewController, ReportsOutputController],
  providers: [DocumentRenderer, MonthlyReportService, OverviewService],
})
export class DocumentsModule {}
