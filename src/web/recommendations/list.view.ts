import { can } from '../../access/domain/permissions.js';
import { html, type Html } from '../../common/html.js';
import {
  RECOMMENDATION_STATES,
  FOLLOWED_STATES,
} from '../../recommendations/domain/recommendation-state.js';
import { levelBadge, recommendationStateBadge } from '../components/badges.js';
import { csrfField, errorAlert, filterActions, input, select } from '../components/fields.js';
import { day, shortened } from '../components/format.js';
import { one, type FormState } from '../components/forms.js';
import { empty, noValue } from '../components/tables.js';
import { downloadLinks } from '../components/table-export.js';
import { BOARD_LABELS, RECOMMENDATION_STATE_LABELS, WORDS } from '../labels.js';
import type { WebContext } from '../web-request.js';
import { levelName } from './letters.js';
import { bulkAnswerCheckbox, bulkAnswerForm, followUpLevelsForm } from './bulk-answer.view.js';
import { heldBadge } from './addressee-holders.view.js';
import type { Schemas } from '../in-process-api.js';

type EscalationPolicy = Schemas['EscalationPolicyView'];
type RecommendationView = Schemas['RecommendationView'];

/** The state filter of the list: the default shows letters still being followed. */
export const STATE_FILTERS: [string, string][] = [
  ['', 'Đang theo dõi (chưa đóng, chưa rút)'],
  ['QUA_HAN', 'Quá hạn trả lời'],
  ['CHO_KE_THUA', 'Chờ chọn cơ quan kế thừa'],
  ...RECOMMENDATION_STATES.map((s): [string, string] => [s, RECOMMENDATION_STATE_LABELS[s]]),
  ['TAT_CA', 'Tất cả'],
];

export function matchesStateFilter(r: RecommendationView, filter: string): boolean {
  if (filter === 'TAT_CA' || filter === 'QUA_HAN' || filter === 'CHO_KE_THUA') return true; // the API filtered already
  if (RECOMMENDATION_STATES.some((s) => s === filter)) return r.state === filter;
  return FOLLOWED_STATES.includes(r.state);
}

function letterNumber(r: RecommendationView): Html {
  return html`<a href="/kien-nghi/${r.id}" class="letter-number"
      >${r.documentNumber ?? WORDS.draftNumber}</a
    >${r.letterDate ? html`<span class="letter-date muted">ngày ${day(r.letterDate)}</span>` : ''}${
      r.ofUserAgency ? html`<span class="badge own-tag">${BOARD_LABELS.ownAgency}</span>` : ''
    }`;
}

function pilotLinks(r: RecommendationView): Html {
  const numbers = [
    ...new Set(r.blockers.map((b) => b.pilotNumber).filter((n): n is number => n !== null)),
  ];
  const topics = [
    ...new Set(r.blockers.filter((b) => b.pilotNumber === null).map((b) => b.topic ?? b.title)),
  ];
  if (numbers.length === 0 && topics.length === 0) return noValue();
  return html`${numbers.map(
    (n, i) => html`${i ? ', ' : ''}<a href="/mo-hinh/${n}" class="nowrap">Mô hình ${n}</a>`,
  )}${topics.length ? html`<span class="topic muted">${topics.join('; ')}</span>` : ''}`;
}

function overdueCell(r: RecommendationView): Html {
  if (!r.overdue) return noValue();
  return html`<span class="overdue-days" data-overdue="${r.workingDaysOverdue}"
    >${r.workingDaysOverdue}<span class="sr-only"> ngày làm việc</span></span
  >`;
}

function levelCell(r: RecommendationView, policy: EscalationPolicy): Html {
  const level = r.activeEscalationLevel;
  return level > 0 ? levelBadge(level, levelName(policy, level)) : noValue();
}

