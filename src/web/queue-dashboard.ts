import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../access/actor.js';
import { accountForToken } from '../auth/jwt-auth.guard.js';
import { DomainError, ERROR_STATUS } from '../common/domain-error.js';
import type { ErrorBody } from '../common/error-body.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { QueueName } from '../queue/queue-names.js';
import { QueueService } from '../queue/queue.service.js';
import { roleNamesWith } from '../access/actor.js';
import { can } from '../access/domain/permissions.js';
import { WebSessions } from './web-sessions.js';

/** Outside /api/v1: the board is a web page of its own, not part of the API. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
export const QUEUE_DASHBOARD_COOKIE = 'queue_board_token';

type Access =
  | { ok: true; user: AuthenticatedUser; exp?: number; viaSession: boolean }
  | { ok: false; statusCode: 401 | 403; body: ErrorBody };

/** The board's own pages and API: same-site scripts only, never framed, no outside request. */
export const QUEUE_DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Bull Board's loading screen and its JSON editor (CodeMirror) put styles inline.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  // The page sets <base href="/admin/queues/">.
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/** Bull Board's page asks Google for its fonts: the board uses the browser's own instead. */
const OUTSIDE_STYLESHEET = /<link\b[^>]*\bhref="https?:\/\/[^"]*"[^>]*>\s*/gi;

/**
 * Bull Board on every queue: the secretariat reads it, only admins change anything (pause,
 * resume, retry, clean, empty, obliterate, add or edit jobs — every method but GET and HEAD).
 * A browser signed in to the web interface is let in by its session, the preferred way. API
 * clients send a bearer header. Otherwise `?token=<jwt>` is taken once: it is checked, kept in
 * an HttpOnly, SameSite=Strict cookie scoped to the board, and dropped from the address by a
 * redirect. Tokens follow the API's rule (src/auth/jwt-auth.guard.ts: valid, account active,
 * issued after the last password change), and whatever a browser sends by itself (session or
 * board cookie) changes nothing unless the request says it comes from this site.
 */
