import type { BlockerView } from '../blockers/blocker.view.js';
import {
  BLOCKER_AUTHORITIES,
  BLOCKER_CATEGORIES,
  OPEN_BLOCKER_STATES,
} from '../blockers/domain/blocker-enums.js';
import type { MoveRule } from '../pilots/domain/pilot-lifecycle.js';
import type { HistoryEntry } from '../pilots/pilot-lifecycle.service.js';
import type { PilotMoveView, PilotView } from '../pilots/pilot.view.js';
import type { RecommendationView } from '../recommendations/recommendation.view.js';
import type { PilotReportView } from '../reports/report.view.js';
import { csrfField, formMessage, input, select, textarea, type FormState } from './forms.js';
import { page } from './layout.js';
import {
  BLOCKER_AUTHORITY_LABELS,
  BLOCKER_CATEGORY_LABELS,
  blockerStateBadge,
  day,
  empty,
  html,
  type Html,
  levelBadge,
  moment,
  period,
  PILOT_STATE_LABELS,
  pilotStateBadge,
  recommendationStateBadge,
  shortened,
} from './ui.js';
import type { WebContext } from './web-request.js';

/** Everything the pilot page shows, as the API answered it. */
export interface PilotPageData {
  pilot: PilotView;
  /** Newest first. */
  history: HistoryEntry[];
  /** Newest period first. */
  reports: PilotReportView[];
  blockers: BlockerView[];
  recommendations: RecommendationView[];
  /** Escalation level → its name in the policy ("Đôn đốc"). */
  levelNames: Map<number, string>;
  /** `YYYY-MM` of today in Asia/Ho_Chi_Minh. */
  currentPeriod: string;
  /** The secretariat has locked the current period (as far as the API says). */
  currentPeriodLocked: boolean;
}

/** What changed on the page after a form: a message on top, a form with its values/problems. */
export interface PilotPageState {
  notice?: { kind: 'error' | 'info'; text: string };
  /** Keyed by form: `move-<STATE>`, `report`, `blocker-new`, `resolve-<id>`, `withdraw-<id>`. */
  forms?: Record<string, FormState>;
}

/** Field names of the API as a user reads them, for the API's per-field problems. */
export const FIELD_LABELS: Record<string, string> = {
  reason: 'Lý do',
  progress: 'Tiến độ',
  metrics: 'Chỉ số',
  period: 'Kỳ báo cáo',
  title: 'Tiêu đề',
  description: 'Nội dung',
  category: 'Nhóm vướng mắc',
  authority: 'Thẩm quyền',
  resolution: 'Cách giải quyết',
  version: 'Phiên bản',
  to: 'Trạng thái mới',
};

const formOf = (state: PilotPageState, key: string): FormState | undefined => state.forms?.[key];

const RULE_NOTES: Record<MoveRule, string> = {
  free: '',
  reason: 'cần nêu lý do',
  guard: 'cần đủ điều kiện',
  secretariat: 'chỉ thư ký, cần nêu lý do',
};

export function renderPilotPage(
  web: WebContext,
  data: PilotPageData,
  state: PilotPageState = {},
): string {
  const { pilot } = data;
  const writer = pilot.canWrite;
  return page(web, {
    title: `Mô hình số ${pilot.number}`,
    active: 'board',
    styles: ['pilot.css'],
    body: html`<nav class="breadcrumb" aria-label="Đường dẫn">
        <a href="/mo-hinh">Mô hình điểm</a> <span aria-hidden="true">›</span>
        <span aria-current="page">Mô hình số ${pilot.number}</span>
      </nav>
      <div class="page-head pilot-head">
        <div>
          <p class="kicker">Mô hình số ${pilot.number}</p>
          <h1>${pilot.name}</h1>
        </div>
        <p class="head-badges">
          ${pilotStateBadge(pilot.state)}
          ${pilot.blocked ? html` <span class="badge blocked">Vướng mắc</span>` : ''}
        </p>
      </div>
      ${
        state.notice
          ? html`<div
              class="alert ${state.notice.kind}"
              role="${state.notice.kind === 'error' ? 'alert' : 'status'}"
            >
              ${state.notice.text}
            </div>`
          : ''
      }
      <div class="grid-2 pilot-layout">
        <div class="pilot-main">
          ${facts(data, writer)} ${blockersCard(web, data, state, writer)}
          ${reportsCard(web, data, state, writer)} ${recommendationsCard(data)}
        </div>
        <div class="pilot-side">${movesCard(web, data, state)} ${timelineCard(data)}</div>
      </div>`,
  });
}

