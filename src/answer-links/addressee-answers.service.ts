import { Inject, Injectable } from '@nestjs/common';
import { fileTypeFromBuffer } from 'file-type';
import { DataSource, type EntityManager } from 'typeorm';
import { storeAttachment } from '../attachments/attachment-store.js';
import { cleanFileName, isComplete, TAIL_BYTES } from '../attachments/domain/file-kinds.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { DomainError, fieldError } from '../common/domain-error.js';
import { inTransaction } from '../common/transaction-retry.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Outbox, type OutgoingNotification } from '../notifications/outbox.js';
import { currentLeadAgencySql } from '../pilots/domain/lead-agency-validity.js';
import {
  addresseeLinkActor,
  RecommendationWorkflowService,
} from '../recommendations/recommendation-workflow.service.js';
import { mailableUserSql } from '../users/mailable.js';
import { renderAddresseeAnswerMail } from './answer-link-mail.js';
import { AnswerLinks, type LinkRefusal, type OpenLink } from './answer-links.service.js';

/** A link that opens nothing: the page says why (never a 500, nothing changed). */
export class LinkRefused extends Error {
  constructor(readonly refusal: LinkRefusal) {
    super(`answer link refused: ${refusal}`);
  }
}

export interface AddresseeAnswerInput {
  documentNumber: string;
  /** `YYYY-MM-DD` */
  date: string;
  summary: string;
  /** The answer's PDF, read whole (at most the attachment limit). */
  file: { fileName: string; content: Buffer };
}

/**
 * What an addressee does through its link, without an account: acknowledge receipt (naming who
 * handles the letter) and record its answer with the answer's PDF. Both go through the letters'
 * workflow (channel ADDRESSEE_LINK, audited there); an answer then stores its PDF on the
 * response, marks the link used and mails the secretariat and the officers of the lead agencies
 * of the letter's blockers' pilots.
 */
