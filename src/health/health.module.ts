import { Module } from '@nestjs/common';
import { EscalationModule } from '../escalation/escalation.module.js';
import { HealthController } from './health.controller.js';

@Module({ imports: [EscalationModule], controllers: [HealthController] })
export class HealthModule {}
