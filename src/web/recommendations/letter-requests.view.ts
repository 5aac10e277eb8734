import { html, type Html } from '../../common/html.js';
import { draftSummary } from '../../letter-requests/domain/letter-request-lifecycle.js';
import { csrfField, formMessage, select, textarea } from '../components/fields.js';
import { day } from '../components/format.js';
import type { FormState } from '../components/forms.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import { WORDS } from '../labels.js';
import type { WebContext } from '../web-request.js';

type LetterRequestView = Schemas['LetterRequestView'];
type UncoveredBlockerView = Schemas['UncoveredBlockerView'];

export interface QueueModel {
  queue: Schemas['LetterRequestQueueView'];
  /** The agencies a letter may be asked of today, central ones first. */
  agencies: [string, string][];
  /** Forms refused, by key (`draft-<id>`, `decline-<id>`, `blocker-<id>`). */
  forms: Record<string, FormState>;
}

/** The field names of these forms, as the API's problems name them. */
export const QUEUE_FIELD_LABELS: Record<string, string> = {
  summary: 'Nội dung kiến nghị',
  reason: WORDS.reason,
  addresseeCodes: 'Cơ quan nhận',
  version: WORDS.version,
};

function where(pilot: { number: number; name: string } | null, topic: string | null): Html {
  return pilot
    ? html`<a href="/mo-hinh/${pilot.number}">Mô hình số ${pilot.number}</a> – ${pilot.name}`
    : html`${WORDS.generalBlocker}${topic ? html`: ${topic}` : ''}`;
}

function leads(agencies: { name: string }[]): Html {
  return agencies.length
    ? html`<span class="muted">Đơn vị chủ trì: ${agencies.map((a) => a.name).join('; ')}</span>`
    : html``;
}

const age = (days: number) => (days === 0 ? 'hôm nay' : `${days} ngày`);

function requestItem(web: WebContext, r: LetterRequestView, m: QueueModel): Html {
  const draftForm = m.forms[`draft-${r.id}`];
  const declineForm = m.forms[`decline-${r.id}`];
  return html`<li class="queue-item" data-letter-request="${r.id}">
    <p class="queue-where">${where(r.pilot, r.blocker.topic)} ${leads(r.leadAgencies)}</p>
    <h3>${r.blocker.title}</h3>
    <dl class="facts">
      <dt>Đề nghị gửi đến</dt>
      <dd><strong>${r.addressee.name}</strong> <span class="muted">(${r.addressee.code})</span></dd>
      <dt>Đề nghị</dt>
      <dd class="prose">${r.question}</dd>
      <dt>Vì sao cản trở mô hình</dt>
      <dd class="prose">${r.impact}</dd>
      <dt>Người đề nghị</dt>
      <dd>
        ${r.requestedBy?.name ?? 'Hệ thống'}${r.requestingAgency ? html` · ${r.requestingAgency.name}` : ''}
        <span class="muted">· ${day(r.createdAt)} (chờ ${age(r.ageDays)})</span>
      </dd>
    </dl>
    <div class="queue-actions">
      <form method="post" action="/kien-nghi/de-nghi/${r.id}/du-thao" novalidate>
        ${csrfField(web)}
        <input type="hidden" name="version" value="${r.version}" />
        ${formMessage(draftForm)}
        ${textarea(draftForm, {
          name: 'summary',
          form: `draft-${r.id}`,
          label: 'Nội dung dự thảo kiến nghị',
          required: true,
          rows: 4,
          value: draftSummary(r),
        })}
        <button type="submit" class="primary">Soạn dự thảo kiến nghị</button>
      </form>
      <details class="action" ${declineForm ? html` open` : ''}>
        <summary>Không gửi kiến nghị (từ chối)</summary>
        <form method="post" action="/kien-nghi/de-nghi/${r.id}/tu-choi" novalidate>
          ${csrfField(web)}
          <input type="hidden" name="version" value="${r.version}" />
          ${formMessage(declineForm)}
          ${textarea(declineForm, {
            name: 'reason',
            form: `decline-${r.id}`,
            label: 'Vì sao không gửi kiến nghị',
            required: true,
            rows: 3,
          })}
          <button type="submit" class="danger">Từ chối đề nghị</button>
        </form>
      </details>
    </div>
  </li>`;
}