@Injectable()
export class AddresseeAnswers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly outbox: Outbox,
    private readonly links: AnswerLinks,
    private readonly workflow: RecommendationWorkflowService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get maxBytes(): number {
    return this.config.attachmentMaxBytes;
  }

  /** The open link of a token, or LinkRefused. */
  async open(token: unknown): Promise<OpenLink> {
    const resolved = await this.links.resolve(token);
    if (!resolved.ok) throw new LinkRefused(resolved.refusal);
    return resolved.link;
  }

  async acknowledge(link: OpenLink, handledBy: string): Promise<void> {
    await this.refusedWhenNotOwed(() =>
      this.workflow.acknowledgeAsAddressee(
        { linkId: link.linkId, recommendationId: link.recommendationId, agencyId: link.agencyId },
        { handledBy },
      ),
    );
    await this.links.touch(link.linkId);
  }

  /**
   * The answer: its PDF is checked first (a PDF, whole, within the limit), so that a refused
   * file records nothing; then the workflow records the answer, and the PDF, the link's use and
   * the mails are written in one transaction. Returns the response's id.
   */
  async answer(
    link: OpenLink,
    input: AddresseeAnswerInput,
    requestId: string | null,
  ): Promise<string> {
    await assertWholePdf(input.file.content, this.maxBytes);
    const responseId = await this.refusedWhenNotOwed(() =>
      this.workflow.respondAsAddressee(
        { linkId: link.linkId, recommendationId: link.recommendationId, agencyId: link.agencyId },
        { documentNumber: input.documentNumber, date: input.date, summary: input.summary },
      ),
    );
    const actor = addresseeLinkActor({ ...link, agencyCode: link.addressee.code }, requestId);
    const mails = await inTransaction(
      this.dataSource,
      async (m) => {
        const now = this.clock.now();
        const stored = await storeAttachment(m, {
          owner: { responseId },
          fileName: cleanFileName(input.file.fileName),
          content: once(input.file.content),
          maxBytes: this.maxBytes,
          uploadedById: null,
          now,
        });
        await this.audit.record(m, actor, {
          action: 'attachment.upload',
          entityType: 'recommendation',
          entityId: link.recommendationId,
          after: {
            attachmentId: stored.id,
            on: { kind: 'response', recommendationId: link.recommendationId, responseId },
            fileName: stored.fileName,
            contentType: stored.contentType,
            sizeBytes: stored.sizeBytes,
            sha256: stored.sha256,
            channel: 'ADDRESSEE_LINK',
          },
        });
        await m.query(`UPDATE answer_link SET answered_at = $2, last_used_at = $2 WHERE id = $1`, [
          link.linkId,
          now,
        ]);
        return this.outbox.write(m, await this.answerMails(m, link, responseId, input));
      },
      { retries: 0 },
    );
    await this.outbox.dispatch(mails);
    return responseId;
  }

  /**
   * The secretariat's active accounts and the officers of the current lead agencies of the
   * pilots of the letter's blockers, each address once.
   */
  private async answerMails(
    m: EntityManager,
    link: OpenLink,
    responseId: string,
    input: AddresseeAnswerInput,
  ): Promise<OutgoingNotification[]> {
    const users = (await m.query(
      `SELECT u.id, u.email, u.name FROM app_user u
        WHERE ${mailableUserSql('u', this.config)}
          AND (u.role = 'SECRETARIAT'
               OR (u.role = 'AGENCY_OFFICER' AND u.agency_id IN (
                     SELECT pla.agency_id FROM recommendation_blocker rb
                       JOIN blocker b ON b.id = rb.blocker_id
                       JOIN pilot_lead_agency pla ON pla.pilot_id = b.pilot_id
                      WHERE rb.recommendation_id = $1 AND ${currentLeadAgencySql('pla')})))
        ORDER BY u.role DESC, u.email`,
      [link.recommendationId],
    )) as { id: string; email: string; name: string }[];
    const seen = new Set<string>();
    const out: OutgoingNotification[] = [];
    for (const u of users) {
      const email = u.email.toLowerCase();
      if (seen.has(email)) continue;
      seen.add(email);
      const mail = renderAddresseeAnswerMail({
        recipientLabel: u.name,
        addresseeName: link.addressee.name,
        documentNumber: link.letter.documentNumber,
        letterDate: link.letter.letterDate,
        answer: input,
        letterUrl: `${this.config.appUrl}/kien-nghi/${link.recommendationId}`,
      });
      out.push({
        idempotencyKey: `addressee-answer:${responseId}:${email}`,
        kind: 'ADDRESSEE_ANSWER',
        recipientEmail: u.email,
        recipientUserId: u.id,
        subject: mail.subject,
        bodyText: mail.text,
        bodyHtml: mail.html,
      });
    }
    return out;
  }

  /** The workflow's 409 (the addressee no longer owes an answer) is a used link's page. */
  private async refusedWhenNotOwed<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DomainError && error.statusCode === 409)
        throw new LinkRefused('NOT_OWED');
      throw error;
    }
  }
}

async function* once(content: Buffer): AsyncIterable<Buffer> {
  yield content;
}

/** The answer's file: a PDF by its bytes, whole (ends with %%EOF), not empty, within the limit. */
async function assertWholePdf(content: Buffer, maxBytes: number): Promise<void> {
  if (content.length === 0) throw fieldError('file', 'Tệp rỗng (0 byte).', 'Tệp gửi lên rỗng.');
  if (content.length > maxBytes)
    throw new DomainError(
      'PAYLOAD_TOO_LARGE',
      `Tệp vượt quá ${Math.floor(maxBytes / (1024 * 1024))} MB, giới hạn cho mỗi tệp.`,
      { maxBytes },
    );
  const found = await fileTypeFromBuffer(content.subarray(0, 64 * 1024));
  if (found?.ext !== 'pdf')
    throw new DomainError(
      'UNSUPPORTED_FILE_TYPE',
      'Văn bản trả lời phải là tệp PDF (nhận ra từ nội dung tệp, không theo tên tệp).',
      { detected: found?.mime ?? null },
    );
  if (!isComplete('pdf', content.subarray(-TAIL_BYTES)))
    throw fieldError(
      'file',
      'Tệp PDF không trọn vẹn (bị cắt cụt hoặc hỏng).',
      'Tệp gửi lên không trọn vẹn; hãy tải lên lại.',
    );
}
