import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { assertAllowed, type Actor } from '../access/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { notFound } from '../common/domain-error.js';
import { inTransaction } from '../common/transaction-retry.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { assertPeriodUnlocked } from '../periods/period-locks.js';
import { assertCanWritePilot } from '../pilots/pilot-access.js';
import {
  attachmentContent,
  storeAttachment,
  type AttachmentOwner,
  type StoredAttachment,
} from './attachment-store.js';
import { cleanFileName } from './domain/file-kinds.js';
import type { AttachmentView } from './attachment.view.js';

/** Where an upload goes, as the routes name it. */
export type AttachmentTarget =
  | { kind: 'letter'; recommendationId: string }
  | { kind: 'response'; recommendationId: string; responseId: string }
  | { kind: 'report'; pilotNumber: number; period: string };

export interface Upload {
  fileName: string;
  content: AsyncIterable<Buffer>;
}

/** The owner row an attachment hangs on, with what its rules need. */
interface Resolved {
  owner: AttachmentOwner;
  /** The audit trail it is recorded in. */
  audit: { entityType: 'recommendation' | 'report'; entityId: string };
  /** For a report: the pilot and period whose write rules apply. */
  report?: { pilot: { id: string; number: number }; period: string };
}

/**
 * Documents on letters, answers and pilots' monthly reports (product.md §3): who may add and
 * remove them is who may write what they hang on — the secretariat for letters and answers, the
 * pilot's writers for a report of an unlocked period; every signed-in user reads them, as they
 * read the letters and reports themselves. Every upload and delete is audited on its owner.
 */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get maxBytes(): number {
    return this.config.attachmentMaxBytes;
  }

  async upload(actor: Actor, target: AttachmentTarget, file: Upload): Promise<AttachmentView> {
    // The bytes arrive once: a transaction that failed on a conflict cannot run again.
    const stored = await inTransaction(
      this.dataSource,
      async (m) => {
        const resolved = await this.resolve(m, target);
        await this.assertCanWrite(m, actor, resolved);
        const saved = await storeAttachment(m, {
          owner: resolved.owner,
          fileName: cleanFileName(file.fileName),
          content: file.content,
          maxBytes: this.maxBytes,
          uploadedById: actor.id,
          now: this.clock.now(),
        });
        await this.audit.record(m, actor, {
          action: 'attachment.upload',
          ...resolved.audit,
          after: describe(saved, target),
        });
        return saved;
      },
      { retries: 0 },
    );
    return toView(stored);
  }

  async list(target: AttachmentTarget): Promise<AttachmentView[]> {
    const m = this.dataSource.manager;
    const { owner } = await this.resolve(m, target);
    const [column, id] = ownerColumn(owner);
    const rows: StoredRow[] = await m.query(
      `SELECT ${COLUMNS} FROM attachment WHERE ${column} = $1 ORDER BY uploaded_at, id`,
      [id],
    );
    return rows.map((r) => toView(fromRow(r)));
  }

  /** Metadata and a stream of the bytes; any signed-in user. */
  async download(id: string): Promise<{ attachment: AttachmentView; content: Readable }> {
    const attachment = await this.find(this.dataSource.manager, id);
    return { attachment: toView(attachment), content: attachmentContent(this.dataSource, id) };
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await inTransaction(this.dataSource, async (m) => {
      const row = await this.findRow(m, id, true);
      const target = await this.targetOf(m, row);
      const resolved = await this.resolve(m, target);
      await this.assertCanWrite(m, actor, resolved);
      await m.query(`DELETE FROM attachment WHERE id = $1`, [id]);
      await this.audit.record(m, actor, {
        action: 'attachment.delete',
        ...resolved.audit,
        before: describe(fromRow(row), target),
      });
    });
  }

  private async assertCanWrite(m: EntityManager, actor: Actor, r: Resolved): Promise<void> {
    if (!r.report) return assertAllowed(actor, 'letters.record');
    await assertCanWritePilot(m, actor, r.report.pilot);
    await assertPeriodUnlocked(m, r.report.period);
  }

  private async resolve(m: EntityManager, target: AttachmentTarget): Promise<Resolved> {
    switch (target.kind) {
      case 'letter': {
        const found = await m.query(`SELECT id FROM recommendation WHERE id = $1`, [
          target.recommendationId,
        ]);
        if (found.length === 0) throw notFound('kiến nghị', { id: target.recommendationId });
        return {
          owner: { recommendationId: target.recommendationId },
          audit: { entityType: 'recommendation', entityId: target.recommendationId },
        };
      }
      case 'response': {
        const found = await m.query(
          `SELECT id FROM recommendation_response WHERE id = $1 AND recommendation_id = $2`,
          [target.responseId, target.recommendationId],
        );
        if (found.length === 0)
          throw notFound('văn bản trả lời của kiến nghị này', { id: target.responseId });
        return {
          owner: { responseId: target.responseId },
          audit: { entityType: 'recommendation', entityId: target.recommendationId },
        };
      }
      case 'report': {
        const [row] = (await m.query(
          `SELECT r.id, p.id AS pilot_id FROM pilot p
             JOIN pilot_report r ON r.pilot_id = p.id AND r.period = $2
            WHERE p.number = $1`,
          [target.pilotNumber, target.period],
        )) as { id: string; pilot_id: string }[];
        if (!row)
          throw notFound(`báo cáo kỳ ${target.period} của mô hình số ${target.pilotNumber}`, {
            pilotNumber: target.pilotNumber,
            period: target.period,
          });
        return {
          owner: { pilotReportId: row.id },
          audit: { entityType: 'report', entityId: row.id },
          report: {
            pilot: { id: row.pilot_id, number: target.pilotNumber },
            period: target.period,
          },
        };
      }
    }
  }

  private async targetOf(m: EntityManager, row: StoredRow): Promise<AttachmentTarget> {
    if (row.recommendation_id) return { kind: 'letter', recommendationId: row.recommendation_id };
    if (row.response_id) {
      const [r] = (await m.query(
        `SELECT recommendation_id FROM recommendation_response WHERE id = $1`,
        [row.response_id],
      )) as { recommendation_id: string }[];
      return {
        kind: 'response',
        recommendationId: r.recommendation_id,
        responseId: row.response_id,
      };
    }
    const [r] = (await m.query(
      `SELECT p.number, pr.period FROM pilot_report pr JOIN pilot p ON p.id = pr.pilot_id WHERE pr.id = $1`,
      [row.pilot_report_id],
    )) as { number: number; period: string }[];
    return { kind: 'report', pilotNumber: r.number, period: r.period };
  }

  private async find(m: EntityManager, id: string): Promise<StoredAttachment> {
    return fromRow(await this.findRow(m, id, false));
  }

  private async findRow(m: EntityManager, id: string, lock: boolean): Promise<StoredRow> {
    const [row] = (await m.query(
      `SELECT ${COLUMNS} FROM attachment WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    )) as StoredRow[];
    if (!row) throw notFound('tệp đính kèm', { id });
    return row;
  }
}

const COLUMNS = `id, recommendation_id, response_id, pilot_report_id, file_name, content_type,
                 size_bytes, sha256, uploaded_by_id, uploaded_at`;

interface StoredRow {
  id: string;
  recommendation_id: string | null;
  response_id: string | null;
  pilot_report_id: string | null;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  uploaded_by_id: string | null;
  uploaded_at: Date;
}

const fromRow = (r: StoredRow): StoredAttachment => ({
  id: r.id,
  fileName: r.file_name,
  contentType: r.content_type,
  sizeBytes: Number(r.size_bytes),
  sha256: r.sha256,
  uploadedById: r.uploaded_by_id,
  uploadedAt: r.uploaded_at,
});

function ownerColumn(owner: AttachmentOwner): [string, string] {
  if ('recommendationId' in owner) return ['recommendation_id', owner.recommendationId];
  if ('responseId' in owner) return ['response_id', owner.responseId];
  return ['pilot_report_id', owner.pilotReportId];
}

const toView = (a: StoredAttachment): AttachmentView => ({
  id: a.id,
  fileName: a.fileName,
  contentType: a.contentType,
  sizeBytes: a.sizeBytes,
  sha256: a.sha256,
  uploadedAt: a.uploadedAt.toISOString(),
  downloadUrl: `/api/v1/attachments/${a.id}`,
});

const describe = (a: StoredAttachment, target: AttachmentTarget) => ({
  attachmentId: a.id,
  on: target,
  fileName: a.fileName,
  contentType: a.contentType,
  sizeBytes: a.sizeBytes,
  sha256: a.sha256,
});
