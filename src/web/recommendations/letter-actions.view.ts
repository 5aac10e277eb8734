import { html, type Html } from '../../common/html.js';
import { owesAnswer } from '../../recommendations/domain/addressee-status.js';
import { dayInput, momentInput, typedDay } from '../components/date-fields.js';
import { csrfField, formMessage, input, select, textarea } from '../components/fields.js';
import type { FormState } from '../components/forms.js';
import type { Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';
import type { DetailModel } from './letter.view.js';
import { bulkAnswerHref } from './bulk-answer.view.js';

type RecommendationView = Schemas['RecommendationView'];

/** The write actions of a letter, by their path under /kien-nghi/:id. */
export const ACTION_KEYS = ['gui', 'tra-loi', 'dong', 'rut', 'mo-lai'] as const;
export type ActionKey = (typeof ACTION_KEYS)[number];

/** Each action's command in the API's `allowedCommands`, and its form's title and button. */
export const ACTIONS: Record<
  ActionKey,
  { command: RecommendationView['allowedCommands'][number]; title: string; button: string }
> = {
  gui: { command: 'send', title: 'Gửi kiến nghị', button: 'Gửi kiến nghị' },
  'tra-loi': {
    command: 'respond',
    title: 'Ghi nhận văn bản trả lời',
    button: 'Ghi nhận trả lời',
  },
  dong: { command: 'close', title: 'Đóng kiến nghị', button: 'Đóng kiến nghị' },
  rut: { command: 'withdraw', title: 'Rút kiến nghị', button: 'Rút kiến nghị' },
  'mo-lai': {
    command: 'reopen',
    title: 'Câu trả lời chưa đáp ứng: mở lại',
    button: 'Mở lại và tính hạn mới',
  },
};

/** The forms of the commands the API allows this user on the letter, in the API's order. */
export function actionsOf(r: RecommendationView): ActionKey[] {
  return r.allowedCommands.flatMap((c) => ACTION_KEYS.filter((k) => ACTIONS[k].command === c));
}

export function actionForm(
  web: WebContext,
  r: RecommendationView,
  key: ActionKey,
  failed: DetailModel['failed'],
  open: boolean,
): Html {
  const form: FormState =
    failed?.action === key ? failed.form : { values: defaults(r, key), errors: {} };
  const id = key;
  const fields: Record<ActionKey, Html> = {
    gui: html`${input(form, { name: 'documentNumber', form: id, label: 'Số/ký hiệu văn bản', required: true, hint: 'Ví dụ: 5772/TCTĐA06-CAT' })}
    ${dayInput(form, { name: 'letterDate', form: id, label: 'Ngày văn bản', required: true })}
    ${momentInput(form, { name: 'sentAt', form: id, label: 'Thời điểm gửi', hint: 'Để trống: bây giờ.' })}
    ${momentInput(form, { name: 'responseDueAt', form: id, label: 'Hạn trả lời', hint: 'Để trống: tự tính theo chính sách đôn đốc.' })}`,
    'tra-loi': html`${sameDocument(r)} ${answeringAddressee(r, form, id)}
    ${input(form, { name: 'documentNumber', form: id, label: 'Số văn bản trả lời', required: true, hint: 'Ví dụ: 123/BYT-CNTT' })}
    ${dayInput(form, { name: 'date', form: id, label: 'Ngày văn bản', required: true })}
    ${textarea(form, { name: 'summary', form: id, label: 'Nội dung trả lời', required: true, rows: 4 })}`,
    dong: html`${textarea(form, { name: 'note', form: id, label: 'Ghi chú khi đóng', rows: 3, hint: 'Không bắt buộc.' })}`,
    rut: html`${textarea(form, { name: 'reason', form: id, label: 'Lý do rút', required: true, rows: 3 })}`,
    'mo-lai': html`${textarea(form, { name: 'reason', form: id, label: 'Vì sao câu trả lời chưa đáp ứng', required: true, rows: 3 })}
    ${momentInput(form, { name: 'responseDueAt', form: id, label: 'Hạn trả lời mới', hint: 'Để trống: tự tính từ bây giờ theo chính sách đôn đốc.' })}`,
  };
  const isOpen = open || failed?.action === key;
  const danger = key === 'rut';
  return html`<details class="action" id="thao-tac-${key}" ${isOpen ? html` open` : ''}>
    <summary>${ACTIONS[key].title}</summary>
    <form method="post" action="/kien-nghi/${r.id}/${key}" novalidate>
      ${csrfField(web)}
      <input type="hidden" name="version" value="${r.version}" />
      ${failed?.action === key ? formMessage(form) : ''} ${fields[key]}
      <button
        type="submit"
        class="${danger ? 'danger' : 'primary'}"
        ${danger ? html` data-confirm="Rút kiến nghị này? Việc đôn đốc sẽ dừng."` : ''}
      >
        ${ACTIONS[key].button}
      </button>
    </form>
  </details>`;
}

/**
 * A letter that is one of several carried by the same document (report 442/BC-TCTĐA06 carries
 * nine): the answer may be recorded once for all of them.
 */
function sameDocument(r: RecommendationView): Html {
  if (!r.documentNumber) return html``;
  return html`<p class="hint">
    Một văn bản trả lời chung cho các kiến nghị của văn bản số ${r.documentNumber}?
    <a href="${bulkAnswerHref(r.documentNumber)}">Ghi nhận một lần cho tất cả các kiến nghị đó</a>
  </p>`;
}

/**
 * Whose answer this is: each addressee answers for itself. Those still owing come first; one
 * that has answered may send a further answer. A letter to one agency needs no choice.
 */
function answeringAddressee(r: RecommendationView, form: FormState, id: string): Html {
  if (r.addressees.length === 1)
    return html`<input type="hidden" name="addresseeCode" value="${r.addressees[0].code}" />`;
  const owing = r.addressees.filter((a) => owesAnswer(a.status));
  const answered = r.addressees.filter((a) => a.status === 'ANSWERED');
  return select(form, {
    name: 'addresseeCode',
    form: id,
    label: 'Cơ quan trả lời',
    required: true,
    value: owing[0]?.code,
    options: [
      ...owing.map((a): [string, string] => [a.code, `${a.name} (chờ trả lời)`]),
      ...answered.map((a): [string, string] => [a.code, `${a.name} (trả lời bổ sung)`]),
    ],
    hint: 'Mỗi cơ quan trả lời riêng; kiến nghị chuyển "đã trả lời" khi không còn cơ quan nào phải trả lời.',
  });
}

function defaults(r: RecommendationView, key: ActionKey): Record<string, string> {
  if (key === 'gui')
    return { documentNumber: r.documentNumber ?? '', letterDate: typedDay(r.letterDate) };
  return {};
}
