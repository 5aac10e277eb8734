import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AddresseeAnswers, LinkRefused } from '../../answer-links/addressee-answers.service.js';
import { AnswerLinkThrottle } from '../../answer-links/answer-link-throttle.js';
import { AnswerLinks, type OpenLink } from '../../answer-links/answer-links.service.js';
import { Public } from '../../auth/public.decorator.js';
import { DomainError } from '../../common/domain-error.js';
import { hasUnstorableCharacter, isAcceptedDay } from '../../common/validators.js';
import { DAY_PROBLEM, isoDay } from '../components/date-fields.js';
import { formValues, one, type FormState, type FormValues } from '../components/forms.js';
import { CONTENT_SECURITY_POLICY } from '../components/layout.js';
import { WebExceptionFilter } from '../web-exception.filter.js';
import {
  ANSWER_CSRF_FIELD,
  answeredPage,
  answerFormPage,
  REFUSALS,
  refusalPage,
} from './answer-page.view.js';

/** The double-submit cookie of the answer forms (there is no session to tie a token to). */
export const ANSWER_FORM_COOKIE = 'de_an_06_answer';
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

const FORM_EXPIRED =
  'Biểu mẫu không còn hợp lệ (thiếu hoặc sai mã bảo vệ). Xin tải lại trang rồi gửi lại.';

/**
 * The addressee's answer path, without an account (issue 12, item 2): `/tra-loi/<token>` shows
 * the letter to its addressee with two forms, acknowledge receipt and record the answer with its
 * PDF. A refused link (forged, expired, revoked, used, no longer owed) gets a page saying so
 * with a 404 or 410, and nothing changes; every request counts against the client's address and
 * the link (429 past the limit). Forms carry a token of their own, matched against a cookie
 * (double submit), and must come from this site.
 */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller('tra-loi')
export class AnswerPageController {
  constructor(
    private readonly links: AnswerLinks,
    private readonly answers: AddresseeAnswers,
    private readonly throttle: AnswerLinkThrottle,
  ) {}

  @Get(':token')
  async show(
    @Param('token') token: string,
    @Query('da') done: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.guarded(token, request, reply, async (link) => {
      await this.links.touch(link.linkId);
      return this.form(reply, request, link, token, { acknowledged: done === 'xac-nhan' });
    });
  }

  @Post(':token/xac-nhan')
  async acknowledge(
    @Param('token') token: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.guarded(token, request, reply, async (link) => {
      const values = formValues(body);
      if (!isForm(request) || !this.csrfValid(request, one(values, ANSWER_CSRF_FIELD)))
        return this.form(reply, request, link, token, { ack: refusal(values, FORM_EXPIRED) }, 403);
      const handledBy = one(values, 'handledBy').trim();
      const problem = !handledBy
        ? 'Xin ghi đơn vị, người xử lý.'
        : handledBy.length > 300
          ? 'Tối đa 300 ký tự.'
          : hasUnstorableCharacter(handledBy)
            ? 'Có ký tự không hợp lệ.'
            : null;
      if (problem)
        return this.form(
          reply,
          request,
          link,
          token,
          { ack: { values, errors: { handledBy: [problem] }, message: 'Xin kiểm tra lại.' } },
          400,
        );
      await this.answers.acknowledge(link, handledBy);
      return reply
        .status(303)
        .header('location', `/tra-loi/${token}?da=xac-nhan`)
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .send();
    });
  }

  @Post(':token/tra-loi')
  async answer(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.guarded(token, request, reply, async (link) => {
      if (!request.isMultipart() || !sameOrigin(request))
        return this.form(reply, request, link, token, { answer: refusal({}, FORM_EXPIRED) }, 403);
      const values: Record<string, string> = {};
      let file: { fileName: string; content: Buffer } | null = null;
      try {
        const max = this.answers.maxBytes;
        for await (const part of request.parts({ limits: { fileSize: max + 1, files: 1 } })) {
          if (part.type === 'field') {
            if (typeof part.value === 'string')
              values[part.fieldname] = part.value.normalize('NFC');
            continue;
          }
          // The form's token comes before the file: nothing of a forged form's file is read.
          if (!this.csrfValid(request, values[ANSWER_CSRF_FIELD])) {
            void reply.header('connection', 'close');
            return this.form(
              reply,
              request,
              link,
              token,
              { answer: refusal(values, FORM_EXPIRED) },
              403,
            );
          }
          const chunks: Buffer[] = [];
          let size = 0;
          for await (const chunk of part.file) {
            size += (chunk as Buffer).length;
            if (size > max) break;
            chunks.push(chunk as Buffer);
          }
          if (size > max || part.file.truncated) {
            void reply.header('connection', 'close');
            return this.form(
              reply,
              request,
              link,
              token,
              {
                answer: {
                  values,
                  errors: { file: [`Tệp vượt quá ${Math.floor(max / (1024 * 1024))} MB.`] },
                  message: 'Tệp quá lớn.',
                },
              },
              413,
            );
          }
          if (size > 0 || part.filename)
            file = { fileName: part.filename, content: Buffer.concat(chunks) };
        }
      } catch (error) {
        void reply.header('connection', 'close');
        const message = error instanceof Error ? error.message : String(error);
        return this.form(
          reply,
          request,
          link,
          token,
          { answer: refusal(values, `Không đọc được dữ liệu gửi lên (${message}).`) },
          400,
        );
      }
      if (!this.csrfValid(request, values[ANSWER_CSRF_FIELD]))
        return this.form(
          reply,
          request,
          link,
          token,
          { answer: refusal(values, FORM_EXPIRED) },
          403,
        );
      const input = answerInput(values, file);
      if ('errors' in input) return this.form(reply, request, link, token, { answer: input }, 400);
      try {
        await this.answers.answer(link, input, request.id);
      } catch (error) {
        if (error instanceof DomainError && error.statusCode < 500 && error.statusCode !== 409)
          return this.form(
            reply,
            request,
            link,
            token,
            {
              answer: {
                values,
                errors: fieldErrors(error) ?? { file: [error.message] },
                message: error.message,
              },
            },
            error.statusCode,
          );
        throw error;
      }
      return send(reply, answeredPage(link, input.documentNumber, input.date), 200);
    });
  }

