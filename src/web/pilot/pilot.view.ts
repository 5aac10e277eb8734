import { html, type Html } from '../../common/html.js';
import { blockedBadge, pilotStateBadge } from '../components/badges.js';
import { csrfField, formMessage, textarea } from '../components/fields.js';
import { day, period } from '../components/format.js';
import { timelineCard } from '../components/timeline.js';
import type { FormState } from '../components/forms.js';
import type { Schemas } from '../in-process-api.js';
import { page } from '../components/layout.js';
import { empty } from '../components/tables.js';
import { PILOT_STATE_LABELS, WORDS } from '../labels.js';
import type { WebContext } from '../web-request.js';
import { blockersCard } from './blockers.view.js';
import { pilotIndicatorsCard } from './indicators.view.js';
import { milestonesCard } from './milestones.view.js';
import { letterRequestsCard } from './letter-requests.view.js';
import { lettersCard } from './letters.view.js';
import { formOf, type PilotPageData, type PilotPageState } from './pilot-page.js';
import { reportsCard } from './reports.view.js';

type PilotView = Schemas['PilotView'];
type PilotMoveView = Schemas['PilotMoveView'];

const RULE_NOTES: Record<PilotMoveView['rule'], string> = {
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
    styles: ['pilot.css', 'timeline.css'],
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
          ${pilotStateBadge(pilot.state)} ${pilot.blocked ? html` ${blockedBadge()}` : ''}
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
          ${milestonesCard(web, data, state, writer)} ${letterRequestsCard(web, data, state)}
          ${reportsCard(web, data, state, writer)} ${pilotIndicatorsCard(data)} ${lettersCard(data)}
        </div>
        <div class="pilot-side">
          ${movesCard(web, data, state)}
          ${timelineCard(web, {
            items: data.timeline,
            commentAction: `/mo-hinh/${pilot.number}/binh-luan`,
            commentForm: formOf(state, 'comment'),
            paging: { ...data.timelinePaging, path: `/mo-hinh/${pilot.number}` },
          })}
        </div>
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
            ? html`${blockedBadge()} ${pilot.openBlockers} vướng mắc chưa giải quyết`
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
            : html`<span class="muted">${WORDS.notYet}</span>`
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
  // Someone who may not move the pilot is not told so: the state is in the page's heading.
  if (!pilot.canWrite) return html``;
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
        ${m.problems.length ? html` aria-describedby="${key}-why" disabled` : ''}
      >
        Chuyển sang ${label}
      </button>
    </form>
  </details>`;
}
