import { html, type Html } from '../../common/html.js';
import { owesAnswer } from '../../recommendations/domain/addressee-status.js';
import { FOLLOW_UP_MIN_LEVEL } from '../../recommendations/domain/follow-up-letter-rule.js';
import { recommendationStateBadge } from '../components/badges.js';
import { dayInput } from '../components/date-fields.js';
import { csrfField, formMessage, input, select, textarea } from '../components/fields.js';
import { day, shortened } from '../components/format.js';
import { many, type FormState } from '../components/forms.js';
import { page } from '../components/layout.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';
import { STYLES } from './letters.js';

type RecommendationView = Schemas['RecommendationView'];

export const BULK_ANSWER_PATH = '/kien-nghi/tra-loi-chung';

/** The link "one answer for every letter of this document" (letter page, list). */
export const bulkAnswerHref = (documentNumber: string): string =>
  `${BULK_ANSWER_PATH}?so=${encodeURIComponent(documentNumber)}`;

export interface BulkAnswerModel {
  /** The letters the answer may go to (chosen on the list, or every letter of one document). */
  letters: RecommendationView[];
  /** The document whose letters these are, when the page was opened for one. */
  documentNumber?: string;
  form: FormState;
  status?: number;
}

/**
 * The agencies that may be the answering addressee: every addressee of a letter shown, those
 * of the most letters first, each with how many of the letters it received and still owes.
 */
function addresseeOptions(letters: RecommendationView[]): [string, string][] {
  const by = new Map<string, { name: string; count: number; owing: number }>();
  for (const r of letters)
    for (const a of r.addressees) {
      const x = by.get(a.code) ?? { name: a.name, count: 0, owing: 0 };
      x.count += 1;
      if (owesAnswer(a.status)) x.owing += 1;
      by.set(a.code, x);
    }
  return [...by]
    .sort((a, b) => b[1].count - a[1].count || a[1].name.localeCompare(b[1].name, 'vi'))
    .map(([code, x]): [string, string] => [
      code,
      `${x.name} — nhận ${x.count}/${letters.length} kiến nghị, ${x.owing} chờ trả lời`,
    ]);
}

/**
 * One answer for several letters: the letters (each a checkbox, checked; the version each was
 * read at travels with it), then the answer's fields once, as on a letter's own form.
 */
