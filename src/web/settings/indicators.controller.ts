import { Body, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { formValues, integerField, one, type FormState } from '../components/forms.js';
import { redirect, sendHtml } from '../components/layout.js';
import { apiResult, read, readAll, unchecked } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { requirePermission, Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { INDICATOR_LABELS, indicatorsBody } from './indicators.view.js';
import { NOT_FOUND, refusedForm, settingsPage } from './settings-page.js';

const CODE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** "" → absent; "true"/"false" → the boolean; anything else as typed, for the API to refuse. */
const booleanField = (text: string): never =>
  (text === 'true' ? true : text === 'false' ? false : text === '' ? undefined : text) as never;

/**
 * The catalogue of indicators (issue 15, item 3): the secretariat and the administrator add
 * indicators and change their names, units, owners, sections and order; the API decides.
 */
@WebPages()
export class IndicatorsSettingsController {
  constructor(private readonly sessions: WebSessions) {}

  @Get('cai-dat/chi-so')
  indicators(@Web() web: WebContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    requirePermission(web, 'settings.view');
    return this.show(web, reply);
  }

  @Post('cai-dat/chi-so')
  async create(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'indicators.manage');
    const values = formValues(body);
    const pilot = one(values, 'pilotNumber').trim();
    const result = await apiResult(
      web.api.POST('/api/v1/indicators', {
        body: {
          code: one(values, 'code').trim(),
          name: one(values, 'name'),
          unit: one(values, 'unit'),
          kind: unchecked(one(values, 'kind')),
          ...(pilot ? { pilotNumber: unchecked(integerField(pilot)) } : {}),
          agencyCode: one(values, 'agencyCode'),
          section: one(values, 'section').trim(),
          displayOrder: unchecked(integerField(one(values, 'displayOrder'))),
        },
      }),
    );
    if (result.ok) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã thêm chỉ số ${result.body.code}: ${result.body.name}.`,
      });
      return redirect(reply, `/cai-dat/chi-so#indicator-${result.body.code}`);
    }
    const form = refusedForm(values, result.error, INDICATOR_LABELS);
    return this.show(web, reply, { code: null, form }, result.status);
  }

  /** Where a refused form was posted: a reload or a bookmark goes back to the list. */
  @Get('cai-dat/chi-so/:code')
  indicator(
    @Web() web: WebContext,
    @Param('code') code: string,
    @Res() reply: FastifyReply,
  ): FastifyReply {
    requirePermission(web, 'settings.view');
    return redirect(
      reply,
      CODE.test(code) ? `/cai-dat/chi-so#indicator-${code}` : '/cai-dat/chi-so',
    );
  }

  @Post('cai-dat/chi-so/:code')
  async update(
    @Web() web: WebContext,
    @Param('code') code: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'indicators.manage');
    if (!CODE.test(code)) throw new WebRefusal(404, NOT_FOUND);
    const values = formValues(body);
    const result = await apiResult(
      web.api.PATCH('/api/v1/indicators/{code}', {
        params: { path: { code } },
        body: {
          version: unchecked(integerField(one(values, 'version'))),
          name: one(values, 'name'),
          unit: one(values, 'unit'),
          kind: unchecked(one(values, 'kind')),
          agencyCode: one(values, 'agencyCode'),
          section: one(values, 'section').trim(),
          displayOrder: unchecked(integerField(one(values, 'displayOrder'))),
          active: booleanField(one(values, 'active')),
        },
      }),
    );
    if (result.ok) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã lưu chỉ số ${code}.`,
      });
      return redirect(reply, `/cai-dat/chi-so#indicator-${code}`);
    }
    // A conflict shows the indicator as it is now: the typed values would overwrite a change.
    const form: FormState =
      result.error.code === 'VERSION_CONFLICT'
        ? { values: {}, errors: {}, message: result.error.message }
        : refusedForm(values, result.error, INDICATOR_LABELS);
    return this.show(web, reply, { code, form }, result.status);
  }

  private async show(
    web: WebContext,
    reply: FastifyReply,
    failed?: { code: string | null; form: FormState },
    status = 200,
  ): Promise<FastifyReply> {
    const [indicators, agencies] = await Promise.all([
      read(web.api.GET('/api/v1/indicators')),
      readAll((page) => web.api.GET('/api/v1/agencies', { params: { query: page } })),
    ]);
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'chi-so',
        title: 'Danh mục chỉ số',
        intro:
          'Các số liệu toàn tỉnh và của từng mô hình mà báo cáo tháng nêu (Phần I), mỗi chỉ số do một đơn vị chịu trách nhiệm nhập theo kỳ.',
        body: indicatorsBody(web, { indicators, agencies, failed }),
      }),
      status,
    );
  }
}
