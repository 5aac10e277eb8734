import { type Html, html } from '../../common/html.js';
import {
  EVENT_STATUS_LABELS,
  eventLinks,
  focalPointsText,
  fromDay,
  leadAgencyText,
  letterOutcomeText,
  officerText,
  ROLE_NAMES,
  SUCCESSION_KIND_LABELS,
} from '../../agencies/succession/reorganisation-text.js';
import { csrfField, errorAlert } from '../components/fields.js';
import { day } from '../components/format.js';
import { empty } from '../components/tables.js';
import type { Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';

type Preview = Schemas['ReorganisationPreviewView'];
type Applied = Schemas['ReorganisationApplyView'];

export const REORGANISATION_PATH = '/cai-dat/sap-xep-to-chuc';

/** A table of one column of sentences, or the empty note: the moves read best as sentences. */
function listTable(caption: string, lines: string[], none: string): Html {
  return html`<section class="reorganisation-part">
    <h2>${caption}</h2>
    ${
      lines.length === 0
        ? empty(none)
        : html`<ul class="plain moves">
            ${lines.map((l) => html`<li>${l}</li>`)}
          </ul>`
    }
  </section>`;
}

/** The preview: what applying the package would add, end and move, as of the service's today. */
export function reorganisationBody(web: WebContext, p: Preview, message?: string): Html {
  const changedLetters = p.letters.filter((l) => l.outcome !== 'UNCHANGED');
  const unchanged = p.letters.length - changedLetters.length;
  return html`${errorAlert(message)}
    ${
      p.applied
        ? html`<p class="alert ok" data-state="applied">
            Gói đã được áp dụng. Áp dụng lại không thay đổi gì.
          </p>`
        : html`<p class="alert info" data-state="not-applied">
            Chưa áp dụng. Dưới đây là những gì sẽ thay đổi nếu áp dụng hôm nay (${day(p.asOf)}).
          </p>`
    }
    ${p.problems.length ? html`<div class="alert error">${p.problems.map((x) => html`<p>${x}</p>`)}</div>` : ''}
    <section class="reorganisation-part">
      <h2>Ghi chú của gói</h2>
      <ul class="notes">
        ${p.notes.map((n) => html`<li>${n}</li>`)}
      </ul>
    </section>
    <section class="reorganisation-part">
      <h2>Cơ quan, đơn vị mới</h2>
      <div class="table-wrap">
        <table class="package-agencies">
          <thead>
            <tr>
              <th scope="col">Mã</th>
              <th scope="col">Tên</th>
              <th scope="col">Tồn tại từ</th>
              <th scope="col">Áp dụng</th>
            </tr>
          </thead>
          <tbody>
            ${p.agencies.map(
              (a) =>
                html`<tr data-agency="${a.code}">
                  <th scope="row"><code>${a.code}</code></th>
                  <td>${a.name}</td>
                  <td>
                    ${a.validFrom ? day(a.validFrom) : html`<span class="muted">trước đó</span>`}
                  </td>
                  <td>${a.action === 'CREATE' ? 'Thêm mới' : 'Đã có'}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>
    <section class="reorganisation-part">
      <h2>Cơ quan kết thúc</h2>
      <div class="table-wrap">
        <table class="ending-agencies">
          <thead>
            <tr>
              <th scope="col">Mã</th>
              <th scope="col">Tên</th>
              <th scope="col">Thôi tồn tại từ ngày</th>
              <th scope="col">Áp dụng</th>
            </tr>
          </thead>
          <tbody>
            ${p.endingAgencies.map(
              (a) =>
                html`<tr data-agency="${a.code}">
                  <th scope="row"><code>${a.code}</code></th>
                  <td>${a.name}</td>
                  <td>${day(a.validUntil)}</td>
                  <td>${a.action === 'END' ? 'Sẽ kết thúc' : 'Đã kết thúc'}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>
    <section class="reorganisation-part">
      <h2>Sự kiện kế thừa</h2>
      <div class="table-wrap">
        <table class="succession-events">
          <thead>
            <tr>
              <th scope="col">Ngày hiệu lực</th>
              <th scope="col">Loại</th>
              <th scope="col">Cơ quan cũ → cơ quan kế thừa</th>
              <th scope="col">Căn cứ</th>
              <th scope="col">Trạng thái</th>
            </tr>
          </thead>
          <tbody>
            ${p.events.map(
              (e) =>
                html`<tr data-event="${e.packageKey}">
                  <td>${day(e.effectiveOn)}</td>
                  <td>${SUCCESSION_KIND_LABELS[e.kind]}</td>
                  <td>
                    <code>${e.links[0]?.fromCode ?? ''}</code> → ${eventLinks(e)}
                    ${e.note ? html`<br /><span class="muted">${e.note}</span>` : ''}
                  </td>
                  <td>${e.legalBasis}</td>
                  <td>${EVENT_STATUS_LABELS[e.status]}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>
    <section class="reorganisation-part">
      <h2>Kiến nghị còn mở: nơi nhận thư nhắc, đôn đốc</h2>
      ${
        changedLetters.length === 0
          ? empty('Không kiến nghị còn mở nào đổi nơi nhận.')
          : html`<div class="table-wrap">
              <table class="letter-outcomes">
                <thead>
                  <tr>
                    <th scope="col">Kiến nghị</th>
                    <th scope="col">Cơ quan nhận</th>
                    <th scope="col">Thư nhắc gửi tới</th>
                  </tr>
                </thead>
                <tbody>
                  ${changedLetters.map(
                    (l) =>
                      html`<tr
                        data-letter="${l.recommendationId}"
                        data-addressee="${l.addresseeCode}"
                        data-outcome="${l.outcome}"
                      >
                        <td>
                          <a href="/kien-nghi/${l.recommendationId}"
                            >${l.documentNumber ?? 'Chưa có số'}</a
                          >${l.letterDate ? html` <span class="muted">ngày ${day(l.letterDate)}</span>` : ''}
                        </td>
                        <td><code>${l.addresseeCode}</code> ${l.addresseeName}</td>
                        <td>${letterOutcomeText(l)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      ${unchanged > 0 ? html`<p class="muted">${unchanged} cơ quan nhận khác không đổi.</p>` : ''}
    </section>
    ${movesSections(p)}
    ${listTable(
      'Vai trò',
      p.roles
        .filter((r) => r.holderCode !== r.agencyCode)
        .map(
          (r) =>
            `${ROLE_NAMES[r.role] ?? r.role}: ${r.agencyCode} → ${r.holderCode}${fromDay({ effectiveOn: r.effectiveOn, due: false })}`,
        ),
      'Không vai trò nào đổi cơ quan.',
    )}
    ${p.applied || p.problems.length > 0 ? '' : applyForm(web)}`;
}

function movesSections(m: {
  officers: Preview['officers'];
  leadAgencies: Preview['leadAgencies'];
  focalPoints: Preview['focalPoints'];
}): Html {
  return html`${listTable(
    'Tài khoản cán bộ đầu mối',
    m.officers.map(officerText),
    'Không tài khoản nào phải chuyển.',
  )}
  ${listTable(
    'Đơn vị chủ trì mô hình',
    m.leadAgencies.map(leadAgencyText),
    'Không mô hình nào đổi đơn vị chủ trì.',
  )}
  ${listTable('Email đầu mối', m.focalPoints.map(focalPointsText), 'Không email đầu mối nào.')}`;
}

function applyForm(web: WebContext): Html {
  return html`<form method="post" action="${REORGANISATION_PATH}/ap-dung" class="apply">
    ${csrfField(web)}
    <button
      type="submit"
      class="primary"
      data-confirm="Áp dụng gói sắp xếp tổ chức năm 2025? Các thay đổi trên được thực hiện trong một lần và ghi vào nhật ký."
    >
      Áp dụng gói
    </button>
  </form>`;
}

/** What applying did (or that it did nothing, the package being applied already). */
export function appliedBody(r: Applied): Html {
  return html`${
      r.changed
        ? html`<p class="alert ok" data-state="applied-now">Đã áp dụng gói ngày ${day(r.asOf)}.</p>`
        : html`<p class="alert info" data-state="unchanged">
            Gói đã được áp dụng từ trước: lần này không thay đổi gì.
          </p>`
    }
    ${listTable('Cơ quan vừa thêm', r.agenciesCreated, 'Không thêm cơ quan nào.')}
    ${listTable('Sự kiện vừa ghi', r.eventsRecorded, 'Không ghi thêm sự kiện nào.')}
    ${movesSections(r)}
    ${listTable(
      'Chờ đến ngày hiệu lực (tự thực hiện vào ngày đó)',
      r.pending.map((e) => `${day(e.effectiveOn)}: ${e.packageKey}`),
      'Không sự kiện nào chờ.',
    )}
    <p><a href="${REORGANISATION_PATH}">Xem lại gói</a></p>`;
}
