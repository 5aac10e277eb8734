import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertAllowed, type Actor } from '../access/actor.js';
import { can } from '../access/domain/permissions.js';
import { agencyExistsOnSql } from '../agencies/domain/succession.js';
import { AuditService } from '../audit/audit.service.js';
import { lockBlockers } from '../blockers/blocker-workflow.service.js';
import { Blocker } from '../blockers/blocker.entity.js';
import { isOpenBlocker } from '../blockers/domain/blocker-enums.js';
import { Clock } from '../common/clock.js';
import { assertVersion } from '../common/concurrency.js';
import { localDay, vnDate } from '../common/domain/local-time.js';
import { conflict, fieldError, forbidden, notFound } from '../common/domain-error.js';
import { inTransaction } from '../common/transaction-retry.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Outbox, type OutgoingNotification } from '../notifications/outbox.js';
import { assertCanWritePilot } from '../pilots/pilot-access.js';
import { Pilot } from '../pilots/pilot.entity.js';
import { RecommendationWorkflowService } from '../recommendations/recommendation-workflow.service.js';
import { mailableUserSql } from '../users/mailable.js';
import {
  draftSummary,
  letterRequestCommandRefusal,
  letterRequestStateAfter,
  LETTER_REQUEST_COMMANDS,
  type LetterRequestCommand,
} from './domain/letter-request-lifecycle.js';
import { renderLetterRequestMail } from './letter-request-mail.js';
import type {
  CreateLetterRequestDto,
  DeclineLetterRequestDto,
  DraftFromLetterRequestDto,
  WithdrawLetterRequestDto,
} from './letter-request.dto.js';
import { LetterRequest } from './letter-request.entity.js';

const COMMAND_NAMES: Record<LetterRequestCommand, string> = {
  draft: 'soạn dự thảo kiến nghị từ',
  decline: 'từ chối',
  withdraw: 'rút',
};

/** 400 for one field, said the same way in the message and in the field's problems. */
const invalid = (field: string, message: string) => fieldError(field, message, message);

interface DayAgency {
  id: string;
  code: string;
  name: string;
  exists_today: boolean;
  valid_until: string | null;
}

/**
 * Letter requests (issue 12, item 6): an officer files one for a CENTRAL blocker of a pilot
 * their agency leads (the secretariat may too), which mails the secretariat; the secretariat
 * turns it into a draft letter through the letters' own workflow, or declines it; its author
 * may withdraw it. Every step is audited on the blocker (`letterRequest.*`).
 */
