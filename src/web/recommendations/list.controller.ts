import { Get, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Clock } from '../../common/clock.js';
import { RECOMMENDATION_STATES } from '../../recommendations/domain/recommendation-state.js';
import { blankForm, formValues, one, refused, type FormState } from '../components/forms.js';
import { page, redirect, sendHtml } from '../components/layout.js';
import { exportFormat, sendTable } from '../components/table-export.js';
import { ApiCallFailed, apiResult, read, readAll, unchecked } from '../in-process-api.js';
import { filterQuery, savedFiltersOf } from '../saved-filters/saved-filters.js';
import { savedFiltersPanel } from '../saved-filters/saved-filters.view.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { STYLES } from './letters.js';
import { lettersTable } from './list-export.js';
import { listBody, matchesStateFilter, STATE_FILTERS } from './list.view.js';

/** A filtered list, as an ApiResult-like answer: the list's filters may be refused (400). */
async function listAll<T>(
  list: Promise<T[]>,
): Promise<{ ok: true; items: T[] } | { ok: false; message: string; error: ApiCallFailed }> {
  try {
    return { ok: true, items: await list };
  } catch (e) {
    if (e instanceof ApiCallFailed && e.error.statusCode === 400)
      return { ok: false, message: e.error.message, error: e };
    throw e;
  }
}

/**
 * The list's filters from the address (the page's form, its counters' links, its downloads),
 * and the API's query for them: the state filter's own values (overdue, waiting for a
 * successor) become the API's flags.
 */
export function letterFilters(query: unknown) {
  const values = formValues(query);
  const state = one(values, 'state');
  const filters = {
    q: one(values, 'q'),
    state: STATE_FILTERS.some(([v]) => v === state) ? state : '',
    addressee: one(values, 'addressee'),
    agency: one(values, 'agency'),
    pilot: one(values, 'pilot'),
  };
  const apiQuery = {
    q: filters.q || undefined,
    addressee: filters.addressee || undefined,
    agency: filters.agency || undefined,
    pilot: unchecked(filters.pilot || undefined),
    state: RECOMMENDATION_STATES.find((s) => s === filters.state),
    overdue: filters.state === 'QUA_HAN' ? true : undefined,
    heldSuccession: filters.state === 'CHO_KE_THUA' ? true : undefined,
  };
  return { filters, apiQuery };
}

/** The letters by urgency, with their filters; and the leadership digest sent now. */
@WebPages()
export class LetterListController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly clock: Clock,
  ) {}

  /** The leadership digest, now (it also goes out on its schedule). */
  @Post('kien-nghi/gui-tong-hop')
  async sendDigest(@Web() web: WebContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const result = await apiResult(web.api.POST('/api/v1/digests/leadership'));
    if (!result.ok) throw new ApiCallFailed(result.error);
    const d = result.body;
    await this.sessions.flash(web.session.id, {
      kind: 'ok',
      text: `Đã xếp gửi bản tổng hợp cho ${d.recipients} người nhận: ${d.overdue} kiến nghị quá hạn, ${d.blockedPilots} mô hình vướng mắc, ${d.pilotsWithoutReport} mô hình chưa báo cáo.`,
    });
    return redirect(reply, '/kien-nghi');
  }

  /**
   * The list as filtered, as a file (`/kien-nghi/tai-xuong.csv?state=QUA_HAN&…`, `.xlsx`): the
   * page's filters, read through the API as the signed-in user, in the page's order (most
   * urgent first, an officer's own agency's first), every letter the page shows.
   */
  @Get('kien-nghi/tai-xuong.:format')
  async download(
    @Web() web: WebContext,
    @Param('format') extension: string,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const format = exportFormat(extension);
    const { filters, apiQuery } = letterFilters(query);
    const [letters, policy, agencies] = await Promise.all([
      readAll((page) =>
        web.api.GET('/api/v1/recommendations', {
          params: { query: { ...apiQuery, sort: 'urgency', ...page } },
        }),
      ),
      read(web.api.GET('/api/v1/escalation-policy')),
      readAll((page) => web.api.GET('/api/v1/agencies', { params: { query: page } })),
    ]);
    const shown = letters.filter((r) => matchesStateFilter(r, filters.state));
    const now = this.clock.now();
    const table = lettersTable(shown, {
      policy: policy.policy,
      shortNames: new Map(agencies.map((a) => [a.code, a.shortName])),
      at: now,
    });
    return sendTable(reply, table, format, now);
  }

  @Get('kien-nghi')
  list(
    @Web() web: WebContext,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return showLetterList(web, reply, query);
  }
}

/**
 * The letters list as the address filters it. `saveForm`: the saved-filter form as the API
 * refused it (src/web/saved-filters), shown in its panel, the page answered with `status`.
 */
export async function showLetterList(
  web: WebContext,
  reply: FastifyReply,
  query: unknown,
  o: { saveForm?: FormState; status?: number } = {},
): Promise<FastifyReply> {
  const { filters, apiQuery } = letterFilters(query);
  const filtered = Object.values(apiQuery).some((v) => v !== undefined);
  // Most urgent first, as the API orders them (an officer's own agency's first).
  const [all, policy, agencies, saved] = await Promise.all([
    readAll((page) =>
      web.api.GET('/api/v1/recommendations', { params: { query: { sort: 'urgency', ...page } } }),
    ),
    read(web.api.GET('/api/v1/escalation-policy')),
    readAll((page) => web.api.GET('/api/v1/agencies', { params: { query: page } })),
    savedFiltersOf(web, 'letters'),
  ]);
  const result = filtered
    ? await listAll(
        readAll((page) =>
          web.api.GET('/api/v1/recommendations', {
            params: { query: { ...apiQuery, sort: 'urgency', ...page } },
          }),
        ),
      )
    : ({ ok: true, items: all } as const);
  const shown = (result.ok ? result.items : []).filter((r) => matchesStateFilter(r, filters.state));
  const addressees = new Map<string, string>();
  for (const r of all) for (const a of r.addressees) addressees.set(a.code, a.name);
  const pilots = [...new Set(all.flatMap((r) => r.blockers.map((b) => b.pilotNumber)))].filter(
    (n): n is number => n !== null,
  );
  const form: FormState = result.ok ? blankForm(filters) : refused(filters, result.error.error);
  return sendHtml(
    reply,
    page(web, {
      title: 'Kiến nghị Trung ương',
      active: 'recommendations',
      styles: STYLES,
      body: listBody(web, {
        all,
        shown,
        policy: policy.policy,
        filters: form,
        addresseeOptions: [...addressees]
          .sort((a, b) => a[1].localeCompare(b[1], 'vi'))
          .map(([code, name]): [string, string] => [code, name]),
        shortNames: new Map(agencies.map((a) => [a.code, a.shortName])),
        agencyOptions: [...agencies]
          .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
          .map((a): [string, string] => [a.code, a.name]),
        pilotOptions: pilots
          .sort((a, b) => a - b)
          .map((n): [string, string] => [String(n), `Mô hình số ${n}`]),
        error: result.ok ? undefined : result.message,
        savedFilters: savedFiltersPanel(web, 'letters', filterQuery('letters', filters), saved, {
          form: o.saveForm,
        }),
      }),
    }),
    result.ok ? (o.status ?? 200) : 400,
  );
}
