import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service.js';
import { workingDaysBetween, type WorkingCalendar } from '../calendar/domain/working-days.js';
import { Clock } from '../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Outbox } from '../notifications/outbox.js';
import { renderEscalationMail } from '../notifications/templates/escalation-email.js';
import { Recommendation } from '../recommendations/recommendation.entity.js';
import type { JobPayloads } from '../queue/jobs.js';
import type { EscalationPolicy } from './domain/policy.js';
import { compareSteps, fireTime, latestDueStep, levelOf, type Step } from './domain/steps.js';
import { EscalationEvent } from './escalation-event.entity.js';
import { EscalationPolicyService } from './escalation-policy.service.js';
import { EscalationScheduler } from './escalation-scheduler.js';
import { recipientsFor } from './recipients.js';

export type FireOutcome =
  | 'fired'
  | 'skipped'
  | 'moved-on'
  | 'already'
  | 'not-due'
  /** The letter still awaits an answer, but the policy in force has no such level (now). */
  | 'not-in-policy';

const DAY_MS = 86_400_000;

/**
 * A step's job has come. In one transaction, on the recommendation's row and under the policy
 * in force (read in that transaction, so a change of policy waits for it): do nothing if the
 * letter has moved on; record the step SKIPPED when a later level is already due (catch-up: a
 * letter entered overdue mails only its highest due level); otherwise record the event FIRED
 * and one outbox row per recipient. Mail jobs and the next step follow the commit.
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
  ) {
    const none = (outcome: FireOutcome) => ({ outcome, notificationIds: [] as string[] });
    const rec = await m.findOne(Recommendation, {
      where: { id: job.recommendationId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!rec || rec.state !== 'SENT' || rec.cycle !== job.cycle || !rec.responseDueAt)
      return none('moved-on');
    if (!levelOf(policy, job.level)) return none('not-in-policy');
    const step: Step = { level: job.level, repeat: job.repeat };
    if (
      await m.existsBy(EscalationEvent, {
        recommendationId: rec.id,
        cycle: rec.cycle,
        level: step.level,
        repeat: step.repeat,
      })
    )
      return none('already');
    const now = this.clock.now();
    const latest = latestDueStep(policy, rec.responseDueAt, now, calendar);
    if (!latest || compareSteps(latest, step) < 0) return none('not-due');

    const record = (s: Step, outcome: 'FIRED' | 'SKIPPED') =>
      m.save(
        m.create(EscalationEvent, {
          recommendationId: rec.id,
          cycle: rec.cycle,
          level: s.level,
          repeat: s.repeat,
          levelName: levelOf(policy, s.level)!.name,
          outcome,
          dueAt: fireTime(policy, rec.responseDueAt!, s, calendar),
          occurredAt: now,
          workingDaysOverdue: workingDaysBetween(rec.responseDueAt!, now, calendar),
        }),
      );
    if (latest.level > step.level) {
      await record(step, 'SKIPPED');
      return none('skipped');
    }
    // Same level: the last one, repeating. Fire only the latest due repetition.
    for (let repeat = step.repeat; repeat < latest.repeat; repeat++) {
      if (
        !(await m.existsBy(EscalationEvent, {
          recommendationId: rec.id,
          cycle: rec.cycle,
          level: step.level,
          repeat,
        }))
      ) {
        await record({ level: step.level, repeat }, 'SKIPPED');
      }
    }
    const event = await record(latest, 'FIRED');
    const notificationIds = await this.outbox.write(
      m,
      await this.mails(m, rec, event, policy, now),
    );
    return { outcome: 'fired' as FireOutcome, notificationIds };
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
    const recipients = await recipientsFor(m, rec.id, level.notify, this.config);
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
        calendarDaysOverdue: Math.max(
          0,
          Math.floor((now.getTime() - rec.responseDueAt!.getTime()) / DAY_MS),
        ),
        previous,
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