/** Open letters whose reminders wait for the secretariat to choose a successor, said once. */
function heldNotice(all: RecommendationView[]): Html {
  const held = all.filter((r) => r.heldSuccession).length;
  if (held === 0) return html``;
  return html`<p class="alert warn held-notice" role="status">
    ${held} kiến nghị có cơ quan nhận đã chia tách, chưa xác định cơ quan trả lời thay: thư nhắc tới
    cơ quan đó tạm dừng cho đến khi Thư ký chọn cơ quan kế thừa.
    <a href="/kien-nghi?state=CHO_KE_THUA">Xem các kiến nghị này</a>
  </p>`;
}

export interface ListModel {
  all: RecommendationView[];
  shown: RecommendationView[];
  policy: EscalationPolicy;
  filters: FormState;
  addresseeOptions: [string, string][];
  /** Every agency, for "the agency's letters" (sender, addressee or lead of a pilot concerned). */
  agencyOptions: [string, string][];
  pilotOptions: [string, string][];
  /** Agencies' short names by code, for the table ("Bộ TT&TT" rather than the full name). */
  shortNames: Map<string, string>;
  error?: string;
  /** The user's saved filters of the list, and the form that saves the one on screen. */
  savedFilters?: Html;
}

export function listBody(web: WebContext, m: ListModel): Html {
  // The counters count what the filters show, and each opens its letters under those filters.
  const filtered = hasFilter(m.filters);
  const counted = filtered ? m.shown : m.all;
  const open = counted.filter((r) => r.state === 'SENT' || r.state === 'ANSWERED');
  const waiting = counted.filter((r) => r.state === 'SENT');
  const overdue = counted.filter((r) => r.overdue);
  const top = Math.max(...m.policy.levels.map((l) => l.level), 3);
  const atTop = counted.filter((r) => r.activeEscalationLevel >= top);
  const drafts = counted.filter((r) => r.state === 'DRAFT');
  const withState = (state: string) => filterUrl(m.filters, state);
  const sendsDigest = can(web.actor.role, 'digest.send');
  // Officers draft too (for their own pilots' blockers); the secretariat records and sends.
  const draftsLetters = can(web.actor.role, 'letters.draft');
  const handlesRequests = can(web.actor.role, 'letterRequests.handle');
  // One answer for several letters: the rows that may take an answer get a checkbox.
  const recordsAnswers = can(web.actor.role, 'letters.record');
  const choosable = (r: RecommendationView) =>
    recordsAnswers && r.allowedCommands.includes('respond');
  return html`<div class="page-head">
      <div>
        <h1>Kiến nghị gửi Trung ương</h1>
        <p class="muted">
          Văn bản kiến nghị gửi các Bộ, ngành Trung ương, hạn trả lời và mức đôn đốc; việc khẩn cấp
          nhất ở đầu danh sách.
        </p>
      </div>
      ${
        sendsDigest || draftsLetters || handlesRequests
          ? html`<div class="actions">
              ${
                sendsDigest
                  ? html`<form method="post" action="/kien-nghi/gui-tong-hop">
                      ${csrfField(web)}
                      <button
                        type="submit"
                        data-confirm="Gửi ngay bản tổng hợp kiến nghị quá hạn cho lãnh đạo (bản sao cho thư ký)?"
                      >
                        Gửi bản tổng hợp cho lãnh đạo
                      </button>
                    </form>`
                  : ''
              }
              ${handlesRequests ? html`<a class="button" href="/kien-nghi/de-nghi">Đề nghị kiến nghị</a>` : ''}
              ${draftsLetters ? html`<a class="button primary" href="/kien-nghi/moi">Soạn kiến nghị mới</a>` : ''}
            </div>`
          : ''
      }
    </div>
    <section
      class="stats"
      aria-label="${filtered ? 'Số liệu theo bộ lọc đang chọn' : 'Số liệu chính'}"
    >
      <div class="stat" data-stat="open">
        <span class="value">${open.length}</span>
        <a class="label" href="${withState('SENT')}">Đang mở (${waiting.length} chờ trả lời)</a>
      </div>
      <div class="stat ${overdue.length ? 'bad' : 'ok'}" data-stat="overdue">
        <span class="value">${overdue.length}</span>
        <a class="label" href="${withState('QUA_HAN')}">Quá hạn trả lời</a>
      </div>
      <div class="stat ${atTop.length ? 'bad' : 'ok'}" data-stat="top-level">
        <span class="value">${atTop.length}</span>
        <span class="label"
          >Ở mức ${top}${levelName(m.policy, top) ? ` – ${levelName(m.policy, top)}` : ''}</span
        >
      </div>
      <div class="stat warn" data-stat="draft">
        <span class="value">${drafts.length}</span>
        <a class="label" href="${withState('DRAFT')}">Dự thảo chưa gửi</a>
      </div>
    </section>
    ${filtered ? html`<p class="muted stats-note">Các số trên tính theo bộ lọc đang chọn.</p>` : ''}
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
      ${select(m.filters, {
        name: 'agency',
        form: 'filter',
        label: 'Của cơ quan (gửi, nhận, chủ trì)',
        options: [['', WORDS.allAgencies], ...m.agencyOptions],
      })}
      ${select(m.filters, {
        name: 'pilot',
        form: 'filter',
        label: 'Mô hình',
        options: [['', 'Tất cả mô hình'], ...m.pilotOptions],
      })}
      ${filterActions('/kien-nghi')}
    </form>
    ${m.savedFilters ?? ''} ${errorAlert(m.error)} ${heldNotice(m.all)}
    <p class="count">
      Hiển thị <strong>${m.shown.length}</strong> / ${m.all.length} kiến nghị
      ${downloadLinks(
        '/kien-nghi/tai-xuong',
        Object.fromEntries(FILTER_FIELDS.map((f) => [f, one(m.filters.values, f)])),
        'kiến nghị',
      )}
    </p>
    ${recordsAnswers && m.shown.some(choosable) ? bulkAnswerForm() : ''}
    ${can(web.actor.role, 'followUpLetter.draft') ? followUpLevelsForm(m.policy, m.all) : ''}
    ${
      m.shown.length === 0
        ? empty('Không có kiến nghị nào khớp với bộ lọc.')
        : html`<div class="table-wrap">
            <table class="rec-table">
              <caption class="sr-only">
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
                  <th scope="col">Cơ quan nhận</th>
                  <th scope="col">Mô hình</th>
                </tr>
              </thead>
              <tbody>
                ${m.shown.map(
                  (r) =>
                    html`<tr data-recommendation="${r.id}" class="${r.overdue ? 'is-overdue' : ''}">
                      <td class="letter">
                        ${choosable(r) ? bulkAnswerCheckbox(r) : ''}${letterNumber(r)}
                      </td>
                      <td class="summary-cell">
                        <a href="/kien-nghi/${r.id}" class="summary-link"
                          >${shortened(r.summary, 130)}</a
                        >
                      </td>
                      <td class="state-cell">
                        ${recommendationStateBadge(r.state)}${r.heldSuccession ? heldBadge() : ''}
                      </td>
                      <td class="nowrap due-cell" data-label="Hạn trả lời">
                        ${
                          r.responseDueAt
                            ? r.state === 'SENT'
                              ? day(r.responseDueAt)
                              : html`<span class="muted">${day(r.responseDueAt)}</span>`
                            : noValue()
                        }
                      </td>
                      <td class="num overdue-cell" data-label="Quá hạn (ngày làm việc)">
                        ${overdueCell(r)}
                      </td>
                      <td class="level-cell">${levelCell(r, m.policy)}</td>
                      <td class="addressee-cell" data-label="Cơ quan nhận">
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

const FILTER_FIELDS = ['q', 'state', 'addressee', 'agency', 'pilot'] as const;

function hasFilter(form: FormState): boolean {
  return FILTER_FIELDS.some((f) => one(form.values, f).trim() !== '');
}

/** The list under the same filters, with `state` for the state filter. */
export function filterUrl(form: FormState, state: string): string {
  const params = new URLSearchParams();
  for (const f of FILTER_FIELDS) {
    const value = f === 'state' ? state : one(form.values, f).trim();
    if (value) params.set(f, value);
  }
  return `/kien-nghi?${params.toString()}`;
}
