import { html, type Html } from '../../common/html.js';
import { dayInput, momentInput } from '../components/date-fields.js';
import { checkboxes, csrfField, formMessage, input, textarea } from '../components/fields.js';
import type { FormState } from '../components/forms.js';
import { WORDS } from '../labels.js';
import { can } from '../../access/domain/permissions.js';
import type { WebContext } from '../web-request.js';
import type { Schemas } from '../in-process-api.js';

type AgencyView = Schemas['AgencyView'];
type BlockerView = Schemas['BlockerView'];

const KIND_ORDER: Record<string, number> = { MINISTRY: 0, CENTRAL_AGENCY: 1, WORKING_GROUP: 2 };

/** The provincial working group sends the letters: never asked by one. */
const PROVINCIAL_WORKING_GROUP = 'TCTDA06';

/**
 * The central agencies a new letter may ask: only those that exist today (the API refuses a
 * dissolved one and names who holds its duties now), never the provincial working group.
 */
export function addresseeOptions(agencies: AgencyView[]): [string, string][] {
  return agencies
    .filter((a) => a.kind in KIND_ORDER && a.existsToday && a.code !== PROVINCIAL_WORKING_GROUP)
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'vi'))
    .map((a): [string, string] => [a.code, `${a.name} (${a.code})`]);
}

/**
 * A letter's Nơi nhận may name any agency, the province's too: the central ones first, in the
 * addressees' order, then the others by name.
 */
export function distributionOptions(agencies: AgencyView[], chosen: string[]): [string, string][] {
  const rank = (a: AgencyView) => KIND_ORDER[a.kind] ?? Object.keys(KIND_ORDER).length;
  return agencies
    .filter((a) => !a.validUntil || chosen.includes(a.code))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'vi'))
    .map((a): [string, string] => [a.code, `${a.name} (${a.code})`]);
}

export function blockerOptions(blockers: BlockerView[]): [string, string][] {
  return [...blockers]
    .sort(
      (a, b) =>
        (a.pilotNumber ?? Number.MAX_SAFE_INTEGER) - (b.pilotNumber ?? Number.MAX_SAFE_INTEGER) ||
        a.title.localeCompare(b.title, 'vi'),
    )
    .map((b): [string, string] => [
      b.id,
      `${b.pilotNumber !== null ? `Mô hình ${b.pilotNumber}` : (b.topic ?? WORDS.generalBlocker)} – ${b.title}`,
    ]);
}

export function newBody(
  web: WebContext,
  form: FormState,
  agencies: [string, string][],
  blockers: [string, string][],
  distribution: [string, string][],
): Html {
  // Officers draft for their own pilots' blockers; the secretariat also records sent letters.
  const records = can(web.actor.role, 'letters.record');
  return html`<nav class="breadcrumb" aria-label="Vị trí">
      <a href="/kien-nghi">Kiến nghị Trung ương</a> › Soạn kiến nghị mới
    </nav>
    <div class="page-head"><h1>Soạn kiến nghị mới</h1></div>
    ${
      records
        ? ''
        : html`<p class="alert info">
            Cán bộ đầu mối soạn dự thảo kiến nghị cho vướng mắc đang mở của mô hình do đơn vị mình
            chủ trì. Tổ công tác hoàn thiện, cho số và gửi văn bản.
          </p>`
    }
    <form
      method="post"
      action="/kien-nghi"
      class="card rec-form"
      data-draft="letter-new"
      novalidate
    >
      ${csrfField(web)} ${formMessage(form)}
      ${textarea(form, {
        name: 'summary',
        label: 'Nội dung kiến nghị',
        required: true,
        rows: 6,
        hint: 'Nêu rõ vướng mắc và đề nghị cụ thể đối với cơ quan Trung ương.',
      })}
      ${checkboxes(form, {
        name: 'addresseeCodes',
        legend: 'Cơ quan nhận (Bộ, ngành Trung ương)',
        required: true,
        hint: 'Chọn một hoặc nhiều cơ quan.',
        options: agencies,
        empty: 'Chưa có cơ quan Trung ương nào trong danh mục.',
      })}
      ${checkboxes(form, {
        name: 'distributionCodes',
        legend: 'Nơi nhận (để biết)',
        hint: 'Cơ quan nhận văn bản để biết, theo thứ tự trên văn bản (không bắt buộc): không được đề nghị xử lý và không nhận thư nhắc, đôn đốc.',
        options: distribution,
        empty: 'Chưa có cơ quan nào trong danh mục.',
      })}
      ${checkboxes(form, {
        name: 'blockerIds',
        legend: 'Vướng mắc liên quan',
        required: !records,
        hint: records
          ? 'Các vướng mắc đang mở mà kiến nghị này đề nghị tháo gỡ (không bắt buộc).'
          : 'Các vướng mắc đang mở của mô hình do đơn vị bạn chủ trì mà kiến nghị này đề nghị tháo gỡ (chọn ít nhất một).',
        options: blockers,
        empty: records
          ? 'Không có vướng mắc nào đang mở.'
          : 'Các mô hình do đơn vị bạn chủ trì không có vướng mắc nào đang mở: chưa có gì để kiến nghị.',
      })}
      ${records ? sentFields(form) : ''}
      <div class="actions">
        <button type="submit" class="primary">${records ? 'Lưu kiến nghị' : 'Lưu dự thảo'}</button>
        <a class="button" href="/kien-nghi">Hủy</a>
      </div>
    </form>`;
}

/** What only the secretariat fills in: the number and dates of a letter already sent. */
function sentFields(form: FormState): Html {
  return html`<fieldset class="group">
    <legend>Văn bản (nếu đã có số)</legend>
    <div class="rec-form-row">
      ${input(form, {
        name: 'documentNumber',
        label: 'Số/ký hiệu văn bản',
        hint: 'Ví dụ: 5772/TCTĐA06-CAT',
      })}
      ${dayInput(form, { name: 'letterDate', label: 'Ngày văn bản', hint: 'Ngày ký ban hành.' })}
    </div>
    <div class="rec-form-row">
      ${momentInput(form, {
        name: 'sentAt',
        label: 'Đã gửi lúc',
        hint: 'Chỉ điền khi ghi nhận văn bản đã gửi; để trống để lưu dự thảo.',
      })}
      ${momentInput(form, {
        name: 'responseDueAt',
        label: 'Hạn trả lời',
        hint: 'Để trống: tự tính theo chính sách đôn đốc (mặc định 15 ngày làm việc).',
      })}
    </div>
  </fieldset>`;
}
