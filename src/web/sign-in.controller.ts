import {
  Body,
  Controller,
  Get,
  Inject,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { stringifySetCookie } from 'cookie';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from '../auth/auth.service.js';
import { Public } from '../auth/public.decorator.js';
import { DomainError } from '../common/domain-error.js';
import { hasUnstorableCharacter } from '../common/validators.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DEMO_DOMAIN } from '../users/domain/demo-domain.js';
import { html } from '../common/html.js';
import { formMessage, input } from './components/fields.js';
import { blankForm, type FormState, formValues, one } from './components/forms.js';
import { page, redirect, sendHtml } from './components/layout.js';
import {
  Anonymous,
  CSRF_FIELD,
  FORM_COOKIE,
  FormTokenValid,
  MaybeSession,
  Web,
  WebGuard,
  type WebContext,
} from './web-request.js';
import { WebExceptionFilter } from './web-exception.filter.js';
import { WebSessions, type ActiveSession } from './web-sessions.js';

/** Where to go after signing in: a path of this site only, never another host. */
export function safeReturn(target: unknown): string {
  // Printable ASCII only: a page address as the browser sends it (a Location header can hold
  // nothing else), never "//host" or "/\\host".
  return typeof target === 'string' &&
    /^\/(?![/\\])[\x21-\x7e]*$/.test(target) &&
    target.length < 500
    ? target
    : '/';
}

@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller()
export class SignInController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: WebSessions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Anonymous()
  @Get('dang-nhap')
  form(
    @Query('tiep') next: unknown,
    @MaybeSession() session: ActiveSession | null,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): FastifyReply {
    if (session) return redirect(reply, safeReturn(next));
    return this.show(reply, request, blankForm({ tiep: safeReturn(next) }));
  }

  @Anonymous()
  @Post('dang-nhap')
  async signIn(
    @Body() body: unknown,
    @FormTokenValid() tokenValid: boolean,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const values = formValues(body);
    const email = one(values, 'email').trim();
    const password = one(values, 'password');
    const kept = { email, tiep: safeReturn(one(values, 'tiep')) };
    // A form left open too long, or posted from elsewhere without its token: no sign-in, the
    // form again with a fresh token and what was typed (but the password).
    if (!tokenValid) {
      const message = 'Trang đăng nhập đã hết hạn hoặc không hợp lệ. Vui lòng nhập lại mật khẩu.';
      return this.show(reply, request, { values: kept, errors: {}, message }, 403);
    }
    const errors: Record<string, string[]> = {};
    if (!email) errors.email = ['Nhập email đăng nhập.'];
    // A NUL or half a surrogate pair is no address (and PostgreSQL refuses a NUL).
    else if (hasUnstorableCharacter(email)) errors.email = ['Email chứa ký tự không hợp lệ.'];
    if (!password) errors.password = ['Nhập mật khẩu.'];
    else if (hasUnstorableCharacter(password))
      errors.password = ['Mật khẩu chứa ký tự không hợp lệ.'];
    if (Object.keys(errors).length > 0) {
      return this.show(reply, request, { values: kept, errors }, 400);
    }
    try {
      const result = await this.auth.login(email, password, request.ip);
      const { cookie } = await this.sessions.start(result.user.id, request.protocol === 'https');
      void reply.header('set-cookie', cookie);
      return redirect(reply, kept.tiep);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'TOO_MANY_REQUESTS') {
        const seconds = (error.details as { retryAfterSeconds?: number }).retryAfterSeconds;
        if (seconds) void reply.header('retry-after', String(seconds));
      }
      return this.show(
        reply,
        request,
        { values: kept, errors: {}, message: error.message },
        error.statusCode,
      );
    }
  }

  @Post('dang-xuat')
  async signOut(@Web() web: WebContext, @Res() reply: FastifyReply) {
    void reply.header('set-cookie', await this.sessions.end(web.session.id, web.secure));
    return redirect(reply, '/dang-nhap');
  }

  /** The form with a fresh pre-session CSRF token, in its cookie and in the form. */
  private show(reply: FastifyReply, request: FastifyRequest, form: FormState, status = 200) {
    const token = randomBytes(32).toString('base64url');
    void reply.header(
      'set-cookie',
      stringifySetCookie({
        name: FORM_COOKIE,
        value: token,
        path: '/dang-nhap',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        maxAge: 3600,
      }),
    );
    return sendHtml(reply, this.render(form, token), status);
  }

  private render(form: FormState, csrfToken: string): string {
    const demo = this.config.seedDemo && !this.config.isProduction;
    return page(null, {
      title: 'Đăng nhập',
      body: html`<section class="sign-in">
        <h1>Đăng nhập</h1>
        <p class="muted">Theo dõi mô hình điểm Đề án 06 của tỉnh Khánh Hòa.</p>
        ${formMessage(form)}
        <form method="post" action="/dang-nhap" novalidate>
          <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}" />
          <input type="hidden" name="tiep" value="${one(form.values, 'tiep')}" />
          ${input(form, {
            name: 'email',
            label: 'Email',
            type: 'email',
            required: true,
            attrs: { autocomplete: 'username', autofocus: '' },
          })}
          ${input(form, {
            name: 'password',
            label: 'Mật khẩu',
            type: 'password',
            required: true,
            attrs: { autocomplete: 'current-password' },
          })}
          <button type="submit" class="primary">Đăng nhập</button>
        </form>
        ${
          demo
            ? html`<aside class="demo">
                <h2>Tài khoản dùng thử</h2>
                <p>
                  Mật khẩu chung được in ra khi dịch vụ khởi động. Thư ký:
                  <code>thuky@${DEMO_DOMAIN}</code>; lãnh đạo: <code>lanhdao@${DEMO_DOMAIN}</code>;
                  cán bộ Sở Y tế: <code>syt@${DEMO_DOMAIN}</code> (mỗi đơn vị chủ trì có một tài
                  khoản theo mã đơn vị).
                </p>
              </aside>`
            : ''
        }
      </section>`,
    });
  }
}
