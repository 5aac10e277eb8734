import { timingSafeEqual } from 'node:crypto';
import {
  CanActivate,
  createParamDecorator,
  ExecutionContext,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { parseCookie } from 'cookie';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor.js';
import { can, type Permission } from '../access/domain/permissions.js';
import { formValues } from './components/forms.js';
import { ApiClient, InProcessApi } from './in-process-api.js';
import { KeptForms } from './kept-forms.js';
import { safeReturn } from './safe-return.js';
import { WebSessions, type ActiveSession } from './web-sessions.js';

/** The session of a signed-in browser, and the API as that user sees it. */
export interface WebContext {
  session: ActiveSession;
  actor: Actor;
  api: ApiClient;
  requestId: string;
  /** The request came over HTTPS: cookies are set Secure. */
  secure: boolean;
}

/** Thrown when a page needs a session and there is none: the filter redirects to sign-in. */
export class SignInRequired extends Error {
  /** `keptCookie`: the form posted was kept (src/web/kept-forms.ts); this cookie claims it. */
  constructor(
    readonly returnTo: string,
    readonly keptCookie: string | null = null,
  ) {
    super('sign-in required');
  }
}

/** A refused web request that has no API error behind it (CSRF, origin, role). */
export class WebRefusal extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

type WebRequest = FastifyRequest & {
  web?: WebContext;
  anonymousSession?: ActiveSession | null;
  formTokenValid?: boolean;
};

const ANONYMOUS = 'web:anonymous';
/** A page anyone may open (sign-in); the session, if there is one, is still read. */
export const Anonymous = () => SetMetadata(ANONYMOUS, true);

const MULTIPART = 'web:multipart';
/**
 * A form that uploads a file (multipart/form-data). The guard still requires the session and
 * the same origin, but cannot read the CSRF token from a body it does not parse: the handler
 * must check it (`csrfMatches`, from the form's `_csrf` field sent before the file, or the
 * header) before it accepts a byte of the file (src/web/attachments/upload.ts does).
 */
export const MultipartForm = () => SetMetadata(MULTIPART, true);

export const CSRF_FIELD = '_csrf';
/** The CSRF token of a form shown before sign-in (double-submit: cookie and field must match). */
export const FORM_COOKIE = 'de_an_06_form';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Every page of the web interface goes through this guard: the session cookie is resolved (the
 * account re-read), and every request that changes something must carry the session's CSRF
 * token (form field `_csrf` or header `X-CSRF-Token`) and, when the browser says where it comes
 * from, come from this site. The cookie is SameSite=Strict as well: two locks, not one.
 */
@Injectable()
export class WebGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: WebSessions,
    private readonly api: InProcessApi,
    private readonly keptForms: KeptForms,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WebRequest>();
    const anonymous = this.reflector.getAllAndOverride<boolean>(ANONYMOUS, [
      context.getHandler(),
      context.getClass(),
    ]);
    const unsafe = !['GET', 'HEAD'].includes(request.method);
    const multipart =
      unsafe &&
      this.reflector.getAllAndOverride<boolean>(MULTIPART, [
        context.getHandler(),
        context.getClass(),
      ]) === true &&
      /^multipart\/form-data\s*;/i.test(request.headers['content-type'] ?? '');
    if (unsafe) {
      assertSameOrigin(request);
      if (!multipart) assertForm(request);
    }
    const { session, endedFor } = await this.sessions.lookup(request.headers.cookie);
    if (anonymous) {
      // No session yet (the sign-in form): the token is the one set in a cookie with the form.
      // The page decides what a stale form means (sign-in shows itself again, with a message).
      if (unsafe) {
        request.formTokenValid = csrfValid(
          request,
          parseCookie(request.headers.cookie ?? '')[FORM_COOKIE] ?? '',
        );
      }
      request.anonymousSession = session;
      return true;
    }
    if (!session) {
      if (!unsafe) throw new SignInRequired(request.url);
      // A form posted after its session ended: kept for that session's account, which is
      // brought back to the form's page after signing in (src/web/kept-forms.ts).
      const returnTo = pageOf(request);
      const kept =
        endedFor && !multipart
          ? await this.keptForms.keep(
              endedFor,
              { action: request.url, returnTo, fields: formValues(request.body) },
              request.protocol === 'https',
            )
          : null;
      throw new SignInRequired(kept ? returnTo : '/', kept);
    }
    if (unsafe && !multipart) assertCsrf(request, session.csrfToken);
    const actor: Actor = { ...session.user, requestId: request.id };
    request.web = {
      session,
      actor,
      api: this.api.as(actor),
      requestId: request.id,
      secure: request.protocol === 'https',
    };
    return true;
  }
}

/** The page a form was posted from, by its Referer on this site; else the site's root. */
function pageOf(request: FastifyRequest): string {
  const referer = request.headers.referer;
  if (!referer) return '/';
  try {
    const url = new URL(referer);
    return url.host === request.headers.host ? safeReturn(url.pathname + url.search) : '/';
  } catch {
    return '/';
  }
}

/** Pages take what HTML forms send: url-encoded fields (or nothing), never JSON. */
function assertForm(request: FastifyRequest): void {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== '' && type !== 'application/x-www-form-urlencoded') {
    throw new WebRefusal(415, 'Trang này chỉ nhận dữ liệu từ biểu mẫu.');
  }
}

function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    // "null" and garbage are not this site
  }
  if (host !== request.headers.host) {
    throw new WebRefusal(403, 'Biểu mẫu được gửi từ một trang khác, không được chấp nhận.');
  }
}

function assertCsrf(request: FastifyRequest, expected: string): void {
  if (!csrfValid(request, expected)) {
    throw new WebRefusal(
      403,
      'Biểu mẫu không còn hợp lệ (thiếu hoặc sai mã bảo vệ CSRF). Hãy tải lại trang rồi thử lại.',
    );
  }
}

/** A token sent with a form is the session's (constant time). */
export function csrfMatches(given: unknown, expected: string): boolean {
  return (
    expected.length >= 32 &&
    typeof given === 'string' &&
    given.length === expected.length &&
    timingSafeEqual(Buffer.from(given), Buffer.from(expected))
  );
}

/** The request carries the expected token (field or header); the field is then dropped. */
function csrfValid(request: FastifyRequest, expected: string): boolean {
  const body = request.body as Record<string, unknown> | undefined;
  const fromBody = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  const fromHeader = request.headers[CSRF_HEADER];
  const given = typeof fromBody === 'string' ? fromBody : fromHeader;
  const ok = csrfMatches(given, expected);
  if (ok && body && typeof body === 'object') delete body[CSRF_FIELD];
  return ok;
}

export const Web = createParamDecorator((_: unknown, ctx: ExecutionContext): WebContext => {
  const web = ctx.switchToHttp().getRequest<WebRequest>().web;
  if (!web) throw new Error('@Web() used on a route without WebGuard');
  return web;
});

/** On an @Anonymous() page's POST: whether the form's own CSRF token came back right. */
export const FormTokenValid = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): boolean =>
    ctx.switchToHttp().getRequest<WebRequest>().formTokenValid === true,
);

/** The session on an @Anonymous() page, if the browser has one. */
export const MaybeSession = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): ActiveSession | null =>
    ctx.switchToHttp().getRequest<WebRequest>().anonymousSession ?? null,
);

/** Throws 403 unless the signed-in user's role has the permission (the page is not theirs). */
export function requirePermission(web: WebContext, permission: Permission): void {
  if (!can(web.actor.role, permission)) {
    throw new WebRefusal(403, 'Trang này không dành cho vai trò của bạn.');
  }
}
