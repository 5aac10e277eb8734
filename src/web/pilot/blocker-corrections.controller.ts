import { Body, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { formValues, integerField, one, type FormValues } from '../components/forms.js';
import { redirect, sendHtml } from '../components/layout.js';
import {
  ApiCallFailed,
  apiResult,
  unchecked,
  type ApiResult,
  type Schemas,
} from '../in-process-api.js';
import { assertId } from '../recommendations/letters.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import {
  optionalText,
  PilotPage,
  refusedState,
  refuseOutright,
  type PilotPageState,
} from './pilot-page.js';
import { renderPilotPage } from './pilot.view.js';

/**
 * Correcting a blocker from its pilot's page (issue 16, item 3): its words, category and
 * authority (`PATCH /blockers/{id}`), or reopening it (`POST /blockers/{id}/reopen`), each at the
 * version the page showed; the API decides who may (the same rules as raising it).
 */
@WebPages()
export class BlockerCorrectionsController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly pilotPage: PilotPage,
  ) {}

  @Post('vuong-mac/:id/sua')
  async edit(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    const values = formValues(body);
    const result = await apiResult(
      web.api.PATCH('/api/v1/blockers/{id}', {
        params: { path: { id } },
        body: {
          version: unchecked(integerField(one(values, 'version'))),
          title: one(values, 'title'),
          description: one(values, 'description'),
          category: unchecked(optionalText(one(values, 'category'))),
          authority: unchecked(optionalText(one(values, 'authority'))),
        },
      }),
    );
    return this.after(web, reply, id, values, result, {
      form: `edit-${id}`,
      fields: ['title', 'description', 'category', 'authority'],
      done: (b) => `Đã lưu vướng mắc “${b.title}”.`,
    });
  }

  @Post('vuong-mac/:id/mo-lai')
  async reopen(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    const values = formValues(body);
    const result = await apiResult(
      web.api.POST('/api/v1/blockers/{id}/reopen', {
        params: { path: { id } },
        body: {
          reason: one(values, 'reason'),
          version: unchecked(integerField(one(values, 'version'))),
        },
      }),
    );
    return this.after(web, reply, id, values, result, {
      form: `reopen-${id}`,
      fields: ['reason'],
      done: (b) => `Đã mở lại vướng mắc “${b.title}”.`,
    });
  }

  /** Back to the blocker's pilot with a message, or its page again with the refused form. */
  private async after(
    web: WebContext,
    reply: FastifyReply,
    id: string,
    values: FormValues,
    result: ApiResult<Schemas['BlockerView']>,
    o: { form: string; fields: string[]; done: (b: Schemas['BlockerView']) => string },
  ): Promise<FastifyReply> {
    if (result.ok) {
      await this.sessions.flash(web.session.id, { kind: 'ok', text: o.done(result.body) });
      const n = result.body.pilotNumber;
      return redirect(reply, n ? `/mo-hinh/${n}#vuong-mac-${id}` : `/vuong-mac/${id}`);
    }
    refuseOutright(result.error);
    const blocker = await apiResult(
      web.api.GET('/api/v1/blockers/{id}', { params: { path: { id } } }),
    );
    const pilotNumber = blocker.ok ? blocker.body.pilotNumber : null;
    if (!pilotNumber) throw new ApiCallFailed(result.error);
    const data = await this.pilotPage.load(web, String(pilotNumber));
    const state: PilotPageState = refusedState(values, result.error, o.form, o.fields);
    return sendHtml(reply, renderPilotPage(web, data, state), result.status);
  }
}
