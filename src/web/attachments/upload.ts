import type { Multipart, MultipartFile } from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AttachmentView } from '../../attachments/attachment.view.js';
import type {
  AttachmentsService,
  AttachmentTarget,
} from '../../attachments/attachments.service.js';
import { readPart, unreadable } from '../../attachments/multipart.js';
import {
  CSRF_FIELD,
  CSRF_HEADER,
  csrfMatches,
  WebRefusal,
  type WebContext,
} from '../web-request.js';

/** The value of a plain form field of a multipart body, if it came before the file. */
function fieldValue(field: Multipart | Multipart[] | undefined): string | undefined {
  const one = Array.isArray(field) ? field[0] : field;
  return one && one.type === 'field' && typeof one.value === 'string' ? one.value : undefined;
}

/**
 * Takes the one file of an upload form (multipart/form-data, part `file`) to the attachments
 * service as the signed-in user. The form's CSRF token (field `_csrf`, sent before the file, or
 * the X-CSRF-Token header) is checked before a byte of the file is read; then the service applies
 * the API's rules (who may write the owner, type from the bytes, size, completeness) in one
 * transaction: a refusal stores nothing. On any refusal the connection is closed rather than the
 * rest of a refused file read.
 */
export async function receiveUpload(
  web: WebContext,
  req: FastifyRequest,
  reply: FastifyReply,
  attachments: AttachmentsService,
  target: AttachmentTarget,
): Promise<AttachmentView> {
  if (!req.isMultipart()) throw new WebRefusal(400, 'Chưa chọn tệp nào để tải lên.');
  const maxBytes = attachments.maxBytes;
  let part: MultipartFile | undefined;
  try {
    // One byte over the limit reaches the store, which refuses it with the limit in its message.
    part = await req.file({ limits: { fileSize: maxBytes + 1, files: 1 } });
  } catch (error) {
    void reply.header('connection', 'close');
    throw unreadable(error, maxBytes);
  }
  if (!part) throw new WebRefusal(400, 'Chưa chọn tệp nào để tải lên.');
  try {
    const token = fieldValue(part.fields[CSRF_FIELD]) ?? req.headers[CSRF_HEADER];
    if (!csrfMatches(token, web.session.csrfToken)) {
      throw new WebRefusal(
        403,
        'Biểu mẫu không còn hợp lệ (thiếu hoặc sai mã bảo vệ CSRF). Hãy tải lại trang rồi thử lại.',
      );
    }
    // A browser sends an empty part with no name when no file was chosen.
    if (part.fieldname !== 'file' || part.filename === '')
      throw new WebRefusal(400, 'Chưa chọn tệp nào để tải lên.');
    return await attachments.upload(web.actor, target, {
      fileName: part.filename,
      content: readPart(part, maxBytes),
    });
  } catch (error) {
    void reply.header('connection', 'close');
    throw error;
  } finally {
    part.file.resume();
  }
}
