import { ROLES } from '../../access/domain/role.js';
import { PASSWORD_MIN } from '../../users/users.dto.js';
import { type Html, html } from '../../common/html.js';
import { csrfField, filterActions, formMessage, input, select } from '../components/fields.js';
import { moment } from '../components/format.js';
import type { FormState } from '../components/forms.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import { ROLE_LABELS, WORDS } from '../labels.js';
import type { WebContext } from '../web-request.js';
import { pager } from '../components/pagination.js';

type AgencyView = Schemas['AgencyView'];
type UserView = Schemas['UserView'];

export const USER_LABELS: Record<string, string> = {
  email: 'Email',
  name: 'Họ tên',
  role: 'Vai trò',
  agencyCode: 'Đơn vị',
  password: 'Mật khẩu',
  disabled: 'Trạng thái khóa',
  version: WORDS.version,
};

export const USER_PAGE_SIZE = 100;

export const roleOptions = (): [string, string][] =>
  ROLES.map((r): [string, string] => [r, ROLE_LABELS[r]]);

/**
 * The agencies an officer may be given: those that exist today, and `current` (the one the
 * account has, even if it no longer exists, so that saving the form keeps it). Without
 * `current`, a filter: every agency, the gone ones marked.
 */
export function agencyOptions(
  agencies: AgencyView[],
  blank: string,
  current?: string | null,
): [string, string][] {
  const label = (a: AgencyView) =>
    `${a.shortName || a.name} (${a.code})${a.existsToday ? '' : ' — không còn tồn tại'}`;
  return [
    ['', blank],
    ...agencies
      .filter((a) => current === undefined || a.existsToday || a.code === current)
      .map((a): [string, string] => [a.code, label(a)]),
  ];
}

export const AGENCY_HINT = 'Chỉ dùng cho cán bộ đầu mối; các vai trò khác không gắn với đơn vị.';
export const PASSWORD_HINT = `Ít nhất ${PASSWORD_MIN} ký tự. Hãy gửi mật khẩu cho người dùng qua kênh riêng.`;

/** An address that may wrap before its @ on a narrow screen, never inside a word. */
function breakableEmail(email: string): Html {
  const at = email.lastIndexOf('@');
  return at > 0 ? html`${email.slice(0, at)}<wbr />${email.slice(at)}` : html`${email}`;
}

/** An account's state as a badge: active, or locked since when. */
export function status(u: UserView): Html {
  return u.disabled
    ? html`<span class="badge account-off"
        >Đã khóa${u.disabledAt ? ` từ ${moment(u.disabledAt)}` : ''}</span
      >`
    : html`<span class="badge account-on">Đang hoạt động</span>`;
}

export function usersBody(
  web: WebContext,
  o: {
    list: Schemas['UserPage'];
    agencies: AgencyView[];
    filters: { role: string; agency: string };
    pageNumber: number;
    create: FormState;
    createOpen: boolean;
  },
): Html {
  return html`<details class="action create-user" ${o.createOpen ? html` open` : ''}>
      <summary>Thêm tài khoản</summary>
      <form method="post" action="/cai-dat/nguoi-dung" novalidate>
        ${csrfField(web)} ${formMessage(o.create)}
        <div class="settings-grid">
          ${input(o.create, {
            name: 'email',
            form: 'create',
            label: 'Email đăng nhập',
            type: 'email',
            required: true,
            attrs: { autocomplete: 'off', maxlength: '254' },
          })}
          ${input(o.create, {
            name: 'name',
            form: 'create',
            label: 'Họ tên',
            required: true,
            attrs: { maxlength: '200', autocomplete: 'off' },
          })}
          ${select(o.create, {
            name: 'role',
            form: 'create',
            label: 'Vai trò',
            required: true,
            options: roleOptions(),
            value: 'AGENCY_OFFICER',
          })}
          ${select(o.create, {
            name: 'agencyCode',
            form: 'create',
            label: 'Đơn vị (cán bộ đầu mối)',
            hint: AGENCY_HINT,
            options: agencyOptions(o.agencies, '— Không gắn đơn vị —', null),
          })}
          ${input(o.create, {
            name: 'password',
            form: 'create',
            label: 'Mật khẩu ban đầu',
            type: 'password',
            required: true,
            hint: PASSWORD_HINT,
            attrs: { autocomplete: 'new-password', minlength: String(PASSWORD_MIN) },
          })}
        </div>
        <button type="submit" class="primary">Tạo tài khoản</button>
      </form>
    </details>
    <form method="get" action="/cai-dat/nguoi-dung" class="filters user-filters" role="search">
      ${select(
        { values: o.filters, errors: {} },
        {
          name: 'role',
          form: 'filter',
          label: 'Vai trò',
          options: [['', 'Tất cả vai trò'], ...roleOptions()],
        },
      )}
      ${select(
        { values: o.filters, errors: {} },
        {
          name: 'agency',
          form: 'filter',
          label: 'Đơn vị',
          options: agencyOptions(o.agencies, WORDS.allAgencies),
        },
      )}
      ${filterActions('/cai-dat/nguoi-dung')}
    </form>
    <p class="count">${o.list.total} tài khoản</p>
    ${
      o.list.items.length === 0
        ? empty('Không có tài khoản nào khớp với bộ lọc.')
        : html`<div class="table-wrap">
            <table class="users">
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Họ tên</th>
                  <th scope="col">Vai trò</th>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col" class="wide-only">Đăng nhập gần nhất</th>
                  <th scope="col"><span class="sr-only">Thao tác</span></th>
                </tr>
              </thead>
              <tbody>
                ${o.list.items.map(
                  (u) =>
                    html`<tr data-user="${u.email}" class="${u.disabled ? 'disabled' : ''}">
                      <th scope="row">${breakableEmail(u.email)}</th>
                      <td>${u.name}</td>
                      <td>${ROLE_LABELS[u.role]}</td>
                      <td>${u.agencyCode ?? html`<span class="muted">—</span>`}</td>
                      <td>${status(u)}</td>
                      <td class="nowrap wide-only">
                        ${u.lastLoginAt ? moment(u.lastLoginAt) : html`<span class="muted">Chưa đăng nhập</span>`}
                      </td>
                      <td>
                        <a href="/cai-dat/nguoi-dung/${u.id}"
                          >Sửa<span class="sr-only"> tài khoản ${u.email}</span></a
                        >
                      </td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </div>`
    }
    ${pager({
      base: '/cai-dat/nguoi-dung',
      query: o.filters,
      pageNumber: o.pageNumber,
      total: o.list.total,
      limit: USER_PAGE_SIZE,
      noun: 'danh sách tài khoản',
    })}`;
}
