import { html, type Html } from '../../common/html.js';
import { PASSWORD_MIN } from '../../users/users.dto.js';
import { csrfField, formMessage, input, select } from '../components/fields.js';
import { moment } from '../components/format.js';
import type { FormState } from '../components/forms.js';
import type { Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';
import { AGENCY_HINT, agencyOptions, PASSWORD_HINT, roleOptions, status } from './users.view.js';

type AgencyView = Schemas['AgencyView'];
type UserView = Schemas['UserView'];

/** Which of the account page's forms was sent (its fields are all posted to one address). */
export const ACCOUNT_FORMS = ['thong-tin', 'mat-khau', 'khoa'] as const;
export type AccountFormKey = (typeof ACCOUNT_FORMS)[number];

export function accountBody(
  web: WebContext,
  o: {
    user: UserView;
    agencies: AgencyView[];
    failed?: { key: AccountFormKey; form: FormState };
  },
): Html {
  const u = o.user;
  const own = u.id === web.actor.id;
  const formOf = (key: AccountFormKey): FormState | undefined =>
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
            options: agencyOptions(o.agencies, '— Không gắn đơn vị —', u.agencyCode),
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
