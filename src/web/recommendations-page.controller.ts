import {
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AgencyView } from '../agencies/agencies.controller.js';
import { Public } from '../auth/public.decorator.js';
import { UUID } from '../common/uuid.pipe.js';
import type { DigestSummary } from '../notifications/digest.service.js';
import type { BlockerView } from '../blockers/blocker.view.js';
import type { VersionedPolicy } from '../escalation/escalation-policy.service.js';
import type { NotificationView } from '../notifications/notification.query.js';
import { RECOMMENDATION_STATES } from '../recommendations/domain/recommendation-state.js';
import type { RecommendationView } from '../recommendations/recommendation.view.js';
import { ApiCallFailed, type ApiClient } from './in-process-api.js';
import {
  blankForm,
  datesInTheirFormat,
  type FormState,
  formValues,
  type FormValues,
  integerField,
  isoDay,
  isoInstant,
  many,
  one,
  refused,
} from './forms.js';
import { page, redirect, sendFile, sendHtml } from './layout.js';
import {
  ACTIONS,
  addresseeOptions,
  blockerOptions,
  detailBody,
  listBody,
  matchesStateFilter,
  NOTIFICATION_ROLES,
  newBody,
  STATE_FILTERS,
  type ActionKey,
  type DetailModel,
  type EscalationEventView,
} from './recommendations-page.view.js';
import { day } from './ui.js';
import { requireRole, Web, WebGuard, WebRefusal, type WebContext } from './web-request.js';
import { WebExceptionFilter } from './web-exception.filter.js';
import { WebSessions } from './web-sessions.js';

const STYLES = ['recommendations.css'];
/** Lists are read whole, page by page, up to this many rows. */

type Query = Record<string, string | number | boolean | undefined>;

/** The API's field names as the forms call them, in the problems shown beside each field. */
const FIELD_LABELS: Record<string, string> = {
  summary: 'Nội dung',
  addresseeCodes: 'Cơ quan nhận',
  blockerIds: 'Vướng mắc liên quan',
  documentNumber: 'Số văn bản',
  letterDate: 'Ngày văn bản',
  date: 'Ngày văn bản',
  sentAt: 'Thời điểm gửi',
  responseDueAt: 'Hạn trả lời',
  note: 'Ghi chú',
  reason: 'Lý do',
};

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

const optional = (values: FormValues, name: string) => one(values, name).trim() || undefined;

/** The API body of each action, named as its DTO so that `refused` maps the problems. */
const BODIES: Record<ActionKey, (values: FormValues) => Record<string, unknown>> = {
  gui: (v) => ({
    documentNumber: one(v, 'documentNumber'),
    letterDate: isoDay(one(v, 'letterDate')),
    sentAt: isoInstant(one(v, 'sentAt')),
    responseDueAt: isoInstant(one(v, 'responseDueAt')),
    version: integerField(one(v, 'version')),
  }),
  'tra-loi': (v) => ({
    documentNumber: one(v, 'documentNumber'),
    date: isoDay(one(v, 'date')),
    summary: one(v, 'summary'),
    version: integerField(one(v, 'version')),
  }),
  dong: (v) => ({ note: optional(v, 'note'), version: integerField(one(v, 'version')) }),
  rut: (v) => ({ reason: one(v, 'reason'), version: integerField(one(v, 'version')) }),
  'mo-lai': (v) => ({
    reason: one(v, 'reason'),
    responseDueAt: isoInstant(one(v, 'responseDueAt')),
    version: integerField(one(v, 'version')),
  }),
};

function done(key: ActionKey, r: RecommendationView): string {
  switch (key) {
    case 'gui':
      return `Đã gửi kiến nghị số ${r.documentNumber}; hạn trả lời ${day(r.responseDueAt)}.`;
    case 'tra-loi':
      return `Đã ghi nhận văn bản trả lời số ${r.responses.at(-1)?.documentNumber ?? ''}; việc đôn đốc đã dừng.`;
    case 'dong':
      return 'Đã đóng kiến nghị.';
    case 'rut':
      return 'Đã rút kiến nghị; việc đôn đốc đã dừng.';
    case 'mo-lai':
      return `Đã mở lại kiến nghị; hạn trả lời mới ${day(r.responseDueAt)}.`;
  }
}

function assertId(id: string): void {
  if (!UUID.test(id)) throw new WebRefusal(404, 'Không tìm thấy kiến nghị này.');
}

