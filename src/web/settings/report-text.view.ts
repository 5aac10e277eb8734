import { can } from '../../access/domain/permissions.js';
import { type Html, html } from '../../common/html.js';
import { NARRATIVE_LABELS, NARRATIVE_SECTIONS } from '../../periods/report-text.js';
import { csrfField, errorAlert, formMessage, input, textarea } from '../components/fields.js';
import type { FormState, FormValues } from '../components/forms.js';
import { period } from '../components/format.js';
import type { Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';
import { readOnlyNote } from './settings-page.js';

type ReportTextView = Schemas['ReportTextView'];
type ReportDefaultsView = Schemas['ReportDefaultsView'];

export const REPORT_TEXT_LABELS: Record<string, string> = {
  reportNumber: 'Số, ký hiệu',
  reportDate: 'Ngày ban hành',
  'signer.authority': 'Quyền hạn ký',
  'signer.title': 'Chức vụ',
  'signer.subtitle': 'Chức danh dưới chữ ký',
  'signer.name': 'Họ tên người ký',
  distribution: 'Nơi nhận',
  ...Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [`sections.${s}`, NARRATIVE_LABELS[s]])),
};

/** The form's values for the text as it stands (the defaults where the period has none). */
export function reportTextValues(t: ReportTextView): FormValues {
  const signer = t.signer ?? t.defaults.signer;
  return {
    version: String(t.version),
    reportNumber: t.reportNumber ?? '',
    reportDate: t.reportDate ?? '',
    'signer.authority': signer.authority,
    'signer.title': signer.title,
    'signer.subtitle': signer.subtitle,
    'signer.name': signer.name,
    distribution: (t.distribution ?? t.defaults.distribution).join('\n'),
    ...Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [`sections.${s}`, t.sections[s]])),
  };
}

/**
 * The secretariat's page for a period's "BÁO CÁO": number, date, signer, Nơi nhận and the
 * narrative sections, one textarea each (a line a paragraph; "- " or "+ " a bullet; "1. …" a
 * heading). Read-only for other roles and once the period is locked.
 */
export function reportTextBody(web: WebContext, t: ReportTextView, form: FormState): Html {
  const editable = can(web.actor.role, 'periods.lock') && !t.locked;
  const label = `tháng ${period(t.period)}`;
  const fields = html`${input(form, { name: 'reportNumber', label: REPORT_TEXT_LABELS.reportNumber, hint: 'Để trống cho văn thư điền, ví dụ 442/BC-TCTĐA06' })}
  ${input(form, { name: 'reportDate', label: REPORT_TEXT_LABELS.reportDate, type: 'date' })}
  ${['signer.authority', 'signer.title', 'signer.subtitle', 'signer.name'].map((name) =>
    input(form, { name, label: REPORT_TEXT_LABELS[name] }),
  )}
  ${textarea(form, { name: 'distribution', label: REPORT_TEXT_LABELS.distribution, hint: 'Mỗi dòng một nơi nhận', rows: 8 })}
  ${NARRATIVE_SECTIONS.map((s) =>
    textarea(form, {
      name: `sections.${s}`,
      label: NARRATIVE_LABELS[s],
      hint: 'Mỗi dòng một đoạn; dòng bắt đầu bằng "- " hoặc "+ " là gạch đầu dòng; "1. …" là tiêu đề mục; "[^1]" đánh dấu chú thích, nội dung chú thích ở dòng riêng "[^1]: …" (in ở cuối trang).',
      rows: 12,
    }),
  )}`;
  return html`${errorAlert(form.message)}
    ${t.locked ? readOnlyNote(`Kỳ ${label} đã chốt số liệu: nội dung báo cáo không sửa được nữa.`) : ''}
    ${!can(web.actor.role, 'periods.lock') ? readOnlyNote('Chỉ Thư ký Tổ công tác soạn nội dung báo cáo tháng.') : ''}
    ${
      !t.stored && t.carriedFrom
        ? html`<p class="alert info" role="status">
            Kỳ ${label} chưa có nội dung riêng: bản nháp lấy từ báo cáo tháng
            ${period(t.carriedFrom)}.
          </p>`
        : ''
    }
    <p class="muted">
      Các phần do dữ liệu tạo ra (câu tổng hợp mục I.5.1, khó khăn của các mô hình, các kiến nghị,
      Phụ lục I và II) được đưa vào báo cáo tự động giữa các phần dưới đây.
    </p>
    ${
      editable
        ? html`<form
            method="post"
            action="/cai-dat/ky-bao-cao/${t.period}/noi-dung"
            class="report-text"
          >
            ${csrfField(web)} ${formMessage(form)}
            <input type="hidden" name="version" value="${one(form.values.version)}" />
            ${fields}
            <button type="submit" class="primary">Lưu nội dung báo cáo</button>
            <a class="button" href="/cai-dat/ky-bao-cao/${t.period}/bao-cao.docx" download
              >Tải báo cáo (.docx)</a
            >
          </form>`
        : html`<fieldset disabled class="report-text">${fields}</fieldset>`
    }`;
}

