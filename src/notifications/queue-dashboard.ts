import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { JwtService } from '@nestjs/jwt';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DataSource } from 'typeorm';
import type { AccessTokenClaims } from '../auth/authenticated-user.js';
import type { ErrorBody } from '../common/error-body.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { QueueName } from '../queue/queue-names.js';
import { QueueService } from '../queue/queue.service.js';
import type { Role } from '../users/role.js';
import { WebSessions } from '../web/web-sessions.js';

/** Outside /api/v1: the board is a web page of its own, not part of the API. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
export const QUEUE_DASHBOARD_COOKIE = 'queue_board_token';
const ALLOWED_ROLES: readonly Role[] = ['ADMIN', 'SECRETARIAT'];

type Access =
  | { ok: true; claims: AccessTokenClaims & { exp?: number } }
  | { ok: false; statusCode: 401 | 403; body: ErrorBody };

/**
 * Bull Board on every queue, for admins and the secretariat. A browser signed in to the web
 * interface is let in by its session. Otherwise: a browser cannot send a bearer
 * header when it navigates, so the board also takes `?token=<jwt>` once: it is checked, kept in
 * an HttpOnly, SameSite=Strict cookie scoped to the board, and dropped from the address by a
 * redirect. Every request (page, static files, the board's API) is checked like the API's guard
 * does: a valid token, then the account re-read from the database (active, allowed role).
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

  const check = async (token: string | undefined): Promise<Access> => {
    if (!token) return denied(401, 'UNAUTHORIZED', 'Bạn cần đăng nhập.');
    let claims: AccessTokenClaims & { exp?: number };
    try {
      claims = await jwt.verifyAsync<AccessTokenClaims & { exp?: number }>(token);
    } catch {
      return denied(401, 'UNAUTHORIZED', 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn.');
    }
    const [account] = (await dataSource.query(
      `SELECT role, disabled_at, is_demo FROM app_user WHERE id = $1`,
      [claims.sub],
    )) as { role: Role; disabled_at: Date | null; is_demo: boolean }[];
    if (!account || account.disabled_at || (account.is_demo && config.isProduction))
      return denied(401, 'UNAUTHORIZED', 'Tài khoản không còn hiệu lực.');
    if (!ALLOWED_ROLES.includes(account.role))
      return denied(403, 'FORBIDDEN', 'Bảng theo dõi hàng đợi dành cho: quản trị, thư ký.');
    return { ok: true, claims };
  };

  /** A browser signed in to the web interface needs no token: its session is checked instead. */
  const checkSession = async (request: FastifyRequest): Promise<Access | null> => {
    const session = await sessions.resume(request.headers.cookie);
    if (!session) return null;
    // The board's own actions (retry, clean, pause) come from its page with no CSRF token: a
    // cookie alone must not do them from another site, so they must say they come from here.
    if (!['GET', 'HEAD'].includes(request.method) && !sameOrigin(request))
      return denied(403, 'FORBIDDEN', 'Yêu cầu từ trang khác không được chấp nhận.');
    if (!ALLOWED_ROLES.includes(session.user.role))
      return denied(403, 'FORBIDDEN', 'Bảng theo dõi hàng đợi dành cho: quản trị, thư ký.');
    return { ok: true, claims: { sub: session.user.id, role: session.user.role } };
  };

  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    const url = new URL(request.url, 'http://board.invalid');
    const fromQuery = url.searchParams.get('token');
    const token = fromQuery ?? bearer(request) ?? cookie(request);
    const access = (!token && (await checkSession(request))) || (await check(token));
    if (!access.ok) {
      return reply
        .code(access.statusCode)
        .header('content-type', 'application/json; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(access.body);
    }
    if (fromQuery !== null) {
      url.searchParams.delete('token');
      const maxAge = Math.max(0, (access.claims.exp ?? 0) - Math.floor(Date.now() / 1000));
      return reply
        .code(302)
        .header('set-cookie', sessionCookie(fromQuery, maxAge, request.protocol === 'https'))
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .header('location', `${url.pathname}${url.search}`)
        .send();
    }
  };

  await app.register(
    async (scope: FastifyInstance) => {
      scope.addHook('onRequest', guard);
      await scope.register(serverAdapter.registerPlugin());
    },
    { prefix: QUEUE_DASHBOARD_PATH },
  );
}

function denied(
  statusCode: 401 | 403,
  code: 'UNAUTHORIZED' | 'FORBIDDEN',
  message: string,
): Access {
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
