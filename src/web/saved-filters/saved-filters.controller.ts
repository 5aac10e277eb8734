import { Body, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { UUID } from '../../common/uuid.pipe.js';
import { hasUnstorableCharacter } from '../../common/validators.js';
import { formValues, one } from '../components/forms.js';
import { redirect } from '../components/layout.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { SAVED_FILTER_LISTS, type SavedFilterList } from './saved-filter.entity.js';
import { filterQuery, LIST_PATHS, NAME_MAX, SAVED_MAX, SavedFilters } from './saved-filters.js';

/**
 * Saving and deleting one's own filters of the board and the letters list. Every role may: a
 * saved filter only reopens a list the user may read anyway, with the same per-object rules.
 * Either way the user goes back to the list, the message on top.
 */
@WebPages()
export class SavedFiltersController {
  constructor(
    private readonly filters: SavedFilters,
    private readonly sessions: WebSessions,
  ) {}

  @Post('bo-loc')
  async save(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const values = formValues(body);
    const listName = one(values, 'list');
    const list: SavedFilterList = SAVED_FILTER_LISTS.find((l) => l === listName) ?? 'board';
    // Only the list's own filters are kept, whatever else the field holds.
    const query = filterQuery(
      list,
      formValues(Object.fromEntries(new URLSearchParams(one(values, 'query')))),
    );
    const back = query ? `${LIST_PATHS[list]}?${query}` : LIST_PATHS[list];
    const name = one(values, 'name').trim().replace(/\s+/g, ' ');
    const problem = !query
      ? 'Chưa chọn bộ lọc nào để lưu.'
      : !name
        ? 'Nhập tên bộ lọc.'
        : name.length > NAME_MAX
          ? `Tên bộ lọc dài tối đa ${NAME_MAX} ký tự.`
          : hasUnstorableCharacter(name)
            ? 'Tên bộ lọc chứa ký tự không hợp lệ.'
            : null;
    if (problem) {
      await this.sessions.flash(web.session.id, { kind: 'error', text: problem });
      return redirect(reply, back);
    }
    const saved = await this.filters.save(web.actor.id, list, name, query);
    await this.sessions.flash(
      web.session.id,
      saved
        ? { kind: 'ok', text: `Đã lưu bộ lọc “${name}”.` }
        : {
            kind: 'error',
            text: `Đã có ${SAVED_MAX} bộ lọc lưu cho danh sách này: xóa bớt một bộ lọc rồi lưu lại.`,
          },
    );
    return redirect(reply, back);
  }

  @Post('bo-loc/:id/xoa')
  async remove(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const list = UUID.test(id) ? await this.filters.remove(web.actor.id, id) : null;
    await this.sessions.flash(
      web.session.id,
      list
        ? { kind: 'ok', text: 'Đã xóa bộ lọc.' }
        : { kind: 'error', text: 'Không có bộ lọc này trong các bộ lọc bạn đã lưu.' },
    );
    return redirect(reply, LIST_PATHS[list ?? 'board']);
  }
}
