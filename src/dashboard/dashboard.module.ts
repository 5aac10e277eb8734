import { Module } from '@nestjs/common';
import { DashboardReadService } from './dashboard-read.service.js';
import { DashboardController } from './dashboard.controller.js';

@Module({ imports: [], controllers: [DashboardController], providers: [DashboardReadService] })
export class DashboardModule {}
