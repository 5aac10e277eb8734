import { NOTIFY_TARGETS } from '../../escalation/domain/policy.js';
import { type Html, html } from '../../common/html.js';
import { csrfField, formMessage, input, select } from '../components/fields.js';
import { type FormState, type FormValues, many, one } from '../components/forms.js';
import type { Schemas } from '../in-process-api.js';
import { NOTIFY_LABELS, WEEKDAYS, WORDS } from '../labels.js';
import type { WebContext } from '../web-request.js';
import { CUSTOM_DIGEST_DAYS, DIGEST_DAY_OPTIONS, scheduleOf } from './digest-schedule.js';
import { readOnlyNote } from './settings-page.js';

/** The policy's fields in messages: "afterWorkingDays tối đa 250" reads with these names. */
export const POLICY_LABELS: Record<string, string> = {
  version: WORDS.version,
  responseWorkingDays: 'Thời hạn trả lời',
  level: 'Số thứ tự mức',
  name: 'Tên mức',
  afterWorkingDays: 'Số ngày làm việc sau hạn',
  notify: 'Mức này',
  repeatEveryWorkingDays: 'Chu kỳ lặp lại',
  digestCron: 'Lịch gửi bản tổng hợp',
  digestTime: 'Giờ gửi bản tổng hợp',
  reportCutoffDay: 'Ngày chốt báo cáo',
};

/** The form's fields, named like the API's paths (levels.0.afterWorkingDays), from a policy. */
export function policyValues(current: Schemas['VersionedPolicy']): FormValues {
  const p = current.policy;
  const values: FormValues = {
    version: String(current.version),
    responseWorkingDays: String(p.responseWorkingDays),
    repeatEveryWorkingDays: String(p.repeatEveryWorkingDays),
    digestCron: p.digestCron,
    ...digestValues(p.digestCron),
    reportCutoffDay: String(p.reportCutoffDay),
  };
  p.levels.forEach((l, i) => {
    values[`levels.${i}.name`] = l.name;
    values[`levels.${i}.afterWorkingDays`] = String(l.afterWorkingDays);
    values[`levels.${i}.notify`] = [...l.notify];
  });
  return values;
}

/** The digest's days and time fields for a stored schedule (custom when the form cannot show it). */
export function digestValues(cron: string): FormValues {
  const schedule = scheduleOf(cron);
  return schedule
    ? { digestDays: schedule.days, digestTime: schedule.time }
    : { digestDays: CUSTOM_DIGEST_DAYS, digestTime: '' };
}

/** The indices of the levels a form holds, in order (levels.0…, levels.1…). */
export function levelIndices(values: FormValues): number[] {
  const found = new Set<number>();
  for (const key of Object.keys(values)) {
    const m = /^levels\.(\d{1,2})\.(name|afterWorkingDays|notify)$/.exec(key);
    if (m) found.add(Number(m[1]));
  }
  return [...found].sort((a, b) => a - b);
}

/**
 * A digest schedule in words when it is a simple one ("30 7 * * 1" → 07:30 thứ Hai hằng
 * tuần); null for anything more elaborate, which the hint then explains field by field.
 */
