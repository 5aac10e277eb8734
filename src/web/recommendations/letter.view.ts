import { can } from '../../access/domain/permissions.js';
import { html, type Html } from '../../common/html.js';
import { levelBadge, recommendationStateBadge } from '../components/badges.js';
import { csrfField, errorAlert } from '../components/fields.js';
import { day, moment } from '../components/format.js';
import type { FormState } from '../components/forms.js';
import { empty, noValue } from '../components/tables.js';
import { timelineCard, type TimelineItem } from '../components/timeline.js';
import type { TimelinePaging } from '../components/timeline-sources.js';
import { WORDS } from '../labels.js';
import type { WebContext } from '../web-request.js';
import { eventsTable, type EscalationEventView } from './escalations.view.js';
import { actionForm, actionsOf, type ActionKey } from './letter-actions.view.js';
import { editDraftLink } from './edit-letter.view.js';
import { addresseesWithHolders, heldBadge } from './addressee-holders.view.js';
import { answerLinksSlot } from './answer-links.view.js';
import { levelName } from './letters.js';
import { notificationsTable } from './notifications.view.js';
import type { Schemas } from '../in-process-api.js';

type EscalationPolicy = Schemas['EscalationPolicyView'];
type NotificationView = Schemas['NotificationView'];
type RecommendationView = Schemas['RecommendationView'];

export interface DetailModel {
  letter: RecommendationView;
  policy: EscalationPolicy;
  events: EscalationEventView[];
  /** null: the role may not read the outbox. */
  notifications: NotificationView[] | null;
  /** The form that failed, with the user's values and the API's message. */
  failed?: { action: ActionKey | 'thong-bao' | 'binh-luan'; form: FormState };
  /** Answers, escalation events, comments and the audit trail, newest first (components/timeline.ts). */
  timeline?: TimelineItem[];
  /** The timeline's page (`?lich-su=N`): older audit entries are on later pages. */
  timelinePaging?: TimelinePaging;
  /** "Văn bản đính kèm": the letter's and its answers' files (src/web/attachments). */
  documents?: Html;
}

function letterTitle(r: RecommendationView): string {
  return r.documentNumber ? `Kiến nghị số ${r.documentNumber}` : 'Dự thảo kiến nghị (chưa có số)';
}

