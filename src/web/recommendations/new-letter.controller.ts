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

/**
 * A new letter: drafted, or recorded as already sent, by the secretariat; drafted by an officer
 * for open blockers of the pilots their agency leads (the API's rule: an officer's draft names
 * at least one such blocker and is never recorded as sent).
 */
const OFFICER_PICKS_BLOCKERS =
  'Chọn ít nhất một vướng mắc đang mở của mô hình do đơn vị bạn chủ trì: cán bộ đầu mối dự thảo kiến nghị cho vướng mắc của mô hình đơn vị mình.';

@WebPages()
export class NewLetterController {
  constructor(private readonly sessions: WebSessions) {}

  @Get('kien-nghi/moi')
  async draft(@Web() web: WebContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    requirePermission(web, 'letters.draft');
    return this.showNew(web, reply, blankForm(), 200);
  }

  @Post('kien-nghi')
  async create(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const values = formValues(body);
    const records = can(web.actor.role, 'letters.record');
    // The officer's form offers only their pilots' blockers and no "already sent" fields; a post
    // with those fields anyway is the API's to refuse (403), as it refuses other roles.
    if (web.actor.role === 'AGENCY_OFFICER' && many(values, 'blockerIds').length === 0) {
      return this.showNew(
        web,
        reply,
        {
          values,
          errors: { blockerIds: [OFFICER_PICKS_BLOCKERS] },
          message: 'Chưa chọn vướng mắc nào cho dự thảo kiến nghị.',
        },
        400,
      );
    }
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
            : records
              ? 'Đã lưu dự thảo kiến nghị. Khi văn bản có số, hãy ghi nhận việc gửi.'
              : 'Đã lưu dự thảo kiến nghị. Tổ công tác sẽ hoàn thiện, cho số và gửi văn bản.',
      });
      return redirect(reply, `/kien-nghi/${r.id}`);
    }
    if (result.status === 403 && !records) throw new ApiCallFailed(result.error);
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
    const records = can(web.actor.role, 'letters.record');
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
          // An officer is offered the open blockers they may put in a letter: their pilots'.
          blockerOptions(
            [...open, ...escalated].filter(
              (b) => records || b.allowedCommands.includes('draftRecommendation'),
            ),
          ),
          distributionOptions(agencies, many(form.values, 'distributionCodes')),
        ),
      }),
      status,
    );
  }
}
