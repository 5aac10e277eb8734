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
import { localDay } from '../common/domain/local-time.js';
import { Clock } from '../common/clock.js';
import { UUID } from '../common/uuid.pipe.js';
import type { WorkingDaysView } from '../calendar/calendar.controller.js';
import type { AdjustmentView } from '../calendar/calendar.service.js';
import type { ErrorBody } from '../common/error-body.js';
import type { Page } from '../common/pagination.js';
import { PERIOD_REGEX } from '../common/validators.js';
import type { VersionedPolicy } from '../escalation/escalation-policy.service.js';
import type { PeriodView } from '../reports/reports.service.js';
import type { UserView } from '../users/user.view.js';
import {
  blankForm,
  datesInTheirFormat,
  formMessage,
  type FormState,
  formValues,
  type FormValues,
  integerField,
  isoDay,
  many,
  one,
} from './forms.js';
import { redirect, sendFile, sendHtml } from './layout.js';
import {
  AGENCY_LABELS,
  AGENCY_PAGE_SIZE,
  agenciesBody,
  emailLines,
} from './settings-agencies.view.js';
import { CALENDAR_LABELS, calendarBody } from './settings-calendar.view.js';
import {
  FIRST_TAB,
  pageNumberOf,
  refusedForm,
  SETTINGS_ROLES,
  settingsPage,
} from './settings-page.view.js';
import { periodsBody } from './settings-periods.view.js';
import {
  levelIndices,
  POLICY_LABELS,
  policyForm,
  policyReadOnly,
  policyValues,
} from './settings-policy.view.js';
import {
  USER_LABELS,
  USER_PAGE_SIZE,
  userBody,
  usersBody,
  type UserFormKey,
} from './settings-users.view.js';
import { html } from './ui.js';
import { requireRole, Web, WebGuard, WebRefusal, type WebContext } from './web-request.js';
import { WebExceptionFilter } from './web-exception.filter.js';
import { WebSessions } from './web-sessions.js';

const AGENCY_CODE = /^[A-Z][A-Z0-9_]{0,31}$/;
const NOT_FOUND = 'Trang bạn tìm không có.';

/** The years the calendar API keeps (calendar.dto.ts). */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

/**
 * The settings of the secretariat and the administrator: escalation policy, working calendar,
 * agencies' focal points, accounts and report periods. Every read and write goes through the
 * API as the signed-in user; each form is shown to the role the API accepts it from.
 */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller()
