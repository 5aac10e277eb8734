import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service.js';
import type { WorkingCalendar } from '../calendar/domain/working-days.js';
import { Clock } from '../common/clock.js';
import { localDay } from '../common/domain/local-time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Outbox } from '../notifications/outbox.js';
import { calendarDaysOverdue } from '../recommendations/domain/overdue.js';
import { Recommendation } from '../recommendations/recommendation.entity.js';
import type { JobPayloads } from '../queue/jobs.js';
import type { EscalationPolicy } from './domain/policy.js';
import { decideStep, type FireOutcome, type StepRecord } from './domain/firing-decision.js';
import { levelOf } from './domain/steps.js';
import { EscalationEvent } from './escalation-event.entity.js';
import { EscalationPolicyService } from './escalation-policy.service.js';
import { EscalationScheduler } from './escalation-scheduler.js';
import { recipientsFor } from './recipients.js';
import { renderEscalationMail } from './templates/escalation-email.js';

/**
 * A step's job has come. In one transaction, with the recommendation's row locked and under the
 * policy in force (read in that transaction, so a change of policy waits for it): read the steps
 * recorded in the letter's cycle, let decideStep (domain/firing-decision.ts) say what to record,
 * write those events and, for a FIRED one, one outbox row per recipient. Mail jobs and the next
 * step follow the commit.
 */
@Injectable()
export class EscalationFiring {
  private readonly logger = new Logger(EscalationFiring.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly policies: EscalationPolicyService,
    private readonly outbox: Outbox,
    private readonly scheduler: EscalationScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async fire(job: JobPayloads['escalation.fire']): Promise<FireOutcome> {
    const calendar = await this.calendars.current();
    const { outcome, notificationIds, repeatNext } = await this.dataSource.transaction(
      async (m) => {
        const { policy } = await this.policies.forDecision(m);
        const last = policy.levels[policy.levels.length - 1];
        return {
          ...(await this.decide(m, job, policy, calendar)),
          repeatNext: last.level === job.level && policy.repeatEveryWorkingDays > 0,
        };
      },
    );
    await this.outbox.dispatch(notificationIds);
    // The other levels of the cycle are already queued; only the last one's repetition and a
    // step that came too early need scheduling (reconciliation repairs anything lost).
    if (outcome === 'not-due') await this.scheduler.sync(job.recommendationId);
    if (outcome === 'fired' && repeatNext) await this.scheduler.scheduleNew([job.recommendationId]);
    if (outcome === 'fired')
      this.logger.log(
        `escalated ${job.recommendationId} (cycle ${job.cycle}) to level ${job.level}: ${notificationIds.length} mails`,
      );
    return outcome;
  }

  private async decide(
    m: EntityManager,
    job: JobPayloads['escalation.fire'],
    policy: EscalationPolicy,
    calendar: WorkingCalendar,
  ): Promise<{ outcome: FireOutcome; notificationIds: string[] }> {
    const rec = await m.findOne(Recommendation, {
      where: { id: job.recommendationId },
      lock: { mode: 'pessimistic_write' },
    });
    const recorded = rec
      ? await m.find(EscalationEvent, {
          select: { level: true, repeat: true },
          where: { recommendationId: rec.id, cycle: rec.cycle },
        })
      : [];
    const now = this.clock.now();
    const decision = decideStep({ letter: rec, job, policy, recorded, now, calendar });
    if (decision.outcome !== 'fired' && decision.outcome !== 'skipped')
      return { outcome: decision.outcome, notificationIds: [] };

    const letter = rec!; // only a letter awaiting its answer has steps to record
    const record = (s: StepRecord) =>
      m.save(
        m.create(EscalationEvent, {
          ...s,
          recommendationId: letter.id,
          cycle: letter.cycle,
          occurredAt: now,
        }),
      );
    for (const s of decision.skipped) await record(s);
    if (decision.outcome === 'skipped') return { outcome: 'skipped', notificationIds: [] };
    const event = await record(decision.fired);
    const notificationIds = await this.outbox.write(
      m,
      await this.mails(m, letter, event, policy, now),
    );
    return { outcome: 'fired', notificationIds };
  }

  private async mails(
    m: EntityManager,
    rec: Recommendation,
    event: EscalationEvent,
    policy: EscalationPolicy,
    now: Date,
  ) {
    const level = levelOf(policy, event.level)!;
    const [context] = (await m.query(
      `SELECT s.name AS sender,
              (SELECT array_agg(a.name ORDER BY ra.position) FROM recommendation_addressee ra JOIN agency a ON a.id = ra.agency_id
                WHERE ra.recommendation_id = r.id) AS addressees,
              (SELECT array_agg(DISTINCT coalesce('Mô hình ' || p.number || ': ' || p.name, b.topic))
                 FROM recommendation_blocker rb JOIN blocker b ON b.id = rb.blocker_id LEFT JOIN pilot p ON p.id = b.pilot_id
                WHERE rb.recommendation_id = r.id) AS concerns
         FROM recommendation r LEFT JOIN agency s ON s.id = r.sender_agency_id WHERE r.id = $1`,
      [rec.id],
    )) as { sender: string | null; addressees: string[] | null; concerns: string[] | null }[];
    const previous = (
      await m.find(EscalationEvent, {
        where: { recommendationId: rec.id },
        order: { occurredAt: 'ASC', level: 'ASC', repeat: 'ASC' },
      })
    )
      .filter((e) => e.id !== event.id)
      .map((e) => ({
        level: e.level,
        levelName: e.levelName,
        repeat: e.repeat,
        at: e.occurredAt,
        mailed: e.outcome === 'FIRED',
      }));
    const { recipients, held, moved } = await recipientsFor(
      m,
      rec.id,
      level.notify,
      this.config,
      localDay(now),
    );
    return recipients.map((r) => {
      const mail = renderEscalationMail({
        recommendationId: rec.id,
        recipientLabel: r.label,
        documentNumber: rec.documentNumber!,
        letterDate: rec.letterDate!,
        senderName: context.sender,
        addressees: context.addressees ?? [],
        summary: rec.summary,
        concerns: (context.concerns ?? []).sort(),
        level: event.level,
        levelName: event.levelName,
        repeat: event.repeat,
        dueAt: rec.responseDueAt!,
        workingDaysOverdue: event.workingDaysOverdue,
        calendarDaysOverdue: calendarDaysOverdue(rec.responseDueAt!, now),
        previous,
        moved,
        // The province's own accounts hear what is held; an agency's focal points do not.
        held: r.userId ? held : [],
      });
      return {
        idempotencyKey: `esc:${rec.id}:c${rec.cycle}:l${event.level}:r${event.repeat}:${r.email.toLowerCase()}`,
        kind: 'ESCALATION' as const,
        recipientEmail: r.email,
        recipientUserId: r.userId,
        escalationEventId: event.id,
        subject: mail.subject,
        bodyText: mail.text,
        bodyHtml: mail.html,
      };
    });
  }
}
