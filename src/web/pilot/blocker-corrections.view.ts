import { BLOCKER_AUTHORITIES, BLOCKER_CATEGORIES } from '../../blockers/domain/blocker-enums.js';
import { html, type Html } from '../../common/html.js';
import { csrfField, formMessage, input, select, textarea } from '../components/fields.js';
import type { FormState } from '../components/forms.js';
import type { Schemas } from '../in-process-api.js';
import { BLOCKER_AUTHORITY_LABELS, BLOCKER_CATEGORY_LABELS } from '../labels.js';
import type { WebContext } from '../web-request.js';
import { formOf, type PilotPageState } from './pilot-page.js';

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Corrections of a blocker on its pilot's page (issue 16, item 3), as the API allows them to the
 * user (`allowedCommands`): its words, category and authority (`edit`), and reopening one
 * resolved or withdrawn too early (`reopen`, with the reason). Both carry the version shown.
 */
export function blockerCorrections(
  web: WebContext,
  b: Schemas['BlockerView'],
  state: PilotPageState,
): Html {
  const canEdit = b.allowedCommands.includes('edit');
  const canReopen = b.allowedCommands.includes('reopen');
  if (!canEdit && !canReopen) return html``;
  const editForm = formOf(state, `edit-${b.id}`);
  const reopenForm = formOf(state, `reopen-${b.id}`);
  const hidden = html`${csrfField(web)}
    <input type="hidden" name="version" value="${b.version}" />`;
  const shown: FormState = editForm ?? {
    values: {
      title: b.title,
      description: b.description,
      category: b.category,
      authority: b.authority,
    },
    errors: {},
  };
  return html`${
    canEdit
      ? html`<details class="action" ${editForm ? html` open` : ''}>
          <summary>Sửa vướng mắc</summary>
          <form
            method="post"
            action="/vuong-mac/${b.id}/sua"
            data-draft="blocker-${b.id}"
            novalidate
          >
            ${hidden} ${formMessage(editForm)}
            ${input(shown, {
              name: 'title',
              form: `edit-${b.id}`,
              label: 'Tiêu đề',
              required: true,
              attrs: { maxlength: '300' },
            })}
            ${textarea(shown, {
              name: 'description',
              form: `edit-${b.id}`,
              label: 'Nội dung',
              required: true,
              rows: 4,
            })}
            <div class="two">
              ${select(shown, {
                name: 'category',
                form: `edit-${b.id}`,
                label: 'Nhóm vướng mắc',
                required: true,
                options: BLOCKER_CATEGORIES.map((c): [string, string] => [
                  c,
                  BLOCKER_CATEGORY_LABELS[c] ?? c,
                ]),
              })}
              ${select(shown, {
                name: 'authority',
                form: `edit-${b.id}`,
                label: 'Thẩm quyền',
                required: true,
                options: BLOCKER_AUTHORITIES.map((a): [string, string] => [
                  a,
                  capitalized(BLOCKER_AUTHORITY_LABELS[a] ?? a),
                ]),
              })}
            </div>
            <button type="submit" class="primary">Lưu vướng mắc</button>
          </form>
        </details>`
      : ''
  }
  ${
    canReopen
      ? html`<details class="action" ${reopenForm ? html` open` : ''}>
          <summary>Mở lại vướng mắc</summary>
          <form method="post" action="/vuong-mac/${b.id}/mo-lai" novalidate>
            ${hidden} ${formMessage(reopenForm)}
            ${textarea(reopenForm, {
              name: 'reason',
              form: `reopen-${b.id}`,
              label: 'Vì sao mở lại',
              required: true,
              rows: 3,
            })}
            <button type="submit" class="primary">Mở lại vướng mắc</button>
          </form>
        </details>`
      : ''
  }`;
}
