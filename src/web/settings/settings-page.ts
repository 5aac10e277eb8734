import { html, type Html } from '../../common/html.js';
import { can, type Permission } from '../../access/domain/permissions.js';
import { refused, type FormState, type FormValues } from '../components/forms.js';
import { page } from '../components/layout.js';
import type { ApiError } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';

/** What a settings address answers when its object cannot exist (a malformed code or id). */
export { NOT_FOUND } from '../labels.js';

/** The sections of the settings area, each a tab of its sub-navigation. */
export type SettingsTab =
  | 'don-doc'
  | 'lich-lam-viec'
  | 'don-vi'
  | 'nguoi-dung'
  | 'ky-bao-cao'
  | 'sap-xep-to-chuc'
  | 'chi-so';

/**
 * Who may open the settings area at all (`settings.view`); what each may change there is what
 * the API accepts. A tab with a permission is shown only to the roles that have it.
 */
const TABS: { key: SettingsTab; label: string; permission?: Permission }[] = [
  { key: 'don-doc', label: 'Chính sách đôn đốc' },
  { key: 'lich-lam-viec', label: 'Lịch làm việc' },
  { key: 'don-vi', label: 'Đơn vị và đầu mối' },
  // The API lists accounts to administrators only: the secretariat would see nothing there.
  { key: 'nguoi-dung', label: 'Tài khoản', permission: 'users.manage' },
  { key: 'ky-bao-cao', label: 'Kỳ báo cáo' },
  { key: 'chi-so', label: 'Chỉ số' },
  { key: 'sap-xep-to-chuc', label: 'Sắp xếp tổ chức 2025', permission: 'agencies.manage' },
];

/** The first section a role sees: where GET /cai-dat leads. */
export const FIRST_TAB: SettingsTab = 'don-doc';

/** A settings page: the sub-navigation across the sections, the section's title and content. */
export function settingsPage(
  web: WebContext,
  o: { tab: SettingsTab; title: string; intro?: string; body: Html },
): string {
  const tabs = TABS.filter((t) => !t.permission || can(web.actor.role, t.permission));
  return page(web, {
    title: `${o.title} · Cài đặt`,
    active: 'settings',
    styles: ['settings.css'],
    body: html`<nav class="settings-tabs" aria-label="Các mục cài đặt">
        <ul>
          ${tabs.map(
            (t) =>
              html`<li>
                <a href="/cai-dat/${t.key}" ${t.key === o.tab ? html` aria-current="page"` : ''}
                  >${t.label}</a
                >
              </li>`,
          )}
          <li class="external">
            <a href="/admin/queues" title="Bull Board: thư đôn đốc đang chờ, đã gửi, lỗi"
              >Hàng đợi gửi thư ↗</a
            >
          </li>
        </ul>
      </nav>
      <div class="page-head settings-head">
        <div>
          <p class="eyebrow">Cài đặt</p>
          <h1>${o.title}</h1>
        </div>
      </div>
      ${o.intro ? html`<p class="settings-intro muted">${o.intro}</p>` : ''} ${o.body}`,
  });
}

/** Said where a role may look but not change: the API accepts the change from someone else. */
export function readOnlyNote(text: string): Html {
  return html`<p class="alert info read-only">${text}</p>`;
}

/**
 * The API's refusal for a form, in the form's words: each field's first problem beside it,
 * with the API's field name at the start of a message replaced by the field's label
 * ("afterWorkingDays tối đa 250" → "Số ngày làm việc sau hạn tối đa 250"). Problems that
 * the API reports without `details.fields` but with `details.field` go beside that field.
 */
export function refusedForm(
  values: FormValues,
  error: ApiError,
  labels: Record<string, string>,
  rename: Record<string, string> = {},
): FormState {
  const form = refused(values, error, { rename, labels });
  const single = error.details?.field;
  if (typeof single === 'string' && !form.errors[single]) form.errors[single] = [error.message];
  // One problem a field is enough to fix it; the next shows after.
  for (const [key, problems] of Object.entries(form.errors))
    form.errors[key] = problems.slice(0, 1);
  return form;
}
