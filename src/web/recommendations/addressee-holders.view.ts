import { can } from '../../access/domain/permissions.js';
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
      return html`<li data-addressee="${a.code}">
        ${a.name} <span class="muted">(${a.code})</span>${h ? holderNote(web, r, h) : ''}
      </li>`;
    })}
  </ul>`;
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