@Injectable()
export class LetterRequestWorkflowService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
    private readonly letters: RecommendationWorkflowService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async file(actor: Actor, dto: CreateLetterRequestDto): Promise<string> {
    assertAllowed(actor, 'letterRequests.file');
    const { id, mails } = await inTransaction(this.dataSource, async (m) => {
      // Locked: the blocker stays open and CENTRAL until the request is written, and two
      // requests for it are written one after the other (one open per blocker and agency).
      const blocker = await m.findOne(Blocker, {
        where: { id: dto.blockerId },
        lock: { mode: 'for_no_key_update' },
      });
      if (!blocker) throw invalid('blockerId', 'Không tìm thấy vướng mắc này.');
      const pilot = blocker.pilotId
        ? await m.findOneByOrFail(Pilot, { id: blocker.pilotId })
        : null;
      if (pilot) await assertCanWritePilot(m, actor, pilot);
      else if (!can(actor.role, 'blockers.writeCrossCutting'))
        throw forbidden('Chỉ thư ký Tổ công tác được đề nghị kiến nghị cho vướng mắc chung.', {
          blockerId: blocker.id,
        });
      if (blocker.authority !== 'CENTRAL')
        throw invalid(
          'blockerId',
          'Chỉ đề nghị gửi kiến nghị cho vướng mắc vượt thẩm quyền của tỉnh (thẩm quyền Trung ương).',
        );
      if (!isOpenBlocker(blocker.state))
        throw invalid('blockerId', 'Vướng mắc đã giải quyết hoặc đã rút: không cần kiến nghị.');
      const agency = await this.agencyToday(m, dto.addresseeCode);
      if (!agency) throw invalid('addresseeCode', `Không có cơ quan với mã ${dto.addresseeCode}.`);
      if (!agency.exists_today)
        throw invalid(
          'addresseeCode',
          agency.valid_until
            ? `${agency.name} không còn tồn tại từ ngày ${vnDate(agency.valid_until)}: hãy chọn cơ quan đang đảm nhận nhiệm vụ.`
            : `${agency.name} chưa tồn tại: hãy chọn cơ quan đang đảm nhận nhiệm vụ.`,
        );
      const waiting = await m.findOneBy(LetterRequest, {
        blockerId: blocker.id,
        agencyId: agency.id,
        state: 'OPEN',
      });
      if (waiting)
        throw conflict(
          `Đã có đề nghị gửi kiến nghị đến ${agency.name} cho vướng mắc này đang chờ Tổ công tác xử lý.`,
          { letterRequestId: waiting.id },
        );
      const request = await m.save(
        m.create(LetterRequest, {
          blockerId: blocker.id,
          agencyId: agency.id,
          question: dto.question,
          impact: dto.impact,
          state: 'OPEN',
          requestingAgencyId: actor.role === 'AGENCY_OFFICER' ? actor.agencyId : null,
          requestedById: actor.id,
          // The queue's age counts from here, on the service's clock.
          createdAt: this.clock.now(),
        }),
      );
      await this.audit.record(m, actor, {
        action: 'letterRequest.file',
        entityType: 'blocker',
        entityId: blocker.id,
        after: { letterRequestId: request.id, ...plain(request), addresseeCode: agency.code },
      });
      const mails = await this.outbox.write(
        m,
        await this.secretariatMails(m, actor, request, { blocker, pilot, agency }),
      );
      return { id: request.id, mails };
    });
    await this.outbox.dispatch(mails);
    return id;
  }

  /** The draft letter: addressed to the requested agency, about the blocker; the link is kept. */
  async draft(actor: Actor, id: string, dto: DraftFromLetterRequestDto): Promise<string> {
    assertAllowed(actor, 'letterRequests.handle');
    let letterId = '';
    await inTransaction(this.dataSource, async (m) => {
      // Locks in the order filing takes them: the blocker, then the request.
      const found = await m.findOneBy(LetterRequest, { id });
      if (!found) throw notFound('đề nghị gửi kiến nghị');
      await lockBlockers(m, [found.blockerId]);
      const request = await this.moving(m, actor, id, 'draft', dto.version);
      const agency = (await m.query(
        `SELECT a.code, a.name, ${agencyExistsOnSql('a', '$2::date')} AS exists_today FROM agency a WHERE a.id = $1`,
        [request.agencyId, localDay(this.clock.now())],
      )) as { code: string; name: string; exists_today: boolean }[];
      if (!agency[0].exists_today)
        throw conflict(
          `${agency[0].name} không còn tồn tại: hãy từ chối đề nghị này và soạn kiến nghị gửi cơ quan đang đảm nhận nhiệm vụ.`,
          { addresseeCode: agency[0].code },
        );
      const before = plain(request);
      letterId = await this.letters.create(
        actor,
        {
          blockerIds: [request.blockerId],
          addresseeCodes: [agency[0].code],
          summary: dto.summary ?? draftSummary(request),
        },
        m,
      );
      request.recommendationId = letterId;
      await this.close(m, actor, request, 'draft', null, before);
    });
    return letterId;
  }

  async decline(actor: Actor, id: string, dto: DeclineLetterRequestDto): Promise<void> {
    assertAllowed(actor, 'letterRequests.handle');
    await inTransaction(this.dataSource, async (m) => {
      const request = await this.moving(m, actor, id, 'decline', dto.version);
      await this.close(m, actor, request, 'decline', dto.reason, plain(request));
    });
  }

  async withdraw(actor: Actor, id: string, dto: WithdrawLetterRequestDto): Promise<void> {
    await inTransaction(this.dataSource, async (m) => {
      const request = await this.moving(m, actor, id, 'withdraw', dto.version);
      await this.close(m, actor, request, 'withdraw', dto.reason ?? null, plain(request));
    });
  }

  /** The request read FOR UPDATE, that `actor` may move by `command` from where it is. */
  private async moving(
    m: EntityManager,
    actor: Actor,
    id: string,
    command: LetterRequestCommand,
    version: number | undefined,
  ): Promise<LetterRequest> {
    const request = await m.findOne(LetterRequest, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!request) throw notFound('đề nghị gửi kiến nghị');
    if (letterRequestCommandRefusal(command, actor, request) === 'author-only')
      throw forbidden('Chỉ người đã gửi đề nghị được rút đề nghị.', { letterRequestId: id });
    assertVersion(request, version, 'Đề nghị gửi kiến nghị');
    if (!letterRequestStateAfter(command, request.state))
      throw conflict(
        `Không thể ${COMMAND_NAMES[command]} đề nghị đang ở trạng thái ${request.state}.`,
        {
          reason: 'LETTER_REQUEST_TRANSITION_NOT_ALLOWED',
          from: request.state,
          command,
          allowed: LETTER_REQUEST_COMMANDS.filter((c) => letterRequestStateAfter(c, request.state)),
        },
      );
    return request;
  }

  private async close(
    m: EntityManager,
    actor: Actor,
    request: LetterRequest,
    command: LetterRequestCommand,
    reason: string | null,
    before: ReturnType<typeof plain>,
  ): Promise<void> {
    Object.assign(request, {
      state: letterRequestStateAfter(command, request.state)!,
      closingReason: reason,
      closedAt: this.clock.now(),
      closedById: actor.id,
    });
    await m.save(request);
    await this.audit.record(m, actor, {
      action: `letterRequest.${command}`,
      entityType: 'blocker',
      entityId: request.blockerId,
      before: { letterRequestId: request.id, ...before },
      after: { letterRequestId: request.id, ...plain(request) },
    });
  }

  /** The agency by code, and whether it exists today (its validity interval). */
  private async agencyToday(m: EntityManager, code: string): Promise<DayAgency | undefined> {
    const [row] = (await m.query(
      `SELECT a.id, a.code, a.name, to_char(a.valid_until, 'YYYY-MM-DD') AS valid_until,
              ${agencyExistsOnSql('a', '$2::date')} AS exists_today
         FROM agency a WHERE a.code = $1`,
      [code, localDay(this.clock.now())],
    )) as DayAgency[];
    return row;
  }

  /** One mail per active secretariat account (not the one who asked), keyed by request and address. */
  private async secretariatMails(
    m: EntityManager,
    actor: Actor,
    request: LetterRequest,
    about: { blocker: Blocker; pilot: Pilot | null; agency: DayAgency },
  ): Promise<OutgoingNotification[]> {
    const users: { id: string; email: string; name: string }[] = await m.query(
      `SELECT u.id, u.email, u.name FROM app_user u
        WHERE u.role = 'SECRETARIAT' AND u.id <> $1 AND ${mailableUserSql('u', this.config)}
        ORDER BY u.email`,
      [actor.id],
    );
    if (users.length === 0) return [];
    const [requester] = (await m.query(
      `SELECT u.name, a.name AS agency_name FROM app_user u LEFT JOIN agency a ON a.id = $2
        WHERE u.id = $1`,
      [actor.id, request.requestingAgencyId],
    )) as { name: string; agency_name: string | null }[];
    return users.map((u): OutgoingNotification => {
      const mail = renderLetterRequestMail({
        recipientLabel: u.name,
        requesterName: requester?.name ?? actor.name,
        requestingAgencyName: requester?.agency_name ?? null,
        addresseeName: about.agency.name,
        pilot: about.pilot && { number: about.pilot.number, name: about.pilot.name },
        topic: about.blocker.topic,
        blockerTitle: about.blocker.title,
        question: request.question,
        impact: request.impact,
      });
      return {
        idempotencyKey: `letter-request:${request.id}:${u.email.toLowerCase()}`,
        kind: 'LETTER_REQUEST',
        recipientEmail: u.email,
        recipientUserId: u.id,
        subject: mail.subject,
        bodyText: mail.text,
        bodyHtml: mail.html,
      };
    });
  }
}

function plain(r: LetterRequest) {
  return {
    state: r.state,
    question: r.question,
    impact: r.impact,
    recommendationId: r.recommendationId,
    closingReason: r.closingReason,
    version: r.version,
  };
}
