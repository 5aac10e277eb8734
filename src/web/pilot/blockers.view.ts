import { BLOCKER_AUTHORITIES, BLOCKER_CATEGORIES } from '../../blockers/domain/blocker-enums.js';
import { html, type Html } from '../../common/html.js';
import { blockerStateBadge } from '../components/badges.js';
import { csrfField, formMessage, input, select, textarea } from '../components/fields.js';
import { day } from '../components/format.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import { BLOCKER_AUTHORITY_LABELS, BLOCKER_CATEGORY_LABELS } from '../labels.js';
import type { WebContext } from '../web-request.js';
import { formOf, type PilotPageData, type PilotPageState } from './pilot-page.js';
import { blockerCorrections } from './blocker-corrections.view.js';

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function blockersCard(
  web: WebContext,
  data: PilotPageData,
  state: PilotPageState,
  writer: boolean,
): Html {
  const newForm = formOf(state, 'blocker-new');
  return html`<section class="card blockers-card" aria-labelledby="blockers-title" id="vuong-mac">
    <h2 id="blockers-title">Vướng mắc, khó khăn</h2>
    <p class="muted">${data.blockers.length} vướng mắc, ${data.pilot.openBlockers} đang mở.</p>
    ${
      writer
        ? html`<details class="action" ${newForm ? html` open` : ''}>
            <summary>Nêu vướng mắc mới</summary>
            <form
              method="post"
              action="/mo-hinh/${data.pilot.number}/vuong-mac"
              data-draft="blocker-new-${data.pilot.number}"
              novalidate
            >
              ${csrfField(web)} ${formMessage(newForm)}
              ${input(newForm, {
                name: 'title',
                form: 'blocker-new',
                label: 'Tiêu đề',
                required: true,
                attrs: { maxlength: '300' },
              })}
              ${textarea(newForm, {
                name: 'description',
                form: 'blocker-new',
                label: 'Nội dung',
                required: true,
                rows: 4,
              })}
              <div class="two">
                ${select(newForm, {
                  name: 'category',
                  form: 'blocker-new',
                  label: 'Nhóm vướng mắc',
                  required: true,
                  options: [
                    ['', 'Chọn nhóm'],
                    ...BLOCKER_CATEGORIES.map((c): [string, string] => [
                      c,
                      BLOCKER_CATEGORY_LABELS[c] ?? c,
                    ]),
                  ],
                })}
                ${select(newForm, {
                  name: 'authority',
                  form: 'blocker-new',
                  label: 'Thẩm quyền',
                  required: true,
                  options: [
                    ['', 'Chọn thẩm quyền'],
                    ...BLOCKER_AUTHORITIES.map((a): [string, string] => [
                      a,
                      capitalized(BLOCKER_AUTHORITY_LABELS[a] ?? a),
                    ]),
                  ],
                })}
              </div>
              <button type="submit" class="primary">Ghi nhận vướng mắc</button>
            </form>
          </details>`
        : ''
    }
    ${
      data.blockers.length === 0
        ? empty('Mô hình chưa có vướng mắc nào.')
        : html`<ul class="blockers">
            ${data.blockers.map((b) => blockerItem(web, b, state))}
          </ul>`
    }
  </section>`;
}

function blockerItem(web: WebContext, b: Schemas['BlockerView'], state: PilotPageState): Html {
  const resolveForm = formOf(state, `resolve-${b.id}`);
  const withdrawForm = formOf(state, `withdraw-${b.id}`);
  const canResolve = b.allowedCommands.includes('resolve');
  const canWithdraw = b.allowedCommands.includes('withdraw');
  const corrections = blockerCorrections(web, b, state);
  const hidden = html`${csrfField(web)}
    <input type="hidden" name="version" value="${b.version}" />`;
  return html`<li class="blocker blocker-item-${b.state.toLowerCase()}" id="vuong-mac-${b.id}">
    <h3><a href="/vuong-mac/${b.id}">${b.title}</a></h3>
    <p class="tags">
      ${blockerStateBadge(b.state)}
      <span class="badge tag">${BLOCKER_CATEGORY_LABELS[b.category] ?? b.category}</span>
      <span class="badge tag authority-${b.authority.toLowerCase()}"
        >${capitalized(BLOCKER_AUTHORITY_LABELS[b.authority] ?? b.authority)}</span
      >
      <span class="muted">· ghi nhận ${day(b.createdAt)}</span>
    </p>
    <p class="prose">${b.description}</p>
    ${
      b.resolution
        ? html`<p class="resolution"><strong>Cách giải quyết:</strong> ${b.resolution}</p>`
        : ''
    }
    ${
      canResolve || canWithdraw || corrections.value !== ''
        ? html`<div class="blocker-actions">
            ${corrections}
            ${
              canResolve
                ? html`<details class="action" ${resolveForm ? html` open` : ''}>
                    <summary>Đánh dấu đã giải quyết</summary>
                    <form method="post" action="/vuong-mac/${b.id}/giai-quyet" novalidate>
                      ${hidden} ${formMessage(resolveForm)}
                      ${textarea(resolveForm, {
                        name: 'resolution',
                        form: `resolve-${b.id}`,
                        label: 'Cách giải quyết',
                        required: true,
                        rows: 3,
                      })}
                      <button type="submit" class="primary">Xác nhận đã giải quyết</button>
                    </form>
                  </details>`
                : ''
            }
            ${
              canWithdraw
                ? html`<details class="action" ${withdrawForm ? html` open` : ''}>
                    <summary>Rút vướng mắc</summary>
                    <form method="post" action="/vuong-mac/${b.id}/rut" novalidate>
                      ${hidden} ${formMessage(withdrawForm)}
                      ${textarea(withdrawForm, {
                        name: 'reason',
                        form: `withdraw-${b.id}`,
                        label: 'Vì sao rút vướng mắc',
                        required: true,
                        rows: 3,
                      })}
                      <button type="submit" class="danger">Rút vướng mắc</button>
                    </form>
                  </details>`
                : ''
            }
          </div>`
        : ''
    }
  </li>`;
}
