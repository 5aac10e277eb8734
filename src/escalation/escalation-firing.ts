import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { CalendarService } from '../calendar/calendar.service.js';
import {
  FIRST_COMPUTABLE_DAY,
  nextDay,
  type WorkingCalendar,
} from '../calendar/domain/working-days.js';
import { Clock } from '../common/clock.js';
import { localDay } from '../common/domain/local-time.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Outbox, type OutgoingNotification } from '../notifications/outbox.js';
import { calendarDaysOverdue, workingDaysOverdue } from '../recommendations/domain/overdue.js';
import {
  addresseeDue,
  addresseeDueSql,
  owesAnswer,
  owesAnswerSql,
} from '../recommendations/domain/addressee-status.js';
import { Recommendation } from '../recommendations/recommendation.entity.js';
import { RecommendationAddressee } from '../recommendations/recommendation-addressee.entity.js';
import type { EscalationMailItem } from '../notifications/escalation-item.js';
import { reminderSubject } from '../notifications/combined-reminder.js';
import { AnswerLinkIssuer, linkedAddresseeKey } from './answer-link-issuer.js';
import type { JobPayloads } from '../queue/jobs.js';
import type { EscalationPolicy } from './domain/policy.js';
import {
  decideStep,
  dueSteps,
  type FireOutcome,
  type StepRecord,
} from './domain/firing-decision.js';
import { dueCutoffs, fireTime, lastDueDays, latestDueStep, levelOf } from './domain/steps.js';
import { EscalationEvent } from './escalation-event.entity.js';
import { EscalationPolicyService } from './escalation-policy.service.js';
import { EscalationScheduler } from './escalation-scheduler.js';
import { loadRecipientDirectory, recipientsIn, type RecipientDirectory } from './recipients.js';
import { StepBatcher, type BatchResult } from './step-batcher.js';

type StepJob = JobPayloads['escalation.fire'];

/**
 * Most letters a batch claims beside its own in its catch-up: with three batches at once, a wave
 * of 1,500 letters due in the same second is decided by the first batches to start.
 */
const CATCH_UP_LIMIT = 500;
/**
 * Repetitions of the last level the catch-up looks for (a cutoff each, from one walk back over
 * the calendar a day: 100 repetitions of 10 working days reach four years back); a ladder past
 * them is left to its jobs.
 */
const CATCH_UP_REPEATS = 100;
/**
 * How long ago a ladder's latest due step may have come for the catch-up to decide it; a ladder
 * overdue for longer (a first start's letters, years of repetitions to record) is left to its jobs.
 */
const CATCH_UP_WINDOW_MS = 15 * 60_000;
/** How long after start-up a worker walks the calendar for its catch-up's cutoffs. */
const WALK_AFTER_START_MS = 1000;

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
 *
 * A batch that records anything then catches up, once it has committed and queued its mail, in a
 * transaction of its own, the other steps whose time has come (claimDue: letters no other
 * transaction holds, up to CATCH_UP_LIMIT, narrowed by SQL with the calendar's cutoffs; a ladder
 * whose latest due step came more than CATCH_UP_WINDOW_MS ago is left to its jobs), each decided
 * by decideStep as its job would be (dueSteps): so the first jobs of a wave due at one instant
 * decide the whole wave, instead of a thousand jobs each waiting its turn in the queue; those
 * jobs then find their steps recorded ('already'). A batch's own steps never wait for a catch-up.
 */
