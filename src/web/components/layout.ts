import type { FastifyReply } from 'fastify';
import { html, type Html } from '../../common/html.js';
import { can, type Permission } from '../../access/domain/permissions.js';
import type { Role } from '../../access/domain/role.js';
import { assetUrl } from '../assets.js';
import { ApiCallFailed, type ApiFile } from '../in-process-api.js';
import { ROLE_LABELS, SIGN_IN_LABELS } from '../labels.js';
import type { WebContext } from '../web-request.js';
import type { Flash } from '../web-sessions.js';
import { csrfField } from './fields.js';
import { jsonScript } from './json-script.js';
import { DATABASE_BUSY_RETRY_AFTER_SECONDS } from '../../common/database-busy.js';

export type NavKey = 'home' | 'board' | 'recommendations' | 'indicators' | 'overview' | 'settings';

const NAV: {
  key: NavKey;
  href: string;
  label: string;
  permission?: Permission;
  /** The roles whose home this is (src/web/home/home.controller.ts, homePath). */
  roles?: Role[];
}[] = [
  {
    key: 'home',
    href: '/viec-can-lam',
    label: 'Việc cần làm',
    roles: ['SECRETARIAT', 'AGENCY_OFFICER'],
  },
  { key: 'overview', href: '/tong-quan', label: 'Tổng quan' },
  { key: 'board', href: '/mo-hinh', label: 'Mô hình điểm' },
  { key: 'recommendations', href: '/kien-nghi', label: 'Kiến nghị Trung ương' },
  {
    key: 'indicators',
    href: '/chi-so',
    label: 'Số liệu chỉ số',
    roles: ['SECRETARIAT', 'AGENCY_OFFICER'],
  },
  { key: 'settings', href: '/cai-dat', label: 'Cài đặt', permission: 'settings.view' },
];

/** No script or style but our own files; nothing may frame the pages. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export interface PageOptions {
  title: string;
  active?: NavKey;
  body: Html;
  /** Extra scripts of this page (file names under /static). */
  scripts?: string[];
  /** Extra stylesheets of this page (file names under /static). */
  styles?: string[];
  /** What the header's search field holds (the search page's own query). */
  searchQuery?: string;
}

/** A whole page: header with the user's navigation, the one-time message, the content. */
export function page(web: WebContext | null, o: PageOptions): string {
  const flash = web?.session.flash;
  const nav = web
    ? NAV.filter(
        (n) =>
          (!n.permission || can(web.actor.role, n.permission)) &&
          (!n.roles || n.roles.includes(web.actor.role)),
      ).map(
        (n) =>
          html`<li>
            <a href="${n.href}" ${n.key === o.active ? html` aria-current="page"` : ''}
              >${n.label}</a
            >
          </li>`,
      )
    : [];
  const user = web?.actor;
  return (
    '<!doctype html>\n' +
    html`<html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta
          name="htmx-config"
          content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false}'
        />
        <title>${o.title} · Đề án 06 Khánh Hòa</title>
        <link rel="stylesheet" href="${assetUrl('app.css')}" />
        ${(o.styles ?? []).map((s) => html`<link rel="stylesheet" href="${assetUrl(s)}" />`)}
        <link rel="icon" href="${assetUrl('favicon.svg')}" type="image/svg+xml" />
        <script src="${assetUrl('htmx.min.js')}" defer></script>
        <script src="${assetUrl('app.js')}" defer></script>
        ${(o.scripts ?? []).map((s) => html`<script src="${assetUrl(s)}" defer></script>`)}
      </head>
      <body${web ? html` hx-headers='{"x-csrf-token":"${web.session.csrfToken}"}'` : ''}>
        <a class="skip" href="#main">Bỏ qua thanh điều hướng</a>
        <header class="topbar">
          <a class="brand" href="/">
            <span class="brand-mark" aria-hidden="true">06</span>
            <span>Đề án 06 <small>Tỉnh Khánh Hòa</small></span>
          </a>
          ${
            web
              ? html`<nav aria-label="Điều hướng chính">
                    <ul>
                      ${nav}
                    </ul>
                  </nav>
                  ${globalSearch(o.searchQuery)}
                  <div class="who">
                    <span class="who-name">${user!.name}</span>
                    <span class="who-role">${roleLine(user!)}</span>
                    <form method="post" action="/dang-xuat">
                      ${csrfField(web)}
                      <button type="submit" class="link">Đăng xuất</button>
                    </form>
                  </div>`
              : ''
          }
        </header>
        <main id="main" tabindex="-1">
          ${
            flash
              ? html`<div
                  class="alert ${flash.kind}"
                  role="${flash.kind === 'error' ? 'alert' : 'status'}"
                >
                  ${flash.text}
                </div>`
              : ''
          }
          ${flash?.refill ? keptFormNotice(flash.refill) : ''}
          ${o.body}
        </main>
      </body>
    </html>`.value
  );
}

