import { Body, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { datesInTheirFormat, isoDay, typedDay } from '../components/date-fields.js';
import {
  formValues,
  integerField,
  many,
  one,
  refused,
  type FormState,
} from '../components/forms.js';
import { page, redirect, sendHtml } from '../components/layout.js';
import {
  ApiCallFailed,
  apiResult,
  read,
  readAll,
  unchecked,
  type Schemas,
} from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { editDraftBody, mayEditDraft } from './edit-letter.view.js';
import { assertId, FIELD_LABELS, optional, STYLES } from './letters.js';
import { addresseeOptions, distributionOptions } from './new-letter.view.js';

/**
 * Correcting a draft letter (issue 16, item 3) through `PATCH /recommendations/{id}`: only while
 * it is a draft, by the secretariat or the officers of the agency that wrote it, with the version
 * the form was shown at (a letter changed meanwhile answers 409 and the form comes back with
 * what was typed).
 */
@WebPages()
export class EditLetterController {
  constructor(private readonly sessions: WebSessions) {}

  @Get('kien-nghi/:id/sua')
  async form(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    const r = await letter(web, id);
    const values = {
      version: String(r.version),
      summary: r.summary,
      addresseeCodes: r.addressees.map((a) => a.code),
      distributionCodes: r.distribution.map((a) => a.code),
      documentNumber: r.documentNumber ?? '',
      letterDate: typedDay(r.letterDate),
    };
    return this.show(web, reply, r, { values, errors: {} }, 200);
  }

  @Post('kien-nghi/:id/sua')
  async save(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    const values = formValues(body);
    const result = await apiResult(
      web.api.PATCH('/api/v1/recommendations/{id}', {
        params: { path: { id } },
        body: {
          version: unchecked(integerField(one(values, 'version'))),
          summary: one(values, 'summary'),
          addresseeCodes: many(values, 'addresseeCodes'),
          distributionCodes: many(values, 'distributionCodes'),
          documentNumber: optional(values, 'documentNumber'),
          letterDate: optional(values, 'letterDate') && isoDay(one(values, 'letterDate')),
        },
      }),
    );
    if (result.ok) {
      await this.sessions.flash(web.session.id, { kind: 'ok', text: 'Đã lưu dự thảo kiến nghị.' });
      return redirect(reply, `/kien-nghi/${id}`);
    }
    if (result.status === 403 || result.status === 404) throw new ApiCallFailed(result.error);
    const r = await letter(web, id);
    const form = datesInTheirFormat(refused(values, result.error, { labels: FIELD_LABELS }), [
      'letterDate',
    ]);
    // 409: the letter changed (or was sent) meanwhile: its message on top, what was typed kept.
    if (result.status === 409) form.message = result.error.message;
    return this.show(web, reply, r, form, result.status);
  }

  private async show(
    web: WebContext,
    reply: FastifyReply,
    r: Schemas['RecommendationView'],
    form: FormState,
    status: number,
  ): Promise<FastifyReply> {
    if (!mayEditDraft(web, r)) {
      throw new WebRefusal(
        r.state === 'DRAFT' ? 403 : 409,
        r.state === 'DRAFT'
          ? 'Chỉ Tổ công tác hoặc đơn vị soạn dự thảo mới sửa được dự thảo này.'
          : 'Kiến nghị đã gửi không sửa được nữa: chỉ dự thảo mới sửa được.',
      );
    }
    const agencies = await readAll((p) =>
      web.api.GET('/api/v1/agencies', { params: { query: p } }),
    );
    return sendHtml(
      reply,
      page(web, {
        title: 'Sửa dự thảo kiến nghị',
        active: 'recommendations',
        styles: STYLES,
        body: editDraftBody(
          web,
          r,
          form,
          addresseeOptions(agencies),
          distributionOptions(agencies, many(form.values, 'distributionCodes')),
        ),
      }),
      status,
    );
  }
}

const letter = (web: WebContext, id: string) =>
  read(web.api.GET('/api/v1/recommendations/{id}', { params: { path: { id } } }));
