import { Body, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PERIOD_REGEX } from '../../common/validators.js';
import { blankForm, formValues, integerField, one, type FormState } from '../components/forms.js';
import { redirect, sendHtml } from '../components/layout.js';
import { sendMonthlyReport } from '../components/monthly-report-file.js';
import { apiResult, read, unchecked, type ApiError } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { requirePermission, Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { CUTOFF_LABELS, cutoffValues, lockConfirmation, periodsBody } from './periods.view.js';
import { NOT_FOUND, refusedForm, settingsPage } from './settings-page.js';

/** Report periods: the secretariat locks and reopens them; both roles download the monthly report. */
@WebPages()
export class PeriodsSettingsController {
  constructor(private readonly sessions: WebSessions) {}

  @Get('cai-dat/ky-bao-cao')
  async periods(@Web() web: WebContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    requirePermission(web, 'settings.view');
    return this.showPeriods(web, reply);
  }

  /** Where a refused lock was posted: a reload or a bookmark goes back to the periods. */
  @Get([
    'cai-dat/ky-bao-cao/:period/khoa',
    'cai-dat/ky-bao-cao/:period/mo-khoa',
    'cai-dat/ky-bao-cao/ngay-chot',
  ])
  periodAction(@Web() web: WebContext, @Res() reply: FastifyReply): FastifyReply {
    requirePermission(web, 'settings.view');
    return redirect(reply, '/cai-dat/ky-bao-cao');
  }

  /** The period cut-off day (secretariat): the reports of the periods are read as of it. */
  @Post('cai-dat/ky-bao-cao/ngay-chot')
  async setCutoff(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'settings.view');
    const values = formValues(body);
    const day = one(values, 'periodCutoffDay').trim();
    const result = await apiResult(
      web.api.PUT('/api/v1/periods/cutoff', {
        body: {
          version: unchecked(integerField(one(values, 'version'))),
          periodCutoffDay: day === '' ? null : unchecked(integerField(day)),
        },
      }),
    );
    if (result.ok) {
      const saved = result.body.periodCutoffDay;
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã lưu ngày chốt số liệu: ${saved === null ? 'cuối tháng' : `ngày ${saved} hằng tháng`}. Báo cáo tháng của các kỳ chưa chốt đọc số liệu đến ngày này.`,
      });
      return redirect(reply, '/cai-dat/ky-bao-cao');
    }
    if (result.error.code === 'VERSION_CONFLICT') {
      const current = await read(web.api.GET('/api/v1/periods/cutoff'));
      const form = { ...blankForm(cutoffValues(current)), message: result.error.message };
      return this.showPeriods(web, reply, undefined, result.status, form);
    }
    const form = refusedForm(values, result.error, CUTOFF_LABELS);
    return this.showPeriods(web, reply, undefined, result.status, form);
  }

  /**
   * Locking asks first: the page lists the pilots still without the period's report, by lead
   * agency, and locks only when posted again with confirm=1.
   */
  @Post('cai-dat/ky-bao-cao/:period/khoa')
  async lock(
    @Web() web: WebContext,
    @Param('period') period: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'settings.view');
    if (!PERIOD_REGEX.test(period)) throw new WebRefusal(404, NOT_FOUND);
    if (one(formValues(body), 'confirm') === '1') return this.setLocked(web, period, true, reply);
    const overview = await apiResult(
      web.api.GET('/api/v1/reports/overview', { params: { query: { period } } }),
    );
    if (!overview.ok) return this.showPeriods(web, reply, overview.error, overview.status);
    const pilots = await read(web.api.GET('/api/v1/pilots', { params: { query: { limit: 100 } } }));
    const names = new Map(pilots.items.map((p) => [p.number, p.name]));
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'ky-bao-cao',
        title: 'Kỳ báo cáo',
        body: lockConfirmation(web, overview.body, names),
      }),
    );
  }

  @Post('cai-dat/ky-bao-cao/:period/mo-khoa')
  unlock(
    @Web() web: WebContext,
    @Param('period') period: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.setLocked(web, period, false, reply);
  }

  private async setLocked(
    web: WebContext,
    period: string,
    locked: boolean,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'settings.view');
    if (!PERIOD_REGEX.test(period)) throw new WebRefusal(404, NOT_FOUND);
    const params = { path: { period } };
    const result = await apiResult(
      locked
        ? web.api.POST('/api/v1/periods/{period}/lock', { params })
        : web.api.POST('/api/v1/periods/{period}/unlock', { params }),
    );
    if (!result.ok) return this.showPeriods(web, reply, result.error, result.status);
    const [y, m] = period.split('-');
    await this.sessions.flash(web.session.id, {
      kind: 'ok',
      text: locked
        ? `Đã chốt số liệu kỳ tháng ${m}/${y}. Báo cáo tháng của kỳ này lấy từ số liệu lúc chốt.`
        : `Đã mở lại kỳ tháng ${m}/${y}; các đơn vị sửa được báo cáo của kỳ này.`,
    });
    return redirect(reply, '/cai-dat/ky-bao-cao');
  }

  private async showPeriods(
    web: WebContext,
    reply: FastifyReply,
    error?: ApiError,
    status = 200,
    cutoffForm?: FormState,
  ): Promise<FastifyReply> {
    const periods = await read(web.api.GET('/api/v1/periods'));
    const cutoff = await read(web.api.GET('/api/v1/periods/cutoff'));
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'ky-bao-cao',
        title: 'Kỳ báo cáo',
        intro:
          'Chốt số liệu từng kỳ báo cáo tháng và tải phụ lục kết quả triển khai mô hình (Word, Excel).',
        body: periodsBody(web, { periods, cutoff, cutoffForm, message: error?.message }),
      }),
      status,
    );
  }

  @Get('cai-dat/ky-bao-cao/:period/bao-cao.docx')
  docx(
    @Web() web: WebContext,
    @Param('period') period: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.download(web, period, 'docx', reply);
  }

  @Get('cai-dat/ky-bao-cao/:period/bao-cao.xlsx')
  xlsx(
    @Web() web: WebContext,
    @Param('period') period: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.download(web, period, 'xlsx', reply);
  }

  /** Both roles of the settings download the monthly report here, as the overview's readers do. */
  private download(
    web: WebContext,
    period: string,
    format: 'docx' | 'xlsx',
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'settings.view');
    return sendMonthlyReport(web, reply, period, format);
  }
}