@Injectable()
export class EscalationFiring implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EscalationFiring.name);
  private readonly batcher = new StepBatcher<StepJob, FireOutcome>(
    (jobs, waitForRows) => this.fireBatch(jobs, waitForRows),
    {
      maxSize: 32,
      waitMs: 5,
      maxRunning: 3,
      busyRetryMs: 50,
      busyPatienceMs: 2000,
      // The jobs of a wave this process's catch-up is deciding wait for it to commit, instead
      // of a transaction every 50 ms each (and, past 2 s, one each waiting for its row).
      busyWait: () =>
        this.catchingUp.size > 0
          ? Promise.allSettled([...this.catchingUp]).then(() => undefined)
          : undefined,
    },
  );
  /** The catch-up transactions running in this process. */
  private readonly catchingUp = new Set<Promise<unknown>>();
  private cutoffMemo:
    { key: string; calendar: WorkingCalendar; days: (string | null)[] } | undefined;
  private warmTimer?: NodeJS.Timeout;
  private walking?: Promise<void>;
  private stopping = false;

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

  /**
   * With the catch-up on, a worker walks the calendar for its cutoffs as it starts: the first walk
   * of a process (years of holidays computed) takes about a second of the event loop, which the
   * first catch-up would otherwise spend while the first mail of its batch waits to be sent. The
   * start does not wait for it (it was a tenth of a restart): it begins a second after the
   * start-up, once the process listens and has answered its first requests (a walk interleaved
   * with them delayed each of their awaits by a year of the walk), and goes a year per turn of
   * the event loop, so the process keeps answering meanwhile. A catch-up before it is done walks
   * the calendar itself, as before.
   */
  onApplicationBootstrap(): void {
    if (!this.config.escalationCatchUp || this.config.role === 'api') return;
    void new Promise<void>((done) => {
      this.warmTimer = setTimeout(done, WALK_AFTER_START_MS);
      this.warmTimer.unref();
    })
      .then(() => this.walkCutoffs())
      .catch((err: unknown) => {
        if (!this.stopping)
          this.logger.warn(`catch-up cutoffs not walked at start-up: ${String(err)}`);
      });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.warmTimer);
    await this.walking?.catch(() => undefined);
  }

  private walkCutoffs(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return (this.walking = this.walkCalendar());
  }

  private async walkCalendar(): Promise<void> {
    const calendar = await this.calendars.current();
    const { policy } = await this.dataSource.transaction((m) => this.policies.forDecision(m));
    const offsets = catchUpOffsets(policy);
    const now = this.clock.now();
    // The years lastDueDays will reach, each computed once and then cached by the calendar.
    const farthest = Math.max(0, ...offsets);
    let year = '';
    let working = 0;
    for (
      let day = localDay(now);
      working < farthest && day > FIRST_COMPUTABLE_DAY;
      day = nextDay(day, -1)
    ) {
      if (day.slice(0, 4) !== year) {
        year = day.slice(0, 4);
        await new Promise((resolve) => setImmediate(resolve));
        if (this.stopping) return;
      }
      if (calendar.isWorkingDay(day)) working += 1;
    }
    this.cutoffs(offsets, now, calendar);
  }

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
    // A step that came too early needs scheduling again (reconciliation repairs anything lost).
    const early = new Set<string>();
    decided.results.forEach((r, i) => {
      if ('result' in r && r.result === 'not-due') early.add(jobs[i].recommendationId);
    });
    // The batch's mail is queued while the catch-up is decided (its failure is the batch's,
    // thrown once the catch-up is over).
    const afterBatch = this.afterCommit(decided, early).then(
      () => null,
      (error: unknown) => ({ error }),
    );
    // The catch-up comes after the batch's own steps are committed, in a transaction of its own:
    // a step of this batch never waits for the others of its wave. A batch of steps recorded
    // already (the jobs of a wave some batch has decided) looks for nothing more. Its failure is
    // not the batch's: the jobs of its steps decide them.
    if (this.config.escalationCatchUp && decided.recorded > 0) {
      try {
        const catching = this.dataSource.transaction(async (m) => {
          const { policy } = await this.policies.forDecision(m);
          return this.catchUp(m, policy, calendar, [
            ...new Set(jobs.map((j) => j.recommendationId)),
          ]);
        });
        this.catchingUp.add(catching);
        const caught = await catching.finally(() => this.catchingUp.delete(catching));
        await this.afterCommit(caught, new Set());
        if (caught.caughtUp > 0)
          this.logger.log(`caught up ${caught.caughtUp} steps due with a batch of ${jobs.length}`);
      } catch (err) {
        this.logger.warn(
          `catch-up after a batch of ${jobs.length} failed (its steps' jobs decide them): ${String(err)}`,
        );
      }
    }
    const failed = await afterBatch;
    if (failed) throw failed.error;
    return decided.results;
  }

  /** After a decision's commit: its mail jobs, the steps to schedule, its log lines. */
  private async afterCommit(
    decided: {
      notificationIds: string[];
      policy: EscalationPolicy;
      fired: (FiredStep & { mails: number })[];
    },
    early: Set<string>,
  ): Promise<void> {
    await this.outbox.dispatch(decided.notificationIds);
    const last = decided.policy.levels[decided.policy.levels.length - 1];
    const repeats = decided.policy.repeatEveryWorkingDays > 0;
    // The other levels of the cycle are already queued; only the last one's repetition and a
    // step that came too early need scheduling. A step the catch-up fired has its own job still
    // queued: it comes, finds the step recorded, and ends.
    const repeating = new Set(
      repeats
        ? decided.fired.filter((f) => f.event.level === last.level).map((f) => f.letter.id)
        : [],
    );
    for (const id of early) await this.scheduler.sync(id);
    if (repeating.size > 0) await this.scheduler.scheduleNew([...repeating]);
    for (const f of decided.fired)
      this.logger.log(
        `escalated ${f.letter.id} for addressee ${f.addressee.agencyId} (cycle ${f.letter.cycle}) to level ${f.event.level}: ${f.mails} mails`,
      );
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
    const claimed = await claim.getMany();
    // The batch's time: its steps' decisions and events (claiming alone may have waited for a row).
    const w = this.workspace(m, policy, calendar, this.clock.now());
    // A letter not claimed is gone, or held by another transaction: its jobs wait for a later batch.
    const unclaimed = letterIds.filter((id) => !claimed.some((r) => r.id === id));
    const held = new Set(
      unclaimed.length === 0
        ? []
        : (
            (await m.query(`SELECT id FROM recommendation WHERE id = ANY($1::uuid[])`, [
              unclaimed,
            ])) as { id: string }[]
          ).map((r) => r.id),
    );
    await w.load(claimed);

    const results: BatchResult<FireOutcome>[] = jobs.map((job) => {
      if (held.has(job.recommendationId)) return { busy: true };
      const rec = w.letters.get(job.recommendationId) ?? null;
      // A job queued before ladders were per addressee names none: reconciliation queues the
      // addressees' own steps and removes it.
      const addressee =
        (rec && job.agencyId && w.addressees.get(`${rec.id}:${job.agencyId}`)) || null;
      return { result: w.decideOne(rec, addressee, job) };
    });
    return { results, ...(await w.finish()) };
  }

  /**
   * The catch-up of the steps due with a batch's, in a transaction of its own after the batch's
   * commit: the other letters whose steps have come are claimed (those no other transaction
   * holds, claimDue) and their due steps decided as their jobs would have them decided; those
   * jobs, when they come, find their steps recorded. A ladder long overdue (a first start's
   * letters, years of repetitions to record) is left to its own jobs: the catch-up is for the
   * steps that came with the batch's.
   */
  private async catchUp(
    m: EntityManager,
    policy: EscalationPolicy,
    calendar: WorkingCalendar,
    exclude: string[],
  ) {
    const now = this.clock.now();
    const w = this.workspace(m, policy, calendar, now);
    const claimed = await this.claimDue(m, policy, calendar, now, exclude);
    await w.load(claimed);
    let caughtUp = 0;
    for (const a of w.addressees.values()) {
      const rec = w.letters.get(a.recommendationId)!;
      const dueAt = addresseeDue(a, rec);
      if (!owesAnswer(a.status) || !dueAt) continue;
      const latest = latestDueStep(policy, dueAt, now, calendar);
      if (
        !latest ||
        now.getTime() - fireTime(policy, dueAt, latest, calendar).getTime() > CATCH_UP_WINDOW_MS
      )
        continue;
      for (const s of dueSteps(policy, dueAt, w.ladderOf(rec.id, a.agencyId), now, calendar)) {
        const step = { ...s, recommendationId: rec.id, agencyId: a.agencyId, cycle: rec.cycle };
        if (w.decideOne(rec, a, step) !== 'not-due') caughtUp++;
      }
    }
    return { caughtUp, ...(await w.finish()) };
  }

  /**
   * What a decision's transaction works on: the letters it claimed, their addressees and each
   * ladder's recorded steps (kept up to date as steps are decided), decideStep on one step at a
   * time, and finish() writing the events and outbox rows of all it decided, one INSERT each.
   */
  private workspace(
    m: EntityManager,
    policy: EscalationPolicy,
    calendar: WorkingCalendar,
    now: Date,
  ) {
    const letters = new Map<string, Recommendation>();
    const addressees = new Map<string, RecommendationAddressee>();
    // Each ladder's recorded steps in the letter's current cycle, kept up to date through the batch.
    const ladders = new Map<string, EscalationEvent[]>();
    const ladderOf = (letterId: string, agencyId: string) => {
      const key = `${letterId}:${agencyId}`;
      if (!ladders.has(key)) ladders.set(key, []);
      return ladders.get(key)!;
    };
    const load = async (claimed: Recommendation[]) => {
      if (claimed.length === 0) return;
      for (const r of claimed) letters.set(r.id, r);
      const ids = claimed.map((r) => r.id);
      for (const a of await m.findBy(RecommendationAddressee, { recommendationId: In(ids) }))
        addressees.set(`${a.recommendationId}:${a.agencyId}`, a);
      for (const e of await m.findBy(EscalationEvent, { recommendationId: In(ids) }))
        if (e.cycle === letters.get(e.recommendationId)!.cycle)
          ladderOf(e.recommendationId, e.agencyId).push(e);
    };

    const events: EscalationEvent[] = [];
    const fired: FiredStep[] = [];
    /** decideStep on one step of a claimed letter's ladder; what it records joins the batch's. */
    const decideOne = (
      rec: Recommendation | null,
      addressee: RecommendationAddressee | null,
      job: StepJob,
    ): FireOutcome => {
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
      if (decision.outcome !== 'fired' && decision.outcome !== 'skipped') return decision.outcome;

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
      return decision.outcome;
    };

    const finish = async () => {
      if (events.length > 0) await insertEvents(m, events);
      const mails = fired.length > 0 ? await this.mails(m, fired, policy, now, calendar) : [];
      const notificationIds = await this.outbox.write(m, mails.flat());
      return {
        notificationIds,
        policy,
        recorded: events.length,
        fired: fired.map((f, i) => ({ ...f, mails: mails[i].length })),
      };
    };
    return { letters, addressees, ladderOf, load, decideOne, finish };
  }

  /**
   * Locks (FOR UPDATE SKIP LOCKED), beside the batch's own letters, up to CATCH_UP_LIMIT other
   * SENT letters an addressee of which owes an answer and has a step not recorded whose fire time
   * may have come: its level's (or, once the last level is reached, its next repetition's) cutoff
   * from dueCutoffs. The SQL only narrows; decideStep decides. Letters due before the cutoff by
   * an addressee's own earlier due date alone are left to their jobs.
   */
  private async claimDue(
    m: EntityManager,
    policy: EscalationPolicy,
    calendar: WorkingCalendar,
    now: Date,
    exclude: string[],
  ): Promise<Recommendation[]> {
    const { levels } = policy;
    const last = levels[levels.length - 1];
    const cutoffs = this.cutoffs(catchUpOffsets(policy), now, calendar);
    const levelCutoffs = cutoffs.slice(0, levels.length);
    const loosest = levelCutoffs[0];
    if (!loosest) return [];
    const ids = (
      (await m.query(
        `SELECT r.id FROM recommendation r
          WHERE r.state = 'SENT' AND r.response_due_at <= $1 AND NOT (r.id = ANY($2::uuid[]))
            AND EXISTS (
              SELECT 1 FROM recommendation_addressee ra
               WHERE ra.recommendation_id = r.id AND ${owesAnswerSql('ra')}
                 AND (EXISTS (SELECT 1 FROM unnest($3::int[], $4::timestamptz[]) AS l(level, cutoff)
                               WHERE ${addresseeDueSql('ra', 'r')} <= l.cutoff
                                 AND NOT EXISTS (SELECT 1 FROM escalation_event e
                                                  WHERE e.recommendation_id = r.id AND e.agency_id = ra.agency_id
                                                    AND e.cycle = r.cycle AND e.level = l.level AND e.repeat = 0))
                      OR ${addresseeDueSql('ra', 'r')} <= ($5::timestamptz[])[1 + (
                           SELECT max(e.repeat) FROM escalation_event e
                            WHERE e.recommendation_id = r.id AND e.agency_id = ra.agency_id
                              AND e.cycle = r.cycle AND e.level = $6)]))
          LIMIT $7
            FOR UPDATE OF r SKIP LOCKED`,
        [
          loosest,
          exclude,
          levels.map((l) => l.level),
          levelCutoffs,
          cutoffs.slice(levels.length),
          last.level,
          CATCH_UP_LIMIT,
        ],
      )) as { id: string }[]
    ).map((r) => r.id);
    return ids.length === 0 ? [] : m.findBy(Recommendation, { id: In(ids) });
  }

  /** dueCutoffs, its walk over the calendar done once a day (per calendar and offsets). */
  private cutoffs(offsets: number[], now: Date, calendar: WorkingCalendar): (Date | null)[] {
    const key = `${localDay(now)}:${offsets.join(',')}`;
    if (this.cutoffMemo?.key !== key || this.cutoffMemo.calendar !== calendar)
      this.cutoffMemo = { key, calendar, days: lastDueDays(offsets, localDay(now), calendar) };
    return dueCutoffs(offsets, now, calendar, this.cutoffMemo.days);
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
        // Only the subject (the notifications list shows it): the bodies are rendered when the
        // row is mailed, from its item (a thousand rows of a wave, rendered and written here,
        // were megabytes of statement on the path to the wave's first mail).
        return {
          idempotencyKey: `esc:${rec.id}:${addressee.agencyId}:c${rec.cycle}:l${event.level}:r${event.repeat}:${r.email.toLowerCase()}`,
          kind: 'ESCALATION' as const,
          recipientEmail: r.email,
          recipientUserId: r.userId,
          escalationEventId: event.id,
          subject: reminderSubject([item]),
          bodyText: '',
          bodyHtml: '',
          item,
        };
      });
    });
  }
}

