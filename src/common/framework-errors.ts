import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import type { ErrorBody } from './error-body.js';

/**
 * Refusals Fastify and Node make before Nest sees a request, said like every other one: in the
 * error shape, or as the error page to a browser.
 */

/** The host an exception filter needs, for a request Nest never routed. */
function httpHost(request: FastifyRequest, reply: FastifyReply): ArgumentsHost {
  const http = { getRequest: () => request, getResponse: () => reply, getNext: () => undefined };
  const args = [request, reply];
  return {
    switchToHttp: () => http,
    getType: () => 'http',
    getArgs: () => args,
    getArgByIndex: (i: number) => args[i],
  } as unknown as ArgumentsHost;
}

/** Fastify's `frameworkErrors`: a URL the router cannot decode (`/%`), through the one filter. */
export function frameworkErrorsThrough(
  filter: ExceptionFilter,
): (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void {
  return (error, request, reply) => filter.catch(error, httpHost(request, reply));
}

/**
 * Fastify's `clientErrorHandler`: a request Node's parser refuses (a 70,000-character URL, a
 * malformed header). There is no request to read an Accept from, so the answer is JSON.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const body: ErrorBody = tooLarge
    ? {
        statusCode: 431,
        code: 'PAYLOAD_TOO_LARGE',
        message: 'Địa chỉ hoặc phần đầu (header) của yêu cầu quá dài.',
      }
    : { statusCode: 400, code: 'VALIDATION_FAILED', message: 'Yêu cầu không đúng giao thức HTTP.' };
  const text = JSON.stringify(body);
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n' +
        text,
    );
  socket.destroy(error);
}
