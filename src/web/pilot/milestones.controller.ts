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

/** A pilot's milestones: added on its page, then marked done or dropped (as the blockers). */
@WebPages()
export class PilotMilestonesController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly pilotPage: PilotPage,
  ) {}

  @Post('mo-hinh/:number/moc')
  async addMilestone(
    @Web() web: WebContext,
    @Param('number') number: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const pilot = { number: pilotNumberOf(number) };
    const values = formValues(body);
    const result = await apiResult(
      web.api.POST('/api/v1/milestones', {
        body: {
          pilotNumber: pilot.number,
          name: one(values, 'name'),
          due: one(values, 'due'),
          note: optionalText(one(values, 'note')),
        },
      }),
    );
    return this.pilotPage.answer(web, reply, pilot.number, values, result, {
      form: 'milestone-new',
      fields: ['name', 'due', 'note'],
      done: (m) => `Đã thêm mốc “${m.name}” của mô hình số ${pilot.number}.`,
    });
  }

  @Post('moc/:id/hoan-thanh')
  complete(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.command(web, id, body, reply, {
      command: 'complete',
      field: 'doneOn',
      done: (m) => `Đã đánh dấu mốc “${m.name}” hoàn thành.`,
    });
  }

  @Post('moc/:id/bo')
  drop(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.command(web, id, body, reply, {
      command: 'drop',
      field: 'reason',
      done: (m) => `Đã bỏ mốc “${m.name}”.`,
    });
  }

  /** Mark a milestone done or drop it, then back to its pilot's page. */
  private async command(
    web: WebContext,
    id: string,
    body: unknown,
    reply: FastifyReply,
    o: {
      command: 'complete' | 'drop';
      field: 'doneOn' | 'reason';
      done: (m: Schemas['MilestoneView']) => string;
    },
  ): Promise<FastifyReply> {
    const values = formValues(body);
    const version = unchecked(integerField(one(values, 'version')));
    const path = { id };
    const text = one(values, o.field);
    const result = await apiResult(
      o.command === 'complete'
        ? web.api.POST('/api/v1/milestones/{id}/complete', {
            params: { path },
            body: { doneOn: text, version },
          })
        : web.api.POST('/api/v1/milestones/{id}/drop', {
            params: { path },
            body: { reason: text, version },
          }),
    );
    if (result.ok) {
      await this.sessions.flash(web.session.id, { kind: 'ok', text: o.done(result.body) });
      return redirect(reply, `/mo-hinh/${result.body.pilotNumber}#moc`);
    }
    refuseOutright(result.error);
    const milestone = await apiResult(web.api.GET('/api/v1/milestones/{id}', { params: { path } }));
    if (!milestone.ok) throw new ApiCallFailed(result.error);
    const data = await this.pilotPage.load(web, String(milestone.body.pilotNumber));
    const key = `milestone-${o.command === 'complete' ? 'done' : 'drop'}-${id}`;
    const state: PilotPageState = refusedState(values, result.error, key, [o.field]);
    return sendHtml(reply, renderPilotPage(web, data, state), result.status);
  }
}
