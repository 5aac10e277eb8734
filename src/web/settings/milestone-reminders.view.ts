import { type Html, html } from '../../common/html.js';
import { csrfField, formMessage, input } from '../components/fields.js';
import { type FormState, type FormValues, one } from '../components/forms.js';
import type { Schemas } from '../in-process-api.js';
import { WORDS } from '../labels.js';
import type { WebContext } from '../web-request.js';

/** Where the milestone reminder form posts, and its card's anchor on the policy page. */
export const MILESTONE_REMINDERS_ACTION = '/cai-dat/don-doc/nhac-moc';
export const MILESTONE_REMINDERS_ANCHOR = 'nhac-moc';

/** The form's fields in the API's words: "reminderWorkingDays tối đa 30" reads with these. */
export const MILESTONE_REMINDER_LABELS: Record<string, string> = {
  version: WORDS.version,
  reminderWorkingDays: 'Số ngày làm việc nhắc trước hạn',
};

export const milestoneReminderValues = (current: Schemas['MilestoneSettingsView']): FormValues => ({
  version: String(current.version),
  reminderWorkingDays: String(current.reminderWorkingDays),
});

/**
 * How early the owners of pilots' milestones are reminded (issue 15, item 4): a card of the
 * policy page, the secretariat's form (0–30 working days, as the API takes), a sentence for
 * the others.
 */
export function milestoneRemindersCard(
  web: WebContext,
  current: Schemas['MilestoneSettingsView'],
  form: FormState | null,
  editable: boolean,
): Html {
  const days = current.reminderWorkingDays;
  const said =
    days === 0
      ? 'chỉ nhắc vào ngày đến hạn'
      : `nhắc trước ${days} ngày làm việc và vào ngày đến hạn`;
  return html`<section
    class="card milestone-reminders"
    id="${MILESTONE_REMINDERS_ANCHOR}"
    aria-labelledby="milestone-reminders-title"
  >
    <h2 id="milestone-reminders-title">Nhắc hạn mốc tiến độ</h2>
    <p class="muted">
      Cán bộ đầu mối của đơn vị chịu trách nhiệm mốc (hoặc đơn vị tiếp nhận nhiệm vụ sau sắp xếp tổ
      chức) nhận thư nhắc lúc 08:00. Hiện đang ${said}${current.version === 0 ? ' (mặc định)' : ''}.
    </p>
    ${
      editable && form
        ? html`<form method="post" action="${MILESTONE_REMINDERS_ACTION}" novalidate>
            ${csrfField(web)}
            <input type="hidden" name="version" value="${one(form.values, 'version')}" />
            ${formMessage(form)}
            ${input(form, {
              name: 'reminderWorkingDays',
              form: 'milestone-reminders',
              label: 'Nhắc trước hạn (ngày làm việc)',
              hint: 'Từ 0 đến 30; 0 là chỉ nhắc vào ngày đến hạn.',
              type: 'number',
              required: true,
              attrs: { min: '0', max: '30', inputmode: 'numeric' },
            })}
            <div class="actions form-actions">
              <button type="submit" class="primary">Lưu cài đặt nhắc hạn mốc</button>
            </div>
          </form>`
        : ''
    }
  </section>`;
}
