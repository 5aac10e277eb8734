import { html } from '../../common/html.js';
import { DEMO_DOMAIN } from '../../users/domain/demo-domain.js';
import { formMessage, input } from '../components/fields.js';
import { type FormState, one } from '../components/forms.js';
import { page } from '../components/layout.js';
import { SIGN_IN_LABELS as L } from '../labels.js';
import { CSRF_FIELD } from '../web-request.js';

/** The sign-in form, carrying its pre-session CSRF token; the demo accounts where seeded. */
export function signInPage(form: FormState, csrfToken: string, demo: boolean): string {
  return page(null, {
    title: L.title,
    body: html`<section class="sign-in">
      <h1>${L.title}</h1>
      <p class="muted">${L.intro}</p>
      ${formMessage(form)}
      <form method="post" action="/dang-nhap" novalidate>
        <input type="hidden" name="${CSRF_FIELD}" value="${csrfToken}" />
        <input type="hidden" name="tiep" value="${one(form.values, 'tiep')}" />
        ${one(form.values, 'giu') ? html`<input type="hidden" name="giu" value="1" />` : ''}
        ${input(form, {
          name: 'email',
          label: L.email,
          type: 'email',
          required: true,
          attrs: { autocomplete: 'username', autofocus: '' },
        })}
        ${input(form, {
          name: 'password',
          label: L.password,
          type: 'password',
          required: true,
          attrs: { autocomplete: 'current-password' },
        })}
        <button type="submit" class="primary">${L.submit}</button>
      </form>
      ${
        demo
          ? html`<aside class="demo">
              <h2>${L.demoAccounts}</h2>
              <p>
                Mật khẩu chung được in ra khi dịch vụ khởi động. Thư ký:
                <code>thuky@${DEMO_DOMAIN}</code>; lãnh đạo: <code>lanhdao@${DEMO_DOMAIN}</code>;
                cán bộ Sở Y tế: <code>syt@${DEMO_DOMAIN}</code> (mỗi đơn vị chủ trì có một tài khoản
                theo mã đơn vị).
              </p>
            </aside>`
          : ''
      }
    </section>`,
  });
}
