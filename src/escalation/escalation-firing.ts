import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service.js';
import type { WorkingCalendar } from '../calendar/domain/working-days.js';
import { Clock } from '../common/clock.js';
import { localDay } from '../common/domain/local-time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Outbox } from '../notifications/outbox.js';
import { calendarDaysOverdue, workingDaysOverdue } from '../recommendations/domain/overdue.js';
import { addresseeDue, owesAnswer } from '../recommendations/domain/addressee-status.js';
import { Recommendation } from '../recommendations/recommendation.entity.js';
import { RecommendationAddressee } from '../recommendations/recommendation-addressee.entity.js';
import type { EscalationMailItem } from '../notifications/escalation-item.js';
import { renderSingleReminder } from '../notifications/combined-reminder.js';
import { AnswerLinkIssuer } from './answer-link-issuer.js';
import type { JobPayloads } from '../queue/jobs.js';
import type { EscalationPolicy } from './domain/policy.js';
import { decideStep, type FireOutcome, type StepRecord } from './domain/firing-decision.js';
import { levelOf } from './domain/steps.js';
import { EscalationEvent } from './escalation-event.entity.js';
import { EscalationPolicyService } from './escalation-policy.service.js';
import { EscalationScheduler } from './escalation-scheduler.js';
import { recipientsFor } from './recipients.js';

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
    private readonly answerLinks: AnswerLinkIssuer,
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
        `escalated ${job.recommendationId} for addressee ${job.agencyId} (cycle ${job.cycle}) to level ${job.level}: ${notificationIds.length} mails`,
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
    // A job queued before ladders were per addressee names none: reconciliation queues the
    // addressees' own steps and removes it.
    const addressee =
      rec && job.agencyId
        ? await m.findOneBy(RecommendationAddressee, {
            recommendationId: rec.id,
            agencyId: job.agencyId,
          })
        : null;
    const recorded =
      rec && addressee
        ? await m.find(EscalationEvent, {
            select: { level: true, repeat: true },
            where: { recommendationId: rec.id, agencyId: addressee.agencyId, cycle: rec.cycle },
          })
        : [];
    const now = this.clock.now();
    const decision = decideStep({
      letter: rec && {
        state: rec.state,
        cycle: rec.cycle,
        responseDueAt: addressee ? addresseeDue(addressee, rec) : null,
      },
      addressee: addressee && { owesAnswer: owesAnswer(addressee.status) },
      job,
      policy,
      recorded,
      now,
      calendar,
    });
    if (decision.outcome !== 'fired' && decision.outcome !== 'skipped')
      return { outcome: decision.outcome, notificationIds: [] };

    const letter = rec!; // only an addressee still owing its answer has steps to record
    const record = (s: StepRecord) =>
      m.save(
        m.create(EscalationEvent, {
          ...s,
          recommendationId: letter.id,
          agencyId: addressee!.agencyId,
          cycle: letter.cycle,
          occurredAt: now,
        }),
      );
    for (const s of decision.skipped) await record(s);
    if (decision.outcome === 'skipped') return { outcome: 'skipped', notificationIds: [] };
    const event = await record(decision.fired);
    const notificationIds = await this.outbox.write(
      m,
      await this.mails(m, letter, addressee!, event, policy, now, calendar),
    );
    return { outcome: 'fired', notificationIds };
  }

  /** One outbox row per recipient of the step, each carrying its reminder as an item. */
  private async mails(
    m: EntityManager,
    rec: Recommendation,
    addressee: RecommendationAddressee,
    event: EscalationEvent,
    policy: EscalationPolicy,
    now: Date,
    calendar: WorkingCalendar,
  ) {
    const level = levelOf(policy, event.level)!;
    const [context] = (await m.query(
      `SELECT ad.code AS addressee_code, ad.name AS addressee_name,
              (SELECT array_agg(DISTINCT coalesce('Mô hình ' || p.number || ': ' || p.name, b.topic))
                 FROM recommendation_blocker rb JOIN blocker b ON b.id = rb.blocker_id LEFT JOIN pilot p ON p.id = b.pilot_id
                WHERE rb.recommendation_id = r.id) AS concerns,
              (SELECT count(*)::int FROM escalation_event e
                WHERE e.recommendation_id = r.id AND e.agency_id = ad.id AND e.cycle = r.cycle
                  AND e.outcome = 'FIRED' AND e.id <> $3) AS reminded,
              (SELECT max(e.occurred_at) FROM escalation_event e
                WHERE e.recommendation_id = r.id AND e.agency_id = ad.id AND e.cycle = r.cycle
                  AND e.outcome = 'FIRED' AND e.id <> $3) AS last_reminded_at
         FROM recommendation r JOIN agency ad ON ad.id = $2 WHERE r.id = $1`,
      [rec.id, addressee.agencyId, event.id],
    )) as {
      addressee_code: string;
      addressee_name: string;
      concerns: string[] | null;
      reminded: number;
      last_reminded_at: Date | null;
    }[];
    const { recipients, held, moved } = await recipientsFor(
      m,
      rec.id,
      level.notify,
      this.config,
      localDay(now),
      addressee.agencyId,
    );
    const dueAt = addresseeDue(addressee, rec)!;
    const letterUrl = `${this.config.appUrl}/kien-nghi/${rec.id}`;
    const answerUrl = recipients.some((r) => r.ofAddressee)
      ? await this.answerLinks.urlFor(m, rec.id, addressee.agencyId)
      : null;
    return recipients.map((r) => {
      const item: EscalationMailItem = {
        recommendationId: rec.id,
        documentNumber: rec.documentNumber!,
        letterDate: rec.letterDate!,
        summary: rec.summary,
        concerns: (context.concerns ?? []).sort(),
        addresseeCode: context.addressee_code,
        addresseeName: context.addressee_name,
        holder: moved[0]
          ? {
              name: moved[0].holderName,
              legalBasis: moved[0].legalBasis,
              effectiveOn: moved[0].effectiveOn,
            }
          : null,
        level: event.level,
        levelName: event.levelName,
        repeat: event.repeat,
        dueAt: dueAt.toISOString(),
        workingDaysOverdue: workingDaysOverdue(dueAt, now, calendar),
        calendarDaysOverdue: calendarDaysOverdue(dueAt, now),
        timesRemindedBefore: context.reminded,
        lastRemindedAt: context.last_reminded_at?.toISOString() ?? null,
        audience: r.ofAddressee ? 'ADDRESSEE' : 'PROVINCE',
        letterUrl,
        answerUrl: r.ofAddressee ? answerUrl : null,
        // The province's own accounts hear what is held; an agency's focal points do not.
        held: r.userId
          ? held.map((h) => ({ addresseeName: h.addresseeName, candidateNames: h.candidateNames }))
          : [],
        recipientLabel: r.label,
      };
      const mail = renderSingleReminder(item, r.label);
      return {
        idempotencyKey: `esc:${rec.id}:${addressee.agencyId}:c${rec.cycle}:l${event.level}:r${event.repeat}:${r.email.toLowerCase()}`,
        kind: 'ESCALATION' as const,
        recipientEmail: r.email,
        recipientUserId: r.userId,
        escalationEventId: event.id,
        subject: mail.subject,
        bodyText: mail.text,
        bodyHtml: mail.html,
        item,
      };
    });
  }
}
