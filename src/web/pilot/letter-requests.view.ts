import { html, type Html } from '../../common/html.js';
import { letterRequestStateBadge } from '../components/badges.js';
import { csrfField, formMessage, select, textarea } from '../components/fields.js';
import { day } from '../components/format.js';
import type { FormState } from '../components/forms.js';
import type { Schemas } from '../in-process-api.js';
import { WORDS } from '../labels.js';
import type { WebContext } from '../web-request.js';
import { isAskable, mayAsk } from './letter-requests.js';
import { formOf, type PilotPageData, type PilotPageState } from './pilot-page.js';

type LetterRequestView = Schemas['LetterRequestView'];

/**
 * The officer's hand-off: for each open CENTRAL blocker of the pilot, a form asking the
 * secretariat to send a letter (what to ask, of which agency, why it blocks the pilot), and the
 * requests already made with their state. Nothing when the pilot has neither.
 */
export function letterRequestsCard(
  web: WebContext,
  data: PilotPageData,
  state: PilotPageState,
): Html {
  const asks = mayAsk(web, data.pilot);
  const shown = data.blockers.filter(
    (b) => (asks && isAskable(b)) || data.letterRequests.some((r) => r.blocker.id === b.id),
  );
  if (shown.length === 0) return html``;
  return html`<section
    class="card letter-requests-card"
    aria-labelledby="letter-requests-title"
    id="de-nghi-kien-nghi"
  >
    <h2 id="letter-requests-title">Đề nghị gửi kiến nghị Trung ương</h2>
    <p class="muted">
      Vướng mắc vượt thẩm quyền của tỉnh: đề nghị Tổ công tác gửi văn bản kiến nghị đến Bộ, ngành
      Trung ương. Thư ký Tổ công tác được báo qua email.
    </p>
    <ul class="blockers letter-requests">
      ${shown.map((b) =>
        blockerRequests(
          web,
          data,
          b,
          data.letterRequests.filter((r) => r.blocker.id === b.id),
          asks && isAskable(b),
          formOf(state, `letter-request-${b.id}`),
        ),
      )}
    </ul>
  </section>`;
}

function blockerRequests(
  web: WebContext,
  data: PilotPageData,
  b: Schemas['BlockerView'],
  requests: LetterRequestView[],
  askable: boolean,
  form: FormState | undefined,
): Html {
  const key = `letter-request-${b.id}`;
  return html`<li class="blocker" id="de-nghi-${b.id}" data-blocker="${b.id}">
    <h3>${b.title}</h3>
    ${
      requests.length
        ? html`<ul class="plain requests">
            ${requests.map((r) => requestItem(web, data, r))}
          </ul>`
        : ''
    }
    ${
      askable
        ? html`<details class="action" ${form ? html` open` : ''}>
            <summary>Đề nghị gửi kiến nghị</summary>
            <form method="post" action="/mo-hinh/${data.pilot.number}/de-nghi-kien-nghi" novalidate>
              ${csrfField(web)}
              <input type="hidden" name="blockerId" value="${b.id}" />
              ${formMessage(form)}
              ${select(form, {
                name: 'addresseeCode',
                form: key,
                label: 'Cơ quan được đề nghị',
                required: true,
                hint: 'Bộ, ngành Trung ương trước; chỉ các cơ quan đang tồn tại hôm nay.',
                options: [['', 'Chọn cơ quan'], ...data.requestAgencies],
              })}
              ${textarea(form, {
                name: 'question',
                form: key,
                label: 'Đề nghị cơ quan đó điều gì',
                required: true,
                rows: 3,
              })}
              ${textarea(form, {
                name: 'impact',
                form: key,
                label: 'Vì sao vướng mắc cản trở mô hình',
                required: true,
                rows: 3,
              })}
              <button type="submit" class="primary">Gửi đề nghị</button>
            </form>
          </details>`
        : ''
    }
  </li>`;
}

function requestItem(web: WebContext, data: PilotPageData, r: LetterRequestView): Html {
  return html`<li class="letter-request" data-letter-request="${r.id}" data-state="${r.state}">
    <p>
      ${letterRequestStateBadge(r.state)} Đề nghị gửi <strong>${r.addressee.name}</strong>
      <span class="muted"
        >· ${day(r.createdAt)}${r.requestedBy ? html` · ${r.requestedBy.name}` : ''}</span
      >
    </p>
    <p class="prose">${r.question}</p>
    ${
      r.recommendation
        ? html`<p>
            Dự thảo kiến nghị:
            <a href="/kien-nghi/${r.recommendation.id}"
              >${r.recommendation.documentNumber ?? WORDS.draftNumber}</a
            >
          </p>`
        : ''
    }
    ${r.closingReason ? html`<p class="muted">${WORDS.reason}: ${r.closingReason}</p>` : ''}
    ${
      r.allowedCommands.includes('withdraw')
        ? html`<form method="post" action="/kien-nghi/de-nghi/${r.id}/rut">
            ${csrfField(web)}
            <input type="hidden" name="version" value="${r.version}" />
            <input type="hidden" name="pilotNumber" value="${data.pilot.number}" />
            <button type="submit" class="link" data-confirm="Rút đề nghị gửi kiến nghị này?">
              Rút đề nghị
            </button>
          </form>`
        : ''
    }
  </li>`;
}
