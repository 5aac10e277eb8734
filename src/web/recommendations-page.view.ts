import type { AgencyView } from '../agencies/agencies.controller.js';
import type { BlockerView } from '../blockers/blocker.view.js';
import type { EscalationPolicy } from '../escalation/domain/policy.js';
import type { NotificationView } from '../notifications/notification.query.js';
import {
  RECOMMENDATION_STATES,
  type RecommendationState,
} from '../recommendations/domain/recommendation-state.js';
import type { RecommendationCommand } from '../recommendations/domain/recommendation-lifecycle.js';
import type { RecommendationView } from '../recommendations/recommendation.view.js';
import type { Role } from '../users/domain/role.js';
import {
  csrfField,
  dayInput,
  errorAlert,
  formMessage,
  type FormState,
  input,
  many,
  momentInput,
  select,
  textarea,
  typedDay,
} from './forms.js';
import {
  day,
  empty,
  html,
  type Html,
  levelBadge,
  moment,
  NOTIFICATION_STATUS_LABELS,
  RECOMMENDATION_STATE_LABELS,
  recommendationStateBadge,
  shortened,
} from './ui.js';
import type { WebContext } from './web-request.js';

/** One escalation event as `GET /recommendations/:id/escalations` answers it. */
export interface EscalationEventView {
  cycle: number;
  level: number;
  repeat: number;
  levelName: string;
  outcome: 'FIRED' | 'SKIPPED';
  dueAt: string;
  occurredAt: string;
  workingDaysOverdue: number;
}

/** The write actions of a letter, by their path under /kien-nghi/:id. */
export const ACTIONS = {
  gui: { command: 'send', api: 'send', title: 'Gửi kiến nghị', button: 'Gửi kiến nghị' },
  'tra-loi': {
    command: 'respond',
    api: 'responses',
    title: 'Ghi nhận văn bản trả lời',
    button: 'Ghi nhận trả lời',
  },
  dong: { command: 'close', api: 'close', title: 'Đóng kiến nghị', button: 'Đóng kiến nghị' },
  rut: { command: 'withdraw', api: 'withdraw', title: 'Rút kiến nghị', button: 'Rút kiến nghị' },
  'mo-lai': {
    command: 'reopen',
    api: 'reopen',
    title: 'Câu trả lời chưa đáp ứng: mở lại',
    button: 'Mở lại và tính hạn mới',
  },
} as const satisfies Record<
  string,
  { command: RecommendationCommand; api: string; title: string; button: string }
>;
export type ActionKey = keyof typeof ACTIONS;

/** The forms of the commands the API allows this user on the letter, in the API's order. */
function actionsOf(r: RecommendationView): ActionKey[] {
  const keys = Object.keys(ACTIONS) as ActionKey[];
  return r.allowedCommands.flatMap((c) => keys.filter((k) => ACTIONS[k].command === c));
}

/** Who may read the outbox (the API refuses the others). */
export const NOTIFICATION_ROLES: Role[] = ['SECRETARIAT', 'ADMIN'];

/** The state filter of the list: the default shows letters still being followed. */
export const STATE_FILTERS: [string, string][] = [
  ['', 'Đang theo dõi (chưa đóng, chưa rút)'],
  ['QUA_HAN', 'Quá hạn trả lời'],
  ...RECOMMENDATION_STATES.map((s): [string, string] => [s, RECOMMENDATION_STATE_LABELS[s]]),
  ['TAT_CA', 'Tất cả'],
];
const FOLLOWED: RecommendationState[] = ['DRAFT', 'SENT', 'ANSWERED'];

export function matchesStateFilter(r: RecommendationView, filter: string): boolean {
  if (filter === 'TAT_CA' || filter === 'QUA_HAN') return true; // the API filtered already
  if ((RECOMMENDATION_STATES as readonly string[]).includes(filter)) return r.state === filter;
  return FOLLOWED.includes(r.state);
}

export function levelName(policy: EscalationPolicy, level: number): string | undefined {
  return policy.levels.find((l) => l.level === level)?.name;
}

const KIND_LABELS: Record<string, string> = {
  ESCALATION: 'Nhắc, đôn đốc',
  LEADERSHIP_DIGEST: 'Tổng hợp cho lãnh đạo',
  REPORT_REMINDER: 'Nhắc báo cáo',
};

