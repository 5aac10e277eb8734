import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { assertAllowed, type Actor } from '../access/actor.js';
import { holderOn, indexSteps } from '../agencies/domain/succession.js';
import { loadSuccessionSteps } from '../agencies/succession/succession-steps.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { DAY_MS, localDay } from '../common/domain/local-time.js';
import { conflict, notFound, versionConflict } from '../common/domain-error.js';
import { inTransaction } from '../common/transaction-retry.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Outbox } from '../notifications/outbox.js';
import { owesAnswer, type AddresseeStatus } from '../recommendations/domain/addressee-status.js';
import { renderAnswerLinkMail } from './answer-link-mail.js';
import {
  ANSWER_PATH,
  answerLinkKey,
  signAnswerLink,
  verifyAnswerLink,
} from './answer-link-token.js';

/** The setting (table `setting`) holding how long a new link is valid: `{ "days": 60 }`. */
export const ANSWER_LINK_DAYS_KEY = 'answerLinks.validDays';
export const DEFAULT_ANSWER_LINK_DAYS = 60;

export interface IssuedLink {
  url: string;
  linkId: string;
  expiresAt: Date;
}

/** Where a link stands, for the secretariat. */
export type AnswerLinkState = 'LIVE' | 'EXPIRED' | 'REVOKED' | 'ANSWERED';

export interface AnswerLinkRow {
  id: string;
  recommendationId: string;
  agencyId: string;
  addresseeCode: string;
  addresseeName: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  answeredAt: Date | null;
  /** Who sent it on demand; null: issued with a reminder. */
  issuedByName: string | null;
  revokedByName: string | null;
  state: AnswerLinkState;
}

/** Why a link does not open its page. */
export type LinkRefusal =
  /** Not a token the service signed (or its link is gone). */
  | 'FORGED'
  | 'EXPIRED'
  | 'REVOKED'
  /** An answer has been recorded through this link already. */
  | 'USED'
  /** The addressee no longer owes an answer (answered another way, released, letter closed…). */
  | 'NOT_OWED';

/** A valid link, with what its page shows. */
export interface OpenLink {
  linkId: string;
  recommendationId: string;
  agencyId: string;
  expiresAt: Date;
  letter: {
    documentNumber: string | null;
    letterDate: string | null;
    summary: string;
    state: string;
    sentAt: Date | null;
    senderName: string | null;
  };
  addressee: {
    code: string;
    name: string;
    status: AddresseeStatus;
    dueAt: Date | null;
    handledBy: string | null;
  };
  blockers: {
    title: string;
    pilotNumber: number | null;
    pilotName: string | null;
    topic: string | null;
  }[];
}

export type ResolvedLink = { ok: true; link: OpenLink } | { ok: false; refusal: LinkRefusal };

interface LinkDbRow {
  id: string;
  recommendation_id: string;
  agency_id: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
  answered_at: Date | null;
}

/**
 * Personal answer links (issue 12, item 2; product.md §4): one letter and one addressee (as the
 * letter names it), signed, expiring (setting `answerLinks.validDays`, default 60 days),
 * revocable by the secretariat; an answer recorded through one marks it used. Reminders to an
 * addressee's focal points carry one (`issue`, called inside the firing's transaction); the
 * secretariat can also mail one on demand.
 */
