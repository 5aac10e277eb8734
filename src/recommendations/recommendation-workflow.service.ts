import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Agency } from '../agencies/agency.entity.js';
import { assertAgenciesExistOn } from '../agencies/succession/current-agencies.js';
import { AuditService } from '../audit/audit.service.js';
import { assertAllowed, type Actor } from '../access/actor.js';
import { Blocker } from '../blockers/blocker.entity.js';
import { lockBlockers, syncEscalatedBlockers } from '../blockers/blocker-workflow.service.js';
import { isOpenBlocker } from '../blockers/domain/blocker-enums.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { Clock } from '../common/clock.js';
import { assertVersion } from '../common/concurrency.js';
import { localDay } from '../common/domain/local-time.js';
import { fieldError, forbidden, notFound, transitionNotAllowed } from '../common/domain-error.js';
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
import { RecommendationBlocker } from './recommendation-blocker.entity.js';
import { RecommendationDistribution } from './recommendation-distribution.entity.js';
import type {
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
      await syncEscalatedBlockers(m, this.audit, actor, blockerIds, now);
      return recommendation.id;
    };
    const id = within ? await write(within) : await inTransaction(this.dataSource, write);
    if (sent) await this.schedule.scheduleNew([id]);
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
      return {};
    });
  }

  respond(actor: Actor, id: string, dto: RecordResponseDto): Promise<void> {
    return this.move(actor, id, 'respond', dto.version, async (r, m) => {
      const response = await m.save(
        m.create(RecommendationResponse, {
          recommendationId: r.id,
          documentNumber: dto.documentNumber,
          date: dto.date,
          summary: dto.summary,
          recordedById: actor.id,
          recordedAt: this.clock.now(),
        }),
      );
      return {
        response: {
          id: response.id,
          documentNumber: dto.documentNumber,
          date: dto.date,
          summary: dto.summary,
        },
      };
    });
  }

  close(actor: Actor, id: string, dto: CloseRecommendationDto): Promise<void> {
    return this.move(actor, id, 'close', dto.version, async (r) => {
      r.closedAt = this.clock.now();
      return { note: dto.note ?? null };
    });
  }

  withdraw(actor: Actor, id: string, dto: WithdrawRecommendationDto): Promise<void> {
    return this.move(actor, id, 'withdraw', dto.version, async () => ({ reason: dto.reason }));
  }

  /** The answer was not enough: the clock restarts in a new cycle with a new due time. */
  reopen(actor: Actor, id: string, dto: ReopenRecommendationDto): Promise<void> {
    return this.move(actor, id, 'reopen', dto.version, async (r) => {
      const now = this.clock.now();
      const due = dto.responseDueAt ?? (await this.defaultDue(now));
      if (due <= now)
        throw invalid('responseDueAt', 'Hạn trả lời mới phải sau thời điểm hiện tại.');
      r.responseDueAt = due;
      r.cycle += 1;
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
  ): Promise<void> {
    assertAllowed(actor, 'letters.record');
    // Locks: the letter, then its blockers in id order (syncEscalatedBlockers).
    await inTransaction(this.dataSource, async (m) => {
      const r = await m.findOne(Recommendation, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!r) throw notFound('kiến nghị');
      assertVersion(r, version, 'Kiến nghị');
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
    await this.schedule.sync(id);
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