function facts(data: PilotPageData, writer: boolean): Html {
  const { pilot } = data;
  return html`<section class="card facts-card" aria-labelledby="facts-title">
    <h2 id="facts-title">Thông tin mô hình</h2>
    <dl class="facts">
      <dt>Số thứ tự</dt>
      <dd>${pilot.number}</dd>
      <dt>Tên mô hình</dt>
      <dd>${pilot.name}</dd>
      <dt>Đơn vị chủ trì</dt>
      <dd>
        ${
          pilot.leadAgencies.length
            ? html`<ul class="plain">
                ${pilot.leadAgencies.map((a) => html`<li>${a.name}</li>`)}
              </ul>`
            : html`<span class="muted">Chưa xác định</span>`
        }
      </dd>
      <dt>Trạng thái</dt>
      <dd>
        ${pilotStateBadge(pilot.state)}
        <span class="muted">từ ${day(pilot.stateChangedAt)}</span>
        ${writer ? html`<a class="to-moves" href="#chuyen-trang-thai">Chuyển trạng thái</a>` : ''}
      </dd>
      <dt>Vướng mắc</dt>
      <dd>
        ${
          pilot.blocked
            ? html`<span class="badge blocked">Vướng mắc</span> ${pilot.openBlockers} vướng mắc chưa
                giải quyết`
            : html`<span class="muted">Không có vướng mắc đang mở</span>`
        }
      </dd>
      <dt>Kiến nghị quá hạn</dt>
      <dd>
        ${
          pilot.overdueRecommendations
            ? html`<span class="badge overdue">${pilot.overdueRecommendations}</span>`
            : html`<span class="muted">Không có</span>`
        }
      </dd>
      <dt>Báo cáo gần nhất</dt>
      <dd>
        ${
          pilot.lastReportPeriod
            ? `Tháng ${period(pilot.lastReportPeriod)}`
            : html`<span class="muted">Chưa có</span>`
        }
      </dd>
    </dl>
    <h3>Tiến độ hiện tại</h3>
    ${
      pilot.progress
        ? html`<p class="prose">${pilot.progress}</p>`
        : empty('Chưa có thông tin tiến độ.')
    }
  </section>`;
}

function movesCard(web: WebContext, data: PilotPageData, state: PilotPageState): Html {
  const { pilot } = data;
  const moves = pilot.allowedMoves;
  if (!pilot.canWrite) {
    return html`<section class="card moves" aria-labelledby="moves-title">
      <h2 id="moves-title">Chuyển trạng thái</h2>
      <p class="muted">
        Chỉ thư ký Tổ công tác và cán bộ đầu mối của đơn vị chủ trì được chuyển trạng thái mô hình
        này.
      </p>
    </section>`;
  }
  return html`<section class="card moves" aria-labelledby="moves-title" id="chuyen-trang-thai">
    <h2 id="moves-title">Chuyển trạng thái</h2>
    <p>Hiện tại: ${pilotStateBadge(pilot.state)}</p>
    ${
      moves.length === 0
        ? empty('Không có bước chuyển nào bạn được thực hiện từ trạng thái này.')
        : moves.map((m) => moveForm(web, pilot, m, formOf(state, `move-${m.to}`)))
    }
  </section>`;
}

