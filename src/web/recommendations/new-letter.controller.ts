import { Body, Get, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { can } from '../../access/domain/permissions.js';
import { datesInTheirFormat, isoDay, isoInstant } from '../components/date-fields.js';
import { day } from '../components/format.js';
import { blankForm, formValues, many, one, refused, type FormState } from '../components/forms.js';
import { page, redirect, sendHtml } from '../components/layout.js';
import { ApiCallFailed, apiResult, readAll } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { requirePermission, Web, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { FIELD_LABELS, optional, STYLES } from './letters.js';
import {
  addresseeOptions,
  blockerOptions,
  distributionOptions,
  newBody,
} from './new-letter.view.js';

/** A new letter: drafted, or recorded as already sent, by the secretariat. */
@WebPages()
export class NewLetterController {
  constructor(private readonly sessions: WebSessions) {}

  @Get('kien-nghi/moi')
  async draft(@Web() web: WebContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    requirePermission(web, 'letters.record');
    return this.showNew(web, reply, blankForm(), 200);
  }

  @Post('kien-nghi')
  async create(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const values = formValues(body);
    const result = await apiResult(
      web.api.POST('/api/v1/recommendations', {
        body: {
          summary: one(values, 'summary'),
          addresseeCodes: many(values, 'addresseeCodes'),
          distributionCodes: many(values, 'distributionCodes').length
            ? many(values, 'distributionCodes')
            : undefined,
          blockerIds: many(values, 'blockerIds').length ? many(values, 'blockerIds') : undefined,
          documentNumber: optional(values, 'documentNumber'),
          letterDate: optional(values, 'letterDate') && isoDay(one(values, 'letterDate')),
          sentAt: isoInstant(one(values, 'sentAt')),
          responseDueAt: isoInstant(one(values, 'responseDueAt')),
        },
      }),
    );
    if (result.ok) {
      const r = result.body;
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text:
          r.state === 'SENT'
            ? `Đã ghi nhận kiến nghị số ${r.documentNumber} đã gửi; hạn trả lời ${day(r.responseDueAt)}.`
            : 'Đã lưu dự thảo kiến nghị. Khi văn bản có số, hãy ghi nhận việc gửi.',
      });
      return redirect(reply, `/kien-nghi/${r.id}`);
    }
    if (result.status === 403 && !can(web.actor.role, 'letters.record'))
      throw new ApiCallFailed(result.error);
    return this.showNew(
      web,
      reply,
      datesInTheirFormat(
        refused(values, result.error, { labels: FIELD_LABELS }),
        ['letterDate'],
        ['sentAt', 'responseDueAt'],
      ),
      result.status,
    );
  }

  private async showNew(
    web: WebContext,
    reply: FastifyReply,
    form: FormState,
    status: number,
  ): Promise<FastifyReply> {
    const [agencies, open, escalated] = await Promise.all([
      readAll((page) => web.api.GET('/api/v1/agencies', { params: { query: page } })),
      readAll((page) =>
        web.api.GET('/api/v1/blockers', { params: { query: { state: 'OPEN', ...page } } }),
      ),
      readAll((page) =>
        web.api.GET('/api/v1/blockers', { params: { query: { state: 'ESCALATED', ...page } } }),
      ),
    ]);
    return sendHtml(
      reply,
      page(web, {
        title: 'Soạn kiến nghị mới',
        active: 'recommendations',
        styles: STYLES,
        body: newBody(
          web,
          form,
          addresseeOptions(agencies),
          blockerOptions([...open, ...escalated]),
          distributionOptions(agencies, many(form.values, 'distributionCodes')),
        ),
      }),
      status,
    );
  }
}
