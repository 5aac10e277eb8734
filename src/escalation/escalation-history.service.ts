import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '../common/domain-error.js';
import { Recommendation } from '../recommendations/recommendation.entity.js';
import { EscalationEvent } from './escalation-event.entity.js';
import type { EscalationEventView } from './escalation.view.js';

/** A letter's escalation history: the levels it reached (FIRED) or passed (SKIPPED). */
@Injectable()
export class EscalationHistoryService {
  constructor(private readonly dataSource: DataSource) {}

  /** Oldest cycle first; 404 when there is no such letter (every role sees every letter). */
  async ofLetter(recommendationId: string): Promise<EscalationEventView[]> {
    if (!(await this.dataSource.getRepository(Recommendation).existsBy({ id: recommendationId })))
      throw notFound('kiến nghị');
    const events = await this.dataSource.getRepository(EscalationEvent).find({
      where: { recommendationId },
      order: { cycle: 'ASC', level: 'ASC', repeat: 'ASC' },
    });
    return events.map((e) => ({
      cycle: e.cycle,
      level: e.level,
      repeat: e.repeat,
      levelName: e.levelName,
      outcome: e.outcome,
      dueAt: e.dueAt.toISOString(),
      occurredAt: e.occurredAt.toISOString(),
      workingDaysOverdue: e.workingDaysOverdue,
    }));
  }
}