function letterTitle(r: RecommendationView): string {
  return r.documentNumber ? `Kiến nghị số ${r.documentNumber}` : 'Dự thảo kiến nghị (chưa có số)';
}

function letterNumber(r: RecommendationView): Html {
  return html`<a href="/kien-nghi/${r.id}" class="letter-number"
      >${r.documentNumber ?? 'Dự thảo (chưa có số)'}</a
    >${r.letterDate ? html`<span class="letter-date muted">ngày ${day(r.letterDate)}</span>` : ''}`;
}

function pilotLinks(r: RecommendationView): Html {
  const numbers = [
    ...new Set(r.blockers.map((b) => b.pilotNumber).filter((n): n is number => n !== null)),
  ];
  const topics = [
    ...new Set(r.blockers.filter((b) => b.pilotNumber === null).map((b) => b.topic ?? b.title)),
  ];
  if (numbers.length === 0 && topics.length === 0) return html`<span class="muted">—</span>`;
  return html`${numbers.map(
    (n, i) => html`${i ? ', ' : ''}<a href="/mo-hinh/${n}" class="nowrap">Mô hình ${n}</a>`,
  )}${topics.length ? html`<span class="topic muted">${topics.join('; ')}</span>` : ''}`;
}

function overdueCell(r: RecommendationView): Html {
  if (!r.overdue) return html`<span class="muted">—</span>`;
  return html`<span class="overdue-days" data-overdue="${r.workingDaysOverdue}"
    >${r.workingDaysOverdue}<span class="visually-hidden"> ngày làm việc</span></span
  >`;
}

function levelCell(r: RecommendationView, policy: EscalationPolicy): Html {
  const level = r.activeEscalationLevel;
  return level > 0
    ? levelBadge(level, levelName(policy, level))
    : html`<span class="muted">—</span>`;
}

export interface ListModel {
  all: RecommendationView[];
  shown: RecommendationView[];
  policy: EscalationPolicy;
  filters: FormState;
  addresseeOptions: [string, string][];
  /** Agencies' short names by code, for the table ("Bộ TT&TT" rather than the full name). */
  shortNames: Map<string, string>;
  error?: string;
}