function moveForm(web: WebContext, pilot: PilotView, m: PilotMoveView, form?: FormState): Html {
  const key = `move-${m.to.toLowerCase()}`;
  const label = PILOT_STATE_LABELS[m.to];
  const needsReason = m.reasonRequired;
  const note = m.problems.length ? 'chưa đủ điều kiện' : RULE_NOTES[m.rule];
  const why = m.problems.length
    ? html`<p class="guard-why" id="${key}-why">
        Chưa thể chuyển sang “${label}”: ${m.problems.join('; ')}.
      </p>`
    : '';
  return html`<details class="action move" ${form ? html` open` : ''}>
    <summary>
      <span aria-hidden="true">→</span>
      ${label}${note ? html` <span class="rule">· ${note}</span>` : ''}
    </summary>
    <form method="post" action="/mo-hinh/${pilot.number}/chuyen-trang-thai" novalidate>
      ${csrfField(web)}
      <input type="hidden" name="to" value="${m.to}" />
      <input type="hidden" name="version" value="${pilot.version}" />
      ${formMessage(form)}
      ${
        m.rule === 'guard'
          ? html`<p class="hint">
              Chỉ hoàn thành khi mô hình không còn vướng mắc đang mở và đã có báo cáo tiến độ kỳ này
              hoặc kỳ trước.
            </p>`
          : ''
      }
      ${textarea(form, {
        name: 'reason',
        form: key,
        label: 'Lý do',
        required: needsReason,
        hint: needsReason ? undefined : 'Không bắt buộc.',
        rows: 3,
      })}
      ${why}
      <button
        type="submit"
        class="primary"
        ${m.problems.length ? html` aria-describedby="${key}-why"` : ''}
      >
        Chuyển sang ${label}
      </button>
    </form>
  </details>`;
}

function timelineCard(data: PilotPageData): Html {
  return html`<section class="card timeline-card" aria-labelledby="timeline-title">
    <h2 id="timeline-title">Lịch sử trạng thái</h2>
    ${
      data.history.length === 0
        ? empty('Chưa có lần chuyển trạng thái nào được ghi nhận.')
        : html`<ol class="timeline">
            ${data.history.map(
              (h) =>
                html`<li>
                  <div class="when">
                    <time datetime="${h.at}">${moment(h.at)}</time> ·
                    ${h.actor ? h.actor.name : 'Hệ thống'}
                  </div>
                  <div class="move">
                    ${
                      h.from
                        ? html`${PILOT_STATE_LABELS[h.from]} <span aria-hidden="true">→</span
                            ><span class="visually-hidden"> sang </span>
                            <strong>${PILOT_STATE_LABELS[h.to]}</strong>`
                        : html`Ghi nhận ban đầu: <strong>${PILOT_STATE_LABELS[h.to]}</strong>`
                    }
                  </div>
                  ${h.reason ? html`<p class="reason">Lý do: ${h.reason}</p>` : ''}
                </li>`,
            )}
          </ol>`
    }
  </section>`;
}

function reportsCard(
  web: WebContext,
  data: PilotPageData,
  state: PilotPageState,
  writer: boolean,
): Html {
  const current = data.reports.find((r) => r.period === data.currentPeriod);
  const form = formOf(state, 'report');
  return html`<section class="card reports-card" aria-labelledby="reports-title" id="bao-cao">
    <h2 id="reports-title">Báo cáo tiến độ tháng</h2>
    ${
      writer
        ? data.currentPeriodLocked
          ? html`<p class="alert info">
              Kỳ tháng ${period(data.currentPeriod)} đã chốt số liệu: không thể nộp hoặc sửa báo cáo
              của kỳ này.
            </p>`
          : html`${
                current
                  ? ''
                  : html`<p class="alert info">
                      Chưa có báo cáo tháng ${period(data.currentPeriod)} của mô hình này.
                    </p>`
              }
              <details class="action" ${form ? html` open` : ''}>
                <summary>
                  ${current ? 'Sửa báo cáo' : 'Nộp báo cáo'} tháng ${period(data.currentPeriod)}
                </summary>
                <form method="post" action="/mo-hinh/${data.pilot.number}/bao-cao" novalidate>
                  ${csrfField(web)}
                  <input type="hidden" name="period" value="${data.currentPeriod}" />
                  <input type="hidden" name="version" value="${current ? current.version : 0}" />
                  ${formMessage(form)}
                  ${textarea(form, {
                    name: 'progress',
                    form: 'report',
                    label: `Tiến độ tháng ${period(data.currentPeriod)}`,
                    required: true,
                    rows: 6,
                    value: current?.progress ?? '',
                  })}
                  ${textarea(form, {
                    name: 'metrics',
                    form: 'report',
                    label: 'Chỉ số (không bắt buộc)',
                    hint: 'Mỗi dòng một chỉ số: tên = số, ví dụ coSoTrienKhai = 176.',
                    rows: 3,
                    value: metricsText(current?.metrics ?? null),
                  })}
                  <button type="submit" class="primary">Lưu báo cáo</button>
                </form>
              </details>`
        : ''
    }
    ${
      data.reports.length === 0
        ? empty('Chưa có báo cáo tháng nào.')
        : html`<ol class="reports">
            ${data.reports.map(
              (r) =>
                html`<li>
                  <h3>
                    Tháng ${period(r.period)}
                    ${r.locked ? html` <span class="badge locked">Đã chốt số liệu</span>` : ''}
                  </h3>
                  <p class="prose">${r.progress}</p>
                  ${
                    r.metrics && Object.keys(r.metrics).length
                      ? html`<ul class="metrics">
                          ${Object.entries(r.metrics).map(
                            ([k, v]) =>
                              html`<li>
                                <span class="muted">${k}:</span> ${v.toLocaleString('vi-VN')}
                              </li>`,
                          )}
                        </ul>`
                      : ''
                  }
                  <p class="muted by">
                    ${r.author ? r.author.name : 'Không rõ người báo cáo'} · cập nhật
                    ${moment(r.updatedAt)}
                  </p>
                </li>`,
            )}
          </ol>`
    }
  </section>`;
}

