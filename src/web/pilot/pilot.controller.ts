import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { formValues, integerField, one } from '../components/forms.js';
import { redirect, sendHtml } from '../components/layout.js';
import { apiResult, unchecked } from '../in-process-api.js';
import { PILOT_STATE_LABELS } from '../labels.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import {
  optionalText,
  PilotPage,
  pilotNumberOf,
  pilotParam,
  refusal,
  refuseOutright,
  type PilotPageState,
} from './pilot-page.js';
import { renderPilotPage } from './pilot.view.js';
import { TIMELINE_PAGE_PARAM, timelinePageOf } from '../components/timeline-sources.js';

/**
 * The page of one pilot: its facts, state moves and their history, monthly reports, blockers
 * and the letters about them. Every read and write goes through the API as the signed-in user.
 */
@WebPages()
export class PilotController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly pilotPage: PilotPage,
  ) {}

  @Get('mo-hinh/:number')
  async show(
    @Web() web: WebContext,
    @Param('number') number: string,
    @Query('ky') ky: unknown,
    @Query(TIMELINE_PAGE_PARAM) timelinePage: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    // ?ky=YYYY-MM: the report form for that period (when it is open), not the current one;
    // ?lich-su=N: the timeline's N-th page.
    const data = await this.pilotPage.load(
      web,
      number,
      typeof ky === 'string' ? ky : undefined,
      timelinePageOf(timelinePage),
    );
    return sendHtml(reply, renderPilotPage(web, data));
  }

  @Post('mo-hinh/:number/chuyen-trang-thai')
  async transition(
    @Web() web: WebContext,
    @Param('number') number: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const pilot = { number: pilotNumberOf(number) };
    const values = formValues(body);
    const to = one(values, 'to');
    const result = await apiResult(
      web.api.POST('/api/v1/pilots/{number}/transitions', {
        params: { path: pilotParam(pilot.number) },
        body: {
          to: unchecked(to),
          reason: optionalText(one(values, 'reason')),
          version: unchecked(integerField(one(values, 'version'))),
        },
      }),
    );
    if (result.ok) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã chuyển mô hình số ${pilot.number} sang ${PILOT_STATE_LABELS[result.body.state]}.`,
      });
      return redirect(reply, `/mo-hinh/${pilot.number}`);
    }
    refuseOutright(result.error);
    const data = await this.pilotPage.load(web, String(pilot.number));
    const key = `move-${to}`;
    const shown = data.pilot.allowedMoves.some((m) => m.to === to);
    const state: PilotPageState =
      result.status === 400 && shown
        ? { forms: { [key]: refusal(values, result.error, ['reason']) } }
        : {
            notice: { kind: 'error', text: result.error.message },
            // The reason typed is kept if that move is still on offer.
            forms: shown
              ? { [key]: { values: { reason: one(values, 'reason') }, errors: {} } }
              : {},
          };
    return sendHtml(reply, renderPilotPage(web, data, state), result.status);
  }
}
