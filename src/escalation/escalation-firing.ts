import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service.js';
import type { WorkingCalendar } from '../calendar/domain/working-days.js';
import { Clock } from '../common/clock.js';
import { localDay } from '../common/domain/local-time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Outbox, type OutgoingNotification } from '../notifications/outbox.js';
import { calendarDaysOverdue, workingDaysOverdue } from '../recommendations/domain/overdue.js';
import { addresseeDue, owesAnswer } from '../recommendations/domain/addressee-status.js';
import { Recommendation } from '../recommendations/recommendation.entity.js';
import { RecommendationAddressee } from '../recommendations/recommendation-addressee.entity.js';
import type { EscalationMailItem } from '../notifications/escalation-item.js';
import { renderSingleReminder } from '../notifications/combined-reminder.js';
import { AnswerLinkIssuer, linkedAddresseeKey } from './answer-link-issuer.js';
import type { JobPayloads } from '../queue/jobs.js';
import type { EscalationPolicy } from './domain/policy.js';
import { decideStep, type FireOutcome, type StepRecord } from './domain/firing-decision.js';
import { levelOf } from './domain/steps.js';
import { EscalationEvent } from './escalation-event.entity.js';
import { EscalationPolicyService } from './escalation-policy.service.js';
import { EscalationScheduler } from './escalation-scheduler.js';
import { loadRecipientDirectory, recipientsIn, type RecipientDirectory } from './recipients.js';
import { StepBatcher, type BatchResult } from './step-batcher.js';

type StepJob = JobPayloads['escalation.fire'];

/** A step fired in a batch: what its mails are made of. */
interface FiredStep {
  letter: Recommendation;
  addressee: RecommendationAddressee;
  event: EscalationEvent;
  /** The FIRED steps recorded before it on the addressee's ladder in this cycle. */
  before: EscalationEvent[];
}

/**
 * A step's job has come. Steps due at about the same time are decided together: each job waits a
 * few milliseconds for the others (StepBatcher), then one transaction, under the policy in force
 * (read in that transaction, so a change of policy waits for it), claims the batch's letters
 * FOR UPDATE SKIP LOCKED, reads their addressees, recorded steps, recipients and answer links
 * once, lets decideStep (domain/firing-decision.ts) say what each job records, and writes the
 * batch's events and outbox rows with one INSERT each. Mail jobs (one addBulk) and the next steps
 * follow the commit. A job whose letter another transaction holds is decided in a later batch.
 */
@Injectable()
export class EscalationFiring {
  private readonly logger = new Logger(EscalationFiring.name);
  private readonly batcher = new StepBatcher<StepJob, FireOutcome>(
    (jobs, waitForRows) => this.fireBatch(jobs, waitForRows),
    { maxSize: 32, waitMs: 5, maxRunning: 3, busyRetryMs: 50, busyPatienceMs: 2000 },
  );

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

  /** Decides the job's step, in a batch with the steps submitted about the same time. */
  fire(job: StepJob): Promise<FireOutcome> {
    return this.batcher.submit(job);
  }

  /**
   * Decides a batch of steps in one transaction; each job's outcome, or busy when another
   * transaction held its letter (unless `waitForRows`: then the rows are waited for).
   */
  async fireBatch(jobs: StepJob[], waitForRows = false): Promise<BatchResult<FireOutcome>[]> {
    const calendar = await this.calendars.current();
    const decided = await this.dataSource.transaction(async (m) => {
      const { policy } = await this.policies.forDecision(m);
      return this.decide(m, jobs, policy, calendar, waitForRows);
    });
    await this.outbox.dispatch(decided.notificationIds);
    const last = decided.policy.levels[decided.policy.levels.length - 1];
    const repeats = decided.policy.repeatEveryWorkingDays > 0;
    // The other levels of the cycle are already queued; only the last one's repetition and a
    // step that came too early need scheduling (reconciliation repairs anything lost).
    const early = new Set<string>();
    const repeating = new Set<string>();
    decided.results.forEach((r, i) => {
      if (!('result' in r)) return;
      if (r.result === 'not-due') early.add(jobs[i].recommendationId);
      if (r.result === 'fired' && repeats && jobs[i].level === last.level)
        repeating.add(jobs[i].recommendationId);
    });
    for (const id of early) await this.scheduler.sync(id);
    if (repeating.size > 0) await this.scheduler.scheduleNew([...repeating]);
    for (const f of decided.fired)
      this.logger.log(
        `escalated ${f.letter.id} for addressee ${f.addressee.agencyId} (cycle ${f.letter.cycle}) to level ${f.event.level}: ${f.mails} mails`,
      );
    return decided.results;
  }

