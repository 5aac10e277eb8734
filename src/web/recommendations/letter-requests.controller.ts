import { Body, Get, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Clock } from '../../common/clock.js';
import { localDay } from '../../common/domain/local-time.js';
import { UUID } from '../../common/uuid.pipe.js';
import { askableAgencyOptions } from '../components/agency-options.js';
import {
  formValues,
  integerField,
  many,
  one,
  refused,
  type FormState,
  type FormValues,
} from '../components/forms.js';
import { page, redirect, sendHtml } from '../components/layout.js';
import {
  ApiCallFailed,
  apiResult,
  read,
  readAll,
  unchecked,
  type ApiResult,
} from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { requirePermission, Web, WebRefusal, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { STYLES } from './letters.js';
import { QUEUE_FIELD_LABELS, queueBody } from './letter-requests.view.js';

const QUEUE = '/kien-nghi/de-nghi';

function assertUuid(id: string, what: string): void {
  if (!UUID.test(id)) throw new WebRefusal(404, `Không tìm thấy ${what} này.`);
}

/**
 * The secretariat's queue "Đề nghị kiến nghị": the officers' requests and the CENTRAL blockers
 * no sent letter covers, each turned into a draft letter (landing on its page) or declined.
 */
@WebPages()
export class LetterRequestQueueController {
  constructor(
    private readonly sessions: WebSessions,
    private readonly clock: Clock,
  ) {}

  @Get('kien-nghi/de-nghi')
  queue(@Web() web: WebContext, @Res() reply: FastifyReply): Promise<FastifyReply> {
    requirePermission(web, 'letterRequests.handle');
    return this.show(web, reply, {}, 200);
  }

  @Post('kien-nghi/de-nghi/:id/du-thao')
  async draft(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertUuid(id, 'đề nghị');
    const values = formValues(body);
    const result = await apiResult(
      web.api.POST('/api/v1/letter-requests/{id}/draft', {
        params: { path: { id } },
        body: {
          // Left blank: the API's default (what the request asks, and why).
          summary: one(values, 'summary').trim() || undefined,
          version: unchecked(integerField(one(values, 'version'))),
        },
      }),
    );
    if (result.ok && result.body.recommendation) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã soạn dự thảo kiến nghị gửi ${result.body.addressee.name} từ đề nghị của đơn vị. Khi văn bản có số, hãy ghi nhận việc gửi.`,
      });
      return redirect(reply, `/kien-nghi/${result.body.recommendation.id}`);
    }
    return this.refusal(web, reply, values, result, `draft-${id}`);
  }

  @Post('kien-nghi/de-nghi/:id/tu-choi')
  async decline(
    @Web() web: WebContext,
    @Param('id') id: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertUuid(id, 'đề nghị');
    const values = formValues(body);
    const result = await apiResult(
      web.api.POST('/api/v1/letter-requests/{id}/decline', {
        params: { path: { id } },
        body: {
          reason: one(values, 'reason'),
          version: unchecked(integerField(one(values, 'version'))),
        },
      }),
    );
    if (result.ok) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã từ chối đề nghị gửi kiến nghị đến ${result.body.addressee.name}.`,
      });
      return redirect(reply, QUEUE);
    }
    return this.refusal(web, reply, values, result, `decline-${id}`);
  }

  /** An uncovered blocker straight into a draft letter, through the letters' own API. */
  @Post('kien-nghi/de-nghi/vuong-mac/:blockerId/du-thao')
  async draftForBlocker(
    @Web() web: WebContext,
    @Param('blockerId') blockerId: string,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    assertUuid(blockerId, 'vướng mắc');
    const values = formValues(body);
    const result = await apiResult(
      web.api.POST('/api/v1/recommendations', {
        body: {
          blockerIds: [blockerId],
          addresseeCodes: many(values, 'addresseeCodes').filter((c) => c !== ''),
          summary: one(values, 'summary'),
        },
      }),
    );
    if (result.ok) {
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: 'Đã lưu dự thảo kiến nghị. Khi văn bản có số, hãy ghi nhận việc gửi.',
      });
      return redirect(reply, `/kien-nghi/${result.body.id}`);
    }
    return this.refusal(web, reply, values, result, `blocker-${blockerId}`);
  }

  /**
   * A refused form: not the user's (403) or gone (404) is an error page; the data moved on
   * (409) is the queue again with the API's message; a problem with what was typed (400) is
   * the queue with the form open and the problems beside its fields.
   */
  private async refusal(
    web: WebContext,
    reply: FastifyReply,
    values: FormValues,
    result: ApiResult<unknown>,
    key: string,
  ): Promise<FastifyReply> {
    if (result.ok) throw new Error('not a refusal');
    const { error, status } = result;
    if (status === 403 || status === 404 || status >= 500) throw new ApiCallFailed(error);
    if (status === 409) {
      await this.sessions.flash(web.session.id, { kind: 'error', text: error.message });
      return redirect(reply, QUEUE);
    }
    const form = refused(values, error, { labels: QUEUE_FIELD_LABELS });
    return this.show(web, reply, { [key]: form }, status);
  }

  private async show(
    web: WebContext,
    reply: FastifyReply,
    forms: Record<string, FormState>,
    status: number,
  ): Promise<FastifyReply> {
    const [queue, agencies] = await Promise.all([
      read(web.api.GET('/api/v1/letter-requests/queue')),
      readAll((p) => web.api.GET('/api/v1/agencies', { params: { query: p } })),
    ]);
    return sendHtml(
      reply,
      page(web, {
        title: 'Đề nghị kiến nghị',
        active: 'recommendations',
        styles: STYLES,
        body: queueBody(web, {
          queue,
          agencies: askableAgencyOptions(agencies, localDay(this.clock.now())),
          forms,
        }),
      }),
      status,
    );
  }
}
