import { html, type Html } from '../../common/html.js';
import type { Schemas } from '../in-process-api.js';
import {
  BLOCKER_STATE_LABELS,
  PILOT_STATE_LABELS,
  RECOMMENDATION_STATE_LABELS,
} from '../labels.js';
import type { WebContext } from '../web-request.js';
import { csrfField, formMessage, textarea } from './fields.js';
import { moment } from './format.js';
import type { FormState } from './forms.js';
import { empty } from './tables.js';
import { TIMELINE_PAGE_PARAM, type TimelinePaging } from './timeline-sources.js';

/*
 * The one home of an object's timeline (issue 16, item 5): the pilot, blocker and letter pages
 * hand it what the API told them — state moves, comments, escalation events, answers and the
 * object's audit trail — and it merges them, newest first, each with who and when in
 * Vietnamese. What one source already shows is not shown again from another: a pilot's move is
 * in its history, so its `pilot.transition` entry is left out; a comment shows itself (with its
 * "đã sửa" mark), so `comment.add` and `comment.edit` are left out; an answer shows itself, so
 * `recommendation.respond` is left out. A deleted comment leaves only "Xóa một bình luận": its
 * text stays in the API's trail, not on the page.
 */

type CommentView = Schemas['CommentView'];
type AuditView = Schemas['AuditView'];

export type TimelineKind = 'state' | 'comment' | 'escalation' | 'answer' | 'audit';

export interface TimelineItem {
  /** ISO instant. */
  at: string;
  kind: TimelineKind;
  /** Who did it, as the page names them; null: the system. */
  who: string | null;
  /** What happened, one line. */
  title: Html;
  /** Text below it (a reason, a summary), kept as written. */
  detail?: string;
  /** For a comment: the comment itself (its edit and delete forms). */
  comment?: CommentView;
}

const SYSTEM = 'Hệ thống';