export function listBody(web: WebContext, m: ListModel): Html {
  const open = m.all.filter((r) => r.state === 'SENT' || r.state === 'ANSWERED');
  const waiting = m.all.filter((r) => r.state === 'SENT');
  const overdue = m.all.filter((r) => r.overdue);
  const top = Math.max(...m.policy.levels.map((l) => l.level), 3);
  const atTop = m.all.filter((r) => r.activeEscalationLevel >= top);
  const drafts = m.all.filter((r) => r.state === 'DRAFT');
  return html`<div class="page-head">
      <div>
        <h1>Kiến nghị gửi Trung ương</h1>
        <p class="muted">
          Văn bản kiến nghị gửi các Bộ, ngành Trung ương, hạn trả lời và mức đôn đốc; việc khẩn cấp
          nhất ở đầu danh sách.
        </p>
      </div>
      ${
        web.actor.role === 'SECRETARIAT'
          ? html`<div class="actions">
              <form method="post" action="/kien-nghi/gui-tong-hop">
                ${csrfField(web)}
                <button
                  type="submit"
                  data-confirm="Gửi ngay bản tổng hợp kiến nghị quá hạn cho lãnh đạo (bản sao cho thư ký)?"
                >
                  Gửi bản tổng hợp cho lãnh đạo
                </button>
              </form>
              <a class="button primary" href="/kien-nghi/moi">Soạn kiến nghị mới</a>
            </div>`
          : ''
      }
    </div>
    <section class="stats" aria-label="Số liệu chính">
      <div class="stat" data-stat="open">
        <span class="value">${open.length}</span>
        <span class="label">Đang mở (${waiting.length} chờ trả lời)</span>
      </div>
      <div class="stat ${overdue.length ? 'bad' : 'ok'}" data-stat="overdue">
        <span class="value">${overdue.length}</span>
        <span class="label">Quá hạn trả lời</span>
      </div>
      <div class="stat ${atTop.length ? 'bad' : 'ok'}" data-stat="top-level">
        <span class="value">${atTop.length}</span>
        <span class="label"
          >Ở mức ${top}${levelName(m.policy, top) ? ` – ${levelName(m.policy, top)}` : ''}</span
        >
      </div>
      <div class="stat warn" data-stat="draft">
        <span class="value">${drafts.length}</span>
        <span class="label">Dự thảo chưa gửi</span>
      </div>
    </section>
    <form class="filters rec-filters" method="get" action="/kien-nghi" role="search">
      ${input(m.filters, {
        name: 'q',
        form: 'filter',
        label: 'Tìm theo số văn bản, nội dung (không cần dấu)',
        type: 'search',
        attrs: { placeholder: 'ví dụ: 5772, tiem chung' },
      })}
      ${select(m.filters, { name: 'state', form: 'filter', label: 'Trạng thái', options: STATE_FILTERS })}
      ${select(m.filters, {
        name: 'addressee',
        form: 'filter',
        label: 'Cơ quan nhận',
        options: [['', 'Tất cả cơ quan'], ...m.addresseeOptions],
      })}
      <div class="filter-actions">
        <button type="submit">Lọc</button>
        <a href="/kien-nghi">Bỏ lọc</a>
      </div>
    </form>
    ${errorAlert(m.error)}
    <p class="count">Hiển thị <strong>${m.shown.length}</strong> / ${m.all.length} kiến nghị</p>
    ${
      m.shown.length === 0
        ? empty('Không có kiến nghị nào khớp với bộ lọc.')
        : html`<div class="table-wrap">
            <table class="rec-table">
              <caption class="visually-hidden">
                Kiến nghị, sắp xếp theo mức khẩn cấp: quá hạn nhiều ngày làm việc nhất, mức đôn đốc
                cao nhất, hạn trả lời gần nhất
              </caption>
              <thead>
                <tr>
                  <th scope="col">Văn bản</th>
                  <th scope="col">Nội dung</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Hạn trả lời</th>
                  <th scope="col" class="num">Quá hạn (ngày làm việc)</th>
                  <th scope="col">Mức đôn đốc</th>
                  <th scope="col">Gửi đến</th>
                  <th scope="col">Mô hình</th>
                </tr>
              </thead>
              <tbody>
                ${m.shown.map(
                  (r) =>
                    html`<tr data-recommendation="${r.id}" class="${r.overdue ? 'is-overdue' : ''}">
                      <td class="letter">${letterNumber(r)}</td>
                      <td class="summary-cell">
                        <a href="/kien-nghi/${r.id}" class="summary-link"
                          >${shortened(r.summary, 130)}</a
                        >
                      </td>
                      <td>${recommendationStateBadge(r.state)}</td>
                      <td class="nowrap">
                        ${
                          r.responseDueAt
                            ? r.state === 'SENT'
                              ? day(r.responseDueAt)
                              : html`<span class="muted">${day(r.responseDueAt)}</span>`
                            : html`<span class="muted">—</span>`
                        }
                      </td>
                      <td class="num">${overdueCell(r)}</td>
                      <td class="level-cell">${levelCell(r, m.policy)}</td>
                      <td class="addressee-cell">
                        <ul class="plain">
                          ${r.addressees.map((a) => html`<li>${m.shortNames.get(a.code) ?? a.name}</li>`)}
                        </ul>
                      </td>
                      <td class="pilot-cell">${pilotLinks(r)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }`;
}

/** A group of checkboxes: a multi-select that works by keyboard and touch alike. */
export function checkboxes(
  form: FormState,
  o: {
    name: string;
    legend: string;
    hint?: string;
    required?: boolean;
    options: [value: string, label: string][];
    empty: string;
  },
): Html {
  const chosen = many(form.values, o.name);
  const problems = form.errors[o.name] ?? [];
  const ids = [o.hint ? `${o.name}-hint` : '', problems.length ? `${o.name}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<fieldset
    class="field checks${problems.length ? ' invalid' : ''}"
    id="${o.name}"
    ${ids ? html` aria-describedby="${ids}"` : ''}
  >
    <legend>
      ${o.legend}${o.required ? html` <span class="req" aria-hidden="true">*</span>` : ''}
    </legend>
    ${o.hint ? html`<p class="hint" id="${o.name}-hint">${o.hint}</p>` : ''}
    ${
      o.options.length === 0
        ? empty(o.empty)
        : html`<div class="check-list">
            ${o.options.map(
              ([value, label], i) =>
                html`<label class="check">
                  <input
                    type="checkbox"
                    name="${o.name}"
                    value="${value}"
                    ${chosen.includes(value) ? html` checked` : ''}${
                      problems.length && i === 0 ? html` aria-invalid="true"` : ''
                    }
                  />
                  <span>${label}</span>
                </label>`,
            )}
          </div>`
    }
    ${problems.length ? html`<p class="field-error" id="${o.name}-error">${problems.join(' ')}</p>` : ''}
  </fieldset>`;
}

const KIND_ORDER: Record<string, number> = { MINISTRY: 0, CENTRAL_AGENCY: 1, WORKING_GROUP: 2 };

export function addresseeOptions(agencies: AgencyView[], chosen: string[]): [string, string][] {
  return agencies
    .filter((a) => a.kind in KIND_ORDER && (!a.dissolvedOn || chosen.includes(a.code)))
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'vi'))
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
      `${b.pilotNumber !== null ? `Mô hình ${b.pilotNumber}` : (b.topic ?? 'Vướng mắc chung')} – ${b.title}`,
    ]);
}

