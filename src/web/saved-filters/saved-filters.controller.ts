import { Body, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { UUID } from '../../common/uuid.pipe.js';
import {
  SAVED_FILTER_LISTS,
  type SavedFilterList,
} from '../../saved-filters/domain/saved-filter-rules.js';
import { showBoard } from '../board/board.controller.js';
import { formValues, one, refused } from '../components/forms.js';
import { redirect } from '../components/layout.js';
import { ApiCallFailed, apiResult, unchecked } from '../in-process-api.js';
import { showLetterList } from '../recommendations/list.controller.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { LIST_PATHS } from './saved-filters.js';

const LABELS = { name: 'Tên bộ lọc', query: 'Chuỗi bộ lọc', list: 'Danh sách' };

/**
 * Saving and deleting one's own filters of the board and the letters list, through the API as
 * the signed-in user (`/api/v1/saved-filters`). Saved, the user goes back to the list so
 * filtered, the message on top. Refused (a name too long or blank, a query that is not the
 * list's filters, the list's 30 filters reached), the list is shown again as it was, with the
 * API's problem beside the name typed (kept) in the panel's form, answered 400 or 409.
 */
@WebPages()
export class SavedFiltersController {
  constructor(private readonly sessions: WebSessions) {}

  @Post('bo-loc')
  async save(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const values = formValues(body);
    const result = await apiResult(
      web.api.POST('/api/v1/saved-filters', {
        body: {
          list: unchecked(one(values, 'list')),
          name: one(values, 'name'),
          query: one(values, 'query'),
        },
      }),
    );
    if (result.ok) {
      const saved = result.body;
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã lưu bộ lọc “${saved.name}”.`,
      });
      return redirect(reply, `${LIST_PATHS[saved.list]}?${saved.query}`);
    }
    if (result.status !== 400 && result.status !== 409) throw new ApiCallFailed(result.error);
    // The list as it was on screen: the filters the form carried (those the list has; a bad %
    // escape is read leniently, as a browser's address bar would).
    const list: SavedFilterList =
      SAVED_FILTER_LISTS.find((l) => l === one(values, 'list')) ?? 'board';
    const onScreen: Record<string, string[]> = {};
    for (const [key, value] of new URLSearchParams(one(values, 'query')))
      (onScreen[key] ??= []).push(value);
    const form = refused(values, result.error, { labels: LABELS });
    const shown = { saveForm: form, status: result.status };
    return list === 'letters'
      ? showLetterList(web, reply, onScreen, shown)
      : showBoard(web, reply, onScreen, shown);
  }

  @Post('bo-loc/:id/xoa')
  async remove(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const result = UUID.test(id)
      ? await apiResult(web.api.DELETE('/api/v1/saved-filters/{id}', { params: { path: { id } } }))
      : null;
    if (result && !result.ok && result.status !== 404) throw new ApiCallFailed(result.error);
    const deleted = result?.ok === true;
    await this.sessions.flash(
      web.session.id,
      deleted
        ? { kind: 'ok', text: 'Đã xóa bộ lọc.' }
        : { kind: 'error', text: 'Không có bộ lọc này trong các bộ lọc bạn đã lưu.' },
    );
    const list = SAVED_FILTER_LISTS.find((l) => l === one(formValues(body), 'list')) ?? 'board';
    return redirect(reply, LIST_PATHS[list]);
  }
}