export const REPORT_DEFAULTS_LABELS: Record<string, string> = {
  symbol: 'Ký hiệu của báo cáo',
  place: 'Địa danh',
  'signer.authority': REPORT_TEXT_LABELS['signer.authority'],
  'signer.title': REPORT_TEXT_LABELS['signer.title'],
  'signer.subtitle': REPORT_TEXT_LABELS['signer.subtitle'],
  'signer.name': REPORT_TEXT_LABELS['signer.name'],
  distribution: REPORT_TEXT_LABELS.distribution,
};

/** The defaults form's values as the settings stand. */
export function reportDefaultsValues(d: ReportDefaultsView): FormValues {
  return {
    version: String(d.version),
    symbol: d.symbol,
    place: d.place,
    'signer.authority': d.signer.authority,
    'signer.title': d.signer.title,
    'signer.subtitle': d.signer.subtitle,
    'signer.name': d.signer.name,
    distribution: d.distribution.join('\n'),
  };
}

/**
 * The defaults every monthly report starts from (/cai-dat/ky-bao-cao/mac-dinh): the ký hiệu
 * after its number, the địa danh of its date, the signer's quyền hạn, chức vụ and họ tên, and
 * Nơi nhận. A period's own number, date, signer and Nơi nhận are set on its content page; a
 * locked period keeps the ones it printed. Read-only for other roles.
 */
export function reportDefaultsBody(web: WebContext, form: FormState): Html {
  const editable = can(web.actor.role, 'periods.lock');
  const symbol = one(form.values.symbol) || 'BC-TCTĐA06';
  const fields = html`${input(form, {
    name: 'symbol',
    label: REPORT_DEFAULTS_LABELS.symbol,
    required: true,
    hint: `In sau số báo cáo: "Số: 442/${symbol}"; khi chưa có số, "Số:      /${symbol}" để văn thư điền.`,
  })}
  ${input(form, {
    name: 'place',
    label: REPORT_DEFAULTS_LABELS.place,
    required: true,
    hint: 'In trước ngày ban hành, ví dụ "Khánh Hòa, ngày 20 tháng 12 năm 2023".',
  })}
  ${input(form, { name: 'signer.authority', label: REPORT_DEFAULTS_LABELS['signer.authority'], hint: 'Ví dụ "TM. TỔ CÔNG TÁC", "KT. TỔ TRƯỞNG"; để trống nếu người đứng đầu ký trực tiếp.' })}
  ${input(form, { name: 'signer.title', label: REPORT_DEFAULTS_LABELS['signer.title'], hint: 'Ví dụ "TỔ TRƯỞNG", "TỔ PHÓ THƯỜNG TRỰC".' })}
  ${input(form, { name: 'signer.subtitle', label: REPORT_DEFAULTS_LABELS['signer.subtitle'], hint: 'Chức danh in dưới chữ ký, như "CHỦ TỊCH UBND TỈNH"; có thể để trống.' })}
  ${input(form, { name: 'signer.name', label: REPORT_DEFAULTS_LABELS['signer.name'] })}
  ${textarea(form, { name: 'distribution', label: REPORT_DEFAULTS_LABELS.distribution, hint: 'Mỗi dòng một nơi nhận, in sau dấu "- "; tối đa 40 dòng.', rows: 10 })}`;
  return html`${errorAlert(form.message)}
    ${editable ? '' : readOnlyNote('Chỉ Thư ký Tổ công tác đặt cài đặt mặc định của báo cáo tháng.')}
    <p class="muted">
      Mỗi báo cáo tháng dùng các cài đặt này, trừ số, ngày, người ký và nơi nhận mà trang nội dung
      của kỳ đặt riêng. Kỳ đã chốt giữ nguyên những gì báo cáo của kỳ đã in.
    </p>
    ${
      editable
        ? html`<form method="post" action="/cai-dat/ky-bao-cao/mac-dinh" class="report-text">
            ${csrfField(web)} ${formMessage(form)}
            <input type="hidden" name="version" value="${one(form.values.version)}" />
            ${fields}
            <button type="submit" class="primary">Lưu cài đặt mặc định</button>
            <a class="button" href="/cai-dat/ky-bao-cao">Quay lại kỳ báo cáo</a>
          </form>`
        : html`<fieldset disabled class="report-text">${fields}</fieldset>`
    }`;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
