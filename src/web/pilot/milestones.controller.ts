import { Body, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { formValues, integerField, one } from '../components/forms.js';
import { redirect, sendHtml } from '../components/layout.js';
import { ApiCallFailed, apiResult, unchecked, type Schemas } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import {
  optionalText,
  PilotPage,
  pilotNumberOf,
  refusedState,
  refuseOutright,
  type PilotPageState,
} from './pilot-page.js';
import { MILESTONE_EDIT_FIELDS } from './milestones.view.js';
import { renderPilotPage } from './pilot.view.js';

/** A milestone's id as an address holds it; anything else is not found, not a 400 page. */
const MILESTONE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A pilot's milestones: added on its page, then marked done, dropped or edited there (as the blockers). */
@WebPages()
export class PilotMilestonesController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly pilotPage: PilotPage,
  ) {}

  /**
   * A milestone's edit form on its pilot's page (name, due, owner, note), saved through the
   * API's PATCH with the version seen: the same rules, audit and history as the API.
   */
  @Post('moc/:id/sua')
  async edit(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const values = formValues(body);
    const note = one(values, 'note');
    const result = await apiResult(
      web.api.PATCH('/api/v1/milestones/{id}', {
        params: { path: { id: this.idOf(id) } },
        body: {
          version: unchecked(integerField(one(values, 'version'))),
          name: one(values, 'name'),
          due: one(values, 'due'),
          ownerAgencyCode: one(values, 'ownerAgencyCode'),
          // Blank: no note.
          note: note.trim() === '' ? null : note,
        },
      }),
    );
    if (result.ok) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã lưu mốc “${result.body.name}” của mô hình số ${result.body.pilotNumber}.`,
      });
      return redirect(reply, `/mo-hinh/${result.body.pilotNumber}#moc-${result.body.id}`);
    }
    refuseOutright(result.error);
    const milestone = await apiResult(
      web.api.GET('/api/v1/milestones/{id}', { params: { path: { id } } }),
    );
    if (!milestone.ok) throw new ApiCallFailed(result.error);
    // The pilot's page again: the form open as typed, the problem beside its field; a stale
    // version's message on top, the milestone as it now stands in the list.
    const key = `milestone-edit-${id}`;
    const state = refusedState(values, result.error, key, MILESTONE_EDIT_FIELDS);
    const owner = state.forms?.[key]?.errors.ownerAgencyCode;
    if (owner)
      state.forms![key].errors.ownerAgencyCode = owner.map((p) =>
        p.replace(/^ownerAgencyCode\b/, 'Đơn vị chịu trách nhiệm'),
      );
    const data = await this.pilotPage.load(web, String(milestone.body.pilotNumber));
    return sendHtml(reply, renderPilotPage(web, data, state), result.status);
  }

  private idOf(id: string): string {
    if (!MILESTONE_ID.test(id)) throw new WebRefusal(404, 'Không tìm thấy mốc này.');
    return id;
  }

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
