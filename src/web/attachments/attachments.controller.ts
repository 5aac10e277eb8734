import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  AttachmentsService,
  type AttachmentTarget,
} from '../../attachments/attachments.service.js';
import { sendAttachment } from '../../attachments/attachment-reply.js';
import { DomainError } from '../../common/domain-error.js';
import { UUID } from '../../common/uuid.pipe.js';
import { page, redirect, sendHtml } from '../components/layout.js';
import { pilotNumberOf } from '../pilot/pilot-page.js';
import { WebPages } from '../web-page.decorator.js';
import { MultipartForm, Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { fileSize, refusalBody } from './attachments.view.js';
import { receiveUpload } from './upload.js';

const TITLES: Record<number, string> = {
  400: 'Không tải lên được tệp',
  403: 'Không được phép',
  404: 'Không tìm thấy',
  409: 'Không thể thay đổi tệp lúc này',
  413: 'Tệp quá lớn',
  415: 'Loại tệp không được nhận',
};

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

function assertUuid(id: string, what: string): void {
  if (!UUID.test(id)) throw new WebRefusal(404, `Không tìm thấy ${what}.`);
}

/** The page an owner's files are shown on. */
function pageOf(target: AttachmentTarget): string {
  switch (target.kind) {
    case 'letter':
    case 'response':
      return `/kien-nghi/${target.recommendationId}#van-ban-dinh-kem`;
    case 'report':
      return `/mo-hinh/${target.pilotNumber}#tep-bao-cao-${target.period}`;
  }
}

/** A refusal's message: the API's, with its fields' problems (an empty or cut-off file). */
function messageOf(error: DomainError | WebRefusal): string {
  const details = (error as DomainError).details as
    { fields?: { problems: string[] }[] } | undefined;
  const problems = (details?.fields ?? []).flatMap((f) => f.problems);
  return [error.message, ...problems].join(' ');
}

/**
 * Documents in the web interface: uploads from the letter page (the letter, each answer) and
 * from the pilot page (a monthly report), downloads and deletions. Uploads go to the attachments
 * service as the signed-in user — the API's rules and validation, one transaction, nothing
 * stored on a refusal — and a refusal is a page that says why (Vietnamese), with the way back.
 */
@WebPages()
export class WebAttachmentsController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly sessions: WebSessions,
  ) {}

  @Post('kien-nghi/:id/tep')
  @MultipartForm()
  uploadToLetter(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertUuid(id, 'kiến nghị này');
    return this.upload(web, req, reply, { kind: 'letter', recommendationId: id });
  }

  @Post('kien-nghi/:id/tra-loi/:responseId/tep')
  @MultipartForm()
  uploadToResponse(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Param('responseId') responseId: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertUuid(id, 'kiến nghị này');
    assertUuid(responseId, 'văn bản trả lời này');
    return this.upload(web, req, reply, { kind: 'response', recommendationId: id, responseId });
  }

  @Post('mo-hinh/:number/bao-cao/:period/tep')
  @MultipartForm()
  uploadToReport(
    @Web() web: WebContext,
    @Param('number') number: string,
    @Param('period') period: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const pilotNumber = pilotNumberOf(number);
    if (!PERIOD.test(period)) throw new WebRefusal(404, 'Không tìm thấy kỳ báo cáo này.');
    return this.upload(web, req, reply, { kind: 'report', pilotNumber, period });
  }

  /** A download as the API serves it (same headers), to whoever may read the file's owner. */
  @Get('tep/:id')
  async download(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertUuid(id, 'tệp đính kèm');
    return sendAttachment(req, reply, await this.attachments.download(web.actor, id));
  }

  @Post('tep/:id/xoa')
  async remove(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertUuid(id, 'tệp đính kèm');
    const owner = await this.attachments.ownerOf(id);
    const back = pageOf(owner);
    try {
      // Its name for the message; the bytes are not read.
      const { attachment, content } = await this.attachments.download(web.actor, id);
      content.destroy();
      await this.attachments.remove(web.actor, id);
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã xóa tệp ${attachment.fileName} (${fileSize(attachment.sizeBytes)}).`,
      });
    } catch (error) {
      return this.refused(web, reply, error, back);
    }
    return redirect(reply, back);
  }

  private async upload(
    web: WebContext,
    req: FastifyRequest,
    reply: FastifyReply,
    target: AttachmentTarget,
  ): Promise<FastifyReply> {
    const back = pageOf(target);
    try {
      const saved = await receiveUpload(web, req, reply, this.attachments, target);
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã tải lên tệp ${saved.fileName} (${fileSize(saved.sizeBytes)}).`,
      });
    } catch (error) {
      return this.refused(web, reply, error, back);
    }
    return redirect(reply, back);
  }

  /** A refusal as a page with its status; anything else is the web filter's (500 page). */
  private refused(
    web: WebContext,
    reply: FastifyReply,
    error: unknown,
    back: string,
  ): FastifyReply {
    if (!(error instanceof DomainError || error instanceof WebRefusal)) throw error;
    const status = error instanceof DomainError ? error.statusCode : error.statusCode;
    if (status >= 500) throw error;
    const title = TITLES[status] ?? 'Yêu cầu không thực hiện được';
    return sendHtml(
      reply,
      page(web, { title, body: refusalBody({ title, message: messageOf(error), back }) }),
      status,
    );
  }
}