export async function registerQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const queues = app.get(QueueService);
  const jwt = app.get(JwtService, { strict: false });
  const dataSource = app.get(DataSource);
  const config = app.get<AppConfig>(APP_CONFIG);
  const sessions = app.get(WebSessions, { strict: false });

  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(queues.queue(name))),
    // @bull-board/fastify pins its own copy of @bull-board/api (9.10.1, beside our 9.10.2): the
    // same interface at run time, but TypeScript sees two classes with private members.
    serverAdapter: serverAdapter as unknown as Parameters<
      typeof createBullBoard
    >[0]['serverAdapter'],
    options: { uiConfig: { boardTitle: 'Hàng đợi – Đề án 06' } },
  });

  const byToken = async (token: string, viaCookie: boolean): Promise<Access> => {
    try {
      const user = await accountForToken(token, jwt, dataSource, config);
      const { exp } = jwt.decode<{ exp?: number }>(token);
      return { ok: true, user, exp, viaSession: false };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // A stale board cookie is not an error of the request: the browser just signs in again.
      return denied('UNAUTHORIZED', viaCookie ? 'Bạn cần đăng nhập.' : error.message);
    }
  };

  /** Who is asking: bearer header, then the web session, then ?token=, then the board cookie. */
  const identify = async (request: FastifyRequest, fromQuery: string | null): Promise<Access> => {
    const header = bearer(request);
    if (header) return byToken(header, false);
    const session = await sessions.resume(request.headers.cookie);
    if (session) return { ok: true, user: session.user, viaSession: true };
    if (fromQuery) return byToken(fromQuery, false);
    const kept = cookie(request);
    if (kept) return byToken(kept, true);
    return denied('UNAUTHORIZED', 'Bạn cần đăng nhập.');
  };

  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(request.url, 'http://board.invalid');
    const fromQuery = url.searchParams.get('token');
    const write = !['GET', 'HEAD'].includes(request.method);
    let access = await identify(request, fromQuery);
    // Sent by the browser on its own (not a header a page of another site could not set): a
    // write must say it comes from here, as the web interface's forms must.
    const ambient = access.ok && !bearer(request) && !(fromQuery && !access.viaSession);
    if (access.ok && write && ambient && !sameOrigin(request))
      access = denied('FORBIDDEN', 'Yêu cầu từ trang khác không được chấp nhận.');
    if (access.ok && !can(access.user.role, 'queue.read'))
      access = denied(
        'FORBIDDEN',
        `Bảng theo dõi hàng đợi dành cho: ${roleNamesWith('queue.read')}.`,
      );
    if (access.ok && write && !can(access.user.role, 'queue.write'))
      access = denied(
        'FORBIDDEN',
        'Chỉ quản trị mới được thay đổi hàng đợi; thư ký chỉ được xem bảng theo dõi.',
      );
    if (!access.ok) {
      // A browser opening the board without signing in is sent to sign in to the web first.
      const browser = (request.headers.accept ?? '').includes('text/html');
      if (access.statusCode === 401 && !write && browser && !bearer(request)) {
        url.searchParams.delete('token');
        return reply
          .code(303)
          .header('cache-control', 'no-store')
          .header('location', `/dang-nhap?tiep=${encodeURIComponent(url.pathname + url.search)}`)
          .send();
      }
      return reply
        .code(access.statusCode)
        .header('content-type', 'application/json; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(access.body);
    }
    request.queueBoardReader = !can(access.user.role, 'queue.write');
    if (fromQuery !== null && !write) {
      url.searchParams.delete('token');
      // With a session, the token is not needed: it is only dropped from the address.
      if (!access.viaSession) {
        const maxAge = Math.max(0, (access.exp ?? 0) - Math.floor(Date.now() / 1000));
        void reply.header(
          'set-cookie',
          sessionCookie(fromQuery, maxAge, request.protocol === 'https'),
        );
      }
      return reply
        .code(302)
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .header('location', `${url.pathname}${url.search}`)
        .send();
    }
  };

  /** The service's security headers on everything the board answers; its page self-contained. */
  const secure = async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    void reply
      .header('content-security-policy', QUEUE_DASHBOARD_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', reply.getHeader('referrer-policy') ?? 'same-origin');
    const type = String(reply.getHeader('content-type') ?? '');
    if (typeof payload !== 'string') return payload;
    if (type.startsWith('text/html')) {
      void reply.header('cache-control', 'no-store');
      return payload.replace(OUTSIDE_STYLESHEET, '');
    }
    // The secretariat's board shows no buttons that would only be refused.
    if (request.queueBoardReader && type.startsWith('application/json')) {
      return readOnlyQueues(request, payload);
    }
    return payload;
  };

  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', guard);
      scope.addHook('onSend', secure);
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the board's guard: an account that may read the board (`queue.read`) but not act. */
    queueBoardReader?: boolean;
  }
}

/** `/api/queues` with every queue marked read-only, as Bull Board's own read-only mode does. */
function readOnlyQueues(request: FastifyRequest, payload: string): string {
  if (
    new URL(request.url, 'http://board.invalid').pathname !== `${QUEUE_DASHBOARD_PATH}/api/queues`
  )
    return payload;
  const body = JSON.parse(payload) as { queues?: Record<string, unknown>[] };
  for (const queue of body.queues ?? []) {
    queue.readOnlyMode = true;
    queue.allowRetries = false;
    queue.allowCompletedRetries = false;
  }
  return JSON.stringify(body);
}

function denied(code: 'UNAUTHORIZED' | 'FORBIDDEN', message: string): Access {
  const statusCode = ERROR_STATUS[code];
  return { ok: false, statusCode, body: { statusCode, code, message } };
}

function sameOrigin(request: FastifyRequest): boolean {
  try {
    return new URL(request.headers.origin ?? 'null').host === request.headers.host;
  } catch {
    return false;
  }
}

function bearer(request: FastifyRequest): string | undefined {
  const [scheme, token] = (request.headers.authorization ?? '').split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : undefined;
}

function cookie(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === QUEUE_DASHBOARD_COOKIE) return decodeURIComponent(value.join('=')) || undefined;
  }
  return undefined;
}

function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${QUEUE_DASHBOARD_COOKIE}=${encodeURIComponent(token)}`,
    `Path=${QUEUE_DASHBOARD_PATH}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}
