import { Injectable, Logger } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity.js';
import { assertAgenciesExistOn } from '../agencies/succession/current-agencies.js';
import { AuditService } from '../audit/audit.service.js';
import { assertAllowed, SYSTEM_ACTOR, type Actor } from '../access/actor.js';
import { Blocker } from '../blockers/blocker.entity.js';
import { lockBlockers, syncEscalatedBlockers } from '../blockers/blocker-workflow.service.js';
import { isOpenBlocker } from '../blockers/domain/blocker-enums.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { Clock } from '../common/clock.js';
import { assertVersion } from '../common/concurrency.js';
import { localDay } from '../common/domain/local-time.js';
import {
  DomainError,
  fieldError,
  forbidden,
  notFound,
  transitionNotAllowed,
} from '../common/domain-error.js';
import { inTransaction } from '../common/transaction-retry.js';
import { agencyLeadsPilot } from '../pilots/pilot-access.js';
import {
  recommendationCommandsFrom,
  recommendationStateAfter,
  type RecommendationCommand,
} from './domain/recommendation-lifecycle.js';
import { defaultResponseDue } from './domain/response-deadline.js';
import { recordLetterMove } from './letter-history.js';
import { LetterSchedule } from './letter-schedule.js';
import { RecommendationAddressee } from './recommendation-addressee.entity.js';
import {
  addresseeStatusAfter,
  ADDRESSEE_STATUS_NAMES,
  letterAnswered,
  owesAnswer,
  type AddresseeCommand,
  type AddresseeStatus,
  type ResponseChannel,
} from './domain/addressee-status.js';
import { recordAddresseeMove } from './letter-history.js';
import { holderOn, indexSteps } from '../agencies/domain/succession.js';
import { loadSuccessionSteps } from '../agencies/succession/succession-steps.js';
import { RecommendationBlocker } from './recommendation-blocker.entity.js';
import { RecommendationDistribution } from './recommendation-distribution.entity.js';
import type {
  AcknowledgeAddresseeDto,
  AddresseeDueDto,
  AssignResponseDto,
  ReleaseAddresseeDto,
  CloseRecommendationDto,
  CreateRecommendationDto,
  RecordResponseDto,
  ReopenRecommendationDto,
  SendRecommendationDto,
  WithdrawRecommendationDto,
} from './recommendation.dto.js';
import { RecommendationResponse } from './recommendation-response.entity.js';
import { Recommendation } from './recommendation.entity.js';

/** The secretariat writes on behalf of the working group, whose standing body is Công an tỉnh. */
export const SECRETARIAT_AGENCY_CODE = 'CAT';

const COMMAND_NAMES: Record<RecommendationCommand, string> = {
  send: 'gửi',
  respond: 'ghi nhận trả lời cho',
  close: 'đóng',
  withdraw: 'rút',
  reopen: 'mở lại',
};

const ADDRESSEE_COMMAND_NAMES: Record<AddresseeCommand, string> = {
  acknowledge: 'ghi nhận đã nhận văn bản',
  answer: 'ghi nhận trả lời',
  release: 'thôi yêu cầu trả lời',
};

/** An addressee's personal answer link, as its page established it. */
export interface AddresseeLink {
  linkId: string;
  recommendationId: string;
  /** The addressee, as the letter names it. */
  agencyId: string;
}

export interface AddresseeAnswer {
  documentNumber: string;
  date: string;
  summary: string;
}

/**
 * Who acts through an answer link: the addressee's focal point, recorded by the link's id (no
 * account: the audit trail names the link). The one definition, for the workflow and the link pages.
 */
export function addresseeLinkActor(
  link: AddresseeLink & { agencyCode?: string | null },
  requestId: string | null = null,
): Actor {
  return {
    id: SYSTEM_ACTOR.id,
    email: `addressee-link:${link.linkId}`,
    name: 'Cơ quan nhận kiến nghị (qua liên kết trả lời)',
    role: 'AGENCY_OFFICER',
    agencyId: link.agencyId,
    agencyCode: link.agencyCode ?? null,
    requestId,
  };
}

const logger = new Logger('RecommendationWorkflow');

/** 400 for one field, said the same way in the message and in the field's problems. */
const invalid = (field: string, message: string) => fieldError(field, message, message);