const VIETNAMESE_NUMBER = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 10 });

/**
 * Metrics as the form shows them: one `name = value` a line, the value written as Vietnamese do
 * ("557.045", "0,125"), which is how parseMetrics reads it back unchanged.
 */
export function metricsText(metrics: Record<string, number> | null): string {
  return metrics
    ? Object.entries(metrics)
        .map(([k, v]) => `${k} = ${VIETNAMESE_NUMBER.format(v)}`)
        .join('\n')
    : '';
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function blockersCard(
  web: WebContext,
  data: PilotPageData,
  state: PilotPageState,
  writer: boolean,
): Html {
  const newForm = formOf(state, 'blocker-new');
  const open = data.blockers.filter((b) => OPEN_BLOCKER_STATES.includes(b.state)).length;
  return html`<section class="card blockers-card" aria-labelledby="blockers-title" id="vuong-mac">
    <h2 id="blockers-title">Vướng mắc, khó khăn</h2>
    <p class="muted">${data.blockers.length} vướng mắc, ${open} đang mở.</p>
    ${
      writer
        ? html`<details class="action" ${newForm ? html` open` : ''}>
            <summary>Nêu vướng mắc mới</summary>
            <form method="post" action="/mo-hinh/${data.pilot.number}/vuong-mac" novalidate>
              ${csrfField(web)} ${formMessage(newForm)}
              ${input(newForm, {
                name: 'title',
                form: 'blocker-new',
                label: 'Tiêu đề',
                required: true,
                attrs: { maxlength: '300' },
              })}
              ${textarea(newForm, {
                name: 'description',
                form: 'blocker-new',
                label: 'Nội dung',
                required: true,
                rows: 4,
              })}
              <div class="two">
                ${select(newForm, {
                  name: 'category',
                  form: 'blocker-new',
                  label: 'Nhóm vướng mắc',
                  required: true,
                  options: [
                    ['', 'Chọn nhóm'],
                    ...BLOCKER_CATEGORIES.map((c): [string, string] => [
                      c,
                      BLOCKER_CATEGORY_LABELS[c] ?? c,
                    ]),
                  ],
                })}
                ${select(newForm, {
                  name: 'authority',
                  form: 'blocker-new',
                  label: 'Thẩm quyền',
                  required: true,
                  options: [
                    ['', 'Chọn thẩm quyền'],
                    ...BLOCKER_AUTHORITIES.map((a): [string, string] => [
                      a,
                      capitalized(BLOCKER_AUTHORITY_LABELS[a] ?? a),
                    ]),
                  ],
                })}
              </div>
              <button type="submit" class="primary">Ghi nhận vướng mắc</button>
            </form>
          </details>`
        : ''
    }
    ${
      data.blockers.length === 0
        ? empty('Mô hình chưa có vướng mắc nào.')
        : html`<ul class="blockers">
            ${data.blockers.map((b) => blockerItem(web, b, state))}
          </ul>`
    }
  </section>`;
}

function blockerItem(web: WebContext, b: BlockerView, state: PilotPageState): Html {
  const resolveForm = formOf(state, `resolve-${b.id}`);
  const withdrawForm = formOf(state, `withdraw-${b.id}`);
  const canResolve = b.allowedCommands.includes('resolve');
  const canWithdraw = b.allowedCommands.includes('withdraw');
  const hidden = html`${csrfField(web)}
    <input type="hidden" name="version" value="${b.version}" />`;
  return html`<li class="blocker blocker-item-${b.state.toLowerCase()}" id="vuong-mac-${b.id}">
    <h3>${b.title}</h3>
    <p class="tags">
      ${blockerStateBadge(b.state)}
      <span class="badge tag">${BLOCKER_CATEGORY_LABELS[b.category] ?? b.category}</span>
      <span class="badge tag authority-${b.authority.toLowerCase()}"
        >${capitalized(BLOCKER_AUTHORITY_LABELS[b.authority] ?? b.authority)}</span
      >
      <span class="muted">· ghi nhận ${day(b.createdAt)}</span>
    </p>
    <p class="prose">${b.description}</p>
    ${
      b.resolution
        ? html`<p class="resolution"><strong>Cách giải quyết:</strong> ${b.resolution}</p>`
        : ''
    }
    ${
      canResolve || canWithdraw
        ? html`<div class="blocker-actions">
            ${
              canResolve
                ? html`<details class="action" ${resolveForm ? html` open` : ''}>
                    <summary>Đánh dấu đã giải quyết</summary>
                    <form method="post" action="/vuong-mac/${b.id}/giai-quyet" novalidate>
                      ${hidden} ${formMessage(resolveForm)}
                      ${textarea(resolveForm, {
                        name: 'resolution',
                        form: `resolve-${b.id}`,
                        label: 'Cách giải quyết',
                        required: true,
                        rows: 3,
                      })}
                      <button type="submit" class="primary">Xác nhận đã giải quyết</button>
                    </form>
                  </details>`
                : ''
            }
            ${
              canWithdraw
                ? html`<details class="action" ${withdrawForm ? html` open` : ''}>
                    <summary>Rút vướng mắc</summary>
                    <form method="post" action="/vuong-mac/${b.id}/rut" novalidate>
                      ${hidden} ${formMessage(withdrawForm)}
                      ${textarea(withdrawForm, {
                        name: 'reason',
                        form: `withdraw-${b.id}`,
                        label: 'Vì sao rút vướng mắc',
                        required: true,
                        rows: 3,
                      })}
                      <button type="submit" class="danger">Rút vướng mắc</button>
                    </form>
                  </details>`
                : ''
            }
          </div>`
        : ''
    }
  </li>`;
}

function recommendationsCard(data: PilotPageData): Html {
  return html`<section class="card recs-card" aria-labelledby="recs-title" id="kien-nghi">
    <h2 id="recs-title">Kiến nghị Trung ương liên quan</h2>
    ${
      data.recommendations.length === 0
        ? empty('Chưa có kiến nghị nào về vướng mắc của mô hình này.')
        : html`<div class="table-wrap">
              <table class="recs">
                <thead>
                  <tr>
                    <th scope="col">Văn bản</th>
                    <th scope="col">Nơi nhận</th>
                    <th scope="col">Trạng thái</th>
                    <th scope="col">Hạn trả lời</th>
                    <th scope="col" class="num">Quá hạn</th>
                  </tr>
                </thead>
                <tbody>
                  ${data.recommendations.map(
                    (r) =>
                      html`<tr>
                        <th scope="row">
                          <a class="doc" href="/kien-nghi/${r.id}"
                            >${r.documentNumber ? `Số ${r.documentNumber}` : 'Dự thảo (chưa có số)'}</a
                          >
                          ${r.letterDate ? html`<span class="muted nowrap"> ngày ${day(r.letterDate)}</span>` : ''}
                          <span class="summary muted">${shortened(r.summary, 180)}</span>
                        </th>
                        <td>${r.addressees.map((a) => a.name).join('; ')}</td>
                        <td>
                          ${recommendationStateBadge(r.state)}
                          ${levelBadge(r.activeEscalationLevel, data.levelNames.get(r.activeEscalationLevel))}
                        </td>
                        <td class="nowrap">
                          ${r.responseDueAt ? day(r.responseDueAt) : html`<span class="muted">—</span>`}
                        </td>
                        <td class="num">
                          ${
                            r.overdue
                              ? html`<span class="badge overdue"
                                  >${r.workingDaysOverdue} ngày</span
                                >`
                              : html`<span class="muted">Không</span>`
                          }
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>
            <p class="muted note">Số ngày quá hạn tính theo ngày làm việc.</p>`
    }
  </section>`;
}