  private async decide(
    m: EntityManager,
    jobs: StepJob[],
    policy: EscalationPolicy,
    calendar: WorkingCalendar,
    waitForRows: boolean,
  ) {
    const letterIds = [...new Set(jobs.map((j) => j.recommendationId))];
    const claim = m
      .getRepository(Recommendation)
      .createQueryBuilder('r')
      .where('r.id IN (:...ids)', { ids: letterIds })
      .orderBy('r.id')
      .setLock('pessimistic_write');
    if (!waitForRows) claim.setOnLocked('skip_locked');
    const letters = new Map((await claim.getMany()).map((r) => [r.id, r]));
    // A letter not claimed is gone, or held by another transaction: its jobs wait for a later batch.
    const unclaimed = letterIds.filter((id) => !letters.has(id));
    const held = new Set(
      unclaimed.length === 0
        ? []
        : (
            (await m.query(`SELECT id FROM recommendation WHERE id = ANY($1::uuid[])`, [
              unclaimed,
            ])) as { id: string }[]
          ).map((r) => r.id),
    );
    const claimed = [...letters.keys()];
    const addressees = new Map(
      (claimed.length === 0
        ? []
        : await m.findBy(RecommendationAddressee, { recommendationId: In(claimed) })
      ).map((a) => [`${a.recommendationId}:${a.agencyId}`, a]),
    );
    // Each ladder's recorded steps in the letter's current cycle, kept up to date through the batch.
    const ladders = new Map<string, EscalationEvent[]>();
    const ladderOf = (letterId: string, agencyId: string) => {
      const key = `${letterId}:${agencyId}`;
      if (!ladders.has(key)) ladders.set(key, []);
      return ladders.get(key)!;
    };
    if (claimed.length > 0)
      for (const e of await m.findBy(EscalationEvent, { recommendationId: In(claimed) }))
        if (e.cycle === letters.get(e.recommendationId)!.cycle)
          ladderOf(e.recommendationId, e.agencyId).push(e);

    const now = this.clock.now();
    const results: BatchResult<FireOutcome>[] = [];
    const events: EscalationEvent[] = [];
    const fired: FiredStep[] = [];
    for (const job of jobs) {
      if (held.has(job.recommendationId)) {
        results.push({ busy: true });
        continue;
      }
      const rec = letters.get(job.recommendationId) ?? null;
      // A job queued before ladders were per addressee names none: reconciliation queues the
      // addressees' own steps and removes it.
      const addressee =
        (rec && job.agencyId && addressees.get(`${rec.id}:${job.agencyId}`)) || null;
      const recorded = rec && addressee ? ladderOf(rec.id, addressee.agencyId) : [];
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
      results.push({ result: decision.outcome });
      if (decision.outcome !== 'fired' && decision.outcome !== 'skipped') continue;

      const letter = rec!; // only an addressee still owing its answer has steps to record
      const record = (s: StepRecord) => {
        const event = m.create(EscalationEvent, {
          ...s,
          id: randomUUID(),
          recommendationId: letter.id,
          agencyId: addressee!.agencyId,
          cycle: letter.cycle,
          occurredAt: now,
        });
        events.push(event);
        return event;
      };
      const before = recorded.filter((e) => e.outcome === 'FIRED');
      for (const s of decision.skipped) recorded.push(record(s));
      if (decision.outcome === 'fired') {
        const event = record(decision.fired);
        recorded.push(event);
        fired.push({ letter, addressee: addressee!, event, before });
      }
    }
    if (events.length > 0)
      await m.createQueryBuilder().insert().into(EscalationEvent).values(events).execute();
    const mails = fired.length > 0 ? await this.mails(m, fired, policy, now, calendar) : [];
    const notificationIds = await this.outbox.write(m, mails.flat());
    return {
      results,
      notificationIds,
      policy,
      fired: fired.map((f, i) => ({ ...f, mails: mails[i].length })),
    };
  }

