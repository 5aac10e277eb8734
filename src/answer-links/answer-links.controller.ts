import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, type Actor } from '../access/actor.js';
import { agencyCodePipe } from '../agencies/agency-code.pipe.js';
import { ApiAction } from '../common/api-action.js';
import { ApiErrors, READ_ERRORS } from '../common/api-errors.js';
import { uuidPipe } from '../common/uuid.pipe.js';
import { AnswerLinkSettingsDto } from './answer-link-settings.dto.js';
import {
  AnswerLinkSettingsView,
  AnswerLinkView,
  SentAnswerLinkView,
  toAnswerLinkView,
} from './answer-link.view.js';
import { AnswerLinks } from './answer-links.service.js';

/** The secretariat's side of the addressees' personal answer links (never their tokens). */
@ApiTags('answer-links')
@ApiBearerAuth()
@ApiErrors(...READ_ERRORS)
@Controller()
export class AnswerLinksController {
  constructor(private readonly links: AnswerLinks) {}

  @Get('answer-links/settings')
  @ApiOperation({ summary: 'Thời hạn của liên kết trả lời mới (thư ký)' })
  @ApiOkResponse({ type: AnswerLinkSettingsView })
  @ApiErrors(403)
  settings(@CurrentActor() actor: Actor): Promise<AnswerLinkSettingsView> {
    return this.links.settings(actor);
  }

  @Put('answer-links/settings')
  @ApiOperation({
    summary:
      'Đặt thời hạn của liên kết trả lời mới, 1–365 ngày (thư ký); liên kết đã gửi giữ hạn của nó',
  })
  @ApiOkResponse({ type: AnswerLinkSettingsView })
  @ApiErrors(403, [409, 'VERSION_CONFLICT: người khác vừa cập nhật'], 413)
  replaceSettings(
    @Body() body: AnswerLinkSettingsDto,
    @CurrentActor() actor: Actor,
  ): Promise<AnswerLinkSettingsView> {
    return this.links.replaceSettings(actor, body.validDays, body.version);
  }

  @Get('recommendations/:id/answer-links')
  @ApiOperation({
    summary:
      'Các liên kết trả lời của kiến nghị, mới nhất trước (thư ký): cơ quan, ngày tạo, hạn, thu hồi, đã trả lời; không có mã liên kết',
  })
  @ApiOkResponse({ type: [AnswerLinkView] })
  @ApiErrors(403, 404)
  async list(
    @Param('id', uuidPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<AnswerLinkView[]> {
    return (await this.links.list(actor, id)).map(toAnswerLinkView);
  }

  @Post('recommendations/:id/addressees/:code/answer-link')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Gửi ngay liên kết trả lời cho cơ quan nhận kiến nghị (thư ký): thư đến email đầu mối của cơ quan đang đảm nhận nhiệm vụ; dùng lại liên kết còn hiệu lực',
  })
  @ApiAcceptedResponse({ type: SentAnswerLinkView, description: 'Thư đã vào hàng đợi' })
  @ApiErrors(403, 404, [
    409,
    'cơ quan không còn phải trả lời, nhiệm vụ chưa rõ cơ quan đảm nhận, hoặc chưa có email đầu mối',
  ])
  async send(
    @Param('id', uuidPipe) id: string,
    @Param('code', agencyCodePipe) code: string,
    @CurrentActor() actor: Actor,
  ): Promise<SentAnswerLinkView> {
    const sent = await this.links.sendOnDemand(actor, id, code);
    return {
      linkId: sent.linkId,
      expiresAt: sent.expiresAt.toISOString(),
      recipients: sent.recipients,
    };
  }

  @Post('answer-links/:id/revoke')
  @ApiAction(
    {
      summary: 'Thu hồi liên kết trả lời (thư ký); thu hồi lại không đổi gì',
      type: AnswerLinkView,
    },
    403,
    404,
  )
  async revoke(
    @Param('id', uuidPipe) id: string,
    @CurrentActor() actor: Actor,
  ): Promise<AnswerLinkView> {
    return toAnswerLinkView(await this.links.revoke(actor, id));
  }
}
