import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import { can } from '../../access/domain/permissions.js';
import type { FastifyReply } from 'fastify';
import { formValues, integerField, one, type FormState } from '../components/forms.js';
import { redirect, sendHtml } from '../components/layout.js';
import { pageNumberOf } from '../components/pagination.js';
import { isoDay } from '../components/date-fields.js';
import { apiResult, read, readAll, unchecked } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { requirePermission, Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { AGENCY_LABELS, AGENCY_PAGE_SIZE, agenciesBody, emailLines } from './agencies.view.js';
import { linkFieldNames, SUCCESSION_LABELS, successionLinks } from './succession.view.js';
import { NOT_FOUND, refusedForm, settingsPage } from './settings-page.js';

const AGENCY_CODE = /^[A-Z][A-Z0-9_]{0,31}$/;

/**
 * The agencies and their focal points' emails: the administrator and the secretariat correct the
 * emails; the rest of an agency (successions) is the administrator's.
 */
@WebPages()
export class AgenciesSettingsController {
  constructor(private readonly sessions: WebSessions) {}

  @Get('cai-dat/don-vi')
  async agencies(
    @Web() web: WebContext,
    @Query('trang') trang: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'settings.view');
    return this.showAgencies(web, reply, pageNumberOf(typeof trang === 'string' ? trang : ''));
  }

  /** A merge, split or rename (ADMIN: the API refuses anyone else). */
  @Post('cai-dat/don-vi/su-kien-ke-thua')
  async recordSuccession(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'agencies.manage');
    const values = formValues(body);
    const note = one(values, 'note').trim();
    const result = await apiResult(
      web.api.POST('/api/v1/agency-successions', {
        body: {
          kind: unchecked(one(values, 'kind')),
          effectiveOn: isoDay(one(values, 'effectiveOn')),
          legalBasis: one(values, 'legalBasis'),
          ...(note ? { note } : {}),
          links: successionLinks(values),
        },
      }),
    );
    if (result.ok) {
      const e = result.body;
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã ghi sự kiện ${e.links.map((l) => `${l.from.code} → ${l.to.code}`).join(', ')} từ ngày ${one(values, 'effectiveOn')} (${e.legalBasis}).`,
      });
      return redirect(reply, '/cai-dat/don-vi');
    }
    const form = refusedForm(values, result.error, SUCCESSION_LABELS, linkFieldNames(result.error));
    return this.showAgencies(web, reply, 1, undefined, result.status, form);
  }

  /** Where a refused agency form was posted: a reload or a bookmark goes back to the list. */
  @Get('cai-dat/don-vi/:code')
  agency(
    @Web() web: WebContext,
    @Param('code') code: string,
    @Res() reply: FastifyReply,
  ): FastifyReply {
    requirePermission(web, 'settings.view');
    return redirect(
      reply,
      AGENCY_CODE.test(code) ? `/cai-dat/don-vi#agency-${code}` : '/cai-dat/don-vi',
    );
  }

  @Post('cai-dat/don-vi/:code')
  async saveAgency(
    @Web() web: WebContext,
    @Param('code') code: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'agencies.focalPoints');
    if (!AGENCY_CODE.test(code)) throw new WebRefusal(404, NOT_FOUND);
    const values = formValues(body);
    const result = await apiResult(
      web.api.PATCH('/api/v1/agencies/{code}', {
        params: { path: { code } },
        body: {
          version: unchecked(integerField(one(values, 'version'))),
          contactEmails: emailLines(one(values, 'contactEmails')),
        },
      }),
    );
    if (result.ok) {
      const n = result.body.contactEmails.length;
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text:
          n > 0
            ? `Đã lưu ${n} email đầu mối của ${result.body.name}.`
            : `Đã bỏ hết email đầu mối của ${result.body.name}.`,
      });
      return redirect(reply, `/cai-dat/don-vi#agency-${code}`);
    }
    // A conflict shows the agency as it is now: the typed emails would overwrite someone's change.
    const form =
      result.error.code === 'VERSION_CONFLICT'
        ? { values: {}, errors: {}, message: result.error.message }
        : refusedForm(values, result.error, AGENCY_LABELS);
    return this.showAgencies(web, reply, 1, { code, form }, result.status);
  }

  private async showAgencies(
    web: WebContext,
    reply: FastifyReply,
    pageNumber: number,
    failed?: { code: string; form: FormState },
    status = 200,
    succession?: FormState,
  ): Promise<FastifyReply> {
    const agencyPage = (n: number) =>
      read(
        web.api.GET('/api/v1/agencies', {
          params: { query: { limit: AGENCY_PAGE_SIZE, offset: (n - 1) * AGENCY_PAGE_SIZE } },
        }),
      );
    let list = await agencyPage(pageNumber);
    // After a refused form, the page that holds the agency (there are seldom more than 100).
    if (failed && !list.items.some((a) => a.code === failed.code)) {
      for (let n = 2; (n - 1) * AGENCY_PAGE_SIZE < list.total; n++) {
        const next = await agencyPage(n);
        if (next.items.some((a) => a.code === failed.code)) {
          list = next;
          pageNumber = n;
          break;
        }
      }
    }
    const all = can(web.actor.role, 'agencies.manage')
      ? await readAll((page) => web.api.GET('/api/v1/agencies', { params: { query: page } }))
      : undefined;
    return sendHtml(
      reply,
      settingsPage(web, {
        tab: 'don-vi',
        title: 'Đơn vị và email đầu mối',
        intro:
          'Các cơ quan chủ trì mô hình và cơ quan nhận kiến nghị; email đầu mối nhận thư nhắc, đôn đốc trả lời.',
        body: agenciesBody(web, { list, pageNumber, failed, all, succession }),
      }),
      status,
    );
  }
}
