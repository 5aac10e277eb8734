import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller.js';

@Module({ imports: [], controllers: [DashboardController] })
export class DashboardModule {}
