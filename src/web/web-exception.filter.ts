import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BusyLog, databaseBusy, isDatabaseBusy } from '../common/database-busy.js';
import { DomainError } from '../common/domain-error.js';
import { ApiCallFailed } from './in-process-api.js';
import { html } from '../common/html.js';
import { page, sendHtml } from './components/layout.js';
import { SignInRequired, WebRefusal, type WebContext } from './web-request.js';

const TITLES: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  403: 'Không được phép',
  404: 'Không tìm thấy',
  409: 'Dữ liệu đã thay đổi',
  413: 'Dữ liệu quá lớn',
  415: 'Dữ liệu không đúng dạng',
  429: 'Quá nhiều yêu cầu',
};

/**
 * Errors of the web interface as pages, not JSON: no session sends the browser to sign in
 * (and back afterwards); refusals and missing objects get a page that says so; anything
 * unexpected gets a page with the request id to quote to the administrator. A service not ready
 * (no database connection in time, a busy document renderer) is expected and passes: its page
 * says so (503 with Retry-After, see sendHtml), as the API's does, and the log notes it once per
 * burst as a warning, without a stack.
 */
@Catch()
export class WebExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Web');
  private readonly busy = new BusyLog((m) => this.logger.warn(m));
  private readonly notReady = new BusyLog((m) => this.logger.warn(m));

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest & { web?: WebContext }>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof SignInRequired) {
      const query = new URLSearchParams();
      if (exception.returnTo && exception.returnTo !== '/') query.set('tiep', exception.returnTo);
      if (exception.keptCookie) {
        // Sign-in then says the form is kept, and the browser gets what claims it.
        query.set('giu', '1');
        void reply.header('set-cookie', exception.keptCookie);
      }
      const target = `/dang-nhap${query.size > 0 ? `?${query}` : ''}`;
      if (request.headers['hx-request']) {
        void reply.status(200).header('hx-redirect', target).send();
      } else {
        void reply
          .status(303)
          .header('location', target)
          .header('cache-control', 'no-store')
          .send();
      }
      return;
    }
    if (isDatabaseBusy(exception)) {
      this.busy.note(exception);
      exception = databaseBusy();
    } else if (notReadyCode(exception)) {
      // No address: an answer link's carries its token.
      this.notReady.note(exception, 'service not ready for a page');
    }
    const { status, message } = this.describe(exception);
    if (status >= 500 && !notReadyCode(exception)) {
      this.logger.error(
        exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
      );
    }
    const title = TITLES[status] ?? 'Đã xảy ra lỗi';
    void sendHtml(
      reply,
      page(request.web ?? null, {
        title,
        body: html`<section class="error-page">
          <h1>${title}</h1>
          <p>${message}</p>
          ${status >= 500 ? html`<p class="muted">Mã yêu cầu: <code>${request.id}</code></p>` : ''}
          <p><a href="/">Về trang chính</a></p>
        </section>`,
      }),
      status,
    );
  }

  private describe(exception: unknown): { status: number; message: string } {
    if (exception instanceof WebRefusal)
      return { status: exception.statusCode, message: exception.message };
    if (exception instanceof ApiCallFailed) {
      return { status: exception.error.statusCode, message: exception.error.message };
    }
    if (exception instanceof DomainError)
      return { status: exception.statusCode, message: exception.message };
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      const status = exception.getStatus();
      return {
        status,
        message: status === 404 ? 'Trang bạn tìm không có.' : 'Yêu cầu không hợp lệ.',
      };
    }
    const status = (exception as { statusCode?: unknown } | null)?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { status, message: 'Yêu cầu không hợp lệ.' };
    }
    return {
      status: 500,
      message: 'Đã xảy ra lỗi không mong muốn. Vui lòng thử lại; nếu vẫn lỗi, báo quản trị.',
    };
  }
}

/** A NOT_READY refusal, thrown here or answered by the API a page called. */
function notReadyCode(exception: unknown): boolean {
  if (exception instanceof ApiCallFailed) return exception.error.code === 'NOT_READY';
  return exception instanceof DomainError && exception.code === 'NOT_READY';
}
