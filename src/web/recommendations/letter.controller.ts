import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import { owesAnswer } from '../../recommendations/domain/addressee-status.js';
import type { FastifyReply } from 'fastify';
import { datesInTheirFormat, isoDay, isoInstant } from '../components/date-fields.js';
import { day } from '../components/format.js';
import { formValues, integerField, one, refused, type FormValues } from '../components/forms.js';
import { redirect, sendFile } from '../components/layout.js';
import {
  ApiCallFailed,
  apiResult,
  download,
  unchecked,
  type ApiClient,
  type Schemas,
} from '../in-process-api.js';
import { TIMELINE_PAGE_PARAM, timelinePageOf } from '../components/timeline-sources.js';
import { WebPages } from '../web-page.decorator.js';
import { Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { ACTION_KEYS, type ActionKey } from './letter-actions.view.js';
import { showLetter } from './letter-page.js';
import { assertId, FIELD_LABELS, optional } from './letters.js';

/** Each action's API call, its body named as its DTO so that `refused` maps the problems. */
function call(api: ApiClient, id: string, key: ActionKey, v: FormValues) {
  const params = { path: { id } };
  const version = unchecked(integerField(one(v, 'version')));
  switch (key) {
    case 'gui':
      return api.POST('/api/v1/recommendations/{id}/send', {
        params,
        body: {
          documentNumber: one(v, 'documentNumber'),
          letterDate: isoDay(one(v, 'letterDate')),
          sentAt: isoInstant(one(v, 'sentAt')),
          responseDueAt: isoInstant(one(v, 'responseDueAt')),
          version,
        },
      });
    case 'tra-loi':
      return api.POST('/api/v1/recommendations/{id}/responses', {
        params,
        body: {
          addresseeCode: optional(v, 'addresseeCode'),
          documentNumber: one(v, 'documentNumber'),
          date: isoDay(one(v, 'date')),
          summary: one(v, 'summary'),
          version,
        },
      });
    case 'dong':
      return api.POST('/api/v1/recommendations/{id}/close', {
        params,
        body: { note: optional(v, 'note'), version },
      });
    case 'rut':
      return api.POST('/api/v1/recommendations/{id}/withdraw', {
        params,
        body: { reason: one(v, 'reason'), version },
      });
    case 'mo-lai':
      return api.POST('/api/v1/recommendations/{id}/reopen', {
        params,
        body: {
          reason: one(v, 'reason'),
          responseDueAt: isoInstant(one(v, 'responseDueAt')),
          version,
        },
      });
  }
}

function done(key: ActionKey, r: Schemas['RecommendationView']): string {
  switch (key) {
    case 'gui':
      return `Đã gửi kiến nghị số ${r.documentNumber}; hạn trả lời ${day(r.responseDueAt)}.`;
    case 'tra-loi':
      return r.state === 'SENT'
        ? `Đã ghi nhận văn bản trả lời số ${r.responses.at(-1)?.documentNumber ?? ''}; việc đôn đốc cơ quan này đã dừng, kiến nghị còn chờ ${r.addressees
            .filter((a) => owesAnswer(a.status))
            .map((a) => a.name)
            .join(', ')} trả lời.`
        : `Đã ghi nhận văn bản trả lời số ${r.responses.at(-1)?.documentNumber ?? ''}; việc đôn đốc đã dừng.`;
    case 'dong':
      return 'Đã đóng kiến nghị.';
    case 'rut':
      return 'Đã rút kiến nghị; việc đôn đốc đã dừng.';
    case 'mo-lai':
      return `Đã mở lại kiến nghị; hạn trả lời mới ${day(r.responseDueAt)}.`;
  }
}

/** The API's message and its fields' problems, as one line. */
function problemText(error: Schemas['ErrorBodyDoc']): string {
  const details = error.details as { fields?: { problems: string[] }[] } | undefined;
  const problems = (details?.fields ?? []).flatMap((f) => f.problems);
  return [error.message, ...problems].join(' ');
}

/** One letter: what it says, what the secretariat may do in its state, its follow-up letter. */
@WebPages()
export class LetterController {
  constructor(private readonly sessions: WebSessions) {}

  @Get('kien-nghi/:id')
  async detail(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Query(TIMELINE_PAGE_PARAM) timelinePage: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    return showLetter(web, reply, id, undefined, 200, timelinePageOf(timelinePage));
  }

  @Get('kien-nghi/:id/van-ban-don-doc')
  async followUpLetter(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    const file = await download(
      web.api.GET('/api/v1/recommendations/{id}/follow-up-letter', {
        params: { path: { id } },
        parseAs: 'arrayBuffer',
      }),
    );
    return sendFile(reply, file);
  }

  /** An answer recorded before per-addressee tracking: the secretariat says whose it is. */
  @Post('kien-nghi/:id/tra-loi/:responseId/gan')
  async assignAnswer(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Param('responseId') responseId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    assertId(responseId);
    const values = formValues(body);
    const result = await apiResult(
      web.api.POST('/api/v1/recommendations/{id}/responses/assign', {
        params: { path: { id } },
        body: {
          responseId,
          addresseeCode: one(values, 'addresseeCode'),
          version: unchecked(integerField(one(values, 'version'))),
        },
      }),
    );
    if (!result.ok && result.status === 404) throw new ApiCallFailed(result.error);
    await this.sessions.flash(
      web.session.id,
      result.ok
        ? { kind: 'ok', text: 'Đã gán văn bản trả lời cho cơ quan nhận.' }
        : { kind: 'error', text: problemText(result.error) },
    );
    return redirect(reply, `/kien-nghi/${id}`);
  }

  /** One addressee: received (who handles it), or no longer required to answer (why). */
  @Post('kien-nghi/:id/co-quan/:code/:action')
  async addressee(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Param('code') code: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    if (!/^[A-Z][A-Z0-9_]{0,31}$/.test(code) || !['da-nhan', 'thoi-yeu-cau'].includes(action))
      throw new WebRefusal(404, 'Không có thao tác này đối với cơ quan nhận.');
    const values = formValues(body);
    const version = unchecked(integerField(one(values, 'version')));
    const params = { path: { id, code } };
    const result = await apiResult(
      action === 'da-nhan'
        ? web.api.POST('/api/v1/recommendations/{id}/addressees/{code}/acknowledge', {
            params,
            body: { handledBy: optional(values, 'handledBy'), version },
          })
        : web.api.POST('/api/v1/recommendations/{id}/addressees/{code}/release', {
            params,
            body: { reason: one(values, 'reason'), version },
          }),
    );
    if (!result.ok && result.status === 404) throw new ApiCallFailed(result.error);
    const name = result.ok ? result.body.addressees.find((a) => a.code === code)?.name : code;
    await this.sessions.flash(
      web.session.id,
      result.ok
        ? {
            kind: 'ok',
            text:
              action === 'da-nhan'
                ? `Đã ghi nhận ${name} đã nhận kiến nghị; vẫn nhắc đến khi có văn bản trả lời.`
                : `Không còn yêu cầu ${name} trả lời; việc nhắc cơ quan này đã dừng.`,
          }
        : { kind: 'error', text: problemText(result.error) },
    );
    return redirect(reply, `/kien-nghi/${id}`);
  }

  /** The secretariat's choice of who answers for an addressee a split left ambiguous. */
  @Post('kien-nghi/:id/co-quan-ke-thua/:code')
  async chooseHolder(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Param('code') code: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    const values = formValues(body);
    const result = await apiResult(
      web.api.PUT('/api/v1/recommendations/{id}/addressees/{code}/holder', {
        params: { path: { id, code } },
        body: {
          agencyCode: one(values, 'agencyCode'),
          version: unchecked(integerField(one(values, 'version'))),
        },
      }),
    );
    if (!result.ok && result.status === 404) throw new ApiCallFailed(result.error);
    const chosen = result.ok
      ? result.body.addresseeHolders.find((h) => h.code === code)?.holder.agency
      : undefined;
    await this.sessions.flash(
      web.session.id,
      result.ok
        ? {
            kind: 'ok',
            text: `Đã chọn ${chosen?.name ?? one(values, 'agencyCode')} trả lời thay ${code}; các lần nhắc sau gửi tới cơ quan này.`,
          }
        : { kind: 'error', text: problemText(result.error) },
    );
    return redirect(reply, `/kien-nghi/${id}`);
  }

  @Post('kien-nghi/:id/:action')
  async act(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Param('action') action: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertId(id);
    const key = ACTION_KEYS.find((k) => k === action);
    if (!key) throw new WebRefusal(404, 'Không có thao tác này đối với kiến nghị.');
    const values = formValues(body);
    const result = await apiResult(call(web.api, id, key, values));
    if (result.ok) {
      await this.sessions.flash(web.session.id, { kind: 'ok', text: done(key, result.body) });
      return redirect(reply, `/kien-nghi/${id}`);
    }
    if (result.status === 404) throw new ApiCallFailed(result.error);
    return showLetter(
      web,
      reply,
      id,
      {
        action: key,
        form: datesInTheirFormat(
          refused(values, result.error, { labels: FIELD_LABELS }),
          ['letterDate', 'date'],
          ['sentAt', 'responseDueAt'],
        ),
      },
      result.status,
    );
  }
}
