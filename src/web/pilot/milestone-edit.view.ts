import { existsOn } from '../../agencies/domain/succession.js';
import { html } from '../../common/html.js';
import { vnDate } from '../../common/domain/local-time.js';
import { csrfField, formMessage, input, select, textarea } from '../components/fields.js';
import type { FormState, FormValues } from '../components/forms.js';
import { page } from '../components/layout.js';
import type { Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';

type Milestone = Schemas['MilestoneView'];

/** The edit form's fields, named as the API's PATCH body. */
export const MILESTONE_EDIT_FIELDS = ['name', 'due', 'ownerAgencyCode', 'note'];

/** The form's values for a milestone as it stands. */
export const milestoneEditValues = (m: Milestone): FormValues => ({
  name: m.name,
  due: m.due,
  ownerAgencyCode: m.owner.code,
  note: m.note ?? '',
});

/**
 * The agencies a milestone may be given to today (those that exist that day, by name), and its
 * owner as it stands even when that agency is gone (kept as it is, its duties' holder reminded).
 */
export function ownerOptions(
  agencies: Schemas['AgencyView'][],
  owner: Milestone['owner'],
  today: string,
): [string, string][] {
  const open = agencies
    .filter((a) => existsOn(a, today))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
    .map((a): [string, string] => [a.code, `${a.name} (${a.code})`]);
  if (open.some(([code]) => code === owner.code)) return open;
  const gone = agencies.find((a) => a.code === owner.code);
  const since = gone?.validUntil ? `, không còn từ ${vnDate(gone.validUntil)}` : '';
  return [[owner.code, `${owner.name} (${owner.code}${since})`], ...open];
}

/**
 * A milestone's edit page (issue 15, item 4), reached from its pilot's page: name, due (a day,
 * month or year), owner agency and note, saved through the API's PATCH with the version seen;
 * a refusal shows the form again with the problem beside its field, a version conflict with
 * the milestone as it now stands.
 */
export function renderMilestoneEditPage(
  web: WebContext,
  o: {
    milestone: Milestone;
    agencies: [string, string][];
    form: FormState;
    /** After a version conflict: the milestone as someone else has just saved it. */
    conflict?: boolean;
  },
): string {
  const m = o.milestone;
  const pilotHref = `/mo-hinh/${m.pilotNumber}`;
  return page(web, {
    title: `Sửa mốc “${m.name}” · Mô hình số ${m.pilotNumber}`,
    active: 'board',
    styles: ['pilot.css'],
    body: html`<nav class="breadcrumb" aria-label="Đường dẫn">
        <a href="/mo-hinh">Mô hình điểm</a> <span aria-hidden="true">›</span>
        <a href="${pilotHref}#moc">Mô hình số ${m.pilotNumber}</a>
        <span aria-hidden="true">›</span>
        <span aria-current="page">Sửa mốc</span>
      </nav>
      <div class="page-head">
        <div>
          <p class="kicker">Mô hình số ${m.pilotNumber}: ${m.pilotName}</p>
          <h1>Sửa mốc “${m.name}”</h1>
        </div>
      </div>
      ${
        o.conflict
          ? html`<div class="alert info" role="status">
              <p>
                <strong>Mốc hiện nay:</strong> ${m.name}; hạn ${m.dueLabel};
                ${m.owner.name}${m.note ? html`; ghi chú: ${m.note}` : ''}.
              </p>
              <p>Nội dung bạn vừa nhập vẫn ở dưới: xem lại rồi lưu nếu vẫn muốn thay.</p>
            </div>`
          : ''
      }
      <section class="card" aria-labelledby="milestone-edit-title">
        <h2 id="milestone-edit-title" class="sr-only">Nội dung mốc</h2>
        <form method="post" action="/moc/${m.id}/sua" novalidate>
          ${csrfField(web)}
          <input type="hidden" name="version" value="${m.version}" />
          ${formMessage(o.form)}
          ${input(o.form, {
            name: 'name',
            form: 'milestone-edit',
            label: 'Tên mốc',
            required: true,
            attrs: { maxlength: '500' },
          })}
          ${input(o.form, {
            name: 'due',
            form: 'milestone-edit',
            label: 'Hạn',
            hint: 'Một ngày (2024-01-20), một tháng (2024-01: hạn là ngày cuối tháng) hoặc một năm (2024: hạn là 31/12)',
            required: true,
            attrs: { maxlength: '10' },
          })}
          ${select(o.form, {
            name: 'ownerAgencyCode',
            form: 'milestone-edit',
            label: 'Đơn vị chịu trách nhiệm',
            hint: 'Cán bộ đầu mối của đơn vị này được nhắc trước hạn và vào ngày đến hạn.',
            required: true,
            options: o.agencies,
          })}
          ${textarea(o.form, {
            name: 'note',
            form: 'milestone-edit',
            label: 'Ghi chú',
            hint: 'Để trống để bỏ ghi chú.',
            rows: 3,
          })}
          <div class="actions form-actions">
            <button type="submit" class="primary">Lưu mốc</button>
            <a class="button" href="${pilotHref}#moc-${m.id}">Quay lại, không lưu</a>
          </div>
        </form>
      </section>`,
  });
}
