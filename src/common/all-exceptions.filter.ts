import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  BusyLog,
  DATABASE_BUSY_RETRY_AFTER_SECONDS,
  databaseBusy,
  isDatabaseBusy,
} from './database-busy.js';
import { DomainError, INVALID_INPUT, type ErrorCode } from './domain-error.js';
import type { ErrorBody } from './error-body.js';

/**
 * Refusals Nest and Fastify make themselves (no route, bad JSON, body too big) keep their own
 * status; this says which code and message they answer with. Our own errors are DomainErrors,
 * whose status comes from ERROR_STATUS.
 */
const FRAMEWORK_REFUSALS: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'VALIDATION_FAILED', message: INVALID_INPUT },
  401: { code: 'UNAUTHORIZED', message: 'Bạn cần đăng nhập.' },
  403: { code: 'FORBIDDEN', message: 'Bạn không có quyền thực hiện thao tác này.' },
  404: { code: 'NOT_FOUND', message: 'Không tìm thấy địa chỉ yêu cầu.' },
  405: { code: 'NOT_FOUND', message: 'Phương thức không được hỗ trợ tại địa chỉ này.' },
  409: { code: 'CONFLICT', message: 'Dữ liệu đã thay đổi hoặc xung đột.' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên vượt quá 1 MiB.' },
  415: { code: 'VALIDATION_FAILED', message: 'Chỉ chấp nhận dữ liệu JSON.' },
  429: { code: 'TOO_MANY_REQUESTS', message: 'Quá nhiều yêu cầu, vui lòng thử lại sau.' },
};

/** Turns every error into the API's one error shape; nothing else answers errors. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');
  private readonly busy = new BusyLog((m) => this.logger.warn(m));
  private readonly notReady = new BusyLog((m) => this.logger.warn(m));

  /** `pages` answers a browser outside the API with a page: the web's filter, given at start-up. */
  constructor(private readonly pages?: ExceptionFilter) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    // A browser at an address outside the API (a mistyped page) gets a page, not JSON; the
    // pages' filter answers a busy database as this one does.
    if (
      this.pages &&
      !request.url.startsWith('/api/') &&
      (request.headers.accept ?? '').includes('text/html')
    ) {
      return this.pages.catch(exception, host);
    }
    // No database connection in time (the pool exhausted, the server full): the request may
    // well succeed a moment later, so 503 with Retry-After, not 500; said once per burst.
    const busy = isDatabaseBusy(exception);
    if (busy) {
      this.busy.note(exception);
      void reply.header('retry-after', String(DATABASE_BUSY_RETRY_AFTER_SECONDS));
      exception = databaseBusy();
    }
    const body = this.toBody(exception);
    if (body.code === 'NOT_READY') {
      // Expected (starting, a busy renderer): the client may retry; a warning, once per burst.
      void reply.header('retry-after', String(DATABASE_BUSY_RETRY_AFTER_SECONDS));
      if (!busy) this.notReady.note(exception, 'service not ready');
    } else if (body.statusCode >= 500) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    void reply
      .status(body.statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.statusCode,
        code: exception.code,
        message: exception.message,
        ...(exception.details === undefined ? {} : { details: exception.details }),
      };
    }
    const status = statusOf(exception);
    if (status !== undefined && status < 500) {
      const known = FRAMEWORK_REFUSALS[status] ?? {
        code: 'VALIDATION_FAILED',
        message: 'Yêu cầu không hợp lệ.',
      };
      return { statusCode: status, code: known.code, message: known.message };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      code: 'INTERNAL_ERROR',
      message: 'Đã xảy ra lỗi không mong muốn. Vui lòng thử lại sau.',
    };
  }
}

/** The status of Nest's HttpExceptions and of Fastify's own errors (bad JSON, body too big). */
function statusOf(exception: unknown): number | undefined {
  if (exception instanceof HttpException) return exception.getStatus();
  const status = (exception as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}
