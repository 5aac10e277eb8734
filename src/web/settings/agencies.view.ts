import { can } from '../../access/domain/permissions.js';
import { type Html, html } from '../../common/html.js';
import { csrfField, formMessage, textarea } from '../components/fields.js';
import type { FormState } from '../components/forms.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';
import { pager } from '../components/pagination.js';
import { AGENCY_KIND_LABELS, WORDS } from '../labels.js';
import { readOnlyNote } from './settings-page.js';
import { successionFacts, successionForm } from './succession.view.js';

export const AGENCY_LABELS: Record<string, string> = {
  contactEmails: 'Danh sách email',
  version: WORDS.version,
};

export const AGENCY_PAGE_SIZE = 100;

/** The emails of a textarea, one a line (commas, semicolons and spaces separate them too). */
export function emailLines(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter(Boolean);
}

export function agenciesBody(
  web: WebContext,
  o: {
    list: Schemas['AgencyPage'];
    pageNumber: number;
    /** The form of one agency that was refused, by code. */
    failed?: { code: string; form: FormState };
    /** Every agency, for the succession form (admin only); its refused state, if it was. */
    all?: Schemas['AgencyView'][];
    succession?: FormState;
  },
): Html {
  const canEdit = can(web.actor.role, 'agencies.manage');
  const canEditEmails = can(web.actor.role, 'agencies.focalPoints');
  return html`${
      canEditEmails
        ? ''
        : readOnlyNote(
            'Email đầu mối của các cơ quan do Tổ công tác và quản trị hệ thống cập nhật; tài khoản của bạn chỉ xem được.',
          )
    }
    ${o.failed ? formMessage(o.failed.form) : ''}
    ${canEdit && o.all ? successionForm(web, o.all, o.succession) : ''}
    <p class="count">
      ${o.list.total} cơ quan, đơn vị. Thư nhắc và đôn đốc kiến nghị được gửi tới các email đầu mối
      dưới đây.
    </p>
    ${
      o.list.items.length === 0
        ? empty('Chưa có cơ quan nào.')
        : html`<div class="table-wrap">
            <table class="agencies">
              <thead>
                <tr>
                  <th scope="col">Mã</th>
                  <th scope="col">Tên cơ quan, đơn vị</th>
                  <th scope="col">Loại</th>
                  <th scope="col">Email đầu mối</th>
                </tr>
              </thead>
              <tbody>
                ${o.list.items.map((a) =>
                  agencyRow(
                    web,
                    a,
                    canEditEmails,
                    o.failed?.code === a.code ? o.failed.form : undefined,
                  ),
                )}
              </tbody>
            </table>
          </div>`
    }
    ${pager({
      base: '/cai-dat/don-vi',
      pageNumber: o.pageNumber,
      total: o.list.total,
      limit: AGENCY_PAGE_SIZE,
      noun: 'danh sách cơ quan',
    })}`;
}

function agencyRow(
  web: WebContext,
  a: Schemas['AgencyView'],
  canEdit: boolean,
  failed: FormState | undefined,
): Html {
  const id = `agency-${a.code}`;
  return html`<tr id="${id}" data-agency="${a.code}">
    <th scope="row"><code>${a.code}</code></th>
    <td>
      ${a.name}
      ${a.shortName && a.shortName !== a.name ? html`<br /><span class="muted">${a.shortName}</span>` : ''}
      ${successionFacts(a)}
    </td>
    <td>${AGENCY_KIND_LABELS[a.kind] ?? a.kind}</td>
    <td class="emails">
      ${
        a.contactEmails.length
          ? html`<ul class="plain">
              ${a.contactEmails.map((e) => html`<li>${e}</li>`)}
            </ul>`
          : html`<span class="muted">Chưa có đầu mối</span>`
      }
      ${
        canEdit
          ? html`<details class="action" ${failed ? html` open` : ''}>
              <summary>Sửa email đầu mối<span class="sr-only"> của ${a.code}</span></summary>
              <form method="post" action="/cai-dat/don-vi/${a.code}" novalidate>
                ${csrfField(web)}
                <input type="hidden" name="version" value="${a.version}" />
                ${textarea(failed, {
                  name: 'contactEmails',
                  form: id,
                  label: `Email đầu mối của ${a.shortName || a.code}`,
                  hint: 'Mỗi dòng một địa chỉ, tối đa 20. Để trống nếu cơ quan chưa có đầu mối.',
                  rows: Math.min(6, Math.max(3, a.contactEmails.length + 1)),
                  value: a.contactEmails.join('\n'),
                })}
                <button type="submit" class="primary">Lưu email</button>
              </form>
            </details>`
          : ''
      }
    </td>
  </tr>`;
}
