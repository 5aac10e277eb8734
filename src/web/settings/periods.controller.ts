import { Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { PERIOD_REGEX } from '../../common/validators.js';
import { redirect, sendFile, sendHtml } from '../components/layout.js';
import { apiResult, download, read, type ApiError } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { requirePermission, Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { periodsBody } from './periods.view.js';
import { NOT_FOUND, settingsPage } from './settings-page.js';

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
  @Get(['cai-dat/ky-bao-cao/:period/khoa', 'cai-dat/ky-bao-cao/:period/mo-khoa'])
  periodAction(@Web() web: WebContext, @Res() reply: FastifyReply): FastifyReply {
    requirePermission(web, 'settings.view');
    return redirect(reply, '/cai-dat/ky-bao-cao');
  }

  @Post('cai-dat/ky-bao-cao/:period/khoa')
  lock(
    @Web() web: WebContext,
    @Param('period') period: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.setLocked(web, period, true, reply);
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
  ): Promise<FastifyReply> {
    const periods = await read(web.api.GET('/api/v1/periods'));
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'ky-bao-cao',
        title: 'Kỳ báo cáo',
        intro:
          'Chốt số liệu từng kỳ báo cáo tháng và tải phụ lục kết quả triển khai mô hình (Word, Excel).',
        body: periodsBody(web, { periods, message: error?.message }),
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

  /** The API's file as it answers it: its content type and file name. */
  private async download(
    web: WebContext,
    period: string,
    format: 'docx' | 'xlsx',
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'settings.view');
    if (!PERIOD_REGEX.test(period)) throw new WebRefusal(404, NOT_FOUND);
    const file = await download(
      web.api.GET('/api/v1/reports/monthly', {
        params: { query: { period, format } },
        parseAs: 'arrayBuffer',
      }),
    );
    return sendFile(reply, file);
  }
}