@Injectable()
export class AnswerLinks {
  private readonly key: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.key = answerLinkKey(config.jwtSecret);
  }

  /** The link's id when the token is genuine (signature checked, link not read); else null. */
  linkIdOf(token: unknown): string | null {
    return verifyAnswerLink(this.key, token);
  }

  /** The page's address for a link. */
  urlOf(linkId: string): string {
    return `${this.config.appUrl}${ANSWER_PATH}/${signAnswerLink(this.key, linkId)}`;
  }

  /**
   * A link for the addressee `agencyId` of the letter, on `m` (the caller's transaction): the live
   * one (not revoked, not used, not expired) when more than half its life is left, else a new
   * one. One query when a link is reused, three when one is made. `issuedBy`: the user who sent
   * it; null when a reminder carries it.
   */
  async issue(
    m: EntityManager,
    recommendationId: string,
    agencyId: string,
    issuedBy: string | null,
  ): Promise<IssuedLink> {
    const now = this.clock.now();
    const [live] = (await m.query(
      `SELECT id, expires_at FROM answer_link
        WHERE recommendation_id = $1 AND agency_id = $2
          AND revoked_at IS NULL AND answered_at IS NULL
          AND expires_at - $3::timestamptz > (expires_at - created_at) / 2
        ORDER BY expires_at DESC LIMIT 1`,
      [recommendationId, agencyId, now],
    )) as { id: string; expires_at: Date }[];
    if (live) return { linkId: live.id, url: this.urlOf(live.id), expiresAt: live.expires_at };
    const days = await this.validDays(m);
    const expiresAt = new Date(now.getTime() + days * DAY_MS);
    const [made] = (await m.query(
      `INSERT INTO answer_link (recommendation_id, agency_id, created_at, expires_at, issued_by_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [recommendationId, agencyId, now, expiresAt, issuedBy],
    )) as { id: string }[];
    return { linkId: made.id, url: this.urlOf(made.id), expiresAt };
  }

  /**
   * The escalation's AnswerLinkIssuer (src/escalation/answer-link-issuer.ts): the reminders'
   * links for a batch of addressees, issued or reused on the firing's transaction as issue()
   * does for one — one query when every link is reused, three when some are made.
   */
  async urlsFor(
    m: EntityManager,
    addressees: { recommendationId: string; agencyId: string }[],
  ): Promise<Map<string, string>> {
    const urls = new Map<string, string>();
    const key = (r: string, a: string) => `${r}:${a}`;
    const wanted = [
      ...new Map(addressees.map((a) => [key(a.recommendationId, a.agencyId), a])).values(),
    ];
    if (wanted.length === 0) return urls;
    const now = this.clock.now();
    const pairs = [wanted.map((a) => a.recommendationId), wanted.map((a) => a.agencyId)];
    const live = (await m.query(
      `SELECT DISTINCT ON (l.recommendation_id, l.agency_id) l.recommendation_id, l.agency_id, l.id
         FROM answer_link l JOIN unnest($1::uuid[], $2::uuid[]) AS w(r, a)
           ON l.recommendation_id = w.r AND l.agency_id = w.a
        WHERE l.revoked_at IS NULL AND l.answered_at IS NULL
          AND l.expires_at - $3::timestamptz > (l.expires_at - l.created_at) / 2
        ORDER BY l.recommendation_id, l.agency_id, l.expires_at DESC`,
      [...pairs, now],
    )) as { recommendation_id: string; agency_id: string; id: string }[];
    for (const l of live) urls.set(key(l.recommendation_id, l.agency_id), this.urlOf(l.id));
    const missing = wanted.filter((a) => !urls.has(key(a.recommendationId, a.agencyId)));
    if (missing.length === 0) return urls;
    const expiresAt = new Date(now.getTime() + (await this.validDays(m)) * DAY_MS);
    const made = (await m.query(
      `INSERT INTO answer_link (recommendation_id, agency_id, created_at, expires_at, issued_by_id)
       SELECT r, a, $3, $4, NULL FROM unnest($1::uuid[], $2::uuid[]) AS w(r, a)
       RETURNING recommendation_id, agency_id, id`,
      [missing.map((a) => a.recommendationId), missing.map((a) => a.agencyId), now, expiresAt],
    )) as { recommendation_id: string; agency_id: string; id: string }[];
    for (const l of made) urls.set(key(l.recommendation_id, l.agency_id), this.urlOf(l.id));
    return urls;
  }

  /** How many days a new link is valid (setting `answerLinks.validDays`, default 60). */
  async validDays(m: EntityManager = this.dataSource.manager): Promise<number> {
    const [row] = (await m.query(`SELECT value FROM setting WHERE key = $1`, [
      ANSWER_LINK_DAYS_KEY,
    ])) as { value: { days?: unknown } | null }[];
    const days = row?.value?.days;
    return typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 365
      ? days
      : DEFAULT_ANSWER_LINK_DAYS;
  }

  /** The validity of new links and the setting's version (0: the default). */
  async settings(actor: Actor): Promise<{ validDays: number; version: number }> {
    assertAllowed(actor, 'letters.record');
    const [row] = (await this.dataSource.query(`SELECT version FROM setting WHERE key = $1`, [
      ANSWER_LINK_DAYS_KEY,
    ])) as { version: number }[];
    return { validDays: await this.validDays(), version: row?.version ?? 0 };
  }

  /** Sets how long new links are valid (secretariat, audited); links already made keep theirs. */
  async replaceSettings(
    actor: Actor,
    validDays: number,
    version: number,
  ): Promise<{ validDays: number; version: number }> {
    assertAllowed(actor, 'policy.edit');
    return inTransaction(this.dataSource, async (m) => {
      const [row] = (await m.query(`SELECT version FROM setting WHERE key = $1 FOR UPDATE`, [
        ANSWER_LINK_DAYS_KEY,
      ])) as { version: number }[];
      const current = row?.version ?? 0;
      if (version !== current)
        throw versionConflict(
          'Thời hạn liên kết trả lời vừa được người khác cập nhật trong lúc bạn đang sửa. Vui lòng xem nội dung mới nhất rồi thử lại.',
          current,
          version,
        );
      const before = { validDays: await this.validDays(m) };
      const [saved] = (await m.query(
        `INSERT INTO setting (key, value, updated_by_id, version, updated_at)
         VALUES ($1, $2::jsonb, $3, 1, now())
         ON CONFLICT (key) DO UPDATE
           SET value = EXCLUDED.value, updated_by_id = EXCLUDED.updated_by_id,
               version = setting.version + 1, updated_at = now()
         RETURNING version`,
        [ANSWER_LINK_DAYS_KEY, JSON.stringify({ days: validDays }), actor.id],
      )) as { version: number }[];
      await this.audit.record(m, actor, {
        action: 'answerLinks.validDays',
        entityType: 'policy',
        entityId: ANSWER_LINK_DAYS_KEY,
        before,
        after: { validDays },
      });
      return { validDays, version: saved.version };
    });
  }

  /** The links of a letter, newest first: ids and dates only, never a token (secretariat). */
  async list(actor: Actor, recommendationId: string): Promise<AnswerLinkRow[]> {
    assertAllowed(actor, 'letters.record');
    const m = this.dataSource.manager;
    await this.assertLetter(m, recommendationId);
    return this.rows(m, `l.recommendation_id = $1`, [recommendationId]);
  }

  async get(actor: Actor, linkId: string): Promise<AnswerLinkRow> {
    assertAllowed(actor, 'letters.record');
    const [row] = await this.rows(this.dataSource.manager, `l.id = $1`, [linkId]);
    if (!row) throw notFound('liên kết trả lời', { id: linkId });
    return row;
  }

  /** The link no longer opens its page (secretariat); revoking a revoked link changes nothing. */
  async revoke(actor: Actor, linkId: string): Promise<AnswerLinkRow> {
    assertAllowed(actor, 'letters.record');
    await inTransaction(this.dataSource, async (m) => {
      const [link] = (await m.query(
        `SELECT id, recommendation_id, revoked_at FROM answer_link WHERE id = $1 FOR UPDATE`,
        [linkId],
      )) as { id: string; recommendation_id: string; revoked_at: Date | null }[];
      if (!link) throw notFound('liên kết trả lời', { id: linkId });
      if (link.revoked_at) return;
      const now = this.clock.now();
      await m.query(`UPDATE answer_link SET revoked_at = $2, revoked_by_id = $3 WHERE id = $1`, [
        linkId,
        now,
        actor.id,
      ]);
      await this.audit.record(m, actor, {
        action: 'recommendation.answerLink.revoke',
        entityType: 'recommendation',
        entityId: link.recommendation_id,
        after: { linkId, revokedAt: now.toISOString() },
      });
    });
    return this.get(actor, linkId);
  }

  /**
   * Mails the addressee's link now (secretariat): to the focal points of whoever holds its duty
   * today. The live link is reused as `issue` does. Refused (409) when the addressee no longer
   * owes an answer, when a split left its duty undecided, or when no focal point has an address.
   */
  async sendOnDemand(
    actor: Actor,
    recommendationId: string,
    addresseeCode: string,
  ): Promise<{ linkId: string; expiresAt: Date; recipients: string[] }> {
    assertAllowed(actor, 'letters.record');
    const { result, mails } = await inTransaction(this.dataSource, async (m) => {
      const letter = await this.assertLetter(m, recommendationId);
      const [a] = (await m.query(
        `SELECT ra.agency_id, ra.holder_agency_id, ra.status, ag.code, ag.name,
                coalesce(ra.due_at, r.response_due_at) AS due_at
           FROM recommendation_addressee ra
           JOIN agency ag ON ag.id = ra.agency_id
           JOIN recommendation r ON r.id = ra.recommendation_id
          WHERE ra.recommendation_id = $1 AND ag.code = $2`,
        [recommendationId, addresseeCode],
      )) as {
        agency_id: string;
        holder_agency_id: string | null;
        status: AddresseeStatus;
        code: string;
        name: string;
        due_at: Date | null;
      }[];
      if (!a) throw notFound(`cơ quan ${addresseeCode} trong số cơ quan nhận kiến nghị này`);
      if (letter.state !== 'SENT' || !owesAnswer(a.status))
        throw conflict(
          `${a.name} không còn phải trả lời kiến nghị này: không gửi liên kết trả lời.`,
          { addresseeCode: a.code, status: a.status, letterState: letter.state },
        );
      const now = this.clock.now();
      const day = localDay(now);
      const holder = holderOn(
        a.holder_agency_id ?? a.agency_id,
        day,
        indexSteps(await loadSuccessionSteps(m)),
        'DUTY',
      );
      if (holder.status !== 'HELD_BY')
        throw conflict(
          `Nhiệm vụ của ${a.name} đã chia cho nhiều cơ quan: hãy chọn cơ quan đảm nhận trước khi gửi liên kết.`,
          { addresseeCode: a.code },
        );
      const [h] = (await m.query(`SELECT name, contact_emails FROM agency WHERE id = $1`, [
        holder.agency,
      ])) as { name: string; contact_emails: string[] }[];
      if (h.contact_emails.length === 0)
        throw conflict(
          `${h.name} chưa có email đầu mối: hãy bổ sung trong danh mục cơ quan rồi gửi lại.`,
          { addresseeCode: a.code },
        );
      const link = await this.issue(m, recommendationId, a.agency_id, actor.id);
      const mail = renderAnswerLinkMail({
        recipientLabel: h.name,
        addresseeName: a.name,
        holderName: h.name === a.name ? null : h.name,
        documentNumber: letter.document_number,
        letterDate: letter.letter_date,
        summary: letter.summary,
        dueAt: a.due_at,
        url: link.url,
        expiresAt: link.expiresAt,
      });
      // Each request is a mail of its own (the clock may stand still; the key must not repeat).
      const stamp = randomUUID();
      const written = await this.outbox.write(
        m,
        h.contact_emails.map((email) => ({
          idempotencyKey: `answer-link:${link.linkId}:${email.toLowerCase()}:${stamp}`,
          kind: 'ANSWER_LINK' as const,
          recipientEmail: email,
          subject: mail.subject,
          bodyText: mail.text,
          bodyHtml: mail.html,
        })),
      );
      await this.audit.record(m, actor, {
        action: 'recommendation.answerLink.send',
        entityType: 'recommendation',
        entityId: recommendationId,
        after: {
          linkId: link.linkId,
          addresseeCode: a.code,
          expiresAt: link.expiresAt.toISOString(),
          recipients: h.contact_emails,
        },
      });
      return {
        result: { linkId: link.linkId, expiresAt: link.expiresAt, recipients: h.contact_emails },
        mails: written,
      };
    });
    await this.outbox.dispatch(mails);
    return result;
  }

  /**
   * What a token opens: the link, its letter and addressee — or why it opens nothing. Reads
   * only; a refused link is never touched.
   */
  async resolve(token: unknown): Promise<ResolvedLink> {
    const linkId = verifyAnswerLink(this.key, token);
    if (!linkId) return { ok: false, refusal: 'FORGED' };
    const m = this.dataSource.manager;
    const [row] = (await m.query(
      `SELECT l.id, l.recommendation_id, l.agency_id, l.created_at, l.expires_at, l.revoked_at,
              l.last_used_at, l.answered_at,
              r.document_number, to_char(r.letter_date, 'YYYY-MM-DD') AS letter_date, r.summary,
              r.state, r.sent_at, s.name AS sender_name,
              ag.code, ag.name, ra.status, coalesce(ra.due_at, r.response_due_at) AS due_at,
              ra.handled_by
         FROM answer_link l
         JOIN recommendation r ON r.id = l.recommendation_id
         JOIN recommendation_addressee ra
           ON ra.recommendation_id = l.recommendation_id AND ra.agency_id = l.agency_id
         JOIN agency ag ON ag.id = l.agency_id
         LEFT JOIN agency s ON s.id = r.sender_agency_id
        WHERE l.id = $1`,
      [linkId],
    )) as (LinkDbRow & {
      document_number: string | null;
      letter_date: string | null;
      summary: string;
      state: string;
      sent_at: Date | null;
      sender_name: string | null;
      code: string;
      name: string;
      status: AddresseeStatus;
      due_at: Date | null;
      handled_by: string | null;
    })[];
    if (!row) return { ok: false, refusal: 'FORGED' };
    if (row.revoked_at) return { ok: false, refusal: 'REVOKED' };
    if (row.answered_at) return { ok: false, refusal: 'USED' };
    if (row.expires_at.getTime() <= this.clock.now().getTime())
      return { ok: false, refusal: 'EXPIRED' };
    if (row.state !== 'SENT' || !owesAnswer(row.status)) return { ok: false, refusal: 'NOT_OWED' };
    const blockers = (await m.query(
      `SELECT b.title, b.topic, p.number AS pilot_number, p.name AS pilot_name
         FROM recommendation_blocker rb
         JOIN blocker b ON b.id = rb.blocker_id
         LEFT JOIN pilot p ON p.id = b.pilot_id
        WHERE rb.recommendation_id = $1
        ORDER BY p.number NULLS LAST, b.title`,
      [row.recommendation_id],
    )) as {
      title: string;
      topic: string | null;
      pilot_number: number | null;
      pilot_name: string | null;
    }[];
    return {
      ok: true,
      link: {
        linkId: row.id,
        recommendationId: row.recommendation_id,
        agencyId: row.agency_id,
        expiresAt: row.expires_at,
        letter: {
          documentNumber: row.document_number,
          letterDate: row.letter_date,
          summary: row.summary,
          state: row.state,
          sentAt: row.sent_at,
          senderName: row.sender_name,
        },
        addressee: {
          code: row.code,
          name: row.name,
          status: row.status,
          dueAt: row.due_at,
          handledBy: row.handled_by,
        },
        blockers: blockers.map((b) => ({
          title: b.title,
          topic: b.topic,
          pilotNumber: b.pilot_number,
          pilotName: b.pilot_name,
        })),
      },
    };
  }

  /** The link was used to open or send its page (the secretariat sees when it was last used). */
  async touch(linkId: string): Promise<void> {
    await this.dataSource.query(`UPDATE answer_link SET last_used_at = $2 WHERE id = $1`, [
      linkId,
      this.clock.now(),
    ]);
  }

  private async assertLetter(
    m: EntityManager,
    id: string,
  ): Promise<{
    state: string;
    document_number: string | null;
    letter_date: string | null;
    summary: string;
  }> {
    const [letter] = (await m.query(
      `SELECT state, document_number, to_char(letter_date, 'YYYY-MM-DD') AS letter_date, summary
         FROM recommendation WHERE id = $1`,
      [id],
    )) as {
      state: string;
      document_number: string | null;
      letter_date: string | null;
      summary: string;
    }[];
    if (!letter) throw notFound('kiến nghị', { id });
    return letter;
  }

  private async rows(m: EntityManager, where: string, params: unknown[]): Promise<AnswerLinkRow[]> {
    const now = this.clock.now();
    const rows = (await m.query(
      `SELECT l.id, l.recommendation_id, l.agency_id, l.created_at, l.expires_at, l.revoked_at,
              l.last_used_at, l.answered_at, ag.code, ag.name,
              iu.name AS issued_by_name, ru.name AS revoked_by_name
         FROM answer_link l
         JOIN agency ag ON ag.id = l.agency_id
         LEFT JOIN app_user iu ON iu.id = l.issued_by_id
         LEFT JOIN app_user ru ON ru.id = l.revoked_by_id
        WHERE ${where}
        ORDER BY l.created_at DESC, l.id`,
      params,
    )) as (LinkDbRow & {
      code: string;
      name: string;
      issued_by_name: string | null;
      revoked_by_name: string | null;
    })[];
    return rows.map((r) => ({
      id: r.id,
      recommendationId: r.recommendation_id,
      agencyId: r.agency_id,
      addresseeCode: r.code,
      addresseeName: r.name,
      createdAt: r.created_at,
      expiresAt: r.expires_at,
      revokedAt: r.revoked_at,
      lastUsedAt: r.last_used_at,
      answeredAt: r.answered_at,
      issuedByName: r.issued_by_name,
      revokedByName: r.revoked_by_name,
      state: r.answered_at
        ? 'ANSWERED'
        : r.revoked_at
          ? 'REVOKED'
          : r.expires_at <= now
            ? 'EXPIRED'
            : 'LIVE',
    }));
  }
}
