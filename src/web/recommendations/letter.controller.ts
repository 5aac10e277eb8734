import { Body, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { RecommendationView } from '../../recommendations/recommendation.view.js';
import { datesInTheirFormat, isoDay, isoInstant } from '../components/date-fields.js';
import { day } from '../components/format.js';
import { formValues, integerField, one, refused, type FormValues } from '../components/forms.js';
import { redirect, sendFile } from '../components/layout.js';
import { ApiCallFailed } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { ACTIONS, type ActionKey } from './letter-actions.view.js';
import { showLetter } from './letter-page.js';
import { assertId, FIELD_LABELS, optional } from './letters.js';

/** The API body of each action, named as its DTO so that `refused` maps the problems. */
const BODIES: Record<ActionKey, (values: FormValues) => Record<string, unknown>> = {
  gui: (v) => ({
    documentNumber: one(v, 'documentNumber'),
    letterDate: isoDay(one(v, 'letterDate')),
    sentAt: isoInstant(one(v, 'sentAt')),
    responseDueAt: isoInstant(one(v, 'responseDueAt')),
    version: integerField(one(v, 'version')),
  }),
  'tra-loi': (v) => ({
    documentNumber: one(v, 'documentNumber'),
    date: isoDay(one(v, 'date')),
    summary: one(v, 'summary'),
    version: integerField(one(v, 'version')),
  }),
  dong: (v) => ({ note: optional(v, 'note'), version: integerField(one(v, 'version')) }),
  rut: (v) => ({ reason: one(v, 'reason'), version: integerField(one(v, 'version')) }),
  'mo-lai': (v) => ({
    reason: one(v, 'reason'),
    responseDueAt: isoInstant(one(v, 'responseDueAt')),
    version: integerField(one(v, 'version')),
  }),
};

function done(key: ActionKey, r: RecommendationView): string {
  switch (key) {
    case 'gui':
      return `Đã gửi kiến nghị số ${r.documentNumber}; hạn trả lời ${day(r.responseDueAt)}.`;
    case 'tra-loi':
      return `Đã ghi nhận văn bản trả lời số ${r.responses.at(-1)?.documentNumber ?? ''}; việc đôn đốc đã dừng.`;
    case 'dong':
      return 'Đã đóng kiến nghị.';
    case 'rut':
      return 'Đã rút kiến nghị; việc đôn đốc đã dừng.';
    case 'mo-lai':
      return `Đã mở lại kiến nghị; hạn trả lời mới ${day(r.responseDueAt)}.`;
  }
}

/** One letter: what it says, what the secretariat may do in its state, its follow-up letter. */
@WebPages()
export class LetterController {
  constructor(private readonly sessions: WebSessions) {}

  @Get('kien-nghi/:id')
  async detail(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    return showLetter(web, reply, id, undefined, 200);
  }

  @Get('kien-nghi/:id/van-ban-don-doc')
  async followUpLetter(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    return sendFile(reply, await web.api.file(`/recommendations/${id}/follow-up-letter`));
  }

  @Post('kien-nghi/:id/:action')
  async act(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    if (!Object.hasOwn(ACTIONS, action))
      throw new WebRefusal(404, 'Không có thao tác này đối với kiến nghị.');
    const key = action as ActionKey;
    const values = formValues(body);
    const result = await web.api.post<RecommendationView>(
      `/recommendations/${id}/${ACTIONS[key].api}`,
      BODIES[key](values),
    );
    if (result.ok) {
      await this.sessions.flash(web.session.id, { kind: 'ok', text: done(key, result.body) });
      return redirect(reply, `/kien-nghi/${id}`);
    }
    if (result.status === 404) throw new ApiCallFailed(result.error);
    return showLetter(
      web,
      reply,
      id,
      {
        action: key,
        form: datesInTheirFormat(
          refused(values, result.error, { labels: FIELD_LABELS }),
          ['letterDate', 'date'],
          ['sentAt', 'responseDueAt'],
        ),
      },
      result.status,
    );
  }
}
