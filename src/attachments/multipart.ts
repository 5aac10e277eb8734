import type { MultipartFile } from '@fastify/multipart';
import { DomainError, fieldError } from '../common/domain-error.js';
import { tooLarge } from './attachment-store.js';

/** The part's bytes; a transfer that breaks off or is malformed is the client's error (4xx). */
export async function* readPart(part: MultipartFile, maxBytes: number): AsyncIterable<Buffer> {
  const chunks = part.file[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Buffer>;
    try {
      next = (await chunks.next()) as IteratorResult<Buffer>;
    } catch (error) {
      throw unreadable(error, maxBytes);
    }
    if (next.done) return;
    yield next.value;
  }
}

/** What multipart parsing refused, as the API's error. */
export function unreadable(error: unknown, maxBytes: number): DomainError {
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT')
    return tooLarge(maxBytes);
  return fieldError(
    'file',
    `Yêu cầu multipart/form-data không đọc được (${error instanceof Error ? error.message : String(error)}).`,
  );
}
