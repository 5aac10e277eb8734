import { Get, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { RECOMMENDATION_STATES } from '../../recommendations/domain/recommendation-state.js';
import { blankForm, formValues, one, refused, type FormState } from '../components/forms.js';
import { page, redirect, sendHtml } from '../components/layout.js';
import { ApiCallFailed, apiResult, read, readAll, unchecked } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { STYLES } from './letters.js';
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

/** The letters by urgency, with their filters; and the leadership digest sent now. */
@WebPages()
export class LetterListController {
  constructor(private readonly sessions: WebSessions) {}

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

  @Get('kien-nghi')
  async list(
    @Web() web: WebContext,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
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
    const filtered = Object.values(apiQuery).some((v) => v !== undefined);
    // Most urgent first, as the API orders them (an officer's own agency's first).
    const [all, policy, agencies] = await Promise.all([
      readAll((page) =>
        web.api.GET('/api/v1/recommendations', { params: { query: { sort: 'urgency', ...page } } }),
      ),
      read(web.api.GET('/api/v1/escalation-policy')),
      readAll((page) => web.api.GET('/api/v1/agencies', { params: { query: page } })),
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
    const shown = (result.ok ? result.items : []).filter((r) =>
      matchesStateFilter(r, filters.state),
    );
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
        }),
      }),
      result.ok ? 200 : 400,
    );
  }
}
