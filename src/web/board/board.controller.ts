import { Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../../common/clock.js';
import { type FormState, formValues, one, refused } from '../components/forms.js';
import { redirect, sendHtml } from '../components/layout.js';
import { exportFormat, sendTable } from '../components/table-export.js';
import { apiResult, read, readAll, unchecked, type Schemas } from '../in-process-api.js';
import { homePath } from '../home/home.controller.js';
import { filterQuery, savedFiltersOf } from '../saved-filters/saved-filters.js';
import { savedFiltersPanel } from '../saved-filters/saved-filters.view.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, type WebContext } from '../web-request.js';
import { boardTable } from './board-export.js';
import { boardPage, boardResults } from './board.view.js';

/** The pilot board: every pilot at a glance, the officer's own first, filters and search. */
@WebPages()
export class BoardController {
  constructor(private readonly clock: Clock) {}

  /**
   * Where "/" leads, and so where sign-in lands when no page was asked for: each role's home
   * (homePath: the secretariat's and officers' "Việc cần làm", leadership's overview).
   */
  @Get()
  home(@Web() web: WebContext, @Res() reply: FastifyReply): FastifyReply {
    return redirect(reply, homePath(web.actor.role));
  }

  @Get('mo-hinh')
  board(
    @Web() web: WebContext,
    @Query() query: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    // htmx asks for the results only when a filter changes.
    const fragment =
      Boolean(request.headers['hx-request']) && request.headers['hx-target'] === 'board-results';
    return showBoard(web, reply, query, { fragment });
  }

  /**
   * The board as filtered, as a file (`/mo-hinh/tai-xuong.csv?state=…`, `.xlsx`): the same
   * filters read by the same API call as the page, as the signed-in user, every row (not only
   * the first 100), in the page's order. A filter the API refuses is refused here too (400 page).
   */
  @Get('mo-hinh/tai-xuong.:format')
  async download(
    @Web() web: WebContext,
    @Param('format') extension: string,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const format = exportFormat(extension);
    const filters = boardFilters(query);
    const pilots = await readAll((page) =>
      web.api.GET('/api/v1/pilots', {
        params: {
          query: {
            state: unchecked(filters.state),
            agency: filters.agency,
            blocked: unchecked(filters.blocked),
            q: filters.q,
            ...page,
          },
        },
      }),
    );
    const now = this.clock.now();
    return sendTable(reply, boardTable(ownFirst(pilots), now), format, now);
  }
}

/**
 * The board as the address filters it. `fragment`: only the results, and the saved filters out
 * of band (what htmx asks for when a filter changes). `saveForm`: the saved-filter form as the
 * API refused it (src/web/saved-filters), shown in its panel, the page answered with `status`.
 */
export async function showBoard(
  web: WebContext,
  reply: FastifyReply,
  query: unknown,
  o: { fragment?: boolean; saveForm?: FormState; status?: number } = {},
): Promise<FastifyReply> {
  const filters = boardFilters(query);
  // The agency filter offers the lead agencies of all pilots: a second read only when the list
  // on screen is filtered.
  const filtered = Object.values(filters).some((v) => v !== '');
  const [result, unfiltered, saved] = await Promise.all([
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
    savedFiltersOf(web, 'board'),
  ]);
  const all = unfiltered ?? (result.ok ? result.body : { items: [], total: 0 });
  const form: FormState = result.ok
    ? { values: filters, errors: {} }
    : refused(filters, result.error);
  const pilots = result.ok ? ownFirst(result.body.items) : [];
  const results = boardResults(pilots, result.ok ? result.body.total : 0, all.total, filters);
  const current = filterQuery('board', filters);
  const panel = (outOfBand: boolean) =>
    savedFiltersPanel(web, 'board', current, saved, { outOfBand, form: o.saveForm });
  // The saved filters follow the results out of band, so that "save" saves the filter now on
  // screen.
  if (o.fragment) return sendHtml(reply, results.value + panel(true).value, 200);
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
      savedFilters: panel(false),
    }),
    result.ok ? (o.status ?? 200) : result.status,
  );
}

/** The board's filters from the address: the page's form, its htmx requests and its downloads. */
export function boardFilters(query: unknown): Record<'state' | 'agency' | 'blocked' | 'q', string> {
  const values = formValues(query);
  return {
    state: one(values, 'state'),
    agency: one(values, 'agency'),
    blocked: one(values, 'blocked'),
    q: one(values, 'q'),
  };
}

/** The officer's own pilots first, each group in pilot order. */
function ownFirst(pilots: Schemas['PilotView'][]): Schemas['PilotView'][] {
  return [...pilots].sort(
    (a, b) => Number(b.ledByUserAgency) - Number(a.ledByUserAgency) || a.number - b.number,
  );
}
