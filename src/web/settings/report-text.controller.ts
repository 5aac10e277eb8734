import { Body, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { NARRATIVE_SECTIONS } from '../../periods/report-text.js';
import { PERIOD_REGEX } from '../../common/validators.js';
import { blankForm, formValues, integerField, one, type FormState } from '../components/forms.js';
import { redirect, sendHtml } from '../components/layout.js';
import { apiResult, read, unchecked } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { requirePermission, Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import {
  REPORT_DEFAULTS_LABELS,
  REPORT_TEXT_LABELS,
  reportDefaultsBody,
  reportDefaultsValues,
  reportTextBody,
  reportTextValues,
} from './report-text.view.js';
import { NOT_FOUND, refusedForm, settingsPage } from './settings-page.js';

/**
 * A period's "BÁO CÁO" as the secretariat writes it (/cai-dat/ky-bao-cao/{period}/noi-dung), and
 * the defaults every report starts from (/cai-dat/ky-bao-cao/mac-dinh).
 */
@WebPages()
export class ReportTextSettingsController {
  constructor(private readonly sessions: WebSessions) {}

  @Get('cai-dat/ky-bao-cao/mac-dinh')
  async showDefaults(@Web() web: WebContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    requirePermission(web, 'settings.view');
    const current = await read(web.api.GET('/api/v1/periods/report-defaults'));
    return this.defaultsPage(web, reply, blankForm(reportDefaultsValues(current)));
  }

  @Post('cai-dat/ky-bao-cao/mac-dinh')
  async saveDefaults(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'settings.view');
    // Refused before the form is read: the API would name a bad field before the role.
    requirePermission(web, 'periods.lock');
    const values = formValues(body);
    const text = (name: string) => one(values, name).trim();
    const result = await apiResult(
      web.api.PUT('/api/v1/periods/report-defaults', {
        body: {
          version: unchecked(integerField(one(values, 'version'))),
          symbol: text('symbol'),
          place: text('place'),
          signer: {
            authority: text('signer.authority'),
            title: text('signer.title'),
            subtitle: text('signer.subtitle'),
            name: text('signer.name'),
          },
          distribution: one(values, 'distribution').split(/\r?\n/),
        },
      }),
    );
    if (result.ok) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: 'Đã lưu cài đặt mặc định của báo cáo tháng.',
      });
      return redirect(reply, '/cai-dat/ky-bao-cao/mac-dinh');
    }
    if (result.error.code === 'VERSION_CONFLICT') {
      // Someone saved meanwhile: their values, and the message saying so.
      const current = await read(web.api.GET('/api/v1/periods/report-defaults'));
      const form = { ...blankForm(reportDefaultsValues(current)), message: result.error.message };
      return this.defaultsPage(web, reply, form, result.status);
    }
    const form = refusedForm(values, result.error, REPORT_DEFAULTS_LABELS);
    return this.defaultsPage(web, reply, form, result.status);
  }

  private defaultsPage(
    web: WebContext,
    reply: FastifyReply,
    form: FormState,
    status = 200,
  ): FastifyReply {
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'ky-bao-cao',
        title: 'Cài đặt mặc định của báo cáo tháng',
        body: reportDefaultsBody(web, form),
      }),
      status,
    );
  }

  @Get('cai-dat/ky-bao-cao/:period/noi-dung')
  async show(
    @Web() web: WebContext,
    @Param('period') period: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'settings.view');
    if (!PERIOD_REGEX.test(period)) throw new WebRefusal(404, NOT_FOUND);
    return this.page(web, reply, period);
  }

  @Post('cai-dat/ky-bao-cao/:period/noi-dung')
  async save(
    @Web() web: WebContext,
    @Param('period') period: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'settings.view');
    if (!PERIOD_REGEX.test(period)) throw new WebRefusal(404, NOT_FOUND);
    const values = formValues(body);
    const text = (name: string) => one(values, name).trim();
    const result = await apiResult(
      web.api.PUT('/api/v1/periods/{period}/report-text', {
        params: { path: { period } },
        body: {
          version: unchecked(integerField(one(values, 'version'))),
          reportNumber: text('reportNumber') || null,
          reportDate: text('reportDate') || null,
          signer: {
            authority: text('signer.authority'),
            title: text('signer.title'),
            subtitle: text('signer.subtitle'),
            name: text('signer.name'),
          },
          distribution: one(values, 'distribution').split(/\r?\n/),
          sections: Object.fromEntries(
            NARRATIVE_SECTIONS.map((s) => [s, one(values, `sections.${s}`)]),
          ) as Record<(typeof NARRATIVE_SECTIONS)[number], string>,
        },
      }),
    );
    if (result.ok) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã lưu nội dung báo cáo tháng ${period.slice(5)}/${period.slice(0, 4)}.`,
      });
      return redirect(reply, `/cai-dat/ky-bao-cao/${period}/noi-dung`);
    }
    return this.page(
      web,
      reply,
      period,
      refusedForm(values, result.error, REPORT_TEXT_LABELS),
      result.status,
    );
  }

  private async page(
    web: WebContext,
    reply: FastifyReply,
    period: string,
    form?: FormState,
    status = 200,
  ): Promise<FastifyReply> {
    const current = await read(
      web.api.GET('/api/v1/periods/{period}/report-text', { params: { path: { period } } }),
    );
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'ky-bao-cao',
        title: `Nội dung báo cáo tháng ${period.slice(5)}/${period.slice(0, 4)}`,
        body: reportTextBody(web, current, form ?? blankForm(reportTextValues(current))),
      }),
      status,
    );
  }
}
