import { existsOn } from '../../agencies/domain/succession.js';
import { html, type Html } from '../../common/html.js';
import { vnDate } from '../../common/domain/local-time.js';
import { csrfField, formMessage, input, select, textarea } from '../components/fields.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';
import { formOf, type PilotPageData, type PilotPageState } from './pilot-page.js';

type Milestone = Schemas['MilestoneView'];

const STATE_LABELS: Record<Milestone['state'], string> = {
  PLANNED: 'Chưa đến hạn',
  MISSED: 'Quá hạn',
  DONE: 'Đã hoàn thành',
  DROPPED: 'Đã bỏ',
};
const STATE_CLASSES: Record<Milestone['state'], string> = {
  PLANNED: 'tag',
  MISSED: 'overdue',
  DONE: 'state-operating',
  DROPPED: 'tag',
};

/** The edit form's fields, named as the API's PATCH body. */
export const MILESTONE_EDIT_FIELDS = ['name', 'due', 'ownerAgencyCode', 'note'];

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
 * A pilot's milestones (issue 15, item 4): listed with their state, added, done or dropped, and
 * edited (name, due, owner, note) by whoever may write them.
 */
export function milestonesCard(
  web: WebContext,
  data: PilotPageData,
  state: PilotPageState,
  writer: boolean,
): Html {
  const newForm = formOf(state, 'milestone-new');
  const missed = data.milestones.filter((m) => m.state === 'MISSED').length;
  return html`<section class="card milestones-card" aria-labelledby="milestones-title" id="moc">
    <h2 id="milestones-title">Mốc tiến độ</h2>
    <p class="muted">
      ${data.milestones.length} mốc${missed ? html`, <strong>${missed} quá hạn</strong>` : ''}.
    </p>
    ${
      writer
        ? html`<details class="action" ${newForm ? html` open` : ''}>
            <summary>Thêm mốc</summary>
            <form method="post" action="/mo-hinh/${data.pilot.number}/moc" novalidate>
              ${csrfField(web)} ${formMessage(newForm)}
              ${input(newForm, {
                name: 'name',
                form: 'milestone-new',
                label: 'Tên mốc',
                required: true,
                attrs: { maxlength: '500' },
              })}
              ${input(newForm, {
                name: 'due',
                form: 'milestone-new',
                label: 'Hạn',
                hint: 'Một ngày (2024-01-20), một tháng (2024-01) hoặc một năm (2024)',
                required: true,
                attrs: { maxlength: '10' },
              })}
              ${textarea(newForm, { name: 'note', form: 'milestone-new', label: 'Ghi chú', rows: 2 })}
              <button type="submit" class="primary">Thêm mốc</button>
            </form>
          </details>`
        : ''
    }
    ${
      data.milestones.length === 0
        ? empty('Mô hình chưa có mốc tiến độ nào.')
        : html`<ul class="milestones">
            ${data.milestones.map((m) => milestoneItem(web, m, state, data))}
          </ul>`
    }
  </section>`;
}

function milestoneItem(
  web: WebContext,
  m: Milestone,
  state: PilotPageState,
  data: PilotPageData,
): Html {
  const today = data.today;
  const doneForm = formOf(state, `milestone-done-${m.id}`);
  const dropForm = formOf(state, `milestone-drop-${m.id}`);
  const editKey = `milestone-edit-${m.id}`;
  const editForm = formOf(state, editKey);
  const hidden = html`${csrfField(web)}
    <input type="hidden" name="version" value="${m.version}" />`;
  return html`<li
    class="milestone milestone-${m.state.toLowerCase()}"
    id="moc-${m.id}"
    data-milestone="${m.id}"
  >
    <h3>${m.name}</h3>
    <p class="tags">
      <span class="badge ${STATE_CLASSES[m.state]}">${STATE_LABELS[m.state]}</span>
      <span>Hạn ${m.duePrecision === 'DAY' ? m.dueLabel : `trong ${m.dueLabel}`}</span>
      <span class="muted">· ${m.owner.name}</span>
      ${m.state === 'MISSED' ? html`<strong> · quá hạn ${m.daysLate} ngày</strong>` : ''}
      ${m.doneOn ? html`<span> · hoàn thành ngày ${vnDate(m.doneOn)}</span>` : ''}
    </p>
    ${m.note ? html`<p class="prose muted">${m.note}</p>` : ''}
    ${m.dropReason ? html`<p><strong>Lý do bỏ:</strong> ${m.dropReason}</p>` : ''}
    ${
      m.allowedCommands.includes('edit')
        ? html`<details class="action" ${editForm ? html` open` : ''}>
            <summary>Sửa mốc</summary>
            <form method="post" action="/moc/${m.id}/sua" novalidate>
              ${hidden} ${formMessage(editForm)}
              ${input(editForm, {
                name: 'name',
                form: editKey,
                label: 'Tên mốc',
                required: true,
                value: m.name,
                attrs: { maxlength: '500' },
              })}
              ${input(editForm, {
                name: 'due',
                form: editKey,
                label: 'Hạn',
                hint: 'Một ngày (2024-01-20), một tháng (2024-01) hoặc một năm (2024)',
                required: true,
                value: m.due,
                attrs: { maxlength: '10' },
              })}
              ${select(editForm, {
                name: 'ownerAgencyCode',
                form: editKey,
                label: 'Đơn vị chịu trách nhiệm',
                hint: 'Cán bộ đầu mối của đơn vị này được nhắc trước hạn và vào ngày đến hạn.',
                required: true,
                value: m.owner.code,
                options: ownerOptions(data.milestoneAgencies, m.owner, today),
              })}
              ${textarea(editForm, {
                name: 'note',
                form: editKey,
                label: 'Ghi chú',
                hint: 'Để trống để bỏ ghi chú.',
                rows: 2,
                value: m.note ?? '',
              })}
              <button type="submit" class="primary">Lưu mốc</button>
            </form>
          </details>`
        : ''
    }
    ${
      m.allowedCommands.includes('complete')
        ? html`<details class="action" ${doneForm ? html` open` : ''}>
            <summary>Đánh dấu đã hoàn thành</summary>
            <form method="post" action="/moc/${m.id}/hoan-thanh" novalidate>
              ${hidden} ${formMessage(doneForm)}
              ${input(doneForm, {
                name: 'doneOn',
                form: `milestone-done-${m.id}`,
                label: 'Ngày hoàn thành',
                type: 'date',
                required: true,
                value: today,
                attrs: { max: today },
              })}
              <button type="submit" class="primary">Xác nhận hoàn thành</button>
            </form>
          </details>`
        : ''
    }
    ${
      m.allowedCommands.includes('drop')
        ? html`<details class="action" ${dropForm ? html` open` : ''}>
            <summary>Bỏ mốc</summary>
            <form method="post" action="/moc/${m.id}/bo" novalidate>
              ${hidden} ${formMessage(dropForm)}
              ${textarea(dropForm, {
                name: 'reason',
                form: `milestone-drop-${m.id}`,
                label: 'Vì sao bỏ mốc',
                required: true,
                rows: 2,
              })}
              <button type="submit" class="danger">Bỏ mốc</button>
            </form>
          </details>`
        : ''
    }
  </li>`;
}
