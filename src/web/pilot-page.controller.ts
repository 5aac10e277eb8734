import { Body, Controller, Get, Param, Post, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator.js';
import type { BlockerView } from '../blockers/blocker.view.js';
import { currentPeriod } from '../common/domain/periods.js';
import { Clock } from '../common/clock.js';
import type { ErrorBody } from '../common/error-body.js';
import type { Page } from '../common/pagination.js';
import type { VersionedPolicy } from '../escalation/escalation-policy.service.js';
import { PILOT_STATES, type PilotState } from '../pilots/domain/pilot-state.js';
import type { HistoryEntry } from '../pilots/pilot-lifecycle.service.js';
import type { PilotView } from '../pilots/pilot.view.js';
import type { RecommendationView } from '../recommendations/recommendation.view.js';
import type { PeriodView } from '../reports/reports.service.js';
import type { PilotReportView } from '../reports/report.view.js';
import {
  type FormState,
  formValues,
  type FormValues,
  integerField,
  one,
  refused,
} from './forms.js';
import { ApiCallFailed, type ApiResult } from './in-process-api.js';
import { redirect, sendHtml } from './layout.js';
import {
  FIELD_LABELS,
  renderPilotPage,
  type PilotPageData,
  type PilotPageState,
} from './pilot-page.view.js';
import { period, PILOT_STATE_LABELS } from './ui.js';
import { Web, WebGuard, WebRefusal, type WebContext } from './web-request.js';
import { WebExceptionFilter } from './web-exception.filter.js';
import { WebSessions } from './web-sessions.js';

/** A pilot number as typed in an address or a hidden field. */
const PILOT_NUMBER = /^[1-9][0-9]{0,8}$/;

/** The pilot a form is posted to; an address with no pilot number in it is not found. */
function pilotNumberOf(text: string): number {
  if (!PILOT_NUMBER.test(text)) throw new WebRefusal(404, 'Không tìm thấy mô hình này.');
  return Number(text);
}
const HISTORY_PAGE = 100;

/** The path of one pilot in the API; the API itself refuses a malformed number (400). */
const pilotPath = (number: string | number) => `/pilots/${encodeURIComponent(String(number))}`;

/** Text of an optional field: undefined when blank, so the API applies its own rule. */
function optionalText(value: string): string | undefined {
  return value.trim() === '' ? undefined : value;
}

/**
 * `name = value` lines as the API's metrics object. Vietnamese writing is understood: "557.045"
 * is five hundred thousand and more, "1,5" one and a half.
 */
export function parseMetrics(
  text: string,
): { ok: true; metrics: Record<string, number> | undefined } | { ok: false; problem: string } {
  const metrics: Record<string, number> = {};
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  for (const line of lines) {
    const match = /^(.+?)\s*[=:]\s*(.+)$/.exec(line);
    if (!match) {
      return { ok: false, problem: `Dòng “${line}” cần có dạng tên = số.` };
    }
    const name = match[1].trim();
    const raw = match[2].replace(/\s/g, '');
    const plain = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(raw)
      ? raw.replace(/\./g, '').replace(',', '.')
      : raw.replace(',', '.');
    const value = /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : NaN;
    if (!Number.isFinite(value)) {
      return { ok: false, problem: `Giá trị của “${name}” phải là một số.` };
    }
    if (name.length > 64) {
      return { ok: false, problem: `Tên chỉ số “${name.slice(0, 20)}…” dài quá 64 ký tự.` };
    }
    metrics[name] = value;
  }
  if (Object.keys(metrics).length > 50) {
    return { ok: false, problem: 'Tối đa 50 chỉ số.' };
  }
  return { ok: true, metrics: lines.length ? metrics : undefined };
}

/**
 * The page of one pilot: its facts, state moves and their history, monthly reports, blockers
 * and the letters about them. Every read and write goes through the API as the signed-in user.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller()
export class PilotPageController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly clock: Clock,
  ) {}

  @Get('mo-hinh/:number')
  async show(
    @Web() web: WebContext,
    @Param('number') number: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const data = await this.load(web, number);
    return sendHtml(reply, renderPilotPage(web, data));
  }

  @Post('mo-hinh/:number/chuyen-trang-thai')
  async transition(
    @Web() web: WebContext,
    @Param('number') number: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const pilot = { number: pilotNumberOf(number) };
    const values = formValues(body);
    const to = one(values, 'to');
    const result = await web.api.post<PilotView>(`${pilotPath(pilot.number)}/transitions`, {
      to,
      reason: optionalText(one(values, 'reason')),
      version: integerField(one(values, 'version')),
    });
    if (result.ok) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã chuyển mô hình số ${pilot.number} sang ${PILOT_STATE_LABELS[result.body.state]}.`,
      });
      return redirect(reply, `/mo-hinh/${pilot.number}`);
    }
    this.refuseOutright(result.error);
    const data = await this.load(web, String(pilot.number));
    const key = `move-${to}`;
    const shown = (PILOT_STATES as readonly string[]).includes(to)
      ? data.pilot.allowedMoves.some((m) => m.to === (to as PilotState))
      : false;
    const state: PilotPageState =
      result.status === 400 && shown
        ? { forms: { [key]: this.refusal(values, result.error, ['reason']) } }
        : {
            notice: { kind: 'error', text: result.error.message },
            // The reason typed is kept if that move is still on offer.
            forms: shown
              ? { [key]: { values: { reason: one(values, 'reason') }, errors: {} } }
              : {},
          };
    return sendHtml(reply, renderPilotPage(web, data, state), result.status);
  }

  @Post('mo-hinh/:number/bao-cao')
  async fileReport(
    @Web() web: WebContext,
    @Param('number') number: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const pilot = { number: pilotNumberOf(number) };
    const values = formValues(body);
    const metrics = parseMetrics(one(values, 'metrics'));
    if (!metrics.ok) {
      const data = await this.load(web, String(pilot.number));
      const form: FormState = {
        values,
        errors: { metrics: [metrics.problem] },
        message: 'Chỉ số chưa đúng dạng.',
      };
      return sendHtml(reply, renderPilotPage(web, data, { forms: { report: form } }), 400);
    }
    const result = await web.api.post<PilotReportView>(`${pilotPath(pilot.number)}/reports`, {
      period: one(values, 'period'),
      progress: one(values, 'progress'),
      metrics: metrics.metrics,
      version: integerField(one(values, 'version')),
    });
    return this.answer(web, reply, pilot.number, values, result, {
      form: 'report',
      fields: ['progress', 'metrics'],
      done: (r) => `Đã lưu báo cáo tháng ${period(r.period)} của mô hình số ${pilot.number}.`,
    });
  }

  @Post('mo-hinh/:number/vuong-mac')
  async raiseBlocker(
    @Web() web: WebContext,
    @Param('number') number: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const pilot = { number: pilotNumberOf(number) };
    const values = formValues(body);
    const result = await web.api.post<BlockerView>('/blockers', {
      pilotNumber: pilot.number,
      title: one(values, 'title'),
      description: one(values, 'description'),
      category: optionalText(one(values, 'category')),
      authority: optionalText(one(values, 'authority')),
    });
    return this.answer(web, reply, pilot.number, values, result, {
      form: 'blocker-new',
      fields: ['title', 'description', 'category', 'authority'],
      done: (b) => `Đã ghi nhận vướng mắc “${b.title}” của mô hình số ${pilot.number}.`,
    });
  }

  @Post('vuong-mac/:id/giai-quyet')
  resolveBlocker(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.blockerCommand(web, id, body, reply, {
      command: 'resolve',
      form: 'resolve',
      field: 'resolution',
      done: (b) => `Đã đánh dấu vướng mắc “${b.title}” là đã giải quyết.`,
    });
  }

  @Post('vuong-mac/:id/rut')
  withdrawBlocker(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.blockerCommand(web, id, body, reply, {
      command: 'withdraw',
      form: 'withdraw',
      field: 'reason',
      done: (b) => `Đã rút vướng mắc “${b.title}”.`,
    });
  }

  /** Resolve or withdraw a blocker, then back to its pilot's page. */
  private async blockerCommand(
    web: WebContext,
    id: string,
    body: unknown,
    reply: FastifyReply,
    o: {
      command: 'resolve' | 'withdraw';
      form: string;
      field: 'resolution' | 'reason';
      done: (b: BlockerView) => string;
    },
  ): Promise<FastifyReply> {
    const values = formValues(body);
    const result = await web.api.post<BlockerView>(
      `/blockers/${encodeURIComponent(id)}/${o.command}`,
      { [o.field]: one(values, o.field), version: integerField(one(values, 'version')) },
    );
    if (result.ok) {
      await this.sessions.flash(web.session.id, { kind: 'ok', text: o.done(result.body) });
      // Back to the blocker's pilot; a cross-cutting blocker (a topic) has none: the board.
      const n = result.body.pilotNumber;
      return redirect(reply, n ? `/mo-hinh/${n}` : '/mo-hinh');
    }
    this.refuseOutright(result.error);
    // The blocker says which pilot's page the form was on.
    const blocker = await web.api.get<BlockerView>(`/blockers/${encodeURIComponent(id)}`);
    const pilotNumber = blocker.ok ? blocker.body.pilotNumber : null;
    if (!pilotNumber) throw new ApiCallFailed(result.error);
    const data = await this.load(web, String(pilotNumber));
    const key = `${o.form}-${id}`;
    const state: PilotPageState = data.blockers.some((b) => b.id === id)
      ? this.refusedState(values, result.error, key, [o.field])
      : { notice: { kind: 'error', text: result.error.message } };
    return sendHtml(reply, renderPilotPage(web, data, state), result.status);
  }

  /** After a form about one pilot: its page with a message, or the form again with problems. */
  private async answer<T>(
    web: WebContext,
    reply: FastifyReply,
    pilotNumber: number,
    values: FormValues,
    result: ApiResult<T>,
    o: { form: string; fields: string[]; done: (body: T) => string },
  ): Promise<FastifyReply> {
    if (result.ok) {
      await this.sessions.flash(web.session.id, { kind: 'ok', text: o.done(result.body) });
      return redirect(reply, `/mo-hinh/${pilotNumber}`);
    }
    this.refuseOutright(result.error);
    const data = await this.load(web, String(pilotNumber));
    const state = this.refusedState(values, result.error, o.form, o.fields);
    return sendHtml(reply, renderPilotPage(web, data, state), result.status);
  }

  /**
   * The page after a refused form: problems beside the form's fields (400), or, when the data
   * moved on under the user (409: locked period, newer version, blocker already closed), the
   * API's message on top of the fresh page with what was typed kept in the form.
   */
  private refusedState(
    values: FormValues,
    error: ErrorBody,
    key: string,
    fields: string[],
  ): PilotPageState {
    if (error.statusCode === 409) {
      return {
        notice: { kind: 'error', text: error.message },
        forms: { [key]: { values, errors: {} } },
      };
    }
    return { forms: { [key]: this.refusal(values, error, fields) } };
  }

  /**
   * A refused form: the API's problems beside the fields the form has; problems of other
   * fields (a hidden version, say) join the message on top.
   */
  private refusal(values: FormValues, error: ErrorBody, fields: string[]): FormState {
    const form = refused(values, error, { labels: FIELD_LABELS });
    const others = Object.entries(form.errors).filter(([f]) => !fields.includes(f));
    const extra = others.flatMap(([, problems]) => problems);
    return {
      values,
      errors: Object.fromEntries(Object.entries(form.errors).filter(([f]) => fields.includes(f))),
      message: extra.length ? `${form.message} ${extra.join(' ')}` : form.message,
    };
  }

  /** Not the user's to do, or nothing there: the error page, with the API's own message. */
  private refuseOutright(error: ErrorBody): void {
    if (error.statusCode === 403 || error.statusCode === 404 || error.statusCode >= 500) {
      throw new ApiCallFailed(error);
    }
  }

  /** Everything the page shows, read through the API as the user. */
  private async load(web: WebContext, number: string): Promise<PilotPageData> {
    const pilot = await web.api.read<PilotView>(pilotPath(number));
    const path = pilotPath(pilot.number);
    const [history, reports, blockers, recommendations, policy, periods] = await Promise.all([
      this.history(web, path),
      web.api.read<PilotReportView[]>(`${path}/reports`),
      web.api.read<Page<BlockerView>>('/blockers', { pilot: pilot.number, limit: 100 }),
      web.api.read<Page<RecommendationView>>('/recommendations', {
        pilot: pilot.number,
        limit: 100,
      }),
      web.api.get<VersionedPolicy>('/escalation-policy'),
      web.api.get<PeriodView[]>('/periods'),
    ]);
    const period = currentPeriod(this.clock.now());
    return {
      pilot,
      history,
      reports,
      blockers: blockers.items,
      recommendations: [...recommendations.items].reverse(),
      levelNames: new Map(
        policy.ok ? policy.body.policy.levels.map((l): [number, string] => [l.level, l.name]) : [],
      ),
      currentPeriod: period,
      currentPeriodLocked: periods.ok
        ? periods.body.some((p) => p.period === period && p.locked)
        : false,
    };
  }

  /** The state moves, newest first (the API lists them oldest first, a page at a time). */
  private async history(web: WebContext, path: string): Promise<HistoryEntry[]> {
    const first = await web.api.read<Page<HistoryEntry>>(`${path}/history`, {
      limit: HISTORY_PAGE,
    });
    let items = first.items;
    if (first.total > first.items.length) {
      const last: ApiResult<Page<HistoryEntry>> = await web.api.get(`${path}/history`, {
        limit: HISTORY_PAGE,
        offset: first.total - HISTORY_PAGE,
      });
      if (last.ok) items = last.body.items;
    }
    return [...items].reverse();
  }
}
