import { Get, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { redirect, sendHtml } from '../components/layout.js';
import { apiResult, read, type ApiError } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { requirePermission, Web, type WebContext } from '../web-request.js';
import { appliedBody, REORGANISATION_PATH, reorganisationBody } from './reorganisation.view.js';
import { settingsPage } from './settings-page.js';

const TITLE = 'Sắp xếp tổ chức năm 2025';
const INTRO =
  'Các bộ, sở hợp nhất, chia tách từ 01/03/2025 (Nghị quyết 176/2025/QH15, Nghị định 45/2025/NĐ-CP, Quyết định 598/QĐ-TTg): xem trước những gì thay đổi, rồi áp dụng một lần cho cả hệ thống.';

/** The 2025 reorganisation package: the administrator previews it and applies it. */
@WebPages()
export class ReorganisationSettingsController {
  @Get('cai-dat/sap-xep-to-chuc')
  async preview(@Web() web: WebContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    requirePermission(web, 'agencies.manage');
    return this.showPreview(web, reply);
  }

  /** Where the apply form was posted: a reload or a bookmark goes back to the preview. */
  @Get('cai-dat/sap-xep-to-chuc/ap-dung')
  applyPage(@Web() web: WebContext, @Res() reply: FastifyReply): FastifyReply {
    requirePermission(web, 'agencies.manage');
    return redirect(reply, REORGANISATION_PATH);
  }

  @Post('cai-dat/sap-xep-to-chuc/ap-dung')
  async apply(@Web() web: WebContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    requirePermission(web, 'agencies.manage');
    const result = await apiResult(
      web.api.POST('/api/v1/agency-successions/packages/reorganisation-2025/apply'),
    );
    if (!result.ok) return this.showPreview(web, reply, result.error, result.status);
    return sendHtml(
      reply,
      settingsPage(web, { tab: 'sap-xep-to-chuc', title: TITLE, body: appliedBody(result.body) }),
    );
  }

  private async showPreview(
    web: WebContext,
    reply: FastifyReply,
    error?: ApiError,
    status = 200,
  ): Promise<FastifyReply> {
    const preview = await read(
      web.api.GET('/api/v1/agency-successions/packages/reorganisation-2025/preview'),
    );
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'sap-xep-to-chuc',
        title: TITLE,
        intro: INTRO,
        body: reorganisationBody(web, preview, error?.message),
      }),
      status,
    );
  }
}