/** The batch's events in one statement, their columns passed as arrays. */
async function insertEvents(m: EntityManager, events: EscalationEvent[]): Promise<void> {
  const column = <T>(f: (e: EscalationEvent) => T) => events.map(f);
  await m.query(
    `INSERT INTO escalation_event (id, recommendation_id, agency_id, cycle, level, repeat, level_name,
                                   outcome, due_at, occurred_at, working_days_overdue)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::int[], $5::int[], $6::int[],
                          $7::text[], $8::text[], $9::timestamptz[], $10::timestamptz[], $11::int[])`,
    [
      column((e) => e.id),
      column((e) => e.recommendationId),
      column((e) => e.agencyId),
      column((e) => e.cycle),
      column((e) => e.level),
      column((e) => e.repeat),
      column((e) => e.levelName),
      column((e) => e.outcome),
      column((e) => e.dueAt),
      column((e) => e.occurredAt),
      column((e) => e.workingDaysOverdue),
    ],
  );
}

/** The offsets claimDue needs cutoffs for: each level's, then CATCH_UP_REPEATS repetitions'. */
function catchUpOffsets(policy: EscalationPolicy): number[] {
  const { levels, repeatEveryWorkingDays: every } = policy;
  const last = levels[levels.length - 1];
  const repeats = every > 0 ? CATCH_UP_REPEATS : 0;
  return [
    ...levels.map((l) => l.afterWorkingDays),
    ...Array.from({ length: repeats }, (_, j) => last.afterWorkingDays + (j + 1) * every),
  ];
}