export function bulkAnswerPage(web: WebContext, m: BulkAnswerModel): string {
  const chosen = new Set(many(m.form.values, 'id'));
  const options = addresseeOptions(m.letters);
  const title = 'Ghi nhận một văn bản trả lời cho nhiều kiến nghị';
  return page(web, {
    title,
    active: 'recommendations',
    styles: STYLES,
    body: html`<div class="page-head">
        <div>
          <p class="muted"><a href="/kien-nghi">Kiến nghị Trung ương</a></p>
          <h1>${title}</h1>
          <p class="muted">
            ${m.documentNumber ? html`Các kiến nghị của văn bản số <strong>${m.documentNumber}</strong>. ` : ''}Mỗi
            kiến nghị được chọn nhận văn bản trả lời này như khi ghi nhận riêng: việc đôn đốc cơ
            quan trả lời dừng lại. Nếu một kiến nghị không nhận được (chẳng hạn cơ quan trả lời
            không phải cơ quan nhận của nó), không kiến nghị nào được ghi nhận.
          </p>
        </div>
      </div>
      ${
        m.letters.length === 0
          ? empty('Không có kiến nghị nào đang chờ hoặc đã có trả lời để ghi nhận.')
          : html`<form
              method="post"
              action="${BULK_ANSWER_PATH}"
              novalidate
              class="card bulk-answer"
            >
              ${csrfField(web)}
              ${m.documentNumber ? html`<input type="hidden" name="so" value="${m.documentNumber}" />` : ''}
              ${formMessage(m.form)}
              <fieldset class="field checks">
                <legend>Kiến nghị nhận văn bản trả lời</legend>
                <div class="table-wrap">
                  <table class="rec-table">
                    <thead>
                      <tr>
                        <th scope="col"><span class="sr-only">Chọn</span></th>
                        <th scope="col">Văn bản</th>
                        <th scope="col">Nội dung</th>
                        <th scope="col">Trạng thái</th>
                        <th scope="col">Cơ quan nhận</th>
                      </tr>
                    </thead>
                    <tbody>
                      ${m.letters.map(
                        (r) =>
                          html`<tr data-recommendation="${r.id}">
                            <td>
                              <input
                                type="checkbox"
                                name="id"
                                value="${r.id}"
                                id="chon-${r.id}"
                                ${chosen.size === 0 || chosen.has(r.id) ? html` checked` : ''}
                              />
                              <input type="hidden" name="version.${r.id}" value="${r.version}" />
                            </td>
                            <td class="letter">
                              <label for="chon-${r.id}">${r.documentNumber ?? ''}</label>
                              ${r.letterDate ? html`<span class="letter-date muted">ngày ${day(r.letterDate)}</span>` : ''}
                            </td>
                            <td>
                              <a href="/kien-nghi/${r.id}">${shortened(r.summary, 130)}</a>
                            </td>
                            <td>${recommendationStateBadge(r.state)}</td>
                            <td>
                              <ul class="plain">
                                ${r.addressees.map(
                                  (a) =>
                                    html`<li>
                                      ${a.name}${owesAnswer(a.status) ? '' : html` <span class="muted">(đã trả lời)</span>`}
                                    </li>`,
                                )}
                              </ul>
                            </td>
                          </tr>`,
                      )}
                    </tbody>
                  </table>
                </div>
              </fieldset>
              ${select(m.form, {
                name: 'addresseeCode',
                form: 'bulk',
                label: 'Cơ quan trả lời',
                required: true,
                options,
                value: options[0]?.[0],
                hint: 'Phải là cơ quan nhận của từng kiến nghị được chọn.',
              })}
              ${input(m.form, { name: 'documentNumber', form: 'bulk', label: 'Số văn bản trả lời', required: true, hint: 'Ví dụ: 123/BCA-C06' })}
              ${dayInput(m.form, { name: 'date', form: 'bulk', label: 'Ngày văn bản', required: true })}
              ${textarea(m.form, { name: 'summary', form: 'bulk', label: 'Nội dung trả lời', required: true, rows: 4 })}
              <button type="submit" class="primary">
                Ghi nhận trả lời cho các kiến nghị đã chọn
              </button>
            </form>`
      }`,
  });
}

/** The letters list's bulk action: the checked rows open the page above (GET, nothing written). */
export function bulkAnswerForm(): Html {
  return html`<form id="bulk-answer" method="get" action="${BULK_ANSWER_PATH}" class="bulk-actions">
    <button type="submit">Ghi nhận một trả lời cho các kiến nghị đã chọn</button>
  </form>`;
}

/** A row's checkbox on the letters list, part of the form above. */
export function bulkAnswerCheckbox(r: RecommendationView): Html {
  return html`<input
    type="checkbox"
    name="id"
    value="${r.id}"
    form="bulk-answer"
    aria-label="Chọn kiến nghị ${r.documentNumber ?? ''} để ghi nhận trả lời chung"
  />`;
}

/**
 * "Công văn đôn đốc" for every letter at one escalation level, as one .docx: the levels from the
 * first that drafts a follow-up letter, each with how many letters are at it now (a level none
 * has reached is offered too, disabled, so the choice reads the same every day).
 */
export function followUpLevelsForm(
  policy: Schemas['EscalationPolicyView'],
  letters: RecommendationView[],
): Html {
  const levels = policy.levels.filter((l) => l.level >= FOLLOW_UP_MIN_LEVEL);
  if (levels.length === 0) return html``;
  const at = (level: number) =>
    letters.filter((r) => r.state === 'SENT' && r.activeEscalationLevel === level).length;
  return html`<form
    method="get"
    action="/kien-nghi/van-ban-don-doc"
    class="bulk-actions follow-up-levels"
  >
    <label for="follow-up-level">Công văn đôn đốc cho mọi kiến nghị ở</label>
    <select id="follow-up-level" name="level">
      ${levels.map(
        (l) =>
          html`<option value="${l.level}" ${at(l.level) === 0 ? html` disabled` : ''}>
            Mức ${l.level} – ${l.name} (${at(l.level)} kiến nghị)
          </option>`,
      )}
    </select>
    <button type="submit">Tải tệp .docx</button>
  </form>`;
}