export function newBody(
  web: WebContext,
  form: FormState,
  agencies: [string, string][],
  blockers: [string, string][],
): Html {
  return html`<nav class="breadcrumb" aria-label="Vị trí">
      <a href="/kien-nghi">Kiến nghị Trung ương</a> › Soạn kiến nghị mới
    </nav>
    <div class="page-head"><h1>Soạn kiến nghị mới</h1></div>
    <form method="post" action="/kien-nghi" class="card rec-form" novalidate>
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
        name: 'blockerIds',
        legend: 'Vướng mắc liên quan',
        hint: 'Các vướng mắc đang mở mà kiến nghị này đề nghị tháo gỡ (không bắt buộc).',
        options: blockers,
        empty: 'Không có vướng mắc nào đang mở.',
      })}
      <fieldset class="group">
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
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary">Lưu kiến nghị</button>
        <a class="button" href="/kien-nghi">Hủy</a>
      </div>
    </form>`;
}

export interface DetailModel {
  letter: RecommendationView;
  policy: EscalationPolicy;
  events: EscalationEventView[];
  /** null: the role may not read the outbox. */
  notifications: NotificationView[] | null;
  /** The form that failed, with the user's values and the API's message. */
  failed?: { action: ActionKey | 'thong-bao'; form: FormState };
}

function actionForm(
  web: WebContext,
  r: RecommendationView,
  key: ActionKey,
  failed: DetailModel['failed'],
  open: boolean,
): Html {
  const form: FormState =
    failed?.action === key ? failed.form : { values: defaults(r, key), errors: {} };
  const id = key;
  const fields: Record<ActionKey, Html> = {
    gui: html`${input(form, { name: 'documentNumber', form: id, label: 'Số/ký hiệu văn bản', required: true, hint: 'Ví dụ: 5772/TCTĐA06-CAT' })}
    ${dayInput(form, { name: 'letterDate', form: id, label: 'Ngày văn bản', required: true })}
    ${momentInput(form, { name: 'sentAt', form: id, label: 'Thời điểm gửi', hint: 'Để trống: bây giờ.' })}
    ${momentInput(form, { name: 'responseDueAt', form: id, label: 'Hạn trả lời', hint: 'Để trống: tự tính theo chính sách đôn đốc.' })}`,
    'tra-loi': html`${input(form, { name: 'documentNumber', form: id, label: 'Số văn bản trả lời', required: true, hint: 'Ví dụ: 123/BYT-CNTT' })}
    ${dayInput(form, { name: 'date', form: id, label: 'Ngày văn bản', required: true })}
    ${textarea(form, { name: 'summary', form: id, label: 'Nội dung trả lời', required: true, rows: 4 })}`,
    dong: html`${textarea(form, { name: 'note', form: id, label: 'Ghi chú khi đóng', rows: 3, hint: 'Không bắt buộc.' })}`,
    rut: html`${textarea(form, { name: 'reason', form: id, label: 'Lý do rút', required: true, rows: 3 })}`,
    'mo-lai': html`${textarea(form, { name: 'reason', form: id, label: 'Vì sao câu trả lời chưa đáp ứng', required: true, rows: 3 })}
    ${momentInput(form, { name: 'responseDueAt', form: id, label: 'Hạn trả lời mới', hint: 'Để trống: tự tính từ bây giờ theo chính sách đôn đốc.' })}`,
  };
  const isOpen = open || failed?.action === key;
  const danger = key === 'rut';
  return html`<details class="action" id="thao-tac-${key}" ${isOpen ? html` open` : ''}>
    <summary>${ACTIONS[key].title}</summary>
    <form method="post" action="/kien-nghi/${r.id}/${key}" novalidate>
      ${csrfField(web)}
      <input type="hidden" name="version" value="${r.version}" />
      ${failed?.action === key ? formMessage(form) : ''} ${fields[key]}
      <button
        type="submit"
        class="${danger ? 'danger' : 'primary'}"
        ${danger ? html` data-confirm="Rút kiến nghị này? Việc đôn đốc sẽ dừng."` : ''}
      >
        ${ACTIONS[key].button}
      </button>
    </form>
  </details>`;
}

