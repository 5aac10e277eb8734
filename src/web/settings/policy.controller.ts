import { Body, Get, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { can } from '../../access/domain/permissions.js';
import { html } from '../../common/html.js';
import { formMessage } from '../components/fields.js';
import {
  blankForm,
  formValues,
  integerField,
  many,
  one,
  type FormState,
} from '../components/forms.js';
import { redirect, sendHtml } from '../components/layout.js';
import { ApiCallFailed, apiResult, read, unchecked, type Schemas } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { requirePermission, Web, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import {
  MILESTONE_REMINDER_LABELS,
  MILESTONE_REMINDERS_ANCHOR,
  milestoneReminderValues,
  milestoneRemindersCard,
} from './milestone-reminders.view.js';
import { refusedForm, settingsPage } from './settings-page.js';
import { CUSTOM_DIGEST_DAYS, cronOf } from './digest-schedule.js';
import {
  levelIndices,
  POLICY_LABELS,
  policyForm,
  policyReadOnly,
  policyValues,
} from './policy.view.js';

/**
 * The escalation policy: the secretariat changes it (levels, due time, digest schedule, report
 * cut-off); the administrator reads it. Below it, how early milestones are reminded.
 */
@WebPages()
export class PolicySettingsController {
  constructor(private readonly sessions: WebSessions) {}

  @Get('cai-dat/don-doc')
  async policy(@Web() web: WebContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    requirePermission(web, 'settings.view');
    const current = await read(web.api.GET('/api/v1/escalation-policy'));
    return this.showPolicy(web, reply, current, blankForm(policyValues(current)));
  }

  @Post('cai-dat/don-doc')
  async savePolicy(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'settings.view');
    const values = formValues(body);
    const indices = levelIndices(values);
    if (one(values, '_action') === 'them-muc') {
      // A new blank level at the end; nothing is saved until "Lưu".
      delete values._action;
      const next = indices.length ? indices[indices.length - 1] + 1 : 0;
      values[`levels.${next}.name`] = '';
      values[`levels.${next}.afterWorkingDays`] = '';
      values[`levels.${next}.notify`] = [];
      const current = await read(web.api.GET('/api/v1/escalation-policy'));
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
        afterWorkingDays: unchecked(integerField(one(values, `levels.${i}.afterWorkingDays`))),
        notify: many(values, `levels.${i}.notify`).map(unchecked),
      };
    });
    // The digest's days and time make its cron expression; a schedule the form cannot show is
    // kept as it was. A time that is not hh:mm is said beside the time (the API then refuses the
    // empty expression, and says what else is wrong).
    const digestDays = one(values, 'digestDays');
    const digestCron =
      digestDays === CUSTOM_DIGEST_DAYS
        ? one(values, 'digestCron').trim()
        : cronOf(digestDays, one(values, 'digestTime'));
    const result = await apiResult(
      web.api.PUT('/api/v1/escalation-policy', {
        body: {
          version: unchecked(integerField(one(values, 'version'))),
          responseWorkingDays: unchecked(integerField(one(values, 'responseWorkingDays'))),
          levels,
          repeatEveryWorkingDays: unchecked(integerField(one(values, 'repeatEveryWorkingDays'))),
          digestCron: digestCron ?? '',
          reportCutoffDay: unchecked(integerField(one(values, 'reportCutoffDay'))),
        },
      }),
    );
    if (result.ok) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã lưu chính sách đôn đốc (phiên bản ${result.body.version}). Các mức chưa đến hạn của mọi kiến nghị đang được xếp lịch lại theo chính sách mới.`,
      });
      return redirect(reply, '/cai-dat/don-doc');
    }
    const current = await read(web.api.GET('/api/v1/escalation-policy'));
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
    const digestProblems = form.errors.digestCron;
    delete form.errors.digestCron;
    if (digestCron === null)
      form.errors.digestTime = ['Nhập giờ gửi theo dạng giờ:phút, ví dụ 07:30.'];
    else if (digestProblems)
      form.errors[digestDays === CUSTOM_DIGEST_DAYS ? 'digestDays' : 'digestTime'] = digestProblems;
    return this.showPolicy(web, reply, current, form, result.status);
  }

  /** The milestone reminders' setting (issue 15, item 4): working days ahead, 0–30. */
  @Post('cai-dat/don-doc/nhac-moc')
  async saveMilestoneReminders(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'settings.view');
    const values = formValues(body);
    const result = await apiResult(
      web.api.PUT('/api/v1/milestones/settings', {
        body: {
          version: unchecked(integerField(one(values, 'version'))),
          reminderWorkingDays: unchecked(integerField(one(values, 'reminderWorkingDays'))),
        },
      }),
    );
    if (result.ok) {
      const days = result.body.reminderWorkingDays;
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text:
          days === 0
            ? 'Đã lưu: mốc tiến độ chỉ được nhắc vào ngày đến hạn.'
            : `Đã lưu: mốc tiến độ được nhắc trước hạn ${days} ngày làm việc và vào ngày đến hạn.`,
      });
      return redirect(reply, `/cai-dat/don-doc#${MILESTONE_REMINDERS_ANCHOR}`);
    }
    // Not the secretariat: the refusal's own page, not the form again.
    if (result.status === 403) throw new ApiCallFailed(result.error);
    const policy = await read(web.api.GET('/api/v1/escalation-policy'));
    const reminders = await read(web.api.GET('/api/v1/milestones/settings'));
    // Someone saved first: their setting, with the API's message, to start again from.
    const form =
      result.error.code === 'VERSION_CONFLICT'
        ? { ...blankForm(milestoneReminderValues(reminders)), message: result.error.message }
        : refusedForm(values, result.error, MILESTONE_REMINDER_LABELS);
    return this.showPolicy(web, reply, policy, blankForm(policyValues(policy)), result.status, {
      current: reminders,
      form,
    });
  }

  private async showPolicy(
    web: WebContext,
    reply: FastifyReply,
    current: Schemas['VersionedPolicy'],
    form: FormState,
    status = 200,
    milestones?: { current: Schemas['MilestoneSettingsView']; form: FormState },
  ): Promise<FastifyReply> {
    const editable = can(web.actor.role, 'policy.edit');
    const reminders =
      milestones?.current ?? (await read(web.api.GET('/api/v1/milestones/settings')));
    const reminderForm = milestones?.form ?? blankForm(milestoneReminderValues(reminders));
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'don-doc',
        title: 'Chính sách đôn đốc',
        intro:
          'Khi kiến nghị gửi Trung ương quá hạn trả lời, hệ thống tự nhắc và đôn đốc theo các mức dưới đây, tính theo ngày làm việc.',
        body: html`${
          editable ? policyForm(web, form) : html`${formMessage(form)} ${policyReadOnly(current)}`
        }
        ${milestoneRemindersCard(web, reminders, reminderForm, editable)}`,
      }),
      status,
    );
  }
}
