import { Get, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AgencyView } from '../../agencies/agency.view.js';
import type { VersionedPolicy } from '../../escalation/escalation.view.js';
import type { DigestSummary } from '../../notifications/notification.view.js';
import { RECOMMENDATION_STATES } from '../../recommendations/domain/recommendation-state.js';
import type { RecommendationView } from '../../recommendations/recommendation.view.js';
import { blankForm, formValues, one, refused, type FormState } from '../components/forms.js';
import { page, redirect, sendHtml } from '../components/layout.js';
import { ApiCallFailed, type ApiClient } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { STYLES } from './letters.js';
import { listBody, matchesStateFilter, STATE_FILTERS } from './list.view.js';

type Query = Record<string, string | number | boolean | undefined>;

/** The same, as an ApiResult-like answer: the list's filters may be refused (400). */
async function listAll<T>(
  api: ApiClient,
  path: string,
  query: Query,
): Promise<{ ok: true; items: T[] } | { ok: false; message: string; error: ApiCallFailed }> {
  try {
    return { ok: true, items: await api.readAll<T>(path, query) };
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
    const result = await web.api.post<DigestSummary>('/digests/leadership');
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
    };
    const apiQuery: Query = {
      q: filters.q || undefined,
      addressee: filters.addressee || undefined,
      state: (RECOMMENDATION_STATES as readonly string[]).includes(filters.state)
        ? filters.state
        : undefined,
      overdue: filters.state === 'QUA_HAN' ? true : undefined,
    };
    const filtered = Object.values(apiQuery).some((v) => v !== undefined);
    // Most urgent first, as the API orders them.
    const [all, policy, agencies] = await Promise.all([
      web.api.readAll<RecommendationView>('/recommendations', { sort: 'urgency' }),
      web.api.read<VersionedPolicy>('/escalation-policy'),
      web.api.readAll<AgencyView>('/agencies'),
    ]);
    const result = filtered
      ? await listAll<RecommendationView>(web.api, '/recommendations', {
          ...apiQuery,
          sort: 'urgency',
        })
      : ({ ok: true, items: all } as const);
    const shown = (result.ok ? result.items : []).filter((r) =>
      matchesStateFilter(r, filters.state),
    );
    const addressees = new Map<string, string>();
    for (const r of all) for (const a of r.addressees) addressees.set(a.code, a.name);
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
          error: result.ok ? undefined : result.message,
        }),
      }),
      result.ok ? 200 : 400,
    );
  }
}