function defaults(r: RecommendationView, key: ActionKey): Record<string, string> {
  if (key === 'gui')
    return { documentNumber: r.documentNumber ?? '', letterDate: typedDay(r.letterDate) };
  return {};
}

function followUp(r: RecommendationView): Html {
  if (!r.followUpLetter) return html``;
  const ready = r.followUpLetter.canDraft;
  return html`<section class="follow-up" aria-labelledby="cong-van-don-doc">
    <h3 id="cong-van-don-doc">Công văn đôn đốc</h3>
    ${
      ready
        ? html`<p>
              <a class="button" href="/kien-nghi/${r.id}/van-ban-don-doc"
                >Tải dự thảo công văn đôn đốc (.docx)</a
              >
            </p>
            <p class="hint muted">
              Theo thể thức Nghị định 30/2020/NĐ-CP; kiểm tra lại trước khi ký.
            </p>`
        : html`<p class="muted">
            Soạn được khi kiến nghị đã gửi, chưa được trả lời và đã đến mức đôn đốc
            ${r.followUpLetter.minLevel}.
          </p>`
    }
  </section>`;
}

function facts(r: RecommendationView, policy: EscalationPolicy): Html {
  const level = r.activeEscalationLevel;
  return html`<dl class="facts">
    <dt>Số/ký hiệu</dt>
    <dd>${r.documentNumber ?? html`<span class="muted">Chưa có</span>`}</dd>
    <dt>Ngày văn bản</dt>
    <dd>${r.letterDate ? day(r.letterDate) : html`<span class="muted">Chưa có</span>`}</dd>
    <dt>Cơ quan gửi</dt>
    <dd>${r.senderAgency?.name ?? html`<span class="muted">—</span>`}</dd>
    <dt>Gửi lúc</dt>
    <dd>${r.sentAt ? moment(r.sentAt) : html`<span class="muted">Chưa gửi</span>`}</dd>
    <dt>Hạn trả lời</dt>
    <dd>
      ${r.responseDueAt ? moment(r.responseDueAt) : html`<span class="muted">—</span>`}
      ${r.cycle > 1 ? html` <span class="muted">(lần gửi thứ ${r.cycle})</span>` : ''}
    </dd>
    <dt>Quá hạn</dt>
    <dd>
      ${
        r.overdue
          ? html`<span class="overdue-days">${r.workingDaysOverdue} ngày làm việc</span>`
          : html`<span class="muted">Không</span>`
      }
    </dd>
    <dt>Mức đôn đốc</dt>
    <dd>
      ${
        level > 0
          ? levelBadge(level, levelName(policy, level))
          : html`<span class="muted"
              >${r.state === 'SENT' ? 'Chưa đến mức nào' : 'Không đôn đốc (không chờ trả lời)'}</span
            >`
      }
    </dd>
  </dl>`;
}

function blockersList(r: RecommendationView): Html {
  if (r.blockers.length === 0) return empty('Không gắn vướng mắc nào.');
  return html`<ul class="blockers">
    ${r.blockers.map(
      (b) =>
        html`<li>
          ${
            b.pilotNumber !== null
              ? html`<a href="/mo-hinh/${b.pilotNumber}">Mô hình ${b.pilotNumber}</a>`
              : html`<span class="muted">${b.topic ?? 'Vướng mắc chung'}</span>`
          }
          – ${b.title}
        </li>`,
    )}
  </ul>`;
}

