import { html, type Html } from '../../common/html.js';
import { can } from '../../access/domain/permissions.js';
import { dayInput } from '../components/date-fields.js';
import { checkboxes, csrfField, formMessage, input, textarea } from '../components/fields.js';
import type { FormState } from '../components/forms.js';
import type { Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';

type RecommendationView = Schemas['RecommendationView'];

/**
 * Whether the user may correct the letter, as the API decides (src/recommendations/draft-letters.ts):
 * a draft, by the secretariat, or by an officer of the agency that wrote it.
 */
export function mayEditDraft(web: WebContext, r: RecommendationView): boolean {
  if (r.state !== 'DRAFT' || !can(web.actor.role, 'letters.draft')) return false;
  return (
    can(web.actor.role, 'letters.record') ||
    (r.senderAgency !== null && r.senderAgency.code === web.actor.agencyCode)
  );
}

/** The link to the correction form, on a draft's page, for those who may use it. */
export function editDraftLink(web: WebContext, r: RecommendationView): Html {
  return mayEditDraft(web, r)
    ? html`<a class="button" href="/kien-nghi/${r.id}/sua">Sửa dự thảo</a>`
    : html``;
}

/** The correction form of a draft letter: its words, number, date, addressees, Nơi nhận. */
export function editDraftBody(
  web: WebContext,
  r: RecommendationView,
  form: FormState,
  agencies: [string, string][],
  distribution: [string, string][],
): Html {
  return html`<nav class="breadcrumb" aria-label="Vị trí">
      <a href="/kien-nghi">Kiến nghị Trung ương</a> ›
      <a href="/kien-nghi/${r.id}"
        >${r.documentNumber ? `Kiến nghị số ${r.documentNumber}` : 'Dự thảo kiến nghị (chưa có số)'}</a
      >
      › Sửa dự thảo
    </nav>
    <div class="page-head"><h1>Sửa dự thảo kiến nghị</h1></div>
    <form
      method="post"
      action="/kien-nghi/${r.id}/sua"
      class="card rec-form"
      data-draft="letter-${r.id}"
      novalidate
    >
      ${csrfField(web)} ${formMessage(form)}
      <input type="hidden" name="version" value="${String(form.values.version ?? r.version)}" />
      ${textarea(form, { name: 'summary', label: 'Nội dung kiến nghị', required: true, rows: 8 })}
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
        hint: 'Cơ quan nhận văn bản để biết (không bắt buộc).',
        options: distribution,
        empty: 'Chưa có cơ quan nào trong danh mục.',
      })}
      <div class="rec-form-row">
        ${input(form, {
          name: 'documentNumber',
          label: 'Số/ký hiệu văn bản',
          hint: 'Ví dụ: 5772/TCTĐA06-CAT (không bắt buộc khi còn là dự thảo).',
        })}
        ${dayInput(form, { name: 'letterDate', label: 'Ngày văn bản' })}
      </div>
      <div class="actions">
        <button type="submit" class="primary">Lưu dự thảo</button>
        <a class="button" href="/kien-nghi/${r.id}">Hủy</a>
      </div>
    </form>`;
}
