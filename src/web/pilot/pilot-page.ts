import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AttachmentsService } from '../../attachments/attachments.service.js';
import { Clock } from '../../common/clock.js';
import { localDay } from '../../common/domain/local-time.js';
import { currentPeriod, shiftPeriod } from '../../common/domain/periods.js';
import { refused, type FormState, type FormValues } from '../components/forms.js';
import { redirect, sendHtml } from '../components/layout.js';
import {
  apiResult,
  ApiCallFailed,
  read,
  readAll,
  type ApiError,
  type ApiResult,
  type Schemas,
} from '../in-process-api.js';
import type { ReportFiles } from '../attachments/report-documents.js';
import { WORDS } from '../labels.js';
import {
  auditItems,
  commentItems,
  historyItems,
  mergeTimeline,
  type TimelineItem,
} from '../components/timeline.js';
import {
  auditOf,
  commentsOf,
  withinPage,
  type TimelinePaging,
} from '../components/timeline-sources.js';
import { WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { letterRequestsOf } from './letter-requests.js';
import { renderPilotPage } from './pilot.view.js';

/** A pilot number as typed in an address or a hidden field. */
const PILOT_NUMBER = /^[1-9][0-9]{0,8}$/;

/** The pilot a form is posted to; an address with no pilot number in it is not found. */
export function pilotNumberOf(text: string): number {
  if (!PILOT_NUMBER.test(text)) throw new WebRefusal(404, 'Không tìm thấy mô hình này.');
  return Number(text);
}
const HISTORY_PAGE = 100;

/** One pilot's path parameter in the API; the API itself refuses a malformed number (400). */
export const pilotParam = (number: string | number) => ({ number: String(number) });

/** Text of an optional field: undefined when blank, so the API applies its own rule. */
export function optionalText(value: string): string | undefined {
  return value.trim() === '' ? undefined : value;
}

/** Everything the pilot page shows, as the API answered it. */
export interface PilotPageData {
  pilot: Schemas['PilotView'];
  /** Newest first. */
  history: Schemas['HistoryEntry'][];
  /** State moves, comments and the audit trail, merged newest first (components/timeline.ts). */
  timeline: TimelineItem[];
  /** The timeline's page (`?lich-su=N`): older audit entries are on later pages. */
  timelinePaging: TimelinePaging;
  /** Newest period first. */
  reports: Schemas['PilotReportView'][];
  blockers: Schemas['BlockerView'][];
  /** Its milestones, by due day. */
  milestones: Schemas['MilestoneView'][];
  /** Every agency, for the owner of a milestone the user may edit (none when the user edits none). */
  milestoneAgencies: Schemas['AgencyView'][];
  /** Its indicators (named `metrics` keys), each with its values, newest period first. */
  indicators: Schemas['IndicatorView'][];
  /** `YYYY-MM-DD` of today in Asia/Ho_Chi_Minh (the latest day a milestone is done on). */
  today: string;
  recommendations: Schemas['RecommendationView'][];
  /** Escalation level → its name in the policy ("Đôn đốc"). */
  levelNames: Map<number, string>;
  /** `YYYY-MM` of today in Asia/Ho_Chi_Minh. */
  currentPeriod: string;
  /** The secretariat has locked the current period (as far as the API says). */
  currentPeriodLocked: boolean;
  /**
   * The period the report form is for: the one asked for (`?ky=YYYY-MM`) when it is among
   * `reportPeriods` and unlocked, else the current one.
   */
  reportPeriod: string;
  /** The periods a report may be filed or corrected for from the page: the last 12, newest first. */
  reportPeriods: { period: string; locked: boolean }[];
  /** Requests that the secretariat send a letter about one of its blockers, newest first. */
  letterRequests: Schemas['LetterRequestView'][];
  /** The agencies a letter may be asked of today, when the user may ask (else none). */
  requestAgencies: [string, string][];
  /** The monthly reports' files (src/web/attachments). */
  reportFiles: ReportFiles;
}

/** What changed on the page after a form: a message on top, a form with its values/problems. */
export interface PilotPageState {
  notice?: { kind: 'error' | 'info'; text: string };
  /**
   * Keyed by form: `move-<STATE>`, `report`, `blocker-new`, `resolve-<id>`, `withdraw-<id>`,
   * `comment`.
   */
  forms?: Record<string, FormState>;
}

/** Field names of the API as a user reads them, for the API's per-field problems. */
export const FIELD_LABELS: Record<string, string> = {
  reason: WORDS.reason,
  progress: 'Tiến độ',
  metrics: 'Chỉ số',
  period: 'Kỳ báo cáo',
  title: 'Tiêu đề',
  description: 'Nội dung',
  category: 'Nhóm vướng mắc',
  authority: 'Thẩm quyền',
  resolution: 'Cách giải quyết',
  name: 'Tên mốc',
  due: 'Hạn',
  note: 'Ghi chú',
  doneOn: 'Ngày hoàn thành',
  version: WORDS.version,
  to: 'Trạng thái mới',
  addresseeCode: 'Cơ quan',
  question: 'Đề nghị cơ quan đó',
  impact: 'Vì sao cản trở mô hình',
};

export const formOf = (state: PilotPageState, key: string): FormState | undefined =>
  state.forms?.[key];

/** The pilot page as the API shows it to the user, and the page again after a form. */
@Injectable()
export class PilotPage {
  constructor(
    private readonly sessions: WebSessions,
    private readonly clock: Clock,
    private readonly attachments: AttachmentsService,
  ) {}

  /** Everything the page shows, read through the API as the user. */
  async load(
    web: WebContext,
    number: string,
    askedPeriod?: string,
    timelinePage = 1,
  ): Promise<PilotPageData> {
    const pilot = await read(
      web.api.GET('/api/v1/pilots/{number}', { params: { path: pilotParam(number) } }),
    );
    const path = pilotParam(pilot.number);
    const byPilot = { pilot: pilot.number, limit: 100 };
    const target = { type: 'pilot' as const, number: pilot.number };
    const [history, reports, blockers, recommendations, policy, periods, files, comments, audit] =
      await Promise.all([
        this.history(web, path),
        read(web.api.GET('/api/v1/pilots/{number}/reports', { params: { path } })),
        read(web.api.GET('/api/v1/blockers', { params: { query: byPilot } })),
        read(web.api.GET('/api/v1/recommendations', { params: { query: byPilot } })),
        apiResult(web.api.GET('/api/v1/escalation-policy')),
        apiResult(web.api.GET('/api/v1/periods')),
        this.attachments.listOfPilotReports(pilot.number),
        commentsOf(web, target),
        auditOf(web, target, timelinePage),
      ]);
    const [milestones, indicators] = await Promise.all([
      read(web.api.GET('/api/v1/milestones', { params: { query: byPilot } })),
      read(
        web.api.GET('/api/v1/indicators', {
          params: { query: { scope: String(pilot.number), active: true, history: true } },
        }),
      ),
    ]);
    const milestoneAgencies = milestones.items.some((m) => m.allowedCommands.includes('edit'))
      ? await readAll((page) => web.api.GET('/api/v1/agencies', { params: { query: page } }))
      : [];
    const period = currentPeriod(this.clock.now());
    const asking = await letterRequestsOf(web, pilot, blockers.items, localDay(this.clock.now()));
    return {
      pilot,
      history,
      timeline: mergeTimeline(
        withinPage([...historyItems(history), ...commentItems(comments)], audit.paging),
        auditItems(audit.entries),
      ),
      timelinePaging: audit.paging,
      reports,
      blockers: blockers.items,
      milestones: milestones.items,
      milestoneAgencies,
      indicators,
      today: localDay(this.clock.now()),
      recommendations: [...recommendations.items].reverse(),
      levelNames: new Map(
        policy.ok ? policy.body.policy.levels.map((l): [number, string] => [l.level, l.name]) : [],
      ),
      currentPeriod: period,
      currentPeriodLocked: periods.ok
        ? periods.body.some((p) => p.period === period && p.locked)
        : false,
      ...reportPeriodsOf(period, periods.ok ? periods.body : [], askedPeriod),
      ...asking,
      reportFiles: {
        byPeriod: files,
        // As the service's download rule: officers of other agencies do not read them.
        canRead: web.actor.role !== 'AGENCY_OFFICER' || pilot.canWrite,
        maxBytes: this.attachments.maxBytes,
      },
    };
  }

  /** After a form about one pilot: its page with a message, or the form again with problems. */
  async answer<T>(
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
    refuseOutright(result.error);
    // A refused report comes back as the form of the period it was for.
    const period = typeof values.period === 'string' ? values.period : undefined;
    const data = await this.load(web, String(pilotNumber), period);
    const state = refusedState(values, result.error, o.form, o.fields);
    return sendHtml(reply, renderPilotPage(web, data, state), result.status);
  }

  /** The state moves, newest first (the API lists them oldest first, a page at a time). */
  private async history(
    web: WebContext,
    path: { number: string },
  ): Promise<Schemas['HistoryEntry'][]> {
    const first = await read(
      web.api.GET('/api/v1/pilots/{number}/history', {
        params: { path, query: { limit: HISTORY_PAGE } },
      }),
    );
    let items = first.items;
    if (first.total > first.items.length) {
      const last = await apiResult(
        web.api.GET('/api/v1/pilots/{number}/history', {
          params: { path, query: { limit: HISTORY_PAGE, offset: first.total - HISTORY_PAGE } },
        }),
      );
      if (last.ok) items = last.body.items;
    }
    return [...items].reverse();
  }
}

/** How many periods back (the current one included) the report form offers. */
const REPORTABLE_PERIODS = 12;

/**
 * The periods the report form offers (issue 16, item 3: any unlocked period, as the API takes,
 * not only the current one) and the one it is for.
 */
export function reportPeriodsOf(
  current: string,
  periods: { period: string; locked: boolean }[],
  asked: string | undefined,
): Pick<PilotPageData, 'reportPeriod' | 'reportPeriods'> {
  const locked = new Set(periods.filter((p) => p.locked).map((p) => p.period));
  const reportPeriods = Array.from({ length: REPORTABLE_PERIODS }, (_, i) => {
    const period = shiftPeriod(current, -i);
    return { period, locked: locked.has(period) };
  });
  const open = reportPeriods.find((p) => p.period === asked && !p.locked);
  return { reportPeriod: open ? open.period : current, reportPeriods };
}

/**
 * The page after a refused form: problems beside the form's fields (400), or, when the data
 * moved on under the user (409: locked period, newer version, blocker already closed), the
 * API's message on top of the fresh page with what was typed kept in the form.
 */
export function refusedState(
  values: FormValues,
  error: ApiError,
  key: string,
  fields: string[],
): PilotPageState {
  if (error.statusCode === 409) {
    return {
      notice: { kind: 'error', text: error.message },
      forms: { [key]: { values, errors: {} } },
    };
  }
  return { forms: { [key]: refusal(values, error, fields) } };
}

/**
 * A refused form: the API's problems beside the fields the form has; problems of other
 * fields (a hidden version, say) join the message on top.
 */
export function refusal(values: FormValues, error: ApiError, fields: string[]): FormState {
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
export function refuseOutright(error: ApiError): void {
  if (error.statusCode === 403 || error.statusCode === 404 || error.statusCode >= 500) {
    throw new ApiCallFailed(error);
  }
}