export class SettingsPageController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly clock: Clock,
  ) {}

  /** This year in Vietnam, the calendar page's default. */
  private currentYear(): number {
    return Number(localDay(this.clock.now()).slice(0, 4));
  }

  @Get('cai-dat')
  home(@Web() web: WebContext, @Res() reply: FastifyReply): FastifyReply {
    requireRole(web, ...SETTINGS_ROLES);
    return redirect(reply, `/cai-dat/${FIRST_TAB}`);
  }

  // ── Escalation policy ──────────────────────────────────────────────────────────────────────

  @Get('cai-dat/don-doc')
  async policy(@Web() web: WebContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    requireRole(web, ...SETTINGS_ROLES);
    const current = await web.api.read<VersionedPolicy>('/escalation-policy');
    return this.showPolicy(web, reply, current, blankForm(policyValues(current)));
  }

  @Post('cai-dat/don-doc')
  async savePolicy(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requireRole(web, ...SETTINGS_ROLES);
    const values = formValues(body);
    const indices = levelIndices(values);
    if (one(values, '_action') === 'them-muc') {
      // A new blank level at the end; nothing is saved until "Lưu".
      delete values._action;
      const next = indices.length ? indices[indices.length - 1] + 1 : 0;
      values[`levels.${next}.name`] = '';
      values[`levels.${next}.afterWorkingDays`] = '';
      values[`levels.${next}.notify`] = [];
      const current = await web.api.read<VersionedPolicy>('/escalation-policy');
      return this.showPolicy(web, reply, current, blankForm(values));
    }
    // Levels marked for removal are left out; the API numbers what remains from 1, and its
    // errors (levels.<position>.…) are renamed back to the fields the user sees.
    const kept = indices.filter((i) => one(values, `levels.${i}.remove`) !== '1');
    const rename: Record<string, string> = {};
    const levels = kept.map((i, position) => {
      for (const p of ['level', 'name', 'afterWorkingDays', 'notify'])
        rename[`levels.${position}.${p}`] = `levels.${i}.${p}`;
      return {
        level: position + 1,
        name: one(values, `levels.${i}.name`),
        afterWorkingDays: integerField(one(values, `levels.${i}.afterWorkingDays`)),
        notify: many(values, `levels.${i}.notify`),
      };
    });
    const result = await web.api.put<VersionedPolicy>('/escalation-policy', {
      version: integerField(one(values, 'version')),
      responseWorkingDays: integerField(one(values, 'responseWorkingDays')),
      levels,
      repeatEveryWorkingDays: integerField(one(values, 'repeatEveryWorkingDays')),
      digestCron: one(values, 'digestCron').trim(),
      reportCutoffDay: integerField(one(values, 'reportCutoffDay')),
    });
    if (result.ok) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã lưu chính sách đôn đốc (phiên bản ${result.body.version}). Các mức chưa đến hạn của mọi kiến nghị đang được xếp lịch lại theo chính sách mới.`,
      });
      return redirect(reply, '/cai-dat/don-doc');
    }
    const current = await web.api.read<VersionedPolicy>('/escalation-policy');
    if (result.error.code === 'VERSION_CONFLICT') {
      // Someone saved first: their policy, with the API's message, to start again from.
      const form = { ...blankForm(policyValues(current)), message: result.error.message };
      return this.showPolicy(web, reply, current, form, result.status);
    }
    const form = refusedForm(values, result.error, POLICY_LABELS, rename);
    // The API's rules across levels come on "levels" and name the level: put them beside it.
    form.errors.levels = (form.errors.levels ?? []).filter((problem) => {
      const m = /^Mức (\d+) (phải đến sau|lặp người nhận)/.exec(problem);
      const index = m ? kept[Number(m[1]) - 1] : undefined;
      if (index === undefined) return true;
      const field = `levels.${index}.${m![2] === 'phải đến sau' ? 'afterWorkingDays' : 'notify'}`;
      (form.errors[field] ??= []).push(problem);
      return false;
    });
    if (form.errors.levels.length === 0) delete form.errors.levels;
    return this.showPolicy(web, reply, current, form, result.status);
  }

  private showPolicy(
    web: WebContext,
    reply: FastifyReply,
    current: VersionedPolicy,
    form: FormState,
    status = 200,
  ): FastifyReply {
    const editable = web.actor.role === 'SECRETARIAT';
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'don-doc',
        title: 'Chính sách đôn đốc',
        intro:
          'Khi kiến nghị gửi Trung ương quá hạn trả lời, hệ thống tự nhắc và đôn đốc theo các mức dưới đây, tính theo ngày làm việc.',
        body: editable
          ? policyForm(web, form)
          : html`${formMessage(form)} ${policyReadOnly(current)}`,
      }),
      status,
    );
  }

  // ── Working calendar ───────────────────────────────────────────────────────────────────────

  @Get('cai-dat/lich-lam-viec')
  async calendar(
    @Web() web: WebContext,
    @Query('nam') nam: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requireRole(web, ...SETTINGS_ROLES);
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
    requireRole(web, ...SETTINGS_ROLES);
    const values = formValues(body);
    const dayText = isoDay(one(values, 'day'));
    const reference = one(values, 'reference').trim();
    const result = await web.api.post<AdjustmentView>('/calendar/adjustments', {
      day: dayText,
      kind: one(values, 'kind'),
      reason: one(values, 'reason'),
      ...(reference ? { reference } : {}),
    });
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

  private async showCalendar(
    web: WebContext,
    reply: FastifyReply,
    year: number,
    form: FormState,
    status = 200,
  ): Promise<FastifyReply> {
    const [adjustments, calendar] = await Promise.all([
      web.api.read<AdjustmentView[]>('/calendar/adjustments', { year }),
      web.api.read<WorkingDaysView>('/calendar/working-days', {
        from: `${year}-01-01`,
        to: `${year}-12-31`,
      }),
    ]);
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'lich-lam-viec',
        title: 'Lịch làm việc',
        intro:
          'Ngày nghỉ lễ, Tết theo quy định và các điều chỉnh hằng năm (nghỉ bù, hoán đổi, làm bù) dùng để tính hạn trả lời và đôn đốc.',
        body: calendarBody(web, { year, calendar, adjustments, form }),
      }),
      status,
    );
  }

  // ── Agencies' focal points ─────────────────────────────────────────────────────────────────

  @Get('cai-dat/don-vi')
  async agencies(
    @Web() web: WebContext,
    @Query('trang') trang: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requireRole(web, ...SETTINGS_ROLES);
    return this.showAgencies(web, reply, pageNumberOf(typeof trang === 'string' ? trang : ''));
  }

  /** Where a refused agency form was posted: a reload or a bookmark goes back to the list. */
  @Get('cai-dat/don-vi/:code')
  agency(
    @Web() web: WebContext,
    @Param('code') code: string,
    @Res() reply: FastifyReply,
  ): FastifyReply {
    requireRole(web, ...SETTINGS_ROLES);
    return redirect(
      reply,
      AGENCY_CODE.test(code) ? `/cai-dat/don-vi#agency-${code}` : '/cai-dat/don-vi',
    );
  }

  @Post('cai-dat/don-vi/:code')
  async saveAgency(
    @Web() web: WebContext,
    @Param('code') code: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requireRole(web, ...SETTINGS_ROLES);
    if (!AGENCY_CODE.test(code)) throw new WebRefusal(404, NOT_FOUND);
    const values = formValues(body);
    const result = await web.api.patch<AgencyView>(`/agencies/${code}`, {
      version: integerField(one(values, 'version')),
      contactEmails: emailLines(one(values, 'contactEmails')),
    });
    if (result.ok) {
      const n = result.body.contactEmails.length;
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text:
          n > 0
            ? `Đã lưu ${n} email đầu mối của ${result.body.name}.`
            : `Đã bỏ hết email đầu mối của ${result.body.name}.`,
      });
      return redirect(reply, `/cai-dat/don-vi#agency-${code}`);
    }
    // A conflict shows the agency as it is now: the typed emails would overwrite someone's change.
    const form =
      result.error.code === 'VERSION_CONFLICT'
        ? { values: {}, errors: {}, message: result.error.message }
        : refusedForm(values, result.error, AGENCY_LABELS);
    return this.showAgencies(web, reply, 1, { code, form }, result.status);
  }

  private async showAgencies(
    web: WebContext,
    reply: FastifyReply,
    pageNumber: number,
    failed?: { code: string; form: FormState },
    status = 200,
  ): Promise<FastifyReply> {
    let list = await web.api.read<Page<AgencyView>>('/agencies', {
      limit: AGENCY_PAGE_SIZE,
      offset: (pageNumber - 1) * AGENCY_PAGE_SIZE,
    });
    // After a refused form, the page that holds the agency (there are seldom more than 100).
    if (failed && !list.items.some((a) => a.code === failed.code)) {
      for (let n = 2; (n - 1) * AGENCY_PAGE_SIZE < list.total; n++) {
        const next = await web.api.read<Page<AgencyView>>('/agencies', {
          limit: AGENCY_PAGE_SIZE,
          offset: (n - 1) * AGENCY_PAGE_SIZE,
        });
        if (next.items.some((a) => a.code === failed.code)) {
          list = next;
          pageNumber = n;
          break;
        }
      }
    }
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'don-vi',
        title: 'Đơn vị và email đầu mối',
        intro:
          'Các cơ quan chủ trì mô hình và cơ quan nhận kiến nghị; email đầu mối nhận thư nhắc, đôn đốc trả lời.',
        body: agenciesBody(web, { list, pageNumber, failed }),
      }),
      status,
    );
  }

  // ── Accounts ───────────────────────────────────────────────────────────────────────────────

  @Get('cai-dat/nguoi-dung')
  async users(
    @Web() web: WebContext,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requireRole(web, 'ADMIN');
    const values = formValues(query);
    return this.showUsers(web, reply, values, blankForm({ role: 'AGENCY_OFFICER' }), false);
  }

  @Post('cai-dat/nguoi-dung')
  async createUser(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requireRole(web, 'ADMIN');
    const values = formValues(body);
    const role = one(values, 'role');
    const agencyCode = one(values, 'agencyCode');
    const result = await web.api.post<UserView>('/users', {
      email: one(values, 'email'),
      name: one(values, 'name'),
      role,
      // Only officers belong to an agency: a choice left over from another role is dropped.
      ...(role === 'AGENCY_OFFICER' && agencyCode ? { agencyCode } : {}),
      password: one(values, 'password'),
    });
    if (result.ok) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã tạo tài khoản ${result.body.email} (${result.body.name}). Hãy gửi mật khẩu ban đầu cho người dùng qua kênh riêng.`,
      });
      return redirect(reply, '/cai-dat/nguoi-dung');
    }
    delete values.password; // never sent back to the browser
    const form = refusedForm(values, result.error, USER_LABELS);
    return this.showUsers(web, reply, {}, form, true, result.status);
  }

  private async showUsers(
    web: WebContext,
    reply: FastifyReply,
    query: FormValues,
    create: FormState,
    createOpen: boolean,
    status = 200,
  ): Promise<FastifyReply> {
    const filters = { role: one(query, 'role'), agency: one(query, 'agency') };
    const pageNumber = pageNumberOf(one(query, 'trang'));
    const [list, agencies] = await Promise.all([
      web.api.read<Page<UserView>>('/users', {
        ...filters,
        limit: USER_PAGE_SIZE,
        offset: (pageNumber - 1) * USER_PAGE_SIZE,
      }),
      this.allAgencies(web),
    ]);
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'nguoi-dung',
        title: 'Tài khoản người dùng',
        intro:
          'Tạo tài khoản, đổi vai trò và đơn vị, đặt lại mật khẩu hoặc khóa tài khoản. Mọi thay đổi được ghi nhật ký.',
        body: usersBody(web, { list, agencies, filters, pageNumber, create, createOpen }),
      }),
      status,
    );
  }

  @Get('cai-dat/nguoi-dung/:id')
  async user(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requireRole(web, 'ADMIN');
    if (!UUID.test(id)) throw new WebRefusal(404, NOT_FOUND);
    return this.showUser(web, reply, id);
  }

  @Post('cai-dat/nguoi-dung/:id')
  async updateUser(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requireRole(web, 'ADMIN');
    if (!UUID.test(id)) throw new WebRefusal(404, NOT_FOUND);
    const values = formValues(body);
    const key = (
      ['thong-tin', 'mat-khau', 'khoa'].includes(one(values, 'bieu-mau'))
        ? one(values, 'bieu-mau')
        : 'thong-tin'
    ) as UserFormKey;
    const change: Record<string, unknown> = { version: integerField(one(values, 'version')) };
    if (key === 'thong-tin') {
      const role = one(values, 'role');
      change.name = one(values, 'name');
      change.role = role;
      change.agencyCode = role === 'AGENCY_OFFICER' ? one(values, 'agencyCode') || null : null;
    } else if (key === 'mat-khau') {
      change.password = one(values, 'password');
    } else {
      change.disabled = one(values, 'disabled') === 'true';
    }
    const result = await web.api.patch<UserView>(`/users/${id}`, change);
    if (result.ok) {
      const u = result.body;
      const text =
        key === 'mat-khau'
          ? `Đã đặt mật khẩu mới cho ${u.email}.`
          : key === 'khoa'
            ? u.disabled
              ? `Đã khóa tài khoản ${u.email}.`
              : `Đã mở khóa tài khoản ${u.email}.`
            : `Đã lưu thông tin tài khoản ${u.email}.`;
      await this.sessions.flash(web.session.id, { kind: 'ok', text });
      return redirect(reply, `/cai-dat/nguoi-dung/${id}`);
    }
    delete values.password;
    const form: FormState =
      result.error.code === 'VERSION_CONFLICT'
        ? { values: {}, errors: {}, message: result.error.message }
        : refusedForm(values, result.error, USER_LABELS);
    return this.showUser(web, reply, id, { key, form }, result.status);
  }

  private async showUser(
    web: WebContext,
    reply: FastifyReply,
    id: string,
    failed?: { key: UserFormKey; form: FormState },
    status = 200,
  ): Promise<FastifyReply> {
    const [user, agencies] = await Promise.all([
      web.api.read<UserView>(`/users/${id}`),
      this.allAgencies(web),
    ]);
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'nguoi-dung',
        title: user.name,
        body: userBody(web, { user, agencies, failed }),
      }),
      status,
    );
  }

  private async allAgencies(web: WebContext): Promise<AgencyView[]> {
    const all = await web.api.readAll<AgencyView>('/agencies');
    return all.sort((a, b) => (a.shortName || a.name).localeCompare(b.shortName || b.name, 'vi'));
  }

  // ── Report periods and the monthly report ──────────────────────────────────────────────────

  @Get('cai-dat/ky-bao-cao')
  async periods(@Web() web: WebContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    requireRole(web, ...SETTINGS_ROLES);
    return this.showPeriods(web, reply);
  }

  /** Where a refused lock was posted: a reload or a bookmark goes back to the periods. */
  @Get(['cai-dat/ky-bao-cao/:period/khoa', 'cai-dat/ky-bao-cao/:period/mo-khoa'])
  periodAction(@Web() web: WebContext, @Res() reply: FastifyReply): FastifyReply {
    requireRole(web, ...SETTINGS_ROLES);
    return redirect(reply, '/cai-dat/ky-bao-cao');
  }

  @Post('cai-dat/ky-bao-cao/:period/khoa')
  lock(
    @Web() web: WebContext,
    @Param('period') period: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.setLocked(web, period, true, reply);
  }

  @Post('cai-dat/ky-bao-cao/:period/mo-khoa')
  unlock(
    @Web() web: WebContext,
    @Param('period') period: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.setLocked(web, period, false, reply);
  }

  private async setLocked(
    web: WebContext,
    period: string,
    locked: boolean,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    requireRole(web, ...SETTINGS_ROLES);
    if (!PERIOD_REGEX.test(period)) throw new WebRefusal(404, NOT_FOUND);
    const result = await web.api.post<PeriodView>(
      `/periods/${period}/${locked ? 'lock' : 'unlock'}`,
    );
    if (!result.ok) return this.showPeriods(web, reply, result.error, result.status);
    const [y, m] = period.split('-');
    await this.sessions.flash(web.session.id, {
      kind: 'ok',
      text: locked
        ? `Đã chốt số liệu kỳ tháng ${m}/${y}. Báo cáo tháng của kỳ này lấy từ số liệu lúc chốt.`
        : `Đã mở lại kỳ tháng ${m}/${y}; các đơn vị sửa được báo cáo của kỳ này.`,
    });
    return redirect(reply, '/cai-dat/ky-bao-cao');
  }

  private async showPeriods(
    web: WebContext,
    reply: FastifyReply,
    error?: ErrorBody,
    status = 200,
  ): Promise<FastifyReply> {
    const periods = await web.api.read<PeriodView[]>('/periods');
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'ky-bao-cao',
        title: 'Kỳ báo cáo',
        intro:
          'Chốt số liệu từng kỳ báo cáo tháng và tải phụ lục kết quả triển khai mô hình (Word, Excel).',
        body: periodsBody(web, { periods, message: error?.message }),
      }),
      status,
    );
  }

  @Get('cai-dat/ky-bao-cao/:period/bao-cao.docx')
  docx(
    @Web() web: WebContext,
    @Param('period') period: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.download(web, period, 'docx', reply);
  }

  @Get('cai-dat/ky-bao-cao/:period/bao-cao.xlsx')
  xlsx(
    @Web() web: WebContext,
    @Param('period') period: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.download(web, period, 'xlsx', reply);
  }

  /** The API's file as it answers it: its content type and file name. */
  private async download(
    web: WebContext,
    period: string,
    format: 'docx' | 'xlsx',
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    requireRole(web, ...SETTINGS_ROLES);
    if (!PERIOD_REGEX.test(period)) throw new WebRefusal(404, NOT_FOUND);
    return sendFile(reply, await web.api.file('/reports/monthly', { period, format }));
  }
}
