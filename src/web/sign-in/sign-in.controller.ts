import { Body, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { stringifySetCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthService } from '../../auth/auth.service.js';
import { LoginThrottledError } from '../../auth/login-throttle.js';
import { DomainError } from '../../common/domain-error.js';
import { hasUnstorableCharacter } from '../../common/validators.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { blankForm, type FormState, formValues, one } from '../components/forms.js';
import { redirect, sendHtml } from '../components/layout.js';
import { SIGN_IN_LABELS as L } from '../labels.js';
import { WebPages } from '../web-page.decorator.js';
import {
  Anonymous,
  FORM_COOKIE,
  FormTokenValid,
  MaybeSession,
  Web,
  type WebContext,
} from '../web-request.js';
import { WebSessions, type ActiveSession } from '../web-sessions.js';
import { signInPage } from './sign-in.view.js';
import { safeReturn } from '../safe-return.js';
import { KEPT_FORM_COOKIE, KeptForms } from '../kept-forms.js';

export { safeReturn };

@WebPages()
export class SignInController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: WebSessions,
    private readonly keptForms: KeptForms,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Anonymous()
  @Get('dang-nhap')
  form(
    @Query('tiep') next: unknown,
    @Query('giu') kept: unknown,
    @MaybeSession() session: ActiveSession | null,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): FastifyReply {
    if (session) return redirect(reply, safeReturn(next));
    const form = blankForm({ tiep: safeReturn(next), giu: kept === '1' ? '1' : '' });
    return this.show(reply, request, kept === '1' ? { ...form, message: L.formKept } : form);
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
    const kept = {
      email,
      tiep: safeReturn(one(values, 'tiep')),
      giu: one(values, 'giu') === '1' ? '1' : '',
    };
    // A form left open too long, or posted from elsewhere without its token: no sign-in, the
    // form again with a fresh token and what was typed (but the password).
    if (!tokenValid) {
      return this.show(reply, request, { values: kept, errors: {}, message: L.expired }, 403);
    }
    const errors: Record<string, string[]> = {};
    if (!email) errors.email = [L.noEmail];
    // A NUL or half a surrogate pair is no address (and PostgreSQL refuses a NUL).
    else if (hasUnstorableCharacter(email)) errors.email = [L.badEmail];
    if (!password) errors.password = [L.noPassword];
    else if (hasUnstorableCharacter(password)) errors.password = [L.badPassword];
    if (Object.keys(errors).length > 0) {
      return this.show(reply, request, { values: kept, errors }, 400);
    }
    try {
      const result = await this.auth.login(email, password, request.ip);
      const secure = request.protocol === 'https';
      // A form kept when the last session ended: back to its page, filled in again, if it was
      // this account's; dropped unseen if it was another's.
      const form = await this.keptForms.claim(request.headers.cookie, result.user.id);
      const { cookie } = await this.sessions.start(
        result.user.id,
        secure,
        form
          ? {
              kind: 'error',
              text: L.formRefilled,
              refill: { action: form.action, fields: form.fields },
            }
          : null,
      );
      const cookies = [cookie];
      if (request.headers.cookie?.includes(KEPT_FORM_COOKIE)) {
        cookies.push(this.keptForms.clearCookie(secure));
      }
      void reply.header('set-cookie', cookies);
      return redirect(reply, form ? form.returnTo : kept.tiep);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error instanceof LoginThrottledError && error.retryAfterSeconds) {
        void reply.header('retry-after', String(error.retryAfterSeconds));
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
    const demo = this.config.seedDemo && !this.config.isProduction;
    return sendHtml(reply, signInPage(form, token, demo), status);
  }
}