function blockerItem(web: WebContext, b: UncoveredBlockerView, m: QueueModel): Html {
  const form = m.forms[`blocker-${b.blocker.id}`];
  return html`<li class="queue-item" data-blocker="${b.blocker.id}">
    <p class="queue-where">${where(b.pilot, b.blocker.topic)} ${leads(b.leadAgencies)}</p>
    <h3>${b.blocker.title}</h3>
    <p class="muted">
      Nêu ngày ${day(b.since)}
      (${age(b.ageDays)})${
        b.draftIds.length
          ? html` · đã có dự thảo:
            ${b.draftIds.map(
              (id, i) => html`${i ? ', ' : ''}<a href="/kien-nghi/${id}">${WORDS.draftNumber}</a>`,
            )}`
          : ''
      }
    </p>
    <details class="action" ${form ? html` open` : ''}>
      <summary>Soạn dự thảo kiến nghị</summary>
      <form method="post" action="/kien-nghi/de-nghi/vuong-mac/${b.blocker.id}/du-thao" novalidate>
        ${csrfField(web)} ${formMessage(form)}
        ${select(form, {
          name: 'addresseeCodes',
          form: `blocker-${b.blocker.id}`,
          label: 'Cơ quan nhận kiến nghị',
          required: true,
          options: [['', 'Chọn cơ quan'], ...m.agencies],
        })}
        ${textarea(form, {
          name: 'summary',
          form: `blocker-${b.blocker.id}`,
          label: 'Nội dung dự thảo kiến nghị',
          required: true,
          rows: 4,
          value: `Đề nghị hướng dẫn, tháo gỡ vướng mắc: ${b.blocker.title}.`,
        })}
        <button type="submit" class="primary">Soạn dự thảo kiến nghị</button>
      </form>
    </details>
  </li>`;
}

/** The secretariat's queue "Đề nghị kiến nghị". */
export function queueBody(web: WebContext, m: QueueModel): Html {
  const { requests, uncoveredBlockers } = m.queue;
  return html`<nav class="breadcrumb" aria-label="Vị trí">
      <a href="/kien-nghi">Kiến nghị Trung ương</a> › Đề nghị kiến nghị
    </nav>
    <div class="page-head">
      <div>
        <h1>Đề nghị kiến nghị</h1>
        <p class="muted">
          Đề nghị của các đơn vị chủ trì và các vướng mắc thẩm quyền Trung ương chưa có văn bản kiến
          nghị đã gửi; chờ lâu nhất ở đầu danh sách.
        </p>
      </div>
    </div>
    <section class="card queue" aria-labelledby="queue-requests-title" id="de-nghi">
      <h2 id="queue-requests-title">Đề nghị của các đơn vị (${requests.length})</h2>
      ${
        requests.length === 0
          ? empty('Không có đề nghị nào đang chờ xử lý.')
          : html`<ul class="queue-list">
              ${requests.map((r) => requestItem(web, r, m))}
            </ul>`
      }
    </section>
    <section
      class="card queue"
      aria-labelledby="queue-blockers-title"
      id="vuong-mac-chua-kien-nghi"
    >
      <h2 id="queue-blockers-title">
        Vướng mắc thẩm quyền Trung ương chưa có kiến nghị đã gửi (${uncoveredBlockers.length})
      </h2>
      ${
        uncoveredBlockers.length === 0
          ? empty('Mọi vướng mắc thẩm quyền Trung ương đang mở đều đã có kiến nghị đã gửi.')
          : html`<ul class="queue-list">
              ${uncoveredBlockers.map((b) => blockerItem(web, b, m))}
            </ul>`
      }
    </section>`;
}
