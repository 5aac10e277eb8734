import { html, type Html } from '../../common/html.js';
import { dayInput } from '../components/date-fields.js';
import { csrfField, formMessage, input, select, textarea } from '../components/fields.js';
import { day } from '../components/format.js';
import { many, one, type FormState, type FormValues } from '../components/forms.js';
import type { Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';

type AgencyView = Schemas['AgencyView'];

export const SUCCESSION_KIND_LABELS: Record<string, string> = {
  MERGE: 'Sáp nhập',
  SPLIT: 'Chia tách',
  RENAME: 'Đổi tên',
};

export const SUCCESSION_LABELS: Record<string, string> = {
  kind: 'Loại sự kiện',
  effectiveOn: 'Ngày hiệu lực',
  legalBasis: 'Căn cứ pháp lý',
  note: 'Ghi chú',
};

/**
 * The form's links: every old agency's duties go to the main successor, and the other
 * successors each take a part (a split; or a merge whose parts go elsewhere).
 */
export function successionLinks(
  values: FormValues,
): { fromCode: string; toCode: string; isMain: boolean }[] {
  const main = one(values, 'mainCode');
  const others = many(values, 'otherCodes').filter((c) => c && c !== main);
  return many(values, 'fromCodes')
    .filter(Boolean)
    .flatMap((fromCode) => [
      ...(main ? [{ fromCode, toCode: main, isMain: true }] : []),
      ...others.map((toCode) => ({ fromCode, toCode, isMain: false })),
    ]);
}

/** The API's problems with `links.N.fromCode` and `links.N.toCode` as the form's fields. */
export function linkFieldNames(error: Schemas['ErrorBodyDoc']): Record<string, string> {
  const details = error.details as { fields?: { field: string }[] } | undefined;
  const rename: Record<string, string> = {};
  for (const { field } of details?.fields ?? [])
    if (field.startsWith('links'))
      rename[field] = field.endsWith('fromCode') ? 'fromCodes' : 'mainCode';
  return rename;
}

const agencyOption = (a: AgencyView): [string, string] => [
  a.code,
  `${a.shortName || a.name} (${a.code})${a.existsToday ? '' : ' — không còn tồn tại'}`,
];

/** The agency's validity and succession, for its row of the agencies table. */
export function successionFacts(a: AgencyView): Html {
  const lines: Html[] = [];
  if (a.validFrom) lines.push(html`Tồn tại từ ${day(a.validFrom)}`);
  for (const s of a.predecessors)
    lines.push(
      html`${SUCCESSION_KIND_LABELS[s.kind] ?? s.kind}: kế thừa ${s.name} (${s.code}) từ
      ${day(s.effectiveOn)} — ${s.legalBasis}${s.scope ? ` (${s.scope})` : ''}`,
    );
  if (a.validUntil)
    lines.push(
      html`<span class="badge"
        >${a.existsToday ? 'Thôi tồn tại từ' : 'Không còn tồn tại từ'} ${day(a.validUntil)}</span
      >`,
    );
  for (const s of a.successors)
    lines.push(
      html`${SUCCESSION_KIND_LABELS[s.kind] ?? s.kind} ${day(s.effectiveOn)}: nhiệm vụ chuyển cho
        <strong>${s.name}</strong> (${s.code})${s.isMain ? ', kế thừa chính' : ''}${
          s.scope ? ` — ${s.scope}` : ''
        };
        căn cứ ${s.legalBasis}`,
    );
  if (a.heldBy?.status === 'HELD_BY' && a.heldBy.agency)
    lines.push(html`Hôm nay do <strong>${a.heldBy.agency.name}</strong> đảm nhận`);
  if (a.heldBy?.status === 'AMBIGUOUS')
    lines.push(html`Hôm nay: chưa xác định cơ quan kế thừa chính`);
  return lines.length
    ? html`<ul class="plain succession">
        ${lines.map((l) => html`<li>${l}</li>`)}
      </ul>`
    : html``;
}

/** The admin's form for a merge, split or rename (the 2025 package has a page of its own). */
export function successionForm(
  web: WebContext,
  agencies: AgencyView[],
  form: FormState | undefined,
): Html {
  const options = [...agencies]
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
    .map(agencyOption);
  const current = options.filter(([code]) => agencies.find((a) => a.code === code)?.existsToday);
  return html`<details
    class="action succession-form"
    id="su-kien-ke-thua"
    ${form ? html` open` : ''}
  >
    <summary>Ghi sự kiện sáp nhập, chia tách, đổi tên</summary>
    ${formMessage(form)}
    <form method="post" action="/cai-dat/don-vi/su-kien-ke-thua" novalidate>
      ${csrfField(web)}
      <p class="hint">
        Từ ngày hiệu lực, cơ quan cũ thôi tồn tại với tên của mình; thư nhắc các kiến nghị gửi cơ
        quan cũ chuyển cho cơ quan kế thừa (chia tách không có một cơ quan kế thừa duy nhất: Thư ký
        chọn). Văn bản đã gửi vẫn giữ tên cơ quan tại ngày văn bản.
      </p>
      ${select(form, {
        name: 'kind',
        form: 'succession',
        label: SUCCESSION_LABELS.kind,
        required: true,
        options: Object.entries(SUCCESSION_KIND_LABELS),
        value: 'MERGE',
      })}
      ${dayInput(form, {
        name: 'effectiveOn',
        form: 'succession',
        label: SUCCESSION_LABELS.effectiveOn,
        required: true,
      })}
      ${input(form, {
        name: 'legalBasis',
        form: 'succession',
        label: SUCCESSION_LABELS.legalBasis,
        required: true,
        attrs: { placeholder: 'ví dụ: Nghị quyết 176/2025/QH15', maxlength: '300' },
      })}
      ${select(form, {
        name: 'fromCodes',
        form: 'succession',
        label: 'Cơ quan cũ',
        hint: 'Một hay nhiều cơ quan (sáp nhập nhiều cơ quan vào một).',
        required: true,
        multiple: true,
        options,
      })}
      ${select(form, {
        name: 'mainCode',
        form: 'succession',
        label: 'Cơ quan kế thừa chính',
        hint: 'Nhận toàn bộ nhiệm vụ, trừ phần giao cơ quan khác.',
        options: [['', '— Không có —'], ...current],
      })}
      ${select(form, {
        name: 'otherCodes',
        form: 'succession',
        label: 'Cơ quan nhận một phần nhiệm vụ',
        hint: 'Chia tách: các cơ quan nhận một phần; để trống nếu không có.',
        multiple: true,
        options: current,
      })}
      ${textarea(form, { name: 'note', form: 'succession', label: SUCCESSION_LABELS.note, rows: 2 })}
      <button type="submit" class="primary">Ghi sự kiện</button>
    </form>
  </details>`;
}
