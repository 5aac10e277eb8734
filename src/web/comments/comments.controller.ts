import { Body, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { UUID } from '../../common/uuid.pipe.js';
import { BlockerPage } from '../blocker/blocker-page.js';
import { formValues, integerField, refused, one, type FormValues } from '../components/forms.js';
import { redirect, sendHtml } from '../components/layout.js';
import { pageOf } from '../components/timeline.js';
import {
  apiResult,
  ApiCallFailed,
  unchecked,
  type ApiResult,
  type Schemas,
} from '../in-process-api.js';
import { PilotPage, pilotNumberOf, pilotParam } from '../pilot/pilot-page.js';
import { renderPilotPage } from '../pilot/pilot.view.js';
import { showLetter } from '../recommendations/letter-page.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';

const LABELS = { body: 'Bình luận', version: 'Phiên bản' };

/**
 * The page an edit or delete form came from (its hidden `back` field), if it is one of the
 * pages a comment lives on; else the board. Never an address outside the site.
 */
function backTo(values: FormValues): string {
  const back = one(values, 'back');
  const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
  const page = new RegExp(`^/(mo-hinh/[1-9][0-9]{0,8}|vuong-mac/${uuid}|kien-nghi/${uuid})$`);
  return page.test(back) ? `${back}#dong-thoi-gian` : '/mo-hinh';
}

function assertId(id: string, what: string): void {
  if (!UUID.test(id)) throw new WebRefusal(404, `Không tìm thấy ${what} này.`);
}

/**
 * Comments from the pilot, blocker and letter pages (issue 16, item 5), through the API as the
 * signed-in user: added from the timeline's form, edited by their author, deleted by their
 * author or the secretariat. A comment refused for its text comes back in its form with the
 * API's problem beside it and what was typed kept; anything refused outright (403, 404) is the
 * error page.
 */
@WebPages()
export class CommentsWebController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly pilotPage: PilotPage,
    private readonly blockerPage: BlockerPage,
  ) {}

  @Post('mo-hinh/:number/binh-luan')
  async onPilot(
    @Web() web: WebContext,
    @Param('number') number: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const n = pilotNumberOf(number);
    const values = formValues(body);
    const result = await apiResult(
      web.api.POST('/api/v1/pilots/{number}/comments', {
        params: { path: pilotParam(n) },
        body: { body: one(values, 'body') },
      }),
    );
    return this.added(web, reply, result, values, async (form, status) => {
      const data = await this.pilotPage.load(web, String(n));
      return sendHtml(reply, renderPilotPage(web, data, { forms: { comment: form } }), status);
    });
  }

  @Post('vuong-mac/:id/binh-luan')
  async onBlocker(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id, 'vướng mắc');
    const values = formValues(body);
    const result = await apiResult(
      web.api.POST('/api/v1/blockers/{id}/comments', {
        params: { path: { id } },
        body: { body: one(values, 'body') },
      }),
    );
    return this.added(web, reply, result, values, (form, status) =>
      this.blockerPage.show(web, reply, id, { commentForm: form, status }),
    );
  }

  @Post('kien-nghi/:id/binh-luan')
  async onLetter(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id, 'kiến nghị');
    const values = formValues(body);
    const result = await apiResult(
      web.api.POST('/api/v1/recommendations/{id}/comments', {
        params: { path: { id } },
        body: { body: one(values, 'body') },
      }),
    );
    return this.added(web, reply, result, values, (form, status) =>
      showLetter(web, reply, id, { action: 'binh-luan', form }, status),
    );
  }

  @Post('binh-luan/:id/sua')
  async edit(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id, 'bình luận');
    const values = formValues(body);
    const result = await apiResult(
      web.api.PATCH('/api/v1/comments/{id}', {
        params: { path: { id } },
        body: {
          body: one(values, 'body'),
          version: unchecked(integerField(one(values, 'version'))),
        },
      }),
    );
    if (result.ok) {
      await this.sessions.flash(web.session.id, { kind: 'ok', text: 'Đã sửa bình luận.' });
      return redirect(reply, `${pageOf(result.body)}#dong-thoi-gian`);
    }
    if (result.status === 403 || result.status === 404) throw new ApiCallFailed(result.error);
    // Too long, emptied, or edited meanwhile: say so on the comment's page; the comment as it
    // now is stays in its form there.
    const form = refused(values, result.error, { labels: LABELS });
    const text = Object.values(form.errors).flat().join(' ') || form.message || '';
    await this.sessions.flash(web.session.id, {
      kind: 'error',
      text: `Chưa sửa được bình luận: ${text}`,
    });
    return redirect(reply, backTo(values));
  }

  @Post('binh-luan/:id/xoa')
  async remove(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id, 'bình luận');
    const result = await apiResult(
      web.api.DELETE('/api/v1/comments/{id}', { params: { path: { id } } }),
    );
    if (!result.ok) throw new ApiCallFailed(result.error);
    await this.sessions.flash(web.session.id, { kind: 'ok', text: 'Đã xóa bình luận.' });
    return redirect(reply, backTo(formValues(body)));
  }

  private async added(
    web: WebContext,
    reply: FastifyReply,
    result: ApiResult<Schemas['CommentView']>,
    values: FormValues,
    again: (form: ReturnType<typeof refused>, status: number) => Promise<FastifyReply>,
  ): Promise<FastifyReply> {
    if (result.ok) {
      await this.sessions.flash(web.session.id, { kind: 'ok', text: 'Đã gửi bình luận.' });
      return redirect(reply, `${pageOf(result.body)}#dong-thoi-gian`);
    }
    if (result.status !== 400 && result.status !== 413) throw new ApiCallFailed(result.error);
    return again(refused(values, result.error, { labels: LABELS }), result.status);
  }
}
