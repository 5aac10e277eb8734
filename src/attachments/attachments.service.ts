import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { DataSource, type EntityManager } from 'typeorm';
import { assertAllowed, type Actor } from '../access/actor.js';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { forbidden, notFound } from '../common/domain-error.js';
import { inTransaction } from '../common/transaction-retry.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { assertPeriodUnlocked } from '../periods/period-locks.js';
import { agencyLeadsPilot, assertCanWritePilot } from '../pilots/pilot-access.js';
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
 * pilot's writers for a report of an unlocked period. Every signed-in user reads a letter's and
 * an answer's files, as they read the letters; a report's files are read by the pilot's lead
 * agencies' officers and by the other roles (secretariat, leadership, administrator), not by
 * officers of other agencies. Every upload and delete is audited on its owner.
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
    return toView(stored, actor.name);
  }

  async list(target: AttachmentTarget): Promise<AttachmentView[]> {
    const m = this.dataSource.manager;
    const { owner } = await this.resolve(m, target);
    const [column, id] = ownerColumn(owner);
    const rows: StoredRow[] = await m.query(
      `SELECT ${COLUMNS} FROM attachment a ${UPLOADER} WHERE a.${column} = $1
        ORDER BY a.uploaded_at, a.id`,
      [id],
    );
    return rows.map((r) => toView(fromRow(r), r.uploader_name));
  }

  /** The files of every monthly report of a pilot, by period (one query, for its page). */
  async listOfPilotReports(pilotNumber: number): Promise<Map<string, AttachmentView[]>> {
    const rows: (StoredRow & { period: string })[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, pr.period FROM attachment a ${UPLOADER}
         JOIN pilot_report pr ON pr.id = a.pilot_report_id
         JOIN pilot p ON p.id = pr.pilot_id
        WHERE p.number = $1
        ORDER BY a.uploaded_at, a.id`,
      [pilotNumber],
    );
    const byPeriod = new Map<string, AttachmentView[]>();
    for (const r of rows) {
      byPeriod.set(r.period, [
        ...(byPeriod.get(r.period) ?? []),
        toView(fromRow(r), r.uploader_name),
      ]);
    }
    return byPeriod;
  }

  /** What an attachment hangs on; 404 when there is no such file. */
  async ownerOf(id: string): Promise<AttachmentTarget> {
    const m = this.dataSource.manager;
    return this.targetOf(m, await this.findRow(m, id, false));
  }

  /** Metadata and a stream of the bytes, to whoever may read the file's owner. */
  async download(
    actor: Actor,
    id: string,
  ): Promise<{ attachment: AttachmentView; content: Readable }> {
    const m = this.dataSource.manager;
    const row = await this.findRow(m, id, false);
    await this.assertCanRead(m, actor, await this.resolve(m, await this.targetOf(m, row)));
    return {
      attachment: toView(fromRow(row), row.uploader_name),
      content: attachmentContent(this.dataSource, id),
    };
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

  /** A report's files: not to officers of agencies that do not lead the pilot. */
  private async assertCanRead(m: EntityManager, actor: Actor, r: Resolved): Promise<void> {
    if (!r.report || actor.role !== 'AGENCY_OFFICER') return;
    if (actor.agencyId !== null && (await agencyLeadsPilot(m, r.report.pilot.id, actor.agencyId)))
      return;
    throw forbidden(
      `Tệp kèm báo cáo của mô hình số ${r.report.pilot.number} chỉ dành cho đơn vị chủ trì mô hình, Tổ công tác và lãnh đạo.`,
      { pilotNumber: r.report.pilot.number, agencyCode: actor.agencyCode },
    );
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

  private async findRow(m: EntityManager, id: string, lock: boolean): Promise<StoredRow> {
    const [row] = (await m.query(
      `SELECT ${COLUMNS} FROM attachment a ${UPLOADER} WHERE a.id = $1 ${lock ? 'FOR UPDATE OF a' : ''}`,
      [id],
    )) as StoredRow[];
    if (!row) throw notFound('tệp đính kèm', { id });
    return row;
  }
}

const COLUMNS = `a.id, a.recommendation_id, a.response_id, a.pilot_report_id, a.file_name,
                 a.content_type, a.size_bytes, a.sha256, a.uploaded_by_id, a.uploaded_at,
                 u.name AS uploader_name`;
/** Who uploaded: the account's name, while it exists. */
const UPLOADER = `LEFT JOIN app_user u ON u.id = a.uploaded_by_id`;

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
  uploader_name: string | null;
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

const toView = (a: StoredAttachment, uploaderName: string | null): AttachmentView => ({
  id: a.id,
  fileName: a.fileName,
  contentType: a.contentType,
  sizeBytes: a.sizeBytes,
  sha256: a.sha256,
  uploadedBy:
    a.uploadedById !== null && uploaderName !== null
      ? { id: a.uploadedById, name: uploaderName }
      : null,
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
