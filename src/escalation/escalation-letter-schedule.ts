import { Injectable } from '@nestjs/common';
import type { LetterSchedule } from '../recommendations/letter-schedule.js';
import { EscalationPolicyService } from './escalation-policy.service.js';
import { EscalationScheduler } from './escalation-scheduler.js';

/** The letters' workflow's LetterSchedule: the policy in force and the scheduler, nothing more. */
@Injectable()
export class EscalationLetterSchedule implements LetterSchedule {
  constructor(
    private readonly policies: EscalationPolicyService,
    private readonly scheduler: EscalationScheduler,
  ) {}

  async responseWorkingDays(): Promise<number> {
    return (await this.policies.current()).policy.responseWorkingDays;
  }

  async scheduleNew(recommendationIds: string[]): Promise<void> {
    await this.scheduler.scheduleNew(recommendationIds);
  }

  async sync(recommendationId: string): Promise<void> {
    await this.scheduler.sync(recommendationId);
  }
}