function responsesList(r: RecommendationView): Html {
  if (r.responses.length === 0) return empty('Chưa có văn bản trả lời.');
  return html`<ol class="timeline responses">
    ${r.responses.map(
      (x) =>
        html`<li data-response="${x.id}">
          <div class="when">
            Văn bản số <strong>${x.documentNumber}</strong> ngày ${day(x.date)} · ghi nhận lúc
            ${moment(x.recordedAt)}
          </div>
          <p class="reason text">${x.summary}</p>
        </li>`,
    )}
  </ol>`;
}

/** Consecutive skipped steps of one level (a letter entered long overdue) shown as one row. */
function eventRuns(events: EscalationEventView[]): EscalationEventView[][] {
  const runs: EscalationEventView[][] = [];
  for (const e of events) {
    const last = runs.at(-1)?.at(-1);
    if (
      last &&
      e.outcome === 'SKIPPED' &&
      last.outcome === 'SKIPPED' &&
      last.cycle === e.cycle &&
      last.level === e.level
    )
      runs.at(-1)!.push(e);
    else runs.push([e]);
  }
  return runs;
}

function repeats(first: EscalationEventView, last: EscalationEventView): string {
  if (first === last) return first.repeat > 0 ? `nhắc lại lần ${first.repeat}` : '';
  const from = Math.max(first.repeat, 1);
  return `${first.repeat === 0 ? 'lần đầu và ' : ''}nhắc lại lần ${from}–${last.repeat}`;
}

const range = (a: string, b: string) => (a === b ? a : `${a} – ${b}`);

