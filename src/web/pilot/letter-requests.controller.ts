import { Body, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { UUID } from '../../common/uuid.pipe.js';
import { formValues, integerField, one } from '../components/forms.js';
import { redirect } from '../components/layout.js';
import { ApiCallFailed, apiResult, unchecked } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { PilotPage, pilotNumberOf } from './pilot-page.js';

/** From a pilot's page: ask the secretariat for a letter about a CENTRAL blocker, or withdraw the ask. */
@WebPages()
export class PilotLetterRequestsController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly pilotPage: PilotPage,
  ) {}

  @Post('mo-hinh/:number/de-nghi-kien-nghi')
  async file(
    @Web() web: WebContext,
    @Param('number') number: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const pilot = { number: pilotNumberOf(number) };
    const values = formValues(body);
    const blockerId = one(values, 'blockerId');
    const result = await apiResult(
      web.api.POST('/api/v1/letter-requests', {
        body: {
          blockerId,
          addresseeCode: one(values, 'addresseeCode'),
          question: one(values, 'question'),
          impact: one(values, 'impact'),
        },
      }),
    );
    return this.pilotPage.answer(web, reply, pilot.number, values, result, {
      form: `letter-request-${blockerId}`,
      fields: ['addresseeCode', 'question', 'impact'],
      done: (r) =>
        `Đã gửi đề nghị Tổ công tác gửi kiến nghị đến ${r.addressee.name}; thư ký đã được báo qua email.`,
    });
  }

  @Post('kien-nghi/de-nghi/:id/rut')
  async withdraw(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    if (!UUID.test(id)) throw new WebRefusal(404, 'Không tìm thấy đề nghị này.');
    const values = formValues(body);
    const result = await apiResult(
      web.api.POST('/api/v1/letter-requests/{id}/withdraw', {
        params: { path: { id } },
        body: { version: unchecked(integerField(one(values, 'version'))) },
      }),
    );
    if (!result.ok && result.status !== 409) throw new ApiCallFailed(result.error);
    await this.sessions.flash(
      web.session.id,
      result.ok
        ? { kind: 'ok', text: `Đã rút đề nghị gửi kiến nghị đến ${result.body.addressee.name}.` }
        : { kind: 'error', text: result.error.message },
    );
    const pilotNumber = result.ok ? result.body.pilot?.number : Number(one(values, 'pilotNumber'));
    return redirect(reply, pilotNumber ? `/mo-hinh/${pilotNumber}#de-nghi-kien-nghi` : '/mo-hinh');
  }
}
