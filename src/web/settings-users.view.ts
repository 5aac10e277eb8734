import type { AgencyView } from '../agencies/agencies.controller.js';
import type { Page } from '../common/pagination.js';
import { ROLES } from '../users/domain/role.js';
import { PASSWORD_MIN } from '../users/users.dto.js';
import type { UserView } from '../users/user.view.js';
import { csrfField, formMessage, input, select, type FormState } from './forms.js';
import { empty, html, moment, ROLE_LABELS, type Html } from './ui.js';
import type { WebContext } from './web-request.js';
import { pager } from './settings-page.view.js';

export const USER_LABELS: Record<string, string> = {
  email: 'Email',
  name: 'Họ tên',
  role: 'Vai trò',
  agencyCode: 'Đơn vị',
  password: 'Mật khẩu',
  disabled: 'Trạng thái khóa',
  version: 'Phiên bản',
};

export const USER_PAGE_SIZE = 100;

const roleOptions = (): [string, string][] =>
  ROLES.map((r): [string, string] => [r, ROLE_LABELS[r]]);

function agencyOptions(agencies: AgencyView[], blank: string): [string, string][] {
  return [
    ['', blank],
    ...agencies
      .filter((a) => !a.dissolvedOn)
      .map((a): [string, string] => [a.code, `${a.shortName || a.name} (${a.code})`]),
  ];
}

const AGENCY_HINT = 'Chỉ dùng cho cán bộ đầu mối; các vai trò khác không gắn với đơn vị.';
const PASSWORD_HINT = `Ít nhất ${PASSWORD_MIN} ký tự. Hãy gửi mật khẩu cho người dùng qua kênh riêng.`;

/** An address that may wrap before its @ on a narrow screen, never inside a word. */
function breakableEmail(email: string): Html {
  const at = email.lastIndexOf('@');
  return at > 0 ? html`${email.slice(0, at)}<wbr />${email.slice(at)}` : html`${email}`;
}

function status(u: UserView): Html {
  return u.disabled
    ? html`<span class="badge account-off"
        >Đã khóa${u.disabledAt ? ` từ ${moment(u.disabledAt)}` : ''}</span
      >`
    : html`<span class="badge account-on">Đang hoạt động</span>`;
}

export function usersBody(
  web: WebContext,
  o: {
    list: Page<UserView>;
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
            options: agencyOptions(o.agencies, '— Không gắn đơn vị —'),
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
          options: agencyOptions(o.agencies, 'Tất cả đơn vị'),
        },
      )}
      <div class="filter-actions">
        <button type="submit">Lọc</button>
        <a href="/cai-dat/nguoi-dung">Bỏ lọc</a>
      </div>
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
                  <th scope="col"><span class="visually-hidden">Thao tác</span></th>
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
                          >Sửa<span class="visually-hidden"> tài khoản ${u.email}</span></a
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

/** Which of the account page's forms was sent (its fields are all posted to one address). */
export type UserFormKey = 'thong-tin' | 'mat-khau' | 'khoa';

export function userBody(
  web: WebContext,
  o: {
    user: UserView;
    agencies: AgencyView[];
    failed?: { key: UserFormKey; form: FormState };
  },
): Html {
  const u = o.user;
  const own = u.id === web.actor.id;
  const formOf = (key: UserFormKey): FormState | undefined =>
    o.failed?.key === key ? o.failed.form : undefined;
  const action = `/cai-dat/nguoi-dung/${u.id}`;
  const lock = formOf('khoa');
  return html`<p class="breadcrumb"><a href="/cai-dat/nguoi-dung">‹ Danh sách tài khoản</a></p>
    <div class="grid-2 user-edit">
      <section class="card" aria-labelledby="user-info">
        <h2 id="user-info">Thông tin và vai trò</h2>
        ${formMessage(formOf('thong-tin'))}
        <form method="post" action="${action}" novalidate>
          ${csrfField(web)}
          <input type="hidden" name="bieu-mau" value="thong-tin" />
          <input type="hidden" name="version" value="${u.version}" />
          ${input(formOf('thong-tin'), {
            name: 'name',
            form: 'info',
            label: 'Họ tên',
            required: true,
            value: u.name,
            attrs: { maxlength: '200' },
          })}
          ${select(formOf('thong-tin'), {
            name: 'role',
            form: 'info',
            label: 'Vai trò',
            required: true,
            options: roleOptions(),
            value: u.role,
          })}
          ${select(formOf('thong-tin'), {
            name: 'agencyCode',
            form: 'info',
            label: 'Đơn vị (cán bộ đầu mối)',
            hint: AGENCY_HINT,
            options: agencyOptions(o.agencies, '— Không gắn đơn vị —'),
            value: u.agencyCode ?? '',
          })}
          <button type="submit" class="primary">Lưu thông tin</button>
        </form>
      </section>
      <div>
        <section class="card" aria-labelledby="user-facts">
          <h2 id="user-facts">Tài khoản</h2>
          <dl class="facts">
            <dt>Email</dt>
            <dd>${u.email}</dd>
            <dt>Trạng thái</dt>
            <dd>${status(u)}</dd>
            <dt>Tạo lúc</dt>
            <dd>${moment(u.createdAt)}</dd>
            <dt>Đăng nhập gần nhất</dt>
            <dd>${u.lastLoginAt ? moment(u.lastLoginAt) : 'chưa đăng nhập'}</dd>
          </dl>
        </section>
        <section class="card" aria-labelledby="user-password">
          <h2 id="user-password">Đặt lại mật khẩu</h2>
          ${formMessage(formOf('mat-khau'))}
          <form method="post" action="${action}" novalidate>
            ${csrfField(web)}
            <input type="hidden" name="bieu-mau" value="mat-khau" />
            <input type="hidden" name="version" value="${u.version}" />
            ${input(formOf('mat-khau'), {
              name: 'password',
              form: 'reset',
              label: 'Mật khẩu mới',
              type: 'password',
              required: true,
              hint: PASSWORD_HINT,
              attrs: { autocomplete: 'new-password', minlength: String(PASSWORD_MIN) },
            })}
            <button type="submit">Đặt mật khẩu mới</button>
          </form>
        </section>
        <section class="card" aria-labelledby="user-lock">
          <h2 id="user-lock">${u.disabled ? 'Mở khóa tài khoản' : 'Khóa tài khoản'}</h2>
          ${formMessage(lock)}
          ${
            own
              ? html`<p class="muted">Bạn không thể tự khóa tài khoản đang dùng.</p>`
              : html`<p class="muted">
                    ${
                      u.disabled
                        ? 'Mở khóa để người dùng đăng nhập lại được.'
                        : 'Khóa tài khoản sẽ đăng xuất người dùng ngay và không cho đăng nhập nữa; dữ liệu họ đã nhập vẫn được giữ.'
                    }
                  </p>
                  <form method="post" action="${action}">
                    ${csrfField(web)}
                    <input type="hidden" name="bieu-mau" value="khoa" />
                    <input type="hidden" name="version" value="${u.version}" />
                    <input type="hidden" name="disabled" value="${u.disabled ? 'false' : 'true'}" />
                    ${
                      u.disabled
                        ? html`<button type="submit">Mở khóa tài khoản</button>`
                        : html`<button
                            type="submit"
                            class="danger"
                            data-confirm="Khóa tài khoản ${u.email}? Người dùng sẽ bị đăng xuất ngay."
                          >
                            Khóa tài khoản
                          </button>`
                    }
                  </form>`
          }
        </section>
      </div>
    </div>`;
}