/** Newest first; items at the same instant keep the order the sources gave (stable sort). */
export function mergeTimeline(...sources: TimelineItem[][]): TimelineItem[] {
  return sources.flat().sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** A pilot's state moves (`GET /pilots/{n}/history`). */
export function historyItems(history: Schemas['HistoryEntry'][]): TimelineItem[] {
  return history.map((h) => ({
    at: h.at,
    kind: 'state',
    who: h.actor?.name ?? null,
    title: h.from
      ? html`${PILOT_STATE_LABELS[h.from]} <span aria-hidden="true">→</span
          ><span class="sr-only"> sang </span> <strong>${PILOT_STATE_LABELS[h.to]}</strong>`
      : html`Ghi nhận ban đầu: <strong>${PILOT_STATE_LABELS[h.to]}</strong>`,
    detail: h.reason ? `Lý do: ${h.reason}` : undefined,
  }));
}

export function commentItems(comments: CommentView[]): TimelineItem[] {
  return comments.map((c) => ({
    at: c.createdAt,
    kind: 'comment',
    who: c.author.name,
    title: html`Bình luận`,
    detail: c.body,
    comment: c,
  }));
}

/** A letter's escalation events (`GET /recommendations/{id}/escalations`): the system's. */
export function escalationItems(events: Schemas['EscalationEventView'][]): TimelineItem[] {
  return events.map((e) => ({
    at: e.occurredAt,
    kind: 'escalation',
    who: null,
    title:
      e.outcome === 'FIRED'
        ? html`Đôn đốc mức ${e.level}
          (${e.levelName})${e.repeat > 0 ? `, nhắc lại lần ${e.repeat}` : ''}: quá hạn
          ${e.workingDaysOverdue} ngày làm việc`
        : html`Bỏ qua mức ${e.level} (${e.levelName}): kiến nghị được nhập khi đã quá mức này`,
  }));
}

/** A letter's answers, as recorded (`RecommendationView.responses`). */
export function answerItems(letter: Schemas['RecommendationView']): TimelineItem[] {
  return letter.responses.map((x) => {
    const addressee = letter.addressees.find((a) => a.code === x.addresseeCode);
    const by = addressee?.name ?? x.answeredBy?.name ?? 'Cơ quan nhận kiến nghị';
    return {
      at: x.recordedAt,
      kind: 'answer',
      who: x.channel === 'ADDRESSEE_LINK' ? `${by} (qua liên kết trả lời)` : null,
      title: html`${by} trả lời: văn bản số <strong>${x.documentNumber}</strong>`,
      detail: x.summary,
    };
  });
}

/** Audit actions shown by another source of the same page (see the note on top). */
const SHOWN_ELSEWHERE = new Set([
  'pilot.transition',
  'comment.add',
  'comment.edit',
  'recommendation.respond',
]);

/** What an audited change was, in Vietnamese. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'pilot.transition': 'Chuyển trạng thái mô hình',
  'pilot.succession': 'Đổi đơn vị chủ trì theo sắp xếp tổ chức',
  'blocker.create': 'Nêu vướng mắc',
  'blocker.update': 'Sửa nội dung vướng mắc',
  'blocker.resolve': 'Giải quyết vướng mắc',
  'blocker.withdraw': 'Rút vướng mắc',
  'blocker.reopen': 'Mở lại vướng mắc',
  'letterRequest.file': 'Đề nghị Tổ công tác gửi kiến nghị',
  'letterRequest.draft': 'Đề nghị gửi kiến nghị được soạn thành dự thảo',
  'letterRequest.decline': 'Tổ công tác không gửi kiến nghị theo đề nghị',
  'letterRequest.withdraw': 'Rút đề nghị gửi kiến nghị',
  'recommendation.create': 'Tạo kiến nghị',
  'recommendation.update': 'Sửa dự thảo kiến nghị',
  'recommendation.send': 'Gửi kiến nghị',
  'recommendation.respond': 'Ghi nhận văn bản trả lời',
  'recommendation.answered': 'Các cơ quan đã trả lời đủ',
  'recommendation.close': 'Đóng kiến nghị',
  'recommendation.withdraw': 'Rút kiến nghị',
  'recommendation.reopen': 'Mở lại kiến nghị (gửi lại, hạn mới)',
  'recommendation.addressee.acknowledge': 'Cơ quan xác nhận đã nhận kiến nghị',
  'recommendation.addressee.release': 'Thôi chờ trả lời của một cơ quan',
  'recommendation.addressee.due': 'Đổi hạn trả lời của một cơ quan',
  'recommendation.response.assign': 'Gán văn bản trả lời cho cơ quan',
  'recommendation.chooseHolder': 'Chọn cơ quan kế thừa nhận kiến nghị',
  'recommendation.answerLink.send': 'Gửi liên kết trả lời cho cơ quan',
  'recommendation.answerLink.revoke': 'Thu hồi liên kết trả lời',
  'attachment.upload': 'Tải lên tệp đính kèm',
  'attachment.delete': 'Xóa tệp đính kèm',
  'comment.add': 'Bình luận',
  'comment.edit': 'Sửa bình luận',
  'comment.delete': 'Xóa một bình luận',
};

type StateLabels = Record<string, string>;
const STATE_LABELS: Record<string, StateLabels> = {
  blocker: BLOCKER_STATE_LABELS,
  recommendation: RECOMMENDATION_STATE_LABELS,
};

const field = (value: unknown, name: string): unknown =>
  value !== null && typeof value === 'object'
    ? (value as Record<string, unknown>)[name]
    : undefined;

/** The note a change carried (a reason, a resolution, a file's name), when its entry keeps one. */
function noteOf(e: AuditView): string | undefined {
  for (const name of ['resolution', 'reason', 'closingReason', 'note', 'fileName']) {
    const value = field(e.after, name);
    if (typeof value === 'string' && value.trim()) return value;
  }
  return undefined;
}

/**
 * The object's audit trail (`GET /audit`), less what the page shows from another source. A
 * change of a blocker's or a letter's state reads as a state move ("Đang mở → Đã giải quyết").
 */
export function auditItems(entries: AuditView[]): TimelineItem[] {
  return entries
    .filter((e) => !SHOWN_ELSEWHERE.has(e.action))
    .map((e): TimelineItem => {
      const labels = STATE_LABELS[e.entityType];
      const [from, to] = [field(e.before, 'state'), field(e.after, 'state')];
      const label = AUDIT_ACTION_LABELS[e.action] ?? `Thay đổi khác (${e.action})`;
      const moved = labels && typeof to === 'string' && from !== to && labels[to];
      return {
        at: e.at,
        kind: moved ? 'state' : 'audit',
        who: e.actor.name ?? (e.actor.id === null ? null : e.actor.email),
        title: moved
          ? html`${label}:
              ${
                typeof from === 'string' && labels[from]
                  ? html`${labels[from]} <span aria-hidden="true">→</span
                      ><span class="sr-only"> sang </span> `
                  : ''
              }<strong>${labels[to]}</strong>`
          : html`${label}`,
        detail: noteOf(e),
      };
    });
}

const KIND_LABELS: Record<TimelineKind, string> = {
  state: 'Trạng thái',
  comment: 'Bình luận',
  escalation: 'Đôn đốc',
  answer: 'Trả lời',
  audit: 'Nhật ký',
};

export interface TimelineCardOptions {
  items: TimelineItem[];
  /** Where the comment form posts (`/mo-hinh/6/binh-luan`). */
  commentAction: string;
  /** The comment form after a refusal, with what was typed. */
  commentForm?: FormState;
  /** The heading's id, unique on the page. */
  id?: string;
  /** Which page of the timeline this is, and the page's address, for the links to the others. */
  paging?: TimelinePaging & { path: string };
}

/** The card: a comment form, then every item newest first. */
export function timelineCard(web: WebContext, o: TimelineCardOptions): Html {
  const id = o.id ?? 'dong-thoi-gian';
  return html`<section class="card timeline-card" aria-labelledby="${id}-title" id="${id}">
    <h2 id="${id}-title">Lịch sử và bình luận</h2>
    <form method="post" action="${o.commentAction}" class="comment-form" novalidate>
      ${csrfField(web)} ${formMessage(o.commentForm)}
      ${textarea(o.commentForm, {
        name: 'body',
        form: 'binh-luan',
        label: 'Bình luận',
        hint: 'Mọi người dùng đã đăng nhập đều đọc được; tối đa 4.000 ký tự.',
        required: true,
        rows: 3,
      })}
      <button type="submit" class="primary">Gửi bình luận</button>
    </form>
    ${
      o.items.length === 0
        ? empty('Chưa có thay đổi hay bình luận nào được ghi nhận.')
        : html`<ol class="timeline merged">
            ${o.items.map((item) => itemView(web, item))}
          </ol>`
    }
    ${o.paging ? pagingLinks(o.paging, id) : ''}
  </section>`;
}

/**
 * "Xem thêm (cũ hơn)" while older entries remain, and the way back to newer ones; nothing when
 * the whole timeline fits one page.
 */
function pagingLinks(p: TimelinePaging & { path: string }, id: string): Html {
  if (p.pages <= 1) return html``;
  const href = (page: number) =>
    `${p.path}${page === 1 ? '' : `?${TIMELINE_PAGE_PARAM}=${page}`}#${id}`;
  return html`<nav class="timeline-pages" aria-label="Các trang lịch sử">
    ${p.page > 1 ? html`<a href="${href(p.page - 1)}" rel="prev">← Mới hơn</a>` : ''}
    <span class="muted">Trang ${p.page}/${p.pages}</span>
    ${p.after !== null ? html`<a href="${href(p.page + 1)}" rel="next">Xem thêm (cũ hơn) →</a>` : ''}
  </nav>`;
}

function itemView(web: WebContext, item: TimelineItem): Html {
  const c = item.comment;
  return html`<li
    class="tl-${item.kind}"
    data-kind="${item.kind}"
    ${c ? html` id="binh-luan-${c.id}"` : ''}
  >
    <div class="when">
      <span class="tl-kind">${KIND_LABELS[item.kind]}</span> ·
      <time datetime="${item.at}">${moment(item.at)}</time> · ${item.who ?? SYSTEM}
      ${
        c?.editedAt
          ? html` · <span class="edited" title="Sửa lúc ${moment(c.editedAt)}">đã sửa</span>`
          : ''
      }
    </div>
    ${item.kind === 'comment' ? '' : html`<div class="move">${item.title}</div>`}
    ${item.detail ? html`<p class="reason">${item.detail}</p>` : ''}
    ${c ? commentActions(web, c) : ''}
  </li>`;
}

/** The page a comment lives on. */
export function pageOf(c: CommentView): string {
  return c.on.type === 'pilot'
    ? `/mo-hinh/${c.on.pilotNumber}`
    : c.on.type === 'blocker'
      ? `/vuong-mac/${c.on.id}`
      : `/kien-nghi/${c.on.id}`;
}

/** The author's edit form and the delete button (author or secretariat), as the API allows. */
function commentActions(web: WebContext, c: CommentView): Html {
  if (!c.canEdit && !c.canDelete) return html``;
  const back = html`<input type="hidden" name="back" value="${pageOf(c)}" />`;
  return html`<div class="comment-actions">
    ${
      c.canEdit
        ? html`<details class="action">
            <summary>Sửa</summary>
            <form method="post" action="/binh-luan/${c.id}/sua" novalidate>
              ${csrfField(web)} ${back}
              <input type="hidden" name="version" value="${c.version}" />
              ${textarea(undefined, {
                name: 'body',
                form: `sua-${c.id}`,
                label: 'Nội dung mới',
                value: c.body,
                required: true,
                rows: 3,
              })}
              <button type="submit">Lưu bình luận</button>
            </form>
          </details>`
        : ''
    }
    ${
      c.canDelete
        ? html`<form method="post" action="/binh-luan/${c.id}/xoa" class="inline">
            ${csrfField(web)} ${back}
            <button type="submit" class="link danger">Xóa bình luận</button>
          </form>`
        : ''
    }
  </div>`;
}
