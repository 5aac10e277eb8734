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
      hint: 'Mỗi dòng một đoạn; dòng bắt đầu bằng "- " hoặc "+ " là gạch đầu dòng; "1. …" là tiêu đề mục.',
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

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
