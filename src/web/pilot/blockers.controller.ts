import { Body, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { formValues, integerField, one } from '../components/forms.js';
import { redirect, sendHtml } from '../components/layout.js';
import { ApiCallFailed, apiResult, unchecked, type Schemas } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import {
  optionalText,
  PilotPage,
  pilotNumberOf,
  refusedState,
  refuseOutright,
  type PilotPageState,
} from './pilot-page.js';
import { renderPilotPage } from './pilot.view.js';

/** A pilot's blockers: raised on its page, then resolved or withdrawn. */
@WebPages()
export class PilotBlockersController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly pilotPage: PilotPage,
  ) {}

  @Post('mo-hinh/:number/vuong-mac')
  async raiseBlocker(
    @Web() web: WebContext,
    @Param('number') number: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const pilot = { number: pilotNumberOf(number) };
    const values = formValues(body);
    const result = await apiResult(
      web.api.POST('/api/v1/blockers', {
        body: {
          pilotNumber: pilot.number,
          title: one(values, 'title'),
          description: one(values, 'description'),
          category: unchecked(optionalText(one(values, 'category'))),
          authority: unchecked(optionalText(one(values, 'authority'))),
        },
      }),
    );
    return this.pilotPage.answer(web, reply, pilot.number, values, result, {
      form: 'blocker-new',
      fields: ['title', 'description', 'category', 'authority'],
      done: (b) => `Đã ghi nhận vướng mắc “${b.title}” của mô hình số ${pilot.number}.`,
    });
  }

  @Post('vuong-mac/:id/giai-quyet')
  resolveBlocker(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.blockerCommand(web, id, body, reply, {
      command: 'resolve',
      form: 'resolve',
      field: 'resolution',
      done: (b) => `Đã đánh dấu vướng mắc “${b.title}” là đã giải quyết.`,
    });
  }

  @Post('vuong-mac/:id/rut')
  withdrawBlocker(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.blockerCommand(web, id, body, reply, {
      command: 'withdraw',
      form: 'withdraw',
      field: 'reason',
      done: (b) => `Đã rút vướng mắc “${b.title}”.`,
    });
  }

  /** Resolve or withdraw a blocker, then back to its pilot's page. */
  private async blockerCommand(
    web: WebContext,
    id: string,
    body: unknown,
    reply: FastifyReply,
    o: {
      command: 'resolve' | 'withdraw';
      form: string;
      field: 'resolution' | 'reason';
      done: (b: Schemas['BlockerView']) => string;
    },
  ): Promise<FastifyReply> {
    const values = formValues(body);
    const version = unchecked(integerField(one(values, 'version')));
    const path = { id };
    const text = one(values, o.field);
    const result = await apiResult(
      o.command === 'resolve'
        ? web.api.POST('/api/v1/blockers/{id}/resolve', {
            params: { path },
            body: { resolution: text, version },
          })
        : web.api.POST('/api/v1/blockers/{id}/withdraw', {
            params: { path },
            body: { reason: text, version },
          }),
    );
    if (result.ok) {
      await this.sessions.flash(web.session.id, { kind: 'ok', text: o.done(result.body) });
      // Back to the blocker's pilot; a cross-cutting blocker (a topic) has none: the board.
      const n = result.body.pilotNumber;
      return redirect(reply, n ? `/mo-hinh/${n}` : '/mo-hinh');
    }
    refuseOutright(result.error);
    // The blocker says which pilot's page the form was on.
    const blocker = await apiResult(web.api.GET('/api/v1/blockers/{id}', { params: { path } }));
    const pilotNumber = blocker.ok ? blocker.body.pilotNumber : null;
    if (!pilotNumber) throw new ApiCallFailed(result.error);
    const data = await this.pilotPage.load(web, String(pilotNumber));
    const key = `${o.form}-${id}`;
    const state: PilotPageState = data.blockers.some((b) => b.id === id)
      ? refusedState(values, result.error, key, [o.field])
      : { notice: { kind: 'error', text: result.error.message } };
    return sendHtml(reply, renderPilotPage(web, data, state), result.status);
  }
}