/** The follow-up letter's download; under its own heading beside the secretariat's actions. */
function followUp(r: RecommendationView, besideActions: boolean): Html {
  if (!r.followUpLetter) return html``;
  const ready = r.followUpLetter.canDraft;
  return html`<section
    class="follow-up"
    aria-labelledby="${besideActions ? 'cong-van-don-doc' : 'thao-tac'}"
  >
    ${besideActions ? html`<h3 id="cong-van-don-doc">Công văn đôn đốc</h3>` : ''}
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
    <dd>${r.documentNumber ?? html`<span class="muted">${WORDS.notYet}</span>`}</dd>
    <dt>Ngày văn bản</dt>
    <dd>${r.letterDate ? day(r.letterDate) : html`<span class="muted">${WORDS.notYet}</span>`}</dd>
    <dt>Cơ quan gửi</dt>
    <dd>${r.senderAgency?.name ?? noValue()}</dd>
    <dt>Gửi lúc</dt>
    <dd>${r.sentAt ? moment(r.sentAt) : html`<span class="muted">Chưa gửi</span>`}</dd>
    <dt>Hạn trả lời</dt>
    <dd>
      ${r.responseDueAt ? moment(r.responseDueAt) : noValue()}
      ${r.cycle > 1 ? html` <span class="muted">(lần gửi thứ ${r.cycle})</span>` : ''}
    </dd>
    <dt>Quá hạn</dt>
    <dd>${overdueFact(r)}</dd>
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

/** Overdue now; or not, but answered late (the latest answer's delay), which a bare "Không" hid. */
function overdueFact(r: RecommendationView): Html {
  if (r.overdue)
    return html`<span class="overdue-days">${r.workingDaysOverdue} ngày làm việc</span>`;
  const late = Math.max(0, ...r.addressees.map((a) => a.answeredLateWorkingDays ?? 0));
  return late > 0
    ? html`Không; đã trả lời muộn ${late} ngày làm việc so với hạn`
    : html`<span class="muted">${WORDS.no}</span>`;
}

function agencyList(kind: string, agencies: RecommendationView['distribution']): Html {
  return html`<ul class="${kind}">
    ${agencies.map((a) => html`<li>${a.name} <span class="muted">(${a.code})</span></li>`)}
  </ul>`;
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
              : html`<span class="muted">${b.topic ?? WORDS.generalBlocker}</span>`
          }
          – <a href="/vuong-mac/${b.id}">${b.title}</a>
        </li>`,
    )}
  </ul>`;
}

/** Who answered, for which addressee; an answer recorded before per-addressee tracking may have none yet. */
function answerer(r: RecommendationView, x: RecommendationView['responses'][number]): Html {
  const addressee = r.addressees.find((a) => a.code === x.addresseeCode);
  if (!addressee)
    return html`<span class="badge held" title="Ghi nhận trước khi theo dõi riêng từng cơ quan"
      >Chưa rõ cơ quan nào trả lời</span
    >`;
  const by =
    x.answeredBy && x.answeredBy.code !== addressee.code
      ? ` (${x.answeredBy.name} trả lời thay)`
      : '';
  return html`<strong>${addressee.name}</strong>${by}`;
}

/** For the secretariat: say whose an answer recorded before per-addressee tracking is. */
function assignForm(
  web: WebContext,
  r: RecommendationView,
  x: RecommendationView['responses'][number],
): Html {
  if (x.addresseeCode || !can(web.actor.role, 'letters.record')) return html``;
  return html`<form
    method="post"
    action="/kien-nghi/${r.id}/tra-loi/${x.id}/gan"
    class="assign-answer"
    novalidate
  >
    ${csrfField(web)}
    <input type="hidden" name="version" value="${r.version}" />
    <label for="gan-${x.id}">Văn bản này trả lời cho</label>
    <select id="gan-${x.id}" name="addresseeCode">
      ${r.addressees.map((a) => html`<option value="${a.code}">${a.name}</option>`)}
    </select>
    <button type="submit">Gán cơ quan trả lời</button>
  </form>`;
}

function responsesList(web: WebContext, r: RecommendationView): Html {
  if (r.responses.length === 0) return empty('Chưa có văn bản trả lời.');
  return html`<ol class="timeline responses">
    ${r.responses.map(
      (x) =>
        html`<li data-response="${x.id}">
          <div class="when">
            ${answerer(r, x)} · Văn bản số <strong>${x.documentNumber}</strong> ngày ${day(x.date)}
            · ${x.channel === 'ADDRESSEE_LINK' ? 'cơ quan tự gửi qua liên kết trả lời' : 'ghi nhận'}
            lúc ${moment(x.recordedAt)}${x.cycle < r.cycle ? ` · lần gửi thứ ${x.cycle}` : ''}
          </div>
          <p class="reason text">${x.summary}</p>
          ${assignForm(web, r, x)}
        </li>`,
    )}
  </ol>`;
}

export function detailBody(web: WebContext, m: DetailModel): Html {
  const r = m.letter;
  const recorder = can(web.actor.role, 'letters.record');
  const actions = actionsOf(r);
  const failedAction = m.failed?.action;
  // The API's message goes in the form that failed when it is on the page, else on top.
  const inForm =
    failedAction === 'thong-bao'
      ? m.notifications !== null
      : failedAction === 'binh-luan' || actions.some((a) => a === failedAction);
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
          ${r.heldSuccession ? heldBadge() : ''}
        </p>
      </div>
      ${editDraftLink(web, r)}
    </div>
    ${errorAlert(message)}
    <div class="grid-2 rec-detail">
      <div>
        <section class="card" aria-labelledby="thong-tin">
          <h2 id="thong-tin">Thông tin văn bản</h2>
          ${facts(r, m.policy)}
          <h3>Nội dung kiến nghị</h3>
          <p class="text">${r.summary}</p>
          <h3>Cơ quan nhận kiến nghị</h3>
          ${addresseesWithHolders(web, r)}
          <h3>Nơi nhận (để biết)</h3>
          ${
            r.distribution.length
              ? agencyList('distribution', r.distribution)
              : empty('Văn bản không ghi nơi nhận khác.')
          }
          <h3>Vướng mắc liên quan</h3>
          ${blockersList(r)}
        </section>
        <section class="card" aria-labelledby="tra-loi">
          <h2 id="tra-loi">Văn bản trả lời</h2>
          ${responsesList(web, r)}
        </section>
        ${m.documents ?? ''} ${answerLinksSlot(web, r)}
      </div>
      ${
        recorder || actions.length || r.followUpLetter
          ? html` <aside class="card side" aria-labelledby="thao-tac">
              <h2 id="thao-tac">${recorder || actions.length ? 'Thao tác' : 'Công văn đôn đốc'}</h2>
              ${
                actions.length
                  ? actions.map((key, i) =>
                      actionForm(web, r, key, m.failed, i === 0 && r.state !== 'ANSWERED'),
                    )
                  : recorder
                    ? html`<p class="muted">Kiến nghị đã kết thúc: không còn thao tác nào.</p>`
                    : ''
              }
              ${followUp(r, recorder || actions.length > 0)}
            </aside>`
          : ''
      }
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
    }
    ${
      m.timeline
        ? timelineCard(web, {
            items: m.timeline,
            commentAction: `/kien-nghi/${r.id}/binh-luan`,
            commentForm: failedAction === 'binh-luan' ? m.failed?.form : undefined,
            paging: m.timelinePaging && { ...m.timelinePaging, path: `/kien-nghi/${r.id}` },
          })
        : ''
    }`;
}