@Injectable()
export class RecommendationWorkflowService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly calendars: CalendarService,
    private readonly audit: AuditService,
    private readonly schedule: LetterSchedule,
  ) {}

  /** The policy's default response time, on the working calendar. */
  private async defaultDue(from: Date): Promise<Date> {
    const [workingDays, calendar] = await Promise.all([
      this.schedule.responseWorkingDays(),
      this.calendars.current(),
    ]);
    return defaultResponseDue(from, calendar, workingDays);
  }

  /**
   * A draft (secretariat, or an officer for their own blockers), or a letter already sent
   * (secretariat). `within`: a draft written in the caller's transaction (a letter request
   * becoming its draft); a sent letter is scheduled after its own commit, so never that way.
   */
  async create(
    actor: Actor,
    dto: CreateRecommendationDto,
    within?: EntityManager,
  ): Promise<string> {
    const sent = dto.sentAt !== undefined;
    if (sent && within) throw new Error('a sent letter is recorded in a transaction of its own');
    assertAllowed(actor, sent ? 'letters.record' : 'letters.draft');
    if (sent && (!dto.documentNumber || !dto.letterDate)) {
      throw invalid(
        'documentNumber',
        'Văn bản đã gửi cần có số/ký hiệu (documentNumber) và ngày văn bản (letterDate).',
      );
    }
    const blockerIds = dto.blockerIds ?? [];
    if (actor.role === 'AGENCY_OFFICER' && blockerIds.length === 0) {
      throw invalid(
        'blockerIds',
        'Cán bộ đầu mối chỉ dự thảo kiến nghị cho vướng mắc của mô hình đơn vị mình: cần blockerIds.',
      );
    }
    const defaultDue = sent && !dto.responseDueAt ? await this.defaultDue(dto.sentAt!) : null;
    const write = async (m: EntityManager) => {
      // The blockers are locked first, before the links below take key-share locks on them.
      const blockers = await this.openBlockers(m, blockerIds);
      const addressees = await this.agenciesByCode(m, dto.addresseeCodes, 'addresseeCodes');
      const distributionCodes = dto.distributionCodes ?? [];
      const distribution = await this.agenciesByCode(m, distributionCodes, 'distributionCodes');
      if (actor.role === 'AGENCY_OFFICER') await this.assertOwnBlockers(m, actor, blockers);
      const sender =
        actor.role === 'AGENCY_OFFICER'
          ? actor.agencyId
          : ((await m.findOneBy(Agency, { code: SECRETARIAT_AGENCY_CODE }))?.id ?? null);
      const responseDueAt = sent ? (dto.responseDueAt ?? defaultDue) : null;
      if (sent && responseDueAt! <= dto.sentAt!)
        throw invalid('responseDueAt', 'Hạn trả lời phải sau thời điểm gửi.');
      // Addressed to the agencies of the letter's day (today for a draft): not to a dissolved one.
      const letterDay = dto.letterDate ?? localDay(this.clock.now());
      await assertAgenciesExistOn(m, addressees, letterDay, 'addresseeCodes');
      const recommendation = await m.save(
        m.create(Recommendation, {
          state: sent ? 'SENT' : 'DRAFT',
          summary: dto.summary,
          documentNumber: dto.documentNumber ?? null,
          letterDate: dto.letterDate ?? null,
          senderAgencyId: sender,
          sentAt: dto.sentAt ?? null,
          responseDueAt,
          cycle: 1,
          createdById: actor.id,
        }),
      );
      await m.insert(
        RecommendationAddressee,
        addressees.map((a, position) => ({
          recommendationId: recommendation.id,
          agencyId: a.id,
          position,
        })),
      );
      if (distribution.length)
        await m.insert(
          RecommendationDistribution,
          distribution.map((a, position) => ({
            recommendationId: recommendation.id,
            agencyId: a.id,
            position,
          })),
        );
      if (blockers.length)
        await m.insert(
          RecommendationBlocker,
          blockers.map((b) => ({ recommendationId: recommendation.id, blockerId: b.id })),
        );
      await this.audit.record(m, actor, {
        action: 'recommendation.create',
        entityType: 'recommendation',
        entityId: recommendation.id,
        after: {
          ...plain(recommendation),
          addresseeCodes: dto.addresseeCodes,
          distributionCodes,
          blockerIds,
        },
      });
      const now = this.clock.now();
      await recordLetterMove(m, recommendation, null, now, actor);
      if (sent)
        for (const a of addressees)
          await recordAddresseeMove(
            m,
            { recommendationId: recommendation.id, agencyId: a.id, status: 'AWAITING' },
            { from: null, dueAt: responseDueAt, cycle: 1, at: dto.sentAt! },
            actor,
          );
      await syncEscalatedBlockers(m, this.audit, actor, blockerIds, now);
      return recommendation.id;
    };
    const id = within ? await write(within) : await inTransaction(this.dataSource, write);
    // A letter recorded as sent is kept even if its steps cannot be queued now (a 500 would have
    // it entered twice): the reconciliation queues them.
    if (sent)
      await this.schedule.scheduleNew([id]).catch((error: unknown) => {
        logger.warn(`Ladder of ${id} not scheduled after its creation: ${String(error)}`);
      });
    return id;
  }

  send(actor: Actor, id: string, dto: SendRecommendationDto): Promise<void> {
    return this.move(actor, id, 'send', dto.version, async (r, m) => {
      const addressees = await m
        .createQueryBuilder(Agency, 'a')
        .innerJoin(RecommendationAddressee, 'ra', 'ra.agency_id = a.id')
        .where('ra.recommendation_id = :id', { id: r.id })
        .getMany();
      await assertAgenciesExistOn(m, addressees, dto.letterDate, 'addresseeCodes');
      const sentAt = dto.sentAt ?? this.clock.now();
      const due = dto.responseDueAt ?? (await this.defaultDue(sentAt));
      if (due <= sentAt) throw invalid('responseDueAt', 'Hạn trả lời phải sau thời điểm gửi.');
      Object.assign(r, {
        documentNumber: dto.documentNumber,
        letterDate: dto.letterDate,
        sentAt,
        responseDueAt: due,
      });
      for (const a of addressees)
        await recordAddresseeMove(
          m,
          { recommendationId: r.id, agencyId: a.id, status: 'AWAITING' },
          { from: null, dueAt: due, cycle: r.cycle, at: sentAt },
          actor,
        );
      return {};
    });
  }

  /**
   * An addressee's answer, recorded by the secretariat: stops that addressee's clock; the letter
   * becomes ANSWERED once no addressee still owes an answer. A further answer from an addressee
   * that has answered already is kept too. Returns the answer's id.
   */
  respond(actor: Actor, id: string, dto: RecordResponseDto): Promise<string> {
    assertAllowed(actor, 'letters.record');
    return this.answer(actor, id, dto, 'SECRETARIAT', dto.version);
  }

  /** The same, by the addressee itself through its personal link (no account, no role). */
  respondAsAddressee(link: AddresseeLink, dto: AddresseeAnswer): Promise<string> {
    return this.answer(
      addresseeLinkActor(link),
      link.recommendationId,
      { ...dto, addresseeId: link.agencyId },
      'ADDRESSEE_LINK',
      undefined,
    );
  }

  /** The addressee says it received the letter, and who handles it (secretariat, e.g. after a call). */
  acknowledge(actor: Actor, id: string, code: string, dto: AcknowledgeAddresseeDto): Promise<void> {
    assertAllowed(actor, 'letters.record');
    return this.addresseeCommand(actor, id, { code }, 'acknowledge', dto.version, (a) => {
      a.handledBy = dto.handledBy ?? a.handledBy;
      return { handledBy: a.handledBy, channel: 'SECRETARIAT' };
    });
  }

  /** The same, by the addressee through its personal link. */
  acknowledgeAsAddressee(link: AddresseeLink, dto: { handledBy: string }): Promise<void> {
    return this.addresseeCommand(
      addresseeLinkActor(link),
      link.recommendationId,
      { id: link.agencyId },
      'acknowledge',
      undefined,
      (a) => {
        a.handledBy = dto.handledBy;
        return { handledBy: dto.handledBy, channel: 'ADDRESSEE_LINK', linkId: link.linkId };
      },
    );
  }

  /** The secretariat no longer requires this addressee's answer: its reminders stop. */
  release(actor: Actor, id: string, code: string, dto: ReleaseAddresseeDto): Promise<void> {
    assertAllowed(actor, 'letters.record');
    return this.addresseeCommand(actor, id, { code }, 'release', dto.version, (a) => {
      a.releaseReason = dto.reason;
      return { reason: dto.reason };
    });
  }

  /** An addressee's own due time (null: back to the letter's); its ladder moves with it. */
  async setAddresseeDue(
    actor: Actor,
    id: string,
    code: string,
    dto: AddresseeDueDto,
  ): Promise<void> {
    assertAllowed(actor, 'letters.record');
    await inTransaction(this.dataSource, async (m) => {
      const r = await this.lockLetter(m, id, dto.version);
      const a = await this.addresseeOf(m, r, { code });
      if (r.state !== 'SENT' || !owesAnswer(a.row.status))
        throw transitionNotAllowed(
          'RECOMMENDATION_TRANSITION_NOT_ALLOWED',
          `Chỉ đổi hạn trả lời của cơ quan còn phải trả lời một kiến nghị đã gửi (${a.name}: ${ADDRESSEE_STATUS_NAMES[a.row.status]}).`,
          { from: a.row.status, command: 'due' },
        );
      const dueAt = dto.dueAt ?? null;
      if (dueAt && dueAt <= r.sentAt!)
        throw invalid('dueAt', 'Hạn trả lời phải sau thời điểm gửi kiến nghị.');
      const before = { dueAt: a.row.dueAt };
      a.row.dueAt = dueAt;
      await m.save(a.row);
      const now = this.clock.now();
      await recordAddresseeMove(
        m,
        { recommendationId: r.id, agencyId: a.row.agencyId, status: a.row.status },
        { from: a.row.status, dueAt: dueAt ?? r.responseDueAt, cycle: r.cycle, at: now },
        actor,
      );
      await this.touch(m, r);
      await this.audit.record(m, actor, {
        action: 'recommendation.addressee.due',
        entityType: 'recommendation',
        entityId: r.id,
        before: { addresseeCode: a.code, ...before },
        after: { addresseeCode: a.code, dueAt },
      });
    });
    await this.resyncAfterCommit(id, 'a change of due time');
  }

  /**
   * An answer recorded before answers were per addressee, on a letter with several: the
   * secretariat says whose it is. If it answers the letter's current cycle, that addressee has
   * answered.
   */
  async assignResponse(actor: Actor, id: string, dto: AssignResponseDto): Promise<void> {
    assertAllowed(actor, 'letters.record');
    await inTransaction(this.dataSource, async (m) => {
      const r = await this.lockLetter(m, id, dto.version);
      const response = await m.findOneBy(RecommendationResponse, {
        id: dto.responseId,
        recommendationId: r.id,
      });
      if (!response) throw notFound('văn bản trả lời');
      if (response.addresseeAgencyId)
        throw invalid('responseId', 'Văn bản trả lời này đã được gán cho một cơ quan.');
      const a = await this.addresseeOf(m, r, { code: dto.addresseeCode });
      response.addresseeAgencyId = a.row.agencyId;
      response.answeredByAgencyId = await this.dutyHolder(m, a.row);
      await m.save(response);
      const now = this.clock.now();
      if (response.cycle === r.cycle && owesAnswer(a.row.status))
        await this.moveAddressee(m, actor, r, a, 'answer', now);
      await this.settleLetter(m, actor, r, now);
      await this.touch(m, r);
      await this.audit.record(m, actor, {
        action: 'recommendation.response.assign',
        entityType: 'recommendation',
        entityId: r.id,
        after: { responseId: response.id, addresseeCode: a.code },
      });
    });
    await this.resyncAfterCommit(id, 'an answer assigned');
  }

  /**
   * One answer (one document of an addressee) recorded against several letters at once — the
   * nine letters carried by report 442/BC-TCTĐA06 answered by one công văn of Bộ Công an. Each
   * letter gets it exactly as `respond` would record it (same rules, same audit entries, the
   * addressee's clock stopped and its ladder resynced), all in one transaction: if one letter
   * refuses it (a stale version, a letter not sent, an addressee that is not its own), none has
   * it, and the refusal names that letter. Letters are locked in id order, so two of these never
   * deadlock. Returns the answers' ids, in the order the letters were given.
   */
  async respondMany(
    actor: Actor,
    letters: { id: string; version?: number }[],
    dto: Omit<RecordResponseDto, 'version'>,
  ): Promise<string[]> {
    assertAllowed(actor, 'letters.record');
    const ids = [...new Set(letters.map((l) => l.id))];
    if (ids.length !== letters.length)
      throw invalid('recommendations', 'Mỗi kiến nghị chỉ được nêu một lần.');
    const order = [...letters].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const responseIds = await inTransaction(this.dataSource, async (m) => {
      const byId = new Map<string, string>();
      for (const letter of order) {
        try {
          byId.set(
            letter.id,
            await this.answerIn(m, actor, letter.id, dto, 'SECRETARIAT', letter.version),
          );
        } catch (error) {
          throw await this.naming(m, letter.id, error);
        }
      }
      return letters.map((l) => byId.get(l.id)!);
    });
    for (const id of ids) await this.resyncAfterCommit(id, 'a bulk answer');
    return responseIds;
  }

  /** A refusal about one letter of several, its message prefixed by the letter's number. */
  private async naming(m: EntityManager, id: string, error: unknown): Promise<unknown> {
    if (!(error instanceof DomainError)) return error;
    const r = await m.findOne(Recommendation, { where: { id }, select: { documentNumber: true } });
    const name = r ? `Kiến nghị ${r.documentNumber ?? '(dự thảo)'}` : `Kiến nghị ${id}`;
    const details =
      error.details && typeof error.details === 'object'
        ? { ...error.details, recommendationId: id }
        : { recommendationId: id };
    return new DomainError(error.code, `${name}: ${error.message}`, details);
  }

  private async answer(
    actor: Actor,
    id: string,
    dto: AddresseeAnswer & {
      addresseeCode?: string;
      addresseeId?: string;
      answeredByCode?: string;
    },
    channel: ResponseChannel,
    version: number | undefined,
  ): Promise<string> {
    const responseId = await inTransaction(this.dataSource, (m) =>
      this.answerIn(m, actor, id, dto, channel, version),
    );
    await this.resyncAfterCommit(id, 'an answer');
    return responseId;
  }

  /**
   * After a change to a letter has committed (an answer, a close, a new due time…): its queued
   * steps follow. The change is stored whatever happens here: a failure to reach the queue is
   * logged, not answered as an error (the user would make the change again, against a letter
   * that already has it), and the reconciliation (at start-up and every RECONCILE_EVERY_SECONDS)
   * adds, moves or removes the steps; a step that fires before that is decided on the stored
   * letter (an answered, closed or withdrawn one sends nothing, an early one is not due).
   */
  private async resyncAfterCommit(id: string, what: string): Promise<void> {
    await this.schedule.sync(id).catch((error: unknown) => {
      logger.warn(`Ladder of ${id} not resynced after ${what}: ${String(error)}`);
    });
  }

  /** An answer recorded in the caller's transaction; the caller resyncs the ladder after commit. */
  private async answerIn(
    m: EntityManager,
    actor: Actor,
    id: string,
    dto: AddresseeAnswer & {
      addresseeCode?: string;
      addresseeId?: string;
      answeredByCode?: string;
    },
    channel: ResponseChannel,
    version: number | undefined,
  ): Promise<string> {
    const r = await this.lockLetter(m, id, version);
    if (r.state !== 'SENT' && r.state !== 'ANSWERED')
      throw transitionNotAllowed(
        'RECOMMENDATION_TRANSITION_NOT_ALLOWED',
        `Không thể ghi nhận trả lời cho kiến nghị đang ở trạng thái ${r.state}.`,
        { from: r.state, command: 'respond', allowed: recommendationCommandsFrom(r.state) },
      );
    const a = await this.addresseeOf(
      m,
      r,
      dto.addresseeId ? { id: dto.addresseeId } : { code: dto.addresseeCode },
    );
    if (
      !addresseeStatusAfter('answer', a.row.status) ||
      (channel === 'ADDRESSEE_LINK' && a.row.status === 'ANSWERED')
    )
      throw transitionNotAllowed(
        'RECOMMENDATION_TRANSITION_NOT_ALLOWED',
        `${a.name} không còn phải trả lời kiến nghị này (${ADDRESSEE_STATUS_NAMES[a.row.status]}).`,
        { from: a.row.status, command: 'respond', addresseeCode: a.code },
      );
    const answeredBy = dto.answeredByCode
      ? (await this.agenciesByCode(m, [dto.answeredByCode], 'answeredByCode'))[0].id
      : await this.dutyHolder(m, a.row);
    const now = this.clock.now();
    const response = await m.save(
      m.create(RecommendationResponse, {
        recommendationId: r.id,
        addresseeAgencyId: a.row.agencyId,
        answeredByAgencyId: answeredBy,
        channel,
        cycle: r.cycle,
        documentNumber: dto.documentNumber,
        date: dto.date,
        summary: dto.summary,
        recordedById: actor.email === 'system' || channel === 'ADDRESSEE_LINK' ? null : actor.id,
        recordedAt: now,
      }),
    );
    if (a.row.status !== 'ANSWERED') await this.moveAddressee(m, actor, r, a, 'answer', now);
    // The letter as it stands, before and after (its own move, if any, is audited next as
    // recommendation.answered): what the history backfill reads.
    await this.audit.record(m, actor, {
      action: 'recommendation.respond',
      entityType: 'recommendation',
      entityId: r.id,
      before: plain(r),
      after: {
        ...plain(r),
        response: {
          id: response.id,
          addresseeCode: a.code,
          answeredBy,
          channel,
          documentNumber: dto.documentNumber,
          date: dto.date,
          summary: dto.summary,
        },
      },
    });
    await this.settleLetter(m, actor, r, now);
    await this.touch(m, r);
    return response.id;
  }

  /**
   * Closes an answered letter; or, earlier, a letter some of whose addressees have answered
   * (the secretariat judges that enough): those still owing are released, with the note.
   */
  close(actor: Actor, id: string, dto: CloseRecommendationDto): Promise<void> {
    return this.move(
      actor,
      id,
      'close',
      dto.version,
      async (r) => {
        r.closedAt = this.clock.now();
        return { note: dto.note ?? null };
      },
      async (r, m) => {
        if (r.state !== 'SENT') return;
        const rows = await m.find(RecommendationAddressee, { where: { recommendationId: r.id } });
        if (!rows.some((a) => a.status === 'ANSWERED')) return;
        const now = this.clock.now();
        for (const row of rows) {
          if (!owesAnswer(row.status)) continue;
          const a = await this.addresseeOf(m, r, { id: row.agencyId });
          a.row.releaseReason = `Kiến nghị được đóng khi cơ quan khác đã trả lời${dto.note ? `: ${dto.note}` : '.'}`;
          await this.moveAddressee(m, actor, r, a, 'release', now);
          await this.audit.record(m, actor, {
            action: 'recommendation.addressee.release',
            entityType: 'recommendation',
            entityId: r.id,
            before: { addresseeCode: a.code, status: 'AWAITING' },
            after: { addresseeCode: a.code, status: 'RELEASED', reason: a.row.releaseReason },
          });
        }
        await this.settleLetter(m, actor, r, now);
      },
    );
  }

  withdraw(actor: Actor, id: string, dto: WithdrawRecommendationDto): Promise<void> {
    return this.move(actor, id, 'withdraw', dto.version, async () => ({ reason: dto.reason }));
  }

  /** The answer was not enough: the clock restarts in a new cycle with a new due time. */
  reopen(actor: Actor, id: string, dto: ReopenRecommendationDto): Promise<void> {
    return this.move(actor, id, 'reopen', dto.version, async (r, m) => {
      const now = this.clock.now();
      const due = dto.responseDueAt ?? (await this.defaultDue(now));
      if (due <= now)
        throw invalid('responseDueAt', 'Hạn trả lời mới phải sau thời điểm hiện tại.');
      r.responseDueAt = due;
      r.cycle += 1;
      // Everyone whose answer was judged insufficient owes a new one, by the new due time.
      const addressees = await m.find(RecommendationAddressee, {
        where: { recommendationId: r.id },
        lock: { mode: 'pessimistic_write' },
      });
      for (const a of addressees) {
        if (a.status === 'RELEASED') continue;
        const from = a.status;
        Object.assign(a, { status: 'AWAITING', dueAt: null, statusChangedAt: now });
        await m.save(a);
        await recordAddresseeMove(
          m,
          { recommendationId: r.id, agencyId: a.agencyId, status: 'AWAITING' },
          { from, dueAt: due, cycle: r.cycle, at: now },
          actor,
        );
      }
      return { reason: dto.reason };
    });
  }

  /** Every state move of a letter: secretariat only, on the row read FOR UPDATE, audited, blockers kept in line. */
  private async move(
    actor: Actor,
    id: string,
    command: RecommendationCommand,
    version: number | undefined,
    apply: (r: Recommendation, m: EntityManager) => Promise<Record<string, unknown>>,
    /** What must happen before the move is judged (an early close settles the addressees). */
    prepare?: (r: Recommendation, m: EntityManager) => Promise<void>,
  ): Promise<void> {
    assertAllowed(actor, 'letters.record');
    // Locks: the letter, then its blockers in id order (syncEscalatedBlockers).
    await inTransaction(this.dataSource, async (m) => {
      const r = await this.lockLetter(m, id, version);
      await prepare?.(r, m);
      const next = recommendationStateAfter(command, r.state);
      if (!next) {
        throw transitionNotAllowed(
          'RECOMMENDATION_TRANSITION_NOT_ALLOWED',
          `Không thể ${COMMAND_NAMES[command]} kiến nghị đang ở trạng thái ${r.state}.`,
          { from: r.state, command, allowed: recommendationCommandsFrom(r.state) },
        );
      }
      const before = plain(r);
      const extra = await apply(r, m);
      r.state = next;
      await m.save(r);
      const now = this.clock.now();
      await recordLetterMove(m, r, before, now, actor);
      await this.audit.record(m, actor, {
        action: `recommendation.${command}`,
        entityType: 'recommendation',
        entityId: id,
        before,
        after: { ...plain(r), ...extra },
      });
      const links = await m.findBy(RecommendationBlocker, { recommendationId: id });
      await syncEscalatedBlockers(
        m,
        this.audit,
        actor,
        links.map((l) => l.blockerId),
        now,
      );
    });
    // The ladder follows the letter: scheduled when sent or reopened, removed when it moves on.
    await this.resyncAfterCommit(id, `the command ${command}`);
  }

  /** The letter, read FOR UPDATE (every write to it or its addressees locks it first). */
  private async lockLetter(
    m: EntityManager,
    id: string,
    version: number | undefined,
  ): Promise<Recommendation> {
    const r = await m.findOne(Recommendation, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!r) throw notFound('kiến nghị');
    assertVersion(r, version, 'Kiến nghị');
    return r;
  }

  /** A change to an addressee is a change to its letter: the version moves, so stale forms fail. */
  private async touch(m: EntityManager, r: Recommendation): Promise<void> {
    const [row] = (await m.query(
      `UPDATE recommendation SET version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
      [r.id],
    )) as { version: number }[];
    r.version = row.version;
  }

  /**
   * One addressee of the letter, by code or id, locked. Without either, the letter's only
   * addressee; a letter to several needs the code.
   */
  private async addresseeOf(
    m: EntityManager,
    r: Recommendation,
    which: { code?: string; id?: string },
  ): Promise<{ row: RecommendationAddressee; code: string; name: string }> {
    const rows: { agency_id: string; code: string; name: string }[] = await m.query(
      `SELECT ra.agency_id, a.code, a.name FROM recommendation_addressee ra JOIN agency a ON a.id = ra.agency_id
        WHERE ra.recommendation_id = $1 ORDER BY ra.position`,
      [r.id],
    );
    let found;
    if (which.id) found = rows.find((x) => x.agency_id === which.id);
    else if (which.code) {
      found = rows.find((x) => x.code === which.code);
      if (!found)
        throw invalid(
          'addresseeCode',
          `${which.code} không phải cơ quan nhận kiến nghị này (${rows.map((x) => x.code).join(', ')}).`,
        );
    } else if (rows.length === 1) found = rows[0];
    else
      throw invalid(
        'addresseeCode',
        `Kiến nghị gửi ${rows.length} cơ quan: cần addresseeCode, cơ quan trả lời (${rows.map((x) => x.code).join(', ')}).`,
      );
    if (!found) throw notFound('cơ quan nhận kiến nghị');
    const row = await m.findOne(RecommendationAddressee, {
      where: { recommendationId: r.id, agencyId: found.agency_id },
      lock: { mode: 'pessimistic_write' },
    });
    return { row: row!, code: found.code, name: found.name };
  }

  /** Moves an addressee's status by a command, with its history row. */
  private async moveAddressee(
    m: EntityManager,
    actor: Actor,
    r: Recommendation,
    a: { row: RecommendationAddressee; code: string; name: string },
    command: AddresseeCommand,
    now: Date,
  ): Promise<AddresseeStatus> {
    const from = a.row.status;
    const to = addresseeStatusAfter(command, from);
    if (!to || (command !== 'answer' && r.state !== 'SENT'))
      throw transitionNotAllowed(
        'RECOMMENDATION_TRANSITION_NOT_ALLOWED',
        `Không thể ${ADDRESSEE_COMMAND_NAMES[command]} cho ${a.name} (${ADDRESSEE_STATUS_NAMES[from]}; kiến nghị ${r.state}).`,
        { from, command, addresseeCode: a.code },
      );
    a.row.status = to;
    a.row.statusChangedAt = now;
    await m.save(a.row);
    if (to !== from)
      await recordAddresseeMove(
        m,
        { recommendationId: r.id, agencyId: a.row.agencyId, status: to },
        { from, dueAt: a.row.dueAt ?? r.responseDueAt, cycle: r.cycle, at: now },
        actor,
      );
    return to;
  }

  /** acknowledge/release: the letter locked, one addressee moved, audited, ladder resynced. */
  private async addresseeCommand(
    actor: Actor,
    id: string,
    which: { code?: string; id?: string },
    command: AddresseeCommand,
    version: number | undefined,
    apply: (a: RecommendationAddressee) => Record<string, unknown>,
  ): Promise<void> {
    await inTransaction(this.dataSource, async (m) => {
      const r = await this.lockLetter(m, id, version);
      const a = await this.addresseeOf(m, r, which);
      const before = { addresseeCode: a.code, status: a.row.status };
      const extra = apply(a.row);
      const now = this.clock.now();
      await this.moveAddressee(m, actor, r, a, command, now);
      await this.audit.record(m, actor, {
        action: `recommendation.addressee.${command}`,
        entityType: 'recommendation',
        entityId: r.id,
        before,
        after: { addresseeCode: a.code, status: a.row.status, ...extra },
      });
      await this.settleLetter(m, actor, r, now);
      await this.touch(m, r);
    });
    await this.resyncAfterCommit(id, `the addressee command ${command}`);
  }

  /** A SENT letter none of whose addressees owes an answer any more is ANSWERED. */
  private async settleLetter(
    m: EntityManager,
    actor: Actor,
    r: Recommendation,
    now: Date,
  ): Promise<void> {
    if (r.state !== 'SENT') return;
    const statuses = (
      await m.find(RecommendationAddressee, {
        select: { status: true },
        where: { recommendationId: r.id },
      })
    ).map((a) => a.status);
    if (!letterAnswered(statuses)) return;
    const before = plain(r);
    r.state = 'ANSWERED';
    await m.save(r);
    await recordLetterMove(m, r, before, now, actor);
    await this.audit.record(m, actor, {
      action: 'recommendation.answered',
      entityType: 'recommendation',
      entityId: r.id,
      before,
      after: plain(r),
    });
    const links = await m.findBy(RecommendationBlocker, { recommendationId: r.id });
    await syncEscalatedBlockers(
      m,
      this.audit,
      actor,
      links.map((l) => l.blockerId),
      now,
    );
  }

  /** Who holds the addressee's duty today (the secretariat's choice, then succession): the one that answers. */
  private async dutyHolder(m: EntityManager, a: RecommendationAddressee): Promise<string> {
    const byFrom = indexSteps(await loadSuccessionSteps(m));
    const holder = holderOn(
      a.holderAgencyId ?? a.agencyId,
      localDay(this.clock.now()),
      byFrom,
      'DUTY',
    );
    return holder.status === 'HELD_BY' ? holder.agency : a.agencyId;
  }

  private async agenciesByCode(
    m: EntityManager,
    codes: string[],
    field: string,
  ): Promise<Agency[]> {
    if (codes.length === 0) return [];
    const found = await m.findBy(Agency, { code: In(codes) });
    const unknown = codes.filter((c) => !found.some((a) => a.code === c));
    if (unknown.length) throw invalid(field, `Không có cơ quan với mã: ${unknown.join(', ')}.`);
    return codes.map((c) => found.find((a) => a.code === c)!);
  }

  /** The named blockers, locked (in id order) and still open. */
  private async openBlockers(m: EntityManager, ids: string[]): Promise<Blocker[]> {
    const found = await lockBlockers(m, ids);
    const missing = ids.filter((id) => !found.some((b) => b.id === id));
    if (missing.length)
      throw invalid('blockerIds', `Không tìm thấy vướng mắc: ${missing.join(', ')}.`);
    const closed = found.filter((b) => !isOpenBlocker(b.state));
    if (closed.length)
      throw invalid(
        'blockerIds',
        `Vướng mắc đã giải quyết hoặc đã rút không thể đưa vào kiến nghị: ${closed.map((b) => b.title).join('; ')}.`,
      );
    return found;
  }

  private async assertOwnBlockers(
    m: EntityManager,
    actor: Actor,
    blockers: Blocker[],
  ): Promise<void> {
    for (const b of blockers) {
      const own = b.pilotId !== null && (await agencyLeadsPilot(m, b.pilotId, actor.agencyId!));
      if (!own)
        throw forbidden(`Vướng mắc "${b.title}" không thuộc mô hình do đơn vị của bạn chủ trì.`, {
          blockerId: b.id,
        });
    }
  }
}

function plain(r: Recommendation) {
  return {
    state: r.state,
    documentNumber: r.documentNumber,
    letterDate: r.letterDate,
    sentAt: r.sentAt,
    responseDueAt: r.responseDueAt,
    cycle: r.cycle,
    summary: r.summary,
    version: r.version,
  };
}