export function describeCron(cron: string): string | null {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) return null;
  const [minute, hour, dom, month, dow] = parts;
  if (!/^\d{1,2}$/.test(minute) || !/^\d{1,2}$/.test(hour)) return null;
  if (Number(minute) > 59 || Number(hour) > 23) return null;
  const at = `${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
  if (month !== '*') return null;
  if (dom === '*' && dow === '*') return `${at} mỗi ngày`;
  if (dom === '*' && /^[0-7](,[0-7])*$/.test(dow)) {
    const days = dow.split(',').map((d) => WEEKDAYS[Number(d) % 7].replace(/^Thứ/, 'thứ'));
    return `${at} ${days.join(', ')} hằng tuần`;
  }
  if (dom === '*' && dow === '1-5') return `${at} các ngày từ thứ Hai đến thứ Sáu`;
  if (/^\d{1,2}$/.test(dom) && Number(dom) >= 1 && Number(dom) <= 31 && dow === '*')
    return `${at} ngày ${Number(dom)} hằng tháng`;
  return null;
}

/** The policy form of the secretariat; the levels are fieldsets named like the API's paths. */
export function policyForm(web: WebContext, form: FormState): Html {
  const indices = levelIndices(form.values);
  const levelsProblems = form.errors.levels;
  const cron = one(form.values, 'digestCron');
  const custom = one(form.values, 'digestDays') === CUSTOM_DIGEST_DAYS;
  return html`<form method="post" action="/cai-dat/don-doc" class="policy-form" novalidate>
    ${csrfField(web)}
    <input type="hidden" name="version" value="${one(form.values, 'version')}" />
    ${formMessage(form)}
    <section class="card" aria-labelledby="policy-due">
      <h2 id="policy-due">Thời hạn trả lời</h2>
      ${input(form, {
        name: 'responseWorkingDays',
        label: 'Thời hạn trả lời mặc định (ngày làm việc)',
        hint: 'Tính từ ngày gửi công văn kiến nghị, khi công văn không ghi hạn trả lời.',
        type: 'number',
        required: true,
        attrs: { min: '1', max: '250', inputmode: 'numeric' },
      })}
    </section>
    <section class="card" aria-labelledby="policy-levels">
      <h2 id="policy-levels">Các mức đôn đốc</h2>
      <p class="muted">
        Mỗi mức được gửi khi kiến nghị quá hạn trả lời số ngày làm việc đã đặt, vào cùng giờ với hạn
        trả lời; 0 là gửi ngay lúc đến hạn. Số ngày phải tăng dần từ mức 1.
      </p>
      ${
        levelsProblems?.length
          ? html`<p class="field-error" id="levels-error" role="alert">
              ${levelsProblems.join(' ')}
            </p>`
          : ''
      }
      <div class="levels">
        ${indices.map((i, position) => levelFieldset(form, i, position, indices.length))}
      </div>
    </section>
    <section class="card" aria-labelledby="policy-repeat">
      <h2 id="policy-repeat">Lặp lại, bản tổng hợp và ngày chốt báo cáo</h2>
      <div class="settings-grid">
        ${input(form, {
          name: 'repeatEveryWorkingDays',
          label: 'Lặp lại mức cuối sau mỗi (ngày làm việc)',
          hint: 'Mức cuối được gửi lại theo chu kỳ này cho đến khi có trả lời; 0 là không lặp.',
          type: 'number',
          required: true,
          attrs: { min: '0', max: '250', inputmode: 'numeric' },
        })}
        ${input(form, {
          name: 'reportCutoffDay',
          label: 'Ngày chốt báo cáo hằng tháng',
          hint: 'Ngày trong tháng (1–28): đơn vị chưa nộp báo cáo kỳ đó sẽ được nhắc vào ngày này.',
          type: 'number',
          required: true,
          attrs: { min: '1', max: '28', inputmode: 'numeric' },
        })}
      </div>
      <fieldset class="digest-schedule">
        <legend>Gửi bản tổng hợp cho lãnh đạo (giờ Việt Nam)</legend>
        <div class="settings-grid">
          ${select(form, {
            name: 'digestDays',
            label: 'Vào',
            options: [
              ...DIGEST_DAY_OPTIONS,
              ...(custom
                ? [
                    [
                      CUSTOM_DIGEST_DAYS,
                      `Giữ lịch riêng đang dùng: ${describeCron(cron) ?? cron}`,
                    ] as [string, string],
                  ]
                : []),
            ],
          })}
          ${input(form, {
            name: 'digestTime',
            label: 'Lúc',
            hint: 'Giờ:phút, ví dụ 07:30.',
            type: 'time',
            required: !custom,
          })}
        </div>
        ${custom ? html`<input type="hidden" name="digestCron" value="${cron}" />` : ''}
      </fieldset>
    </section>
    <div class="actions form-actions">
      <button type="submit" class="primary">Lưu chính sách</button>
      <button type="submit" name="_action" value="them-muc">Thêm một mức</button>
      <a class="button" href="/cai-dat/don-doc">Bỏ các thay đổi chưa lưu</a>
    </div>
  </form>`;
}

function levelFieldset(form: FormState, i: number, position: number, count: number): Html {
  const prefix = `levels.${i}`;
  const notifyName = `${prefix}.notify`;
  const notifyProblems = form.errors[notifyName];
  const chosen = many(form.values, notifyName);
  const groupId = `level-${i}-notify`;
  return html`<fieldset class="level" data-level="${position + 1}">
    <legend>Mức ${position + 1}</legend>
    <div class="settings-grid">
      ${input(form, {
        name: `${prefix}.name`,
        label: 'Tên mức',
        required: true,
        attrs: { maxlength: '100' },
      })}
      ${input(form, {
        name: `${prefix}.afterWorkingDays`,
        label: 'Số ngày làm việc sau hạn trả lời',
        type: 'number',
        required: true,
        attrs: { min: '0', max: '250', inputmode: 'numeric' },
      })}
    </div>
    <div class="field checks${notifyProblems?.length ? ' invalid' : ''}">
      <fieldset
        ${notifyProblems?.length ? html` aria-describedby="${groupId}-error"` : ''}
        class="notify"
      >
        <legend>Gửi thông báo cho</legend>
        ${NOTIFY_TARGETS.map(
          (t) =>
            html`<label class="check"
              ><input
                type="checkbox"
                name="${notifyName}"
                value="${t}"
                ${chosen.includes(t) ? html` checked` : ''}${
                  notifyProblems?.length ? html` aria-invalid="true"` : ''
                }
              />
              ${NOTIFY_LABELS[t]}</label
            >`,
        )}
      </fieldset>
      ${
        notifyProblems?.length
          ? html`<p class="field-error" id="${groupId}-error">${notifyProblems.join(' ')}</p>`
          : ''
      }
    </div>
    ${
      count > 1
        ? html`<label class="check remove-level"
            ><input
              type="checkbox"
              name="${prefix}.remove"
              value="1"
              ${one(form.values, `${prefix}.remove`) === '1' ? html` checked` : ''}
            />
            Bỏ mức này khi lưu</label
          >`
        : ''
    }
  </fieldset>`;
}

/** What an administrator sees: the policy in force, without a form (only the secretariat may change it). */
export function policyReadOnly(current: Schemas['VersionedPolicy']): Html {
  const p = current.policy;
  const cron = describeCron(p.digestCron);
  return html`${readOnlyNote(
      'Chính sách đôn đốc do Thư ký Tổ công tác điều chỉnh; tài khoản của bạn chỉ xem được.',
    )}
    <section class="card" aria-labelledby="policy-levels">
      <h2 id="policy-levels">Các mức đôn đốc</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col" class="num">Mức</th>
              <th scope="col">Tên</th>
              <th scope="col" class="num">Sau hạn trả lời</th>
              <th scope="col">Gửi thông báo cho</th>
            </tr>
          </thead>
          <tbody>
            ${p.levels.map(
              (l) =>
                html`<tr>
                  <td class="num">${l.level}</td>
                  <td>${l.name}</td>
                  <td class="num">${l.afterWorkingDays} ngày làm việc</td>
                  <td>${l.notify.map((n) => NOTIFY_LABELS[n]).join('; ')}</td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>
    <section class="card" aria-labelledby="policy-other">
      <h2 id="policy-other">Thời hạn, lặp lại và lịch</h2>
      <dl class="facts">
        <dt>Thời hạn trả lời mặc định</dt>
        <dd>${p.responseWorkingDays} ngày làm việc</dd>
        <dt>Lặp lại mức cuối</dt>
        <dd>
          ${p.repeatEveryWorkingDays > 0 ? `sau mỗi ${p.repeatEveryWorkingDays} ngày làm việc` : 'không lặp'}
        </dd>
        <dt>Gửi bản tổng hợp cho lãnh đạo</dt>
        <dd><code>${p.digestCron}</code>${cron ? ` (${cron})` : ''}</dd>
        <dt>Ngày chốt báo cáo</dt>
        <dd>ngày ${p.reportCutoffDay} hằng tháng</dd>
        <dt>Phiên bản</dt>
        <dd>${current.version === 0 ? 'mặc định (chưa điều chỉnh)' : current.version}</dd>
      </dl>
    </section>`;
}
