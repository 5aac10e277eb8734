import { Body, Get, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { can } from '../../access/domain/permissions.js';
import { Clock } from '../../common/clock.js';
import { currentPeriod, shiftPeriod } from '../../common/domain/periods.js';
import { fieldsToFix, formValues, one, refused, type FormValues } from '../components/forms.js';
import { period as periodLabel } from '../components/format.js';
import { redirect, sendHtml } from '../components/layout.js';
import { apiResult, read, unchecked, type ApiError, type Schemas } from '../in-process-api.js';
import { WORDS } from '../labels.js';
import { refuseOutright } from '../pilot/pilot-page.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { entryField, entryOf, postedCodes } from './indicator-entry.js';
import {
  renderIndicatorsPage,
  type IndicatorRowData,
  type IndicatorsPageData,
  type IndicatorsPageState,
} from './indicators-page.view.js';

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
/** How many periods back (the current one included) the chooser offers, besides known ones. */
const PERIODS_OFFERED = 12;
/** More value fields than the catalogue could hold is not a form of ours. */
const CODES_MAX = 500;

/** The API's field names as the form's labels, for its problems beside a value. */
const VALUE_LABELS: Record<string, string> = {
  value: 'Giá trị',
  denominator: 'Mẫu số',
  note: 'Ghi chú',
  period: 'Kỳ báo cáo',
  version: WORDS.version,
};

/** The secretariat enters any value; an officer its agency's (the API checks each one). */
const mayEnter = (web: WebContext) =>
  can(web.actor.role, 'indicators.writeAll') || web.actor.role === 'AGENCY_OFFICER';

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * "Số liệu chỉ số" (issue 15, item 3): an agency's officers enter the period's values of the
 * indicators their agency owns, the secretariat any of them, all in one form; others read them.
 * Every value is written by the API (`POST /api/v1/indicators/{code}/values`) as that user, so
 * its rules hold here unchanged: the owning agency, the open period, the version, the audit.
 */
@WebPages()
export class IndicatorsPageController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly clock: Clock,
  ) {}

  @Get('chi-so')
  async show(
    @Web() web: WebContext,
    @Query('ky') ky: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const data = await this.load(web, typeof ky === 'string' ? ky : undefined);
    return sendHtml(reply, renderIndicatorsPage(web, data));
  }

  /**
   * Saves every value the user changed, each by the API on its own: those accepted are saved,
   * those refused come back beside their fields as typed, nothing typed is lost.
   */
  @Post('chi-so')
  async enter(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    if (!mayEnter(web)) {
      throw new WebRefusal(
        403,
        'Chỉ thư ký Tổ công tác và cán bộ đầu mối của đơn vị chịu trách nhiệm được nhập số liệu chỉ số.',
      );
    }
    const values = formValues(body);
    const period = one(values, 'period');
    // The page is shown again for this period: one it would not show is not a form of ours.
    if (!PERIOD.test(period) || period > currentPeriod(this.clock.now())) {
      throw new WebRefusal(400, `Kỳ báo cáo “${period.slice(0, 20)}” không hợp lệ hoặc chưa đến.`);
    }
    const codes = postedCodes(values);
    if (codes.length > CODES_MAX) throw new WebRefusal(400, 'Biểu mẫu có quá nhiều chỉ số.');

    // Values the page did not offer the user go first: the API refuses one not theirs (403)
    // before anything of the form is saved.
    const before = await this.load(web, period);
    const offered = new Set(before.rows.filter((r) => r.canWrite).map((r) => r.indicator.code));
    const ordered = [
      ...codes.filter((c) => !offered.has(c)),
      ...codes.filter((c) => offered.has(c)),
    ];

    const errors: Record<string, string[]> = {};
    const unsaved = new Set<string>();
    let saved = 0;
    let status = 0;
    let notice: string | undefined;
    for (const code of ordered) {
      const entry = entryOf(values, code);
      if (entry.kind === 'unchanged') continue;
      if (entry.kind === 'problem') {
        errors[entryField.value(code)] = [entry.problem];
        unsaved.add(code);
        status = 400;
        continue;
      }
      if (notice) {
        // The period got locked: the rest would be refused alike.
        errors[entryField.value(code)] = ['Chưa lưu: kỳ đã chốt số liệu.'];
        unsaved.add(code);
        continue;
      }
      const result = await apiResult(
        web.api.POST('/api/v1/indicators/{code}/values', {
          params: { path: { code } },
          body: {
            period,
            value: entry.value,
            // The schema's type of a nullable number is not one openapi-typescript writes well.
            ...(entry.denominator === null ? {} : { denominator: unchecked(entry.denominator) }),
            ...(entry.note === undefined ? {} : { note: entry.note }),
            version: unchecked(entry.version),
          },
        }),
      );
      if (result.ok) {
        saved++;
        continue;
      }
      refuseOutright(result.error);
      unsaved.add(code);
      if (result.error.code === 'PERIOD_LOCKED') {
        notice = `${result.error.message} Các giá trị bạn vừa nhập chưa được lưu và vẫn hiện bên dưới.`;
        errors[entryField.value(code)] = ['Chưa lưu: kỳ đã chốt số liệu.'];
      } else {
        Object.assign(errors, problemsOf(values, code, result.error));
      }
      status ||= result.status;
    }

    if (unsaved.size === 0) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: saved
          ? `Đã lưu ${saved} giá trị chỉ số tháng ${periodLabel(period)}.`
          : `Không có giá trị nào thay đổi; chưa lưu gì cho tháng ${periodLabel(period)}.`,
      });
      return redirect(reply, `/chi-so?ky=${period}`);
    }
    const data = await this.load(web, period);
    const state: IndicatorsPageState = {
      notice,
      form: {
        values,
        errors,
        // A locked period says so on top (notice); nothing else to fix in the fields.
        message: saved
          ? `Đã lưu ${saved} giá trị; ${unsaved.size} ô chưa lưu được, xem ghi chú ngay dưới từng ô.`
          : notice
            ? undefined
            : fieldsToFix(unsaved.size),
      },
    };
    return sendHtml(reply, renderIndicatorsPage(web, data, state), status);
  }

  /** The period's indicators as the user may see them, with their values and the latest before. */
  private async load(web: WebContext, asked: string | undefined): Promise<IndicatorsPageData> {
    const current = currentPeriod(this.clock.now());
    const period = asked && PERIOD.test(asked) && asked <= current ? asked : current;
    const [indicators, periods, pilots] = await Promise.all([
      read(
        web.api.GET('/api/v1/indicators', { params: { query: { active: true, history: true } } }),
      ),
      apiResult(web.api.GET('/api/v1/periods')),
      read(web.api.GET('/api/v1/pilots', { params: { query: { limit: 100 } } })),
    ]);
    const known = periods.ok ? periods.body : [];
    const locked = new Set(known.filter((p) => p.locked).map((p) => p.period));
    const offered = new Set([
      ...Array.from({ length: PERIODS_OFFERED }, (_, i) => shiftPeriod(current, -i)),
      ...known.map((p) => p.period).filter((p) => p <= current),
      period,
    ]);
    const agency = web.actor.role === 'AGENCY_OFFICER';
    const writeAll = can(web.actor.role, 'indicators.writeAll');
    // An officer's: its agency's own, and those of agencies merged into it (the API says which).
    const shown = agency ? indicators.filter((i) => i.heldByUserAgency) : indicators;
    return {
      period,
      currentPeriod: current,
      locked: locked.has(period),
      periods: [...offered]
        .sort()
        .reverse()
        .map((p) => ({ period: p, locked: locked.has(p) })),
      rows: shown.map((i) => rowOf(i, period, agency || writeAll)),
      pilotNames: new Map(pilots.items.map((p) => [p.number, p.name])),
      scope: agency
        ? { kind: 'agency', code: web.actor.agencyCode }
        : { kind: 'all', canWrite: writeAll },
    };
  }
}

function rowOf(
  indicator: Schemas['IndicatorView'],
  period: string,
  canWrite: boolean,
): IndicatorRowData {
  const history = indicator.history ?? [];
  return {
    indicator,
    value: history.find((v) => v.period === period) ?? null,
    previous: history.find((v) => v.period < period) ?? null,
    canWrite,
  };
}

/** The API's problems with one value, beside its value field (the note's beside the note). */
function problemsOf(values: FormValues, code: string, error: ApiError): Record<string, string[]> {
  const form = refused(values, error, { labels: VALUE_LABELS });
  const out: Record<string, string[]> = {};
  for (const [field, problems] of Object.entries(form.errors)) {
    const name = field === 'note' ? entryField.note(code) : entryField.value(code);
    (out[name] ??= []).push(...problems.map(capitalised));
  }
  if (Object.keys(out).length === 0) out[entryField.value(code)] = [error.message];
  return out;
}
