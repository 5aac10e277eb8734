import { Controller, Get, Query, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/public.decorator.js';
import { PILOT_STATES } from '../pilots/domain/pilot-state.js';
import { html, type Html } from '../common/html.js';
import { pilotStateBadge } from './components/badges.js';
import { errorAlert, input, select } from './components/fields.js';
import { period } from './components/format.js';
import { type FormState, formValues, one, refused } from './components/forms.js';
import { page, redirect, sendHtml } from './components/layout.js';
import { apiResult, read, unchecked, type Schemas } from './in-process-api.js';
import { empty } from './components/tables.js';
import { PILOT_STATE_LABELS } from './labels.js';
import { Web, WebGuard, type WebContext } from './web-request.js';
import { WebExceptionFilter } from './web-exception.filter.js';

type PilotView = Schemas['PilotView'];

const BLOCKED_OPTIONS: [string, string][] = [
  ['', 'Tất cả'],
  ['true', 'Đang vướng mắc'],
  ['false', 'Không vướng mắc'],
];

/** The pilot board: every pilot at a glance, the officer's own first, filters and search. */
@ApiExcludeController()
@Public()
@UseGuards(WebGuard)
@UseFilters(WebExceptionFilter)
@Controller()
export class BoardController {
  @Get()
  home(@Web() web: WebContext, @Res() reply: FastifyReply): FastifyReply {
    return redirect(reply, web.actor.role === 'LEADERSHIP' ? '/tong-quan' : '/mo-hinh');
  }

  @Get('mo-hinh')
  async board(
    @Web() web: WebContext,
    @Query() query: unknown,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const values = formValues(query);
    const filters = {
      state: one(values, 'state'),
      agency: one(values, 'agency'),
      blocked: one(values, 'blocked'),
      q: one(values, 'q'),
    };
    // The agency filter offers the lead agencies of all pilots: a second read only when the list
    // on screen is filtered.
    const filtered = Object.values(filters).some((v) => v !== '');
    const [result, unfiltered] = await Promise.all([
      apiResult(
        web.api.GET('/api/v1/pilots', {
          params: {
            query: {
              state: unchecked(filters.state),
              agency: filters.agency,
              blocked: unchecked(filters.blocked),
              q: filters.q,
              limit: 100,
            },
          },
        }),
      ),
      filtered
        ? read(web.api.GET('/api/v1/pilots', { params: { query: { limit: 100 } } }))
        : undefined,
    ]);
    const all = unfiltered ?? (result.ok ? result.body : { items: [], total: 0 });
    const form: FormState = result.ok
      ? { values: filters, errors: {} }
      : refused(filters, result.error);
    const pilots = result.ok ? ownFirst(result.body.items) : [];
    const results = this.results(pilots, result.ok ? result.body.total : 0, all.total);
    // htmx asks for the results only when a filter changes.
    if (request.headers['hx-request'] && request.headers['hx-target'] === 'board-results') {
      return sendHtml(reply, results.value, 200);
    }
    const agencies = new Map<string, string>();
    for (const p of all.items) for (const a of p.leadAgencies) agencies.set(a.code, a.name);
    const agencyOptions: [string, string][] = [
      ['', 'Tất cả đơn vị'],
      ...[...agencies]
        .sort((a, b) => a[1].localeCompare(b[1], 'vi'))
        .map(([c, n]): [string, string] => [c, n]),
    ];
    return sendHtml(
      reply,
      page(web, {
        title: 'Mô hình điểm',
        active: 'board',
        body: html`<div class="page-head">
            <h1>Mô hình điểm</h1>
            <p class="muted">31 mô hình thí điểm theo Báo cáo 442/BC-TCTĐA06 và cập nhật sau đó.</p>
          </div>
          <form
            class="filters"
            method="get"
            action="/mo-hinh"
            role="search"
            hx-get="/mo-hinh"
            hx-target="#board-results"
            hx-swap="outerHTML"
            hx-push-url="true"
            hx-trigger="change, input changed delay:300ms from:#filter-q"
          >
            ${input(form, {
              name: 'q',
              form: 'filter',
              label: 'Tìm theo tên (không cần dấu)',
              type: 'search',
              attrs: { placeholder: 'ví dụ: y te, kham benh' },
            })}
            ${select(form, {
              name: 'state',
              form: 'filter',
              label: 'Trạng thái',
              options: [
                ['', 'Tất cả trạng thái'],
                ...PILOT_STATES.map((s): [string, string] => [s, PILOT_STATE_LABELS[s]]),
              ],
            })}
            ${select(form, { name: 'agency', form: 'filter', label: 'Đơn vị chủ trì', options: agencyOptions })}
            ${select(form, { name: 'blocked', form: 'filter', label: 'Vướng mắc', options: BLOCKED_OPTIONS })}
            <div class="filter-actions">
              <button type="submit">Lọc</button>
              <a href="/mo-hinh">Bỏ lọc</a>
            </div>
          </form>
          ${errorAlert(result.ok ? null : result.error.message)}
          <div aria-live="polite">${results}</div>`,
      }),
      result.ok ? 200 : result.status,
    );
  }

  private results(pilots: PilotView[], shown: number, total: number): Html {
    const mine = (p: PilotView) => p.ledByUserAgency;
    // Replaced whole by htmx inside a live region that stays, so the new count is read out.
    return html`<section id="board-results">
      <p class="count">Hiển thị <strong>${shown}</strong> / ${total} mô hình</p>
      ${
        pilots.length === 0
          ? empty('Không có mô hình nào khớp với bộ lọc.')
          : html`<div class="table-wrap">
              <table class="board">
                <thead>
                  <tr>
                    <th scope="col" class="num">Số</th>
                    <th scope="col">Mô hình</th>
                    <th scope="col" class="col-agency">Đơn vị chủ trì</th>
                    <th scope="col">Trạng thái</th>
                    <th scope="col" class="num">Vướng mắc mở</th>
                    <th scope="col" class="num">Kiến nghị quá hạn</th>
                    <th scope="col">Báo cáo gần nhất</th>
                  </tr>
                </thead>
                <tbody>
                  ${pilots.map(
                    (p) =>
                      html`<tr class="${mine(p) ? 'own' : ''}" data-pilot="${p.number}">
                        <td class="num">${p.number}</td>
                        <td>
                          <a href="/mo-hinh/${p.number}">${p.name}</a>
                          ${p.blocked ? html` <span class="badge blocked">Vướng mắc</span>` : ''}
                          ${mine(p) ? html` <span class="badge own-tag">Đơn vị bạn</span>` : ''}
                          <span class="agency-inline"
                            >${p.leadAgencies.map((a) => a.name).join('; ')}</span
                          >
                        </td>
                        <td class="col-agency">${p.leadAgencies.map((a) => a.name).join('; ')}</td>
                        <td>${pilotStateBadge(p.state)}</td>
                        <td class="num">${p.openBlockers || html`<span class="muted">0</span>`}</td>
                        <td class="num">
                          ${
                            p.overdueRecommendations
                              ? html`<span class="badge overdue">${p.overdueRecommendations}</span>`
                              : html`<span class="muted">0</span>`
                          }
                        </td>
                        <td>
                          ${p.lastReportPeriod ? `Tháng ${period(p.lastReportPeriod)}` : html`<span class="muted">Chưa có</span>`}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
    </section>`;
  }
}

/** The officer's own pilots first, each group in pilot order. */
function ownFirst(pilots: PilotView[]): PilotView[] {
  return [...pilots].sort(
    (a, b) => Number(b.ledByUserAgency) - Number(a.ledByUserAgency) || a.number - b.number,
  );
}