function eventsTable(events: EscalationEventView[]): Html {
  if (events.length === 0) return empty('Chưa có mức đôn đốc nào đến hạn.');
  return html`<div class="table-wrap">
    <table class="events">
      <thead>
        <tr>
          <th scope="col" class="num">Lần gửi</th>
          <th scope="col">Mức</th>
          <th scope="col">Đến hạn lúc</th>
          <th scope="col">Ghi nhận lúc</th>
          <th scope="col">Kết quả</th>
          <th scope="col" class="num">Ngày làm việc quá hạn</th>
        </tr>
      </thead>
      <tbody>
        ${eventRuns(events).map((run) => {
          const [e, last] = [run[0], run.at(-1)!];
          return html`<tr data-level="${e.level}" data-outcome="${e.outcome}">
            <td class="num">${e.cycle}</td>
            <td>
              ${levelBadge(e.level, e.levelName)}
              ${repeats(e, last) ? html` <span class="muted">${repeats(e, last)}</span>` : ''}
            </td>
            <td>
              ${
                run.length > 1
                  ? html`${day(e.dueAt)} – ${day(last.dueAt)}`
                  : html`<span class="nowrap">${moment(e.dueAt)}</span>`
              }
            </td>
            <td class="nowrap">${moment(last.occurredAt)}</td>
            <td>
              ${
                e.outcome === 'FIRED'
                  ? html`<span class="badge outcome-fired">Đã nhắc, đôn đốc</span>`
                  : html`<span class="badge outcome-skipped"
                      >Bỏ qua (nhập muộn)${run.length > 1 ? ` · ${run.length} lần` : ''}</span
                    >`
              }
            </td>
            <td class="num">
              ${range(String(e.workingDaysOverdue), String(last.workingDaysOverdue))}
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
  </div>`;
}

function notificationsTable(
  web: WebContext,
  r: RecommendationView,
  list: NotificationView[],
  failed: DetailModel['failed'],
): Html {
  const canRetry = NOTIFICATION_ROLES.includes(web.actor.role);
  return html`${failed?.action === 'thong-bao' ? formMessage(failed.form) : ''}
  ${
    list.length === 0
      ? empty('Chưa có thư nhắc, đôn đốc nào cho kiến nghị này.')
      : html`<div class="table-wrap">
          <table class="notifications">
            <thead>
              <tr>
                <th scope="col">Người nhận</th>
                <th scope="col">Loại, tiêu đề</th>
                <th scope="col">Trạng thái</th>
                <th scope="col" class="num">Số lần gửi</th>
                <th scope="col">Lỗi gần nhất</th>
                <th scope="col">Gửi lúc</th>
                ${canRetry ? html`<th scope="col"><span class="visually-hidden">Thao tác</span></th>` : ''}
              </tr>
            </thead>
            <tbody>
              ${list.map(
                (n) =>
                  html`<tr data-notification="${n.id}" data-status="${n.status}">
                    <td class="email">${n.recipientEmail}</td>
                    <td>
                      <span class="kind">${KIND_LABELS[n.kind] ?? n.kind}</span>
                      <span class="subject muted">${n.subject}</span>
                    </td>
                    <td>
                      <span class="badge status-${n.status.toLowerCase()}"
                        >${NOTIFICATION_STATUS_LABELS[n.status] ?? n.status}</span
                      >
                    </td>
                    <td class="num">${n.attempts}</td>
                    <td class="error-text">${n.lastError ?? html`<span class="muted">—</span>`}</td>
                    <td class="nowrap">
                      ${n.sentAt ? moment(n.sentAt) : html`<span class="muted">—</span>`}
                    </td>
                    ${
                      canRetry
                        ? html`<td>
                            ${
                              n.status === 'FAILED'
                                ? html`<form
                                    method="post"
                                    action="/kien-nghi/${r.id}/thong-bao/${n.id}/gui-lai"
                                  >
                                    ${csrfField(web)}
                                    <button
                                      type="submit"
                                      aria-label="Gửi lại thư tới ${n.recipientEmail}"
                                    >
                                      Gửi lại
                                    </button>
                                  </form>`
                                : ''
                            }
                          </td>`
                        : ''
                    }
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`
  }`;
}

export function detailBody(web: WebContext, m: DetailModel): Html {
  const r = m.letter;
  const secretariat = web.actor.role === 'SECRETARIAT';
  const actions = actionsOf(r);
  const failedAction = m.failed?.action;
  // The API's message goes in the form that failed when it is on the page, else on top.
  const inForm =
    failedAction === 'thong-bao'
      ? m.notifications !== null
      : actions.some((a) => a === failedAction);
  const message = inForm ? undefined : m.failed?.form.message;
  return html`<nav class="breadcrumb" aria-label="Vị trí">
      <a href="/kien-nghi">Kiến nghị Trung ương</a> › ${letterTitle(r)}
    </nav>
    <div class="page-head">
      <div>
        <h1>${letterTitle(r)}</h1>
        <p class="head-badges">
          ${recommendationStateBadge(r.state)}
          ${r.activeEscalationLevel > 0 ? levelBadge(r.activeEscalationLevel, levelName(m.policy, r.activeEscalationLevel)) : ''}
          ${r.overdue ? html`<span class="badge overdue">Quá hạn ${r.workingDaysOverdue} ngày làm việc</span>` : ''}
        </p>
      </div>
    </div>
    ${errorAlert(message)}
    <div class="grid-2 rec-detail">
      <div>
        <section class="card" aria-labelledby="thong-tin">
          <h2 id="thong-tin">Thông tin văn bản</h2>
          ${facts(r, m.policy)}
          <h3>Nội dung kiến nghị</h3>
          <p class="text">${r.summary}</p>
          <h3>Gửi đến</h3>
          <ul class="addressees">
            ${r.addressees.map((a) => html`<li>${a.name} <span class="muted">(${a.code})</span></li>`)}
          </ul>
          <h3>Vướng mắc liên quan</h3>
          ${blockersList(r)}
        </section>
        <section class="card" aria-labelledby="tra-loi">
          <h2 id="tra-loi">Văn bản trả lời</h2>
          ${responsesList(r)}
        </section>
      </div>
      <aside class="card side" aria-labelledby="thao-tac">
        <h2 id="thao-tac">Thao tác</h2>
        ${
          actions.length
            ? actions.map((key, i) =>
                actionForm(web, r, key, m.failed, i === 0 && r.state !== 'ANSWERED'),
              )
            : html`<p class="muted">
                ${
                  secretariat
                    ? 'Kiến nghị đã kết thúc: không còn thao tác nào.'
                    : 'Chỉ Thư ký Tổ công tác cập nhật kiến nghị; bạn có thể xem.'
                }
              </p>`
        }
        ${followUp(r)}
      </aside>
    </div>
    <section class="card" aria-labelledby="don-doc">
      <h2 id="don-doc">Các mức đôn đốc</h2>
      ${eventsTable(m.events)}
    </section>
    ${
      m.notifications
        ? html`<section class="card" id="thong-bao" aria-labelledby="thong-bao-title">
            <h2 id="thong-bao-title">Thư nhắc, đôn đốc đã gửi</h2>
            ${notificationsTable(web, r, m.notifications, m.failed)}
          </section>`
        : ''
    }`;
}
