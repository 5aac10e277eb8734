import { Module } from '@nestjs/common';
import { PeriodsController } from './periods.controller.js';
import { ReportsService } from './reports.service.js';

@Module({
  controllers: [PeriodsController],
  providers: [ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
