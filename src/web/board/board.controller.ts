import { Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type FormState, formValues, one, refused } from '../components/forms.js';
import { redirect, sendHtml } from '../components/layout.js';
import { apiResult, read, unchecked, type Schemas } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, type WebContext } from '../web-request.js';
import { boardPage, boardResults } from './board.view.js';

/** The pilot board: every pilot at a glance, the officer's own first, filters and search. */
@WebPages()
export class BoardController {
  /**
   * Where "/" leads: leadership lands on the overview, everyone else on the board. A role
   * literal on purpose: this is a landing-page default, not a permission (both pages are open
   * to every role), so it is not in src/access/domain/permissions.ts.
   */
  @Get()
  home(@Web() web: WebContext, @Res() reply: FastifyReply): FastifyReply {
    return redirect(reply, web.actor.role === 'LEADERSHIP' ? '/tong-quan' : '/mo-hinh');
  }

  @Get('mo-hinh')
  async board(
    @Web() web: WebContext,
    @Query() query: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const values = formValues(query);
    const filters = {
      state: one(values, 'state'),
      agency: one(values, 'agency'),
      blocked: one(values, 'blocked'),
      q: one(values, 'q'),
    };
    // The agency filter offers the lead agencies of all pilots: a second read only when the list
    // on screen is filtered.
    const filtered = Object.values(filters).some((v) => v !== '');
    const [result, unfiltered] = await Promise.all([
      apiResult(
        web.api.GET('/api/v1/pilots', {
          params: {
            query: {
              state: unchecked(filters.state),
              agency: filters.agency,
              blocked: unchecked(filters.blocked),
              q: filters.q,
              limit: 100,
            },
          },
        }),
      ),
      filtered
        ? read(web.api.GET('/api/v1/pilots', { params: { query: { limit: 100 } } }))
        : undefined,
    ]);
    const all = unfiltered ?? (result.ok ? result.body : { items: [], total: 0 });
    const form: FormState = result.ok
      ? { values: filters, errors: {} }
      : refused(filters, result.error);
    const pilots = result.ok ? ownFirst(result.body.items) : [];
    const results = boardResults(pilots, result.ok ? result.body.total : 0, all.total);
    // htmx asks for the results only when a filter changes.
    if (request.headers['hx-request'] && request.headers['hx-target'] === 'board-results') {
      return sendHtml(reply, results.value, 200);
    }
    const agencies = new Map<string, string>();
    for (const p of all.items) for (const a of p.leadAgencies) agencies.set(a.code, a.name);
    const agencyOptions = [...agencies]
      .sort((a, b) => a[1].localeCompare(b[1], 'vi'))
      .map(([c, n]): [string, string] => [c, n]);
    return sendHtml(
      reply,
      boardPage(web, {
        form,
        agencyOptions,
        error: result.ok ? undefined : result.error.message,
        results,
      }),
      result.ok ? 200 : result.status,
    );
  }
}

/** The officer's own pilots first, each group in pilot order. */
function ownFirst(pilots: Schemas['PilotView'][]): Schemas['PilotView'][] {
  return [...pilots].sort(
    (a, b) => Number(b.ledByUserAgency) - Number(a.ledByUserAgency) || a.number - b.number,
  );
}
