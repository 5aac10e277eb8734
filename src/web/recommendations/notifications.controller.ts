import { Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { UUID } from '../../common/uuid.pipe.js';
import { refused } from '../components/forms.js';
import { redirect } from '../components/layout.js';
import { apiResult } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { showLetter } from './letter-page.js';
import { assertId } from './letters.js';

/** The reminders of a letter: one that failed is put back in the sending queue. */
@WebPages()
export class LetterNotificationsController {
  constructor(private readonly sessions: WebSessions) {}

  @Post('kien-nghi/:id/thong-bao/:notificationId/gui-lai')
  async retry(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Param('notificationId') notificationId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    if (!UUID.test(notificationId)) throw new WebRefusal(404, 'Không tìm thấy thư này.');
    const result = await apiResult(
      web.api.POST('/api/v1/notifications/{id}/retry', {
        params: { path: { id: notificationId } },
      }),
    );
    if (result.ok) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã đưa thư tới ${result.body.recipientEmail} trở lại hàng đợi gửi.`,
      });
      return redirect(reply, `/kien-nghi/${id}#thong-bao`);
    }
    return showLetter(
      web,
      reply,
      id,
      { action: 'thong-bao', form: refused({}, result.error) },
      result.status,
    );
  }
}
