import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module.js';
import { EscalationModule } from '../escalation/escalation.module.js';
import { HealthController } from './health.controller.js';

@Module({ imports: [CalendarModule, EscalationModule], controllers: [HealthController] })
export class HealthModule {}
