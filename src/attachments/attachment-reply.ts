import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { contentDisposition } from './domain/file-kinds.js';

/**
 * A stored file as the API and the web interface both serve it: its checked type, a UTF-8
 * filename*, nosniff, private caching revalidated by the SHA-256 as ETag (304 when unchanged),
 * streamed with its length.
 */
export function sendAttachment(
  req: FastifyRequest,
  reply: FastifyReply,
  file: {
    attachment: { contentType: string; fileName: string; sha256: string; sizeBytes: number };
    content: Readable;
  },
): FastifyReply {
  const { attachment, content } = file;
  const etag = `"${attachment.sha256}"`;
  void reply
    .header('content-type', attachment.contentType)
    .header('content-disposition', contentDisposition(attachment.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-cache')
    .header('etag', etag);
  if (req.headers['if-none-match'] === etag) {
    content.destroy();
    return reply.status(304).send();
  }
  return reply.header('content-length', attachment.sizeBytes).send(content);
}
