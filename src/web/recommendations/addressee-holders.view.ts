import { can } from '../../access/domain/permissions.js';
import {
  ADDRESSEE_STATUS_NAMES,
  owesAnswer,
} from '../../recommendations/domain/addressee-status.js';
import { html, type Html } from '../../common/html.js';
import { csrfField } from '../components/fields.js';
import { day } from '../components/format.js';
import type { Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';

type RecommendationView = Schemas['RecommendationView'];
type AddresseeHolder = Schemas['AddresseeHolderView'];

/** The badge of a letter one of whose addressees waits for the secretariat's choice. */
export const heldBadge = (): Html =>
  html`<span class="badge held" title="Cơ quan nhận đã chia tách; thư nhắc tới cơ quan đó tạm dừng"
    >Chờ chọn cơ quan kế thừa</span
  >`;

/**
 * The letter's addressees under the names the letter gave them, each with who answers for it
 * today: unchanged, taken over (by whom, from when, on what basis), or held for the secretariat's
 * choice — with the form to choose, for the secretariat, while the letter is open.
 */
export function addresseesWithHolders(web: WebContext, r: RecommendationView): Html {
  const holders = new Map(r.addresseeHolders.map((h) => [h.code, h]));
  return html`<ul class="addressees">
    ${r.addressees.map((a) => {
      const h = holders.get(a.code);
      return html`<li data-addressee="${a.code}" data-status="${a.status}">
        ${a.name} <span class="muted">(${a.code})</span>${h ? holderNote(web, r, h) : ''}
        ${r.state === 'DRAFT' ? '' : html`<br />${addresseeStatus(a)}`} ${addresseeForms(web, r, a)}
      </li>`;
    })}
  </ul>`;
}

type AddresseeView = RecommendationView['addressees'][number];

/** Where this addressee stands on its own clock: status, due, how late, who handles it. */
function addresseeStatus(a: AddresseeView): Html {
  const parts: Html[] = [
    html`<span class="badge addressee-${a.status.toLowerCase()}"
      >${ADDRESSEE_STATUS_NAMES[a.status]}</span
    >`,
  ];
  if (a.status === 'ANSWERED' && a.answeredOn)
    parts.push(
      html`trả lời ngày
      ${day(a.answeredOn)}${
        a.answeredLateWorkingDays ? ` (muộn ${a.answeredLateWorkingDays} ngày làm việc)` : ''
      }`,
    );
  else if (a.overdue)
    parts.push(
      html`<span class="overdue-days">quá hạn ${a.workingDaysOverdue} ngày làm việc</span>`,
    );
  if (owesAnswer(a.status) && a.dueAt)
    parts.push(html`hạn ${day(a.dueAt)}${a.ownDueAt ? ' (hạn riêng)' : ''}`);
  if (a.handledBy) parts.push(html`người xử lý: ${a.handledBy}`);
  if (a.status === 'RELEASED' && a.releaseReason) parts.push(html`lý do: ${a.releaseReason}`);
  return html`<span class="addressee-status"
    >${parts.map((p, i) => html`${i ? ' · ' : ''}${p}`)}</span
  >`;
}

/** For the secretariat, while the addressee still owes: it received the letter; or release it. */
function addresseeForms(web: WebContext, r: RecommendationView, a: AddresseeView): Html {
  if (r.state !== 'SENT' || !can(web.actor.role, 'letters.record')) return html``;
  if (!owesAnswer(a.status)) return html``;
  const base = `/kien-nghi/${r.id}/co-quan/${a.code}`;
  return html`<details class="addressee-actions">
    <summary>Cập nhật ${a.code}</summary>
    <form method="post" action="${base}/da-nhan" novalidate>
      ${csrfField(web)}
      <input type="hidden" name="version" value="${r.version}" />
      <label for="handled-${a.code}">Đã nhận văn bản; đơn vị, người xử lý</label>
      <input id="handled-${a.code}" name="handledBy" maxlength="500" value="${a.handledBy ?? ''}" />
      <button type="submit">Ghi nhận đã nhận</button>
    </form>
    <form method="post" action="${base}/thoi-yeu-cau" novalidate>
      ${csrfField(web)}
      <input type="hidden" name="version" value="${r.version}" />
      <label for="release-${a.code}">Không còn yêu cầu trả lời — lý do</label>
      <input id="release-${a.code}" name="reason" maxlength="5000" required />
      <button
        type="submit"
        class="danger"
        data-confirm="Thôi yêu cầu ${a.name} trả lời? Việc nhắc cơ quan này sẽ dừng."
      >
        Thôi yêu cầu trả lời
      </button>
    </form>
  </details>`;
}

function holderNote(web: WebContext, r: RecommendationView, h: AddresseeHolder): Html {
  const holder = h.holder;
  if (holder.status === 'HELD_BY') {
    const last = holder.via.at(-1);
    if (!holder.agency || holder.agency.code === h.code) return html``;
    return html`<br /><span class="holder"
        >Nay do <strong>${holder.agency.name}</strong> (${holder.agency.code}) đảm
        nhận${
          last ? ` — ${last.legalBasis}, từ ${day(last.effectiveOn)}` : ''
        }${h.chosen ? ' (Thư ký đã chọn)' : ''}</span
      >`;
  }
  const open = r.state === 'SENT' || r.state === 'ANSWERED';
  const chooser = open && can(web.actor.role, 'letters.chooseHolder');
  return html`<br />${heldBadge()}
    <span class="holder"
      >${holder.at?.name ?? h.name} đã chia tách; chưa xác định cơ quan trả lời thay, thư nhắc tạm
      dừng.</span
    >
    ${
      chooser
        ? html`<form
            method="post"
            action="/kien-nghi/${r.id}/co-quan-ke-thua/${h.code}"
            class="choose-holder"
            novalidate
          >
            ${csrfField(web)}
            <input type="hidden" name="version" value="${r.version}" />
            <fieldset>
              <legend>Chọn cơ quan kế thừa cho ${h.code}</legend>
              ${holder.candidates.map(
                (c, i) =>
                  html`<label
                    ><input
                      type="radio"
                      name="agencyCode"
                      value="${c.code}"
                      ${i === 0 ? html` checked` : ''}
                    />
                    ${c.name}
                    (${c.code})${c.isMain ? ' — kế thừa chính' : ''}${
                      c.scope ? ` — ${c.scope}` : ''
                    }</label
                  >`,
              )}
            </fieldset>
            <button type="submit" class="primary">Chọn cơ quan kế thừa</button>
          </form>`
        : ''
    }`;
}