/**
 * A kept form given back after sign-in (src/web/kept-forms.ts): its fields for app.js to put back
 * into the form posted to the same action, and what was typed in plain sight as well, should the
 * page no longer show that form.
 */
function keptFormNotice(refill: NonNullable<Flash['refill']>): Html {
  const typed = Object.entries(refill.fields).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value])
      .filter((v) => v.trim() !== '' && !/^(\d+|[0-9a-f-]{36})$/i.test(v.trim()))
      .map((v) => ({ name, v })),
  );
  return html`${jsonScript('kept-form', refill)}
  ${
    typed.length > 0
      ? html`<details class="kept-form">
          <summary>${SIGN_IN_LABELS.keptContent}</summary>
          ${typed.map((t) => html`<p class="kept-value" data-field="${t.name}">${t.v}</p>`)}
        </details>`
      : ''
  }`;
}

/** The header's search over pilots, blockers, letters and reports (src/web/search). */
function globalSearch(q = ''): Html {
  return html`<form class="global-search" method="get" action="/tim-kiem" role="search">
    <label for="global-q" class="sr-only">Tìm mô hình, vướng mắc, kiến nghị, báo cáo</label>
    <input
      type="search"
      id="global-q"
      name="q"
      value="${q}"
      placeholder="Tìm (không cần dấu)…"
      minlength="2"
      maxlength="200"
    />
  </form>`;
}

/** "Thư ký Tổ công tác", "SYT": the role, unless the account's name already says it, and the agency. */
function roleLine(user: WebContext['actor']): string {
  const role = user.name.startsWith(ROLE_LABELS[user.role]) ? null : ROLE_LABELS[user.role];
  return [role, user.agencyCode].filter(Boolean).join(' · ');
}

/** Sends a page (or a fragment) with the headers every page of the interface carries. */
export function sendHtml(reply: FastifyReply, markup: string, status = 200): FastifyReply {
  // 503 is only ever NOT_READY (a busy database, a busy renderer): the browser may try again soon,
  // as the API's clients are told.
  if (status === 503) void reply.header('retry-after', String(DATABASE_BUSY_RETRY_AFTER_SECONDS));
  return (
    reply
      .status(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      // How long the server took for the page, as the browser's devtools (and our e2e test) read it.
      .header('server-timing', `app;dur=${reply.elapsedTime.toFixed(1)}`)
      .send(markup)
  );
}

/** A file the API produced (docx, xlsx), passed through with its type and file name. */
export function sendFile(reply: FastifyReply, file: ApiFile): FastifyReply {
  if (file.error) throw new ApiCallFailed(file.error);
  void reply
    .status(file.status)
    .header('content-type', file.contentType)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff');
  if (file.disposition) void reply.header('content-disposition', file.disposition);
  return reply.send(file.payload);
}

/** After a form: 303 to a page (htmx follows it too). */
export function redirect(reply: FastifyReply, location: string): FastifyReply {
  return reply.status(303).header('location', location).header('cache-control', 'no-store').send();
}
