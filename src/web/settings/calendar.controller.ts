import { FIRST_YEAR, LAST_YEAR } from '../../common/domain/accepted-years.js';
import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Clock } from '../../common/clock.js';
import { localDay } from '../../common/domain/local-time.js';
import { datesInTheirFormat, isoDay } from '../components/date-fields.js';
import {
  blankForm,
  formValues,
  integerField,
  one,
  type FormState,
  type FormValues,
} from '../components/forms.js';
import { redirect, sendHtml } from '../components/layout.js';
import {
  ApiCallFailed,
  apiResult,
  read,
  unchecked,
  type ApiResult,
  type Schemas,
} from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { requirePermission, Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { CALENDAR_LABELS, calendarBody } from './calendar.view.js';
import { refusedForm, settingsPage } from './settings-page.js';

/** A day in an address (`YYYY-MM-DD`); anything else is not found. */
function adjustmentDay(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    throw new WebRefusal(404, 'Không có điều chỉnh lịch làm việc này.');
  }
  return text;
}

/** The working calendar of a year: holidays and the adjustments the secretariat adds. */
@WebPages()
export class CalendarSettingsController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly clock: Clock,
  ) {}

  /** This year in Vietnam, the calendar page's default. */
  private currentYear(): number {
    return Number(localDay(this.clock.now()).slice(0, 4));
  }

  @Get('cai-dat/lich-lam-viec')
  async calendar(
    @Web() web: WebContext,
    @Query('nam') nam: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'settings.view');
    const asked = typeof nam === 'string' && /^\d{4}$/.test(nam) ? Number(nam) : this.currentYear();
    const year = Math.min(LAST_YEAR, Math.max(FIRST_YEAR, asked));
    return this.showCalendar(web, reply, year, blankForm({ kind: 'DAY_OFF' }));
  }

  @Post('cai-dat/lich-lam-viec')
  async addAdjustment(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'settings.view');
    const values = formValues(body);
    const dayText = isoDay(one(values, 'day'));
    const reference = one(values, 'reference').trim();
    const result = await apiResult(
      web.api.POST('/api/v1/calendar/adjustments', {
        body: {
          day: dayText,
          kind: unchecked(one(values, 'kind')),
          reason: one(values, 'reason'),
          ...(reference ? { reference } : {}),
        },
      }),
    );
    const dayYear = /^(\d{4})-\d{2}-\d{2}$/.exec(dayText)?.[1];
    const shownYear = /^\d{4}$/.test(one(values, 'nam')) ? one(values, 'nam') : undefined;
    if (result.ok) {
      const a = result.body;
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã thêm điều chỉnh ngày ${a.day.split('-').reverse().join('/')}: ${a.reason}. Hạn trả lời kiến nghị được tính theo lịch mới.`,
      });
      return redirect(reply, `/cai-dat/lich-lam-viec?nam=${a.day.slice(0, 4)}`);
    }
    const form = refusedForm(values, result.error, CALENDAR_LABELS);
    if (result.error.code === 'CONFLICT') form.errors.day = [result.error.message];
    else datesInTheirFormat(form, ['day']);
    const year = Math.min(
      LAST_YEAR,
      Math.max(FIRST_YEAR, Number(dayYear ?? shownYear ?? this.currentYear())),
    );
    return this.showCalendar(web, reply, year, form, result.status);
  }

  /** A correction of one day's adjustment (kind, reason, reference), at the version shown. */
  @Post('cai-dat/lich-lam-viec/:day')
  async correctAdjustment(
    @Web() web: WebContext,
    @Param('day') day: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'calendar.edit');
    const values = formValues(body);
    const reference = one(values, 'reference').trim();
    const result = await apiResult(
      web.api.PATCH('/api/v1/calendar/adjustments/{day}', {
        params: { path: { day: adjustmentDay(day) } },
        body: {
          version: unchecked(integerField(one(values, 'version'))),
          kind: unchecked(one(values, 'kind')),
          reason: one(values, 'reason'),
          ...(reference ? { reference } : {}),
        },
      }),
    );
    return this.afterCorrection(web, reply, day, values, result, 'Đã sửa');
  }

  /** Deleting one of the secretariat's adjustments: the day is back to the ordinary calendar. */
  @Post('cai-dat/lich-lam-viec/:day/xoa')
  async deleteAdjustment(
    @Web() web: WebContext,
    @Param('day') day: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'calendar.edit');
    const values = formValues(body);
    const result = await apiResult(
      web.api.DELETE('/api/v1/calendar/adjustments/{day}', {
        params: {
          path: { day: adjustmentDay(day) },
          query: { version: unchecked(integerField(one(values, 'version'))) },
        },
      }),
    );
    return this.afterCorrection(web, reply, day, values, result, 'Đã xóa');
  }

  private async afterCorrection(
    web: WebContext,
    reply: FastifyReply,
    day: string,
    values: FormValues,
    result: ApiResult<Schemas['AdjustmentView']>,
    done: string,
  ): Promise<FastifyReply> {
    const year = Number(day.slice(0, 4));
    if (result.ok) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `${done} điều chỉnh ngày ${day.split('-').reverse().join('/')}. Hạn trả lời kiến nghị được tính theo lịch mới.`,
      });
      return redirect(reply, `/cai-dat/lich-lam-viec?nam=${year}`);
    }
    if (result.status === 403 || result.status === 404) throw new ApiCallFailed(result.error);
    const form = refusedForm(values, result.error, CALENDAR_LABELS);
    return this.showCalendar(web, reply, year, blankForm({ kind: 'DAY_OFF' }), result.status, {
      day,
      form,
    });
  }

  /** The year's page; `edit`: a refused correction of one day's adjustment. */
  private async showCalendar(
    web: WebContext,
    reply: FastifyReply,
    year: number,
    form: FormState,
    status = 200,
    edit?: { day: string; form: FormState },
  ): Promise<FastifyReply> {
    const [adjustments, calendar, calendarStatus] = await Promise.all([
      read(web.api.GET('/api/v1/calendar/adjustments', { params: { query: { year } } })),
      read(
        web.api.GET('/api/v1/calendar/working-days', {
          params: { query: { from: `${year}-01-01`, to: `${year}-12-31` } },
        }),
      ),
      read(web.api.GET('/api/v1/calendar/status')),
    ]);
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'lich-lam-viec',
        title: 'Lịch làm việc',
        intro:
          'Ngày nghỉ lễ, Tết theo quy định và các điều chỉnh hằng năm (nghỉ bù, hoán đổi, làm bù) dùng để tính hạn trả lời và đôn đốc.',
        body: calendarBody(web, {
          year,
          calendar,
          adjustments,
          form,
          warnings: calendarStatus.warnings,
          edit,
        }),
      }),
      status,
    );
  }
}
