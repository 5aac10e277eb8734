import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../common/html.js';
import { day } from '../components/format.js';
import { page, redirect, sendHtml } from '../components/layout.js';
import { ApiCallFailed, apiResult, read } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { requirePermission, Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { ANSWER_LINKS_ID, answerLinksSection } from './answer-links.view.js';
import { assertId } from './letters.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The secretariat's "Liên kết trả lời" of a letter: the links per addressee, send, revoke. */
@WebPages()
export class LetterAnswerLinksController {
  constructor(private readonly sessions: WebSessions) {}

  /** The section (htmx fills the letter page with it), or a page of its own without script. */
  @Get('kien-nghi/:id/lien-ket-tra-loi')
  async show(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    requirePermission(web, 'letters.record');
    const params = { params: { path: { id } } };
    const [letter, links] = await Promise.all([
      read(web.api.GET('/api/v1/recommendations/{id}', params)),
      read(web.api.GET('/api/v1/recommendations/{id}/answer-links', params)),
    ]);
    const section = answerLinksSection(web, letter, links);
    if (request.headers['hx-request']) return sendHtml(reply, section.value);
    const title = `Liên kết trả lời – ${letter.documentNumber ?? 'kiến nghị'}`;
    return sendHtml(
      reply,
      page(web, {
        title,
        active: 'recommendations',
        body: html`<nav class="breadcrumb" aria-label="Vị trí">
            <a href="/kien-nghi">Kiến nghị Trung ương</a> ›
            <a href="/kien-nghi/${id}">${letter.documentNumber ?? 'Kiến nghị'}</a> › Liên kết trả
            lời
          </nav>
          ${section}`,
      }),
    );
  }

  @Post('kien-nghi/:id/lien-ket-tra-loi/:code/gui')
  async send(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Param('code') code: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    if (!/^[A-Z][A-Z0-9_]{0,31}$/.test(code))
      throw new WebRefusal(404, 'Không có cơ quan nhận này.');
    const result = await apiResult(
      web.api.POST('/api/v1/recommendations/{id}/addressees/{code}/answer-link', {
        params: { path: { id, code } },
      }),
    );
    if (!result.ok && result.status === 404) throw new ApiCallFailed(result.error);
    await this.sessions.flash(
      web.session.id,
      result.ok
        ? {
            kind: 'ok',
            text: `Đã gửi liên kết trả lời đến ${result.body.recipients.join(', ')}; liên kết có hiệu lực đến ngày ${day(result.body.expiresAt)}.`,
          }
        : { kind: 'error', text: result.error.message },
    );
    return redirect(reply, `/kien-nghi/${id}#${ANSWER_LINKS_ID}`);
  }

  @Post('kien-nghi/:id/lien-ket-tra-loi/:linkId/thu-hoi')
  async revoke(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Param('linkId') linkId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    if (!UUID.test(linkId)) throw new WebRefusal(404, 'Không có liên kết trả lời này.');
    const result = await apiResult(
      web.api.POST('/api/v1/answer-links/{id}/revoke', { params: { path: { id: linkId } } }),
    );
    if (!result.ok && result.status === 404) throw new ApiCallFailed(result.error);
    await this.sessions.flash(
      web.session.id,
      result.ok
        ? {
            kind: 'ok',
            text: `Đã thu hồi liên kết trả lời của ${result.body.addresseeName}; liên kết không mở được nữa.`,
          }
        : { kind: 'error', text: result.error.message },
    );
    return redirect(reply, `/kien-nghi/${id}#${ANSWER_LINKS_ID}`);
  }
}
