import { Body, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Clock } from '../../common/clock.js';
import { localDay } from '../../common/domain/local-time.js';
import { blankForm, formValues, integerField, one, type FormState } from '../components/forms.js';
import { redirect, sendHtml } from '../components/layout.js';
import {
  ApiCallFailed,
  apiResult,
  read,
  readAll,
  unchecked,
  type Schemas,
} from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import {
  optionalText,
  PilotPage,
  pilotNumberOf,
  refusal,
  refusedState,
  refuseOutright,
  type PilotPageState,
} from './pilot-page.js';
import {
  MILESTONE_EDIT_FIELDS,
  milestoneEditValues,
  ownerOptions,
  renderMilestoneEditPage,
} from './milestone-edit.view.js';
import { renderPilotPage } from './pilot.view.js';

/** A milestone's id as an address holds it; anything else is not found, not a 400 page. */
const MILESTONE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A pilot's milestones: added on its page, then marked done or dropped (as the blockers), or
 * edited on a page of their own linked from it.
 */
@WebPages()
export class PilotMilestonesController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly pilotPage: PilotPage,
    private readonly clock: Clock,
  ) {}

  /** The edit form of a milestone, for whoever may write it (the API's `edit` command). */
  @Get('moc/:id/sua')
  async editForm(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const milestone = await this.editable(web, id);
    return this.showEdit(web, reply, milestone, blankForm(milestoneEditValues(milestone)));
  }

  /** Saves the edit through the API's PATCH (the same rules, audit and history as the API). */
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
    const milestone = await this.editable(web, id);
    const conflict = result.error.code === 'VERSION_CONFLICT';
    const form: FormState = conflict
      ? { values, errors: {}, message: result.error.message }
      : refusal(values, result.error, MILESTONE_EDIT_FIELDS);
    const owner = form.errors.ownerAgencyCode;
    if (owner)
      form.errors.ownerAgencyCode = owner.map((p) =>
        p.replace(/^ownerAgencyCode\b/, 'Đơn vị chịu trách nhiệm'),
      );
    return this.showEdit(web, reply, milestone, form, result.status, conflict);
  }

  private idOf(id: string): string {
    if (!MILESTONE_ID.test(id)) throw new WebRefusal(404, 'Không tìm thấy mốc này.');
    return id;
  }

  /** The milestone as the API shows it to the user; 403 when the user may not edit it. */
  private async editable(web: WebContext, id: string): Promise<Schemas['MilestoneView']> {
    const milestone = await read(
      web.api.GET('/api/v1/milestones/{id}', { params: { path: { id: this.idOf(id) } } }),
    );
    if (!milestone.allowedCommands.includes('edit'))
      throw new WebRefusal(
        403,
        'Chỉ thư ký Tổ công tác và cán bộ đầu mối của đơn vị chịu trách nhiệm hoặc chủ trì mô hình được sửa mốc.',
      );
    return milestone;
  }

  private async showEdit(
    web: WebContext,
    reply: FastifyReply,
    milestone: Schemas['MilestoneView'],
    form: FormState,
    status = 200,
    conflict = false,
  ): Promise<FastifyReply> {
    const agencies = await readAll((page) =>
      web.api.GET('/api/v1/agencies', { params: { query: page } }),
    );
    const today = localDay(this.clock.now());
    return sendHtml(
      reply,
      renderMilestoneEditPage(web, {
        milestone,
        agencies: ownerOptions(agencies, milestone.owner, today),
        form,
        conflict,
      }),
      status,
    );
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