/**
 * Recommendations (letters to central agencies) and their escalation: the list by urgency,
 * drafting, the letter with what the secretariat may do in its state, the reminders that went
 * out and the follow-up letter to download.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller()
export class RecommendationsPageController {
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

  @Get('kien-nghi/moi')
  async draft(@Web() web: WebContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    requireRole(web, 'SECRETARIAT');
    return this.showNew(web, reply, blankForm(), 200);
  }

  @Post('kien-nghi')
  async create(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const values = formValues(body);
    const result = await web.api.post<RecommendationView>('/recommendations', {
      summary: one(values, 'summary'),
      addresseeCodes: many(values, 'addresseeCodes'),
      blockerIds: many(values, 'blockerIds').length ? many(values, 'blockerIds') : undefined,
      documentNumber: optional(values, 'documentNumber'),
      letterDate: optional(values, 'letterDate') && isoDay(one(values, 'letterDate')),
      sentAt: isoInstant(one(values, 'sentAt')),
      responseDueAt: isoInstant(one(values, 'responseDueAt')),
    });
    if (result.ok) {
      const r = result.body;
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text:
          r.state === 'SENT'
            ? `Đã ghi nhận kiến nghị số ${r.documentNumber} đã gửi; hạn trả lời ${day(r.responseDueAt)}.`
            : 'Đã lưu dự thảo kiến nghị. Khi văn bản có số, hãy ghi nhận việc gửi.',
      });
      return redirect(reply, `/kien-nghi/${r.id}`);
    }
    if (result.status === 403 && web.actor.role !== 'SECRETARIAT')
      throw new ApiCallFailed(result.error);
    return this.showNew(
      web,
      reply,
      datesInTheirFormat(
        refused(values, result.error, { labels: FIELD_LABELS }),
        ['letterDate'],
        ['sentAt', 'responseDueAt'],
      ),
      result.status,
    );
  }

  @Get('kien-nghi/:id')
  async detail(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    return this.showDetail(web, reply, id, undefined, 200);
  }

  @Get('kien-nghi/:id/van-ban-don-doc')
  async followUpLetter(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    return sendFile(reply, await web.api.file(`/recommendations/${id}/follow-up-letter`));
  }

  @Post('kien-nghi/:id/thong-bao/:notificationId/gui-lai')
  async retry(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Param('notificationId') notificationId: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    if (!UUID.test(notificationId)) throw new WebRefusal(404, 'Không tìm thấy thư này.');
    const result = await web.api.post<NotificationView>(`/notifications/${notificationId}/retry`);
    if (result.ok) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã đưa thư tới ${result.body.recipientEmail} trở lại hàng đợi gửi.`,
      });
      return redirect(reply, `/kien-nghi/${id}#thong-bao`);
    }
    return this.showDetail(
      web,
      reply,
      id,
      { action: 'thong-bao', form: refused({}, result.error) },
      result.status,
    );
  }

  @Post('kien-nghi/:id/:action')
  async act(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    if (!Object.hasOwn(ACTIONS, action))
      throw new WebRefusal(404, 'Không có thao tác này đối với kiến nghị.');
    const key = action as ActionKey;
    const values = formValues(body);
    const result = await web.api.post<RecommendationView>(
      `/recommendations/${id}/${ACTIONS[key].api}`,
      BODIES[key](values),
    );
    if (result.ok) {
      await this.sessions.flash(web.session.id, { kind: 'ok', text: done(key, result.body) });
      return redirect(reply, `/kien-nghi/${id}`);
    }
    if (result.status === 404) throw new ApiCallFailed(result.error);
    return this.showDetail(
      web,
      reply,
      id,
      {
        action: key,
        form: datesInTheirFormat(
          refused(values, result.error, { labels: FIELD_LABELS }),
          ['letterDate', 'date'],
          ['sentAt', 'responseDueAt'],
        ),
      },
      result.status,
    );
  }

  private async showNew(
    web: WebContext,
    reply: FastifyReply,
    form: FormState,
    status: number,
  ): Promise<FastifyReply> {
    const [agencies, open, escalated] = await Promise.all([
      web.api.readAll<AgencyView>('/agencies'),
      web.api.readAll<BlockerView>('/blockers', { state: 'OPEN' }),
      web.api.readAll<BlockerView>('/blockers', { state: 'ESCALATED' }),
    ]);
    return sendHtml(
      reply,
      page(web, {
        title: 'Soạn kiến nghị mới',
        active: 'recommendations',
        styles: STYLES,
        body: newBody(
          web,
          form,
          addresseeOptions(agencies, many(form.values, 'addresseeCodes')),
          blockerOptions([...open, ...escalated]),
        ),
      }),
      status,
    );
  }

  private async showDetail(
    web: WebContext,
    reply: FastifyReply,
    id: string,
    failed: DetailModel['failed'],
    status: number,
  ): Promise<FastifyReply> {
    const notifications = NOTIFICATION_ROLES.includes(web.actor.role);
    const [letter, policy, events, outbox] = await Promise.all([
      web.api.read<RecommendationView>(`/recommendations/${id}`),
      web.api.read<VersionedPolicy>('/escalation-policy'),
      web.api.read<EscalationEventView[]>(`/recommendations/${id}/escalations`),
      notifications
        ? web.api.readAll<NotificationView>('/notifications', { recommendationId: id })
        : Promise.resolve(null),
    ]);
    return sendHtml(
      reply,
      page(web, {
        title: letter.documentNumber ? `Kiến nghị ${letter.documentNumber}` : 'Dự thảo kiến nghị',
        active: 'recommendations',
        styles: STYLES,
        body: detailBody(web, {
          letter,
          policy: policy.policy,
          events,
          notifications: outbox,
          failed,
        }),
      }),
      status,
    );
  }
}
