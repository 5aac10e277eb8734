import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, fieldError } from '../common/domain-error.js';
import {
  ACCEPTED_LABELS,
  FILE_KINDS,
  TAIL_BYTES,
  acceptedKind,
  isComplete,
} from './domain/file-kinds.js';

/** What the first bytes are recognised from; DOCX and XLSX need their first ZIP entries. */
const HEAD_BYTES = 64 * 1024;
/** The size of one stored piece: big enough for few rows, small enough to stream. */
export const CHUNK_BYTES = 512 * 1024;

export type AttachmentOwner =
  { recommendationId: string } | { responseId: string } | { pilotReportId: string };

export interface StoredAttachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedById: string | null;
  uploadedAt: Date;
}

export const tooLarge = (maxBytes: number) =>
  new DomainError(
    'PAYLOAD_TOO_LARGE',
    `Tệp vượt quá ${Math.floor(maxBytes / (1024 * 1024))} MB, giới hạn cho mỗi tệp.`,
    { maxBytes },
  );

const unsupported = (detected: string | undefined) =>
  new DomainError(
    'UNSUPPORTED_FILE_TYPE',
    `Nội dung tệp không phải ${ACCEPTED_LABELS}${detected ? ` (nhận ra: ${detected})` : ''}; tên tệp không quyết định loại tệp.`,
    { detected: detected ?? null },
  );

/**
 * Streams an upload into attachment_chunk rows while hashing it, on `m` (the caller's
 * transaction: a refusal part-way leaves nothing). The type is recognised from the first bytes
 * before anything is written; the size is bounded as the bytes arrive; the end must close the
 * file as its kind requires (a truncated PDF is refused). `content` must end (or throw) when
 * the transfer does.
 */
export async function storeAttachment(
  m: EntityManager,
  input: {
    owner: AttachmentOwner;
    fileName: string;
    content: AsyncIterable<Buffer>;
    maxBytes: number;
    uploadedById: string | null;
    now: Date;
  },
): Promise<StoredAttachment> {
  const id = randomUUID();
  const hash = createHash('sha256');
  let size = 0;
  let seq = 0;
  let head: Buffer[] = [];
  let headBytes = 0;
  let kind: keyof typeof FILE_KINDS | null = null;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let tail = Buffer.alloc(0);

  const flush = async (all: boolean) => {
    while (pendingBytes >= CHUNK_BYTES || (all && pendingBytes > 0)) {
      const joined = Buffer.concat(pending);
      const piece = joined.subarray(0, Math.min(CHUNK_BYTES, joined.length));
      const rest = joined.subarray(piece.length);
      await m.query(`INSERT INTO attachment_chunk (attachment_id, seq, data) VALUES ($1, $2, $3)`, [
        id,
        seq++,
        piece,
      ]);
      pending = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
    }
  };
  const recognise = async () => {
    const sample = Buffer.concat(head);
    const found = await fileTypeFromBuffer(sample);
    kind = acceptedKind(found?.ext);
    if (!kind) throw unsupported(found?.mime);
    pending = [sample];
    pendingBytes = sample.length;
    head = [];
  };

  for await (const piece of input.content) {
    const bytes = Buffer.isBuffer(piece) ? piece : Buffer.from(piece);
    size += bytes.length;
    if (size > input.maxBytes) throw tooLarge(input.maxBytes);
    hash.update(bytes);
    tail = Buffer.concat([tail, bytes]).subarray(-TAIL_BYTES);
    if (kind === null) {
      head.push(bytes);
      headBytes += bytes.length;
      if (headBytes >= HEAD_BYTES) await recognise();
    } else {
      pending.push(bytes);
      pendingBytes += bytes.length;
    }
    await flush(false);
  }
  if (size === 0) throw fieldError('file', 'Tệp rỗng (0 byte).', 'Tệp gửi lên rỗng.');
  if (kind === null) await recognise();
  if (!isComplete(kind!, tail))
    throw fieldError(
      'file',
      `Tệp ${FILE_KINDS[kind!].label} không trọn vẹn (bị cắt cụt hoặc hỏng).`,
      'Tệp gửi lên không trọn vẹn; hãy tải lên lại.',
    );
  await flush(true);
  const stored: StoredAttachment = {
    id,
    fileName: input.fileName,
    contentType: FILE_KINDS[kind!].mime,
    sizeBytes: size,
    sha256: hash.digest('hex'),
    uploadedById: input.uploadedById,
    uploadedAt: input.now,
  };
  const owner = input.owner;
  await m.query(
    `INSERT INTO attachment (id, recommendation_id, response_id, pilot_report_id, file_name,
                             content_type, size_bytes, sha256, uploaded_by_id, uploaded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      id,
      'recommendationId' in owner ? owner.recommendationId : null,
      'responseId' in owner ? owner.responseId : null,
      'pilotReportId' in owner ? owner.pilotReportId : null,
      stored.fileName,
      stored.contentType,
      size,
      stored.sha256,
      stored.uploadedById,
      stored.uploadedAt,
    ],
  );
  return stored;
}

/** The attachment's bytes, read one chunk per query as the reader asks for them. */
export function attachmentContent(dataSource: DataSource, id: string): Readable {
  async function* chunks() {
    for (let seq = 0; ; seq++) {
      const [row] = (await dataSource.query(
        `SELECT data FROM attachment_chunk WHERE attachment_id = $1 AND seq = $2`,
        [id, seq],
      )) as { data: Buffer }[];
      if (!row) return;
      yield row.data;
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}