  /**
   * The rate limit, then the link: a refusal's page, or `work` with the open link. A link that
   * turns out refused part-way (answered meanwhile) gets its page too.
   */
  private async guarded(
    token: string,
    request: FastifyRequest,
    reply: FastifyReply,
    work: (link: OpenLink) => Promise<FastifyReply>,
  ): Promise<FastifyReply> {
    const wait = await this.throttle.take(request.ip, this.links.linkIdOf(token));
    if (wait !== null) {
      void reply.header('retry-after', String(wait)).header('connection', 'close');
      return send(reply, refusalPage('THROTTLED', wait), REFUSALS.THROTTLED.status);
    }
    try {
      return await work(await this.answers.open(token));
    } catch (error) {
      if (!(error instanceof LinkRefused)) throw error;
      return send(reply, refusalPage(error.refusal), REFUSALS[error.refusal].status);
    }
  }

  private form(
    reply: FastifyReply,
    request: FastifyRequest,
    link: OpenLink,
    token: string,
    state: { acknowledged?: boolean; ack?: FormState; answer?: FormState },
    status = 200,
  ): FastifyReply {
    const csrf = this.csrfCookie(request, reply);
    return send(reply, answerFormPage({ link, token, csrf, ...state }), status);
  }

  /** The browser's form token: kept while it has one (several tabs stay valid), else a new one. */
  private csrfCookie(request: FastifyRequest, reply: FastifyReply): string {
    const current = parseCookie(request.headers.cookie ?? '')[ANSWER_FORM_COOKIE];
    if (current && TOKEN_SHAPE.test(current)) return current;
    const value = randomBytes(32).toString('base64url');
    void reply.header(
      'set-cookie',
      stringifySetCookie({
        name: ANSWER_FORM_COOKIE,
        value,
        path: '/tra-loi',
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        maxAge: 12 * 3600,
      }),
    );
    return value;
  }

  private csrfValid(request: FastifyRequest, given: unknown): boolean {
    const expected = parseCookie(request.headers.cookie ?? '')[ANSWER_FORM_COOKIE] ?? '';
    return (
      TOKEN_SHAPE.test(expected) &&
      typeof given === 'string' &&
      given.length === expected.length &&
      timingSafeEqual(Buffer.from(given), Buffer.from(expected)) &&
      sameOrigin(request)
    );
  }
}

/** An url-encoded form (or nothing) from this site. */
function isForm(request: FastifyRequest): boolean {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  return (type === '' || type === 'application/x-www-form-urlencoded') && sameOrigin(request);
}

/**
 * When the browser says where a form comes from, it is this site. Under the page's
 * `Referrer-Policy: no-referrer` Chromium sends `Origin: null` with its forms: that says nothing,
 * and the token matched against the SameSite=Strict cookie stands guard on its own.
 */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

function refusal(values: FormValues, message: string): FormState {
  return { values, errors: {}, message };
}

function fieldErrors(error: DomainError): Record<string, string[]> | null {
  const fields = (error.details as { fields?: { field: string; problems: string[] }[] } | undefined)
    ?.fields;
  if (!Array.isArray(fields)) return null;
  const out: Record<string, string[]> = {};
  for (const f of fields) (out[f.field] ??= []).push(...f.problems);
  return out;
}

/** The answer's fields checked as the letters' API checks them, or the form with its problems. */
function answerInput(
  values: Record<string, string>,
  file: { fileName: string; content: Buffer } | null,
):
  | {
      documentNumber: string;
      date: string;
      summary: string;
      file: { fileName: string; content: Buffer };
    }
  | FormState {
  const errors: Record<string, string[]> = {};
  const documentNumber = (values.documentNumber ?? '').trim();
  const summary = (values.summary ?? '').trim();
  const date = isoDay(values.date ?? '');
  if (!documentNumber) errors.documentNumber = ['Xin ghi số, ký hiệu văn bản.'];
  else if (documentNumber.length > 100) errors.documentNumber = ['Tối đa 100 ký tự.'];
  if (!isAcceptedDay(date)) errors.date = [DAY_PROBLEM];
  if (!summary) errors.summary = ['Xin tóm tắt nội dung trả lời.'];
  else if (summary.length > 20_000) errors.summary = ['Tối đa 20.000 ký tự.'];
  for (const [name, text] of [
    ['documentNumber', documentNumber],
    ['summary', summary],
  ] as const)
    if (!errors[name] && hasUnstorableCharacter(text)) errors[name] = ['Có ký tự không hợp lệ.'];
  if (!file || file.content.length === 0) errors.file = ['Xin đính kèm tệp PDF văn bản trả lời.'];
  if (Object.keys(errors).length > 0)
    return { values, errors, message: 'Xin kiểm tra lại các mục được đánh dấu.' };
  return { documentNumber, date, summary, file: file! };
}

/** A page with the interface's headers; no Referer leaves it (its address holds the token). */
function send(reply: FastifyReply, markup: string, status: number): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex')
    .send(markup);
}
