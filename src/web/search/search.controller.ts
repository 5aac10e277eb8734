import { Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { formValues, one } from '../components/forms.js';
import { sendHtml } from '../components/layout.js';
import { apiResult } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, type WebContext } from '../web-request.js';
import { searchPage } from './search.view.js';

/**
 * The header's search (`/tim-kiem?q=`): the API's `GET /api/v1/search` as the signed-in user,
 * so a user finds exactly what the lists show them; results grouped by kind, each a link.
 */
@WebPages()
export class SearchPageController {
  @Get('tim-kiem')
  async search(
    @Web() web: WebContext,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const q = one(formValues(query), 'q').trim();
    if (q.length < 2) return sendHtml(reply, searchPage(web, { q }));
    const result = await apiResult(web.api.GET('/api/v1/search', { params: { query: { q } } }));
    return result.ok
      ? sendHtml(reply, searchPage(web, { q, result: result.body }))
      : sendHtml(reply, searchPage(web, { q, error: result.error.message }), result.status);
  }
}