  /** For each fired step, one outbox row per recipient, each carrying its reminder as an item. */
  private async mails(
    m: EntityManager,
    fired: FiredStep[],
    policy: EscalationPolicy,
    now: Date,
    calendar: WorkingCalendar,
  ): Promise<OutgoingNotification[][]> {
    const letterIds = [...new Set(fired.map((f) => f.letter.id))];
    const concerns = new Map(
      (
        (await m.query(
          `SELECT rb.recommendation_id,
                  array_agg(DISTINCT coalesce('Mô hình ' || p.number || ': ' || p.name, b.topic)) AS concerns
             FROM recommendation_blocker rb JOIN blocker b ON b.id = rb.blocker_id LEFT JOIN pilot p ON p.id = b.pilot_id
            WHERE rb.recommendation_id = ANY($1::uuid[])
            GROUP BY rb.recommendation_id`,
          [letterIds],
        )) as { recommendation_id: string; concerns: string[] }[]
      ).map((c) => [c.recommendation_id, c.concerns]),
    );
    const day = localDay(now);
    const directory: RecipientDirectory = await loadRecipientDirectory(m, letterIds, this.config);
    const addressed = fired.map((f) =>
      recipientsIn(
        directory,
        f.letter.id,
        levelOf(policy, f.event.level)!.notify,
        day,
        f.addressee.agencyId,
      ),
    );
    const links = await this.answerLinks.urlsFor(
      m,
      fired
        .filter((_, i) => addressed[i].recipients.some((r) => r.ofAddressee))
        .map((f) => ({ recommendationId: f.letter.id, agencyId: f.addressee.agencyId })),
    );
    return fired.map(({ letter: rec, addressee, event, before }, i) => {
      const { recipients, held, moved } = addressed[i];
      const agency = directory.agencies.get(addressee.agencyId)!;
      const dueAt = addresseeDue(addressee, rec)!;
      const letterUrl = `${this.config.appUrl}/kien-nghi/${rec.id}`;
      const answerUrl =
        links.get(linkedAddresseeKey({ recommendationId: rec.id, agencyId: addressee.agencyId })) ??
        null;
      const lastReminded = before.reduce<Date | null>(
        (last, e) => (!last || e.occurredAt > last ? e.occurredAt : last),
        null,
      );
      return recipients.map((r) => {
        const item: EscalationMailItem = {
          recommendationId: rec.id,
          documentNumber: rec.documentNumber!,
          letterDate: rec.letterDate!,
          summary: rec.summary,
          concerns: [...(concerns.get(rec.id) ?? [])].sort(),
          addresseeCode: agency.code,
          addresseeName: agency.name,
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
          timesRemindedBefore: before.length,
          lastRemindedAt: lastReminded?.toISOString() ?? null,
          audience: r.ofAddressee ? 'ADDRESSEE' : 'PROVINCE',
          letterUrl,
          answerUrl: r.ofAddressee ? answerUrl : null,
          // The province's own accounts hear what is held; an agency's focal points do not.
          held: r.userId
            ? held.map((h) => ({
                addresseeName: h.addresseeName,
                candidateNames: h.candidateNames,
              }))
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
    });
  }
}
