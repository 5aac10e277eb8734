import { Body, Get, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { UUID } from '../../common/uuid.pipe.js';
import { datesInTheirFormat, isoDay } from '../components/date-fields.js';
import {
  blankForm,
  formValues,
  integerField,
  many,
  one,
  refused,
  type FormValues,
} from '../components/forms.js';
import { redirect, sendFile, sendHtml } from '../components/layout.js';
import { apiResult, download, readAll, unchecked, type Schemas } from '../in-process-api.js';
import { WebPages } from '../web-page.decorator.js';
import { requirePermission, Web, type WebContext } from '../web-request.js';
import { WebSessions } from '../web-sessions.js';
import { bulkAnswerPage } from './bulk-answer.view.js';
import { FIELD_LABELS } from './letters.js';

type RecommendationView = Schemas['RecommendationView'];

/** The most letters the page takes at once (the API's own bound is the same). */
const MAX_LETTERS = 100;

/**
 * One answer recorded against several letters (issue 16): the secretariat picks letters on the
 * list (checkboxes) or opens the page for every letter of one document (`?so=442/BC-TCTĐA06`),
 * types the answer once, and the API records it for each in one transaction
 * (`POST /api/v1/recommendations/responses`, the single answer's rules for each letter).
 */
@WebPages()
export class BulkAnswerController {
  constructor(private readonly sessions: WebSessions) {}

  @Get('kien-nghi/tra-loi-chung')
  async show(
    @Web() web: WebContext,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'letters.record');
    const values = formValues(query);
    const documentNumber = one(values, 'so').trim();
    const letters = await lettersFor(web, values, documentNumber);
    return sendHtml(
      reply,
      bulkAnswerPage(web, {
        letters,
        documentNumber: documentNumber || undefined,
        form: blankForm({ id: letters.map((r) => r.id) }),
      }),
    );
  }

  /**
   * The follow-up letters of every letter at one escalation level, one .docx, as the API makes
   * it (`GET /api/v1/recommendations/follow-up-letters?level=`: secretariat and leadership).
   */
  @Get('kien-nghi/van-ban-don-doc')
  async followUpLetters(
    @Web() web: WebContext,
    @Query() query: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const level = integerField(one(formValues(query), 'level'));
    const file = await download(
      web.api.GET('/api/v1/recommendations/follow-up-letters', {
        params: { query: { level: unchecked(level) } },
        parseAs: 'arrayBuffer',
      }),
    );
    return sendFile(reply, file);
  }

  @Post('kien-nghi/tra-loi-chung')
  async record(
    @Web() web: WebContext,
    @Body() body: unknown,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    requirePermission(web, 'letters.record');
    const values = formValues(body);
    const ids = many(values, 'id').slice(0, MAX_LETTERS);
    const documentNumber = one(values, 'so').trim();
    const result = await apiResult(
      web.api.POST('/api/v1/recommendations/responses', {
        body: {
          recommendations: ids.map((id) => ({
            id,
            version: unchecked(integerField(one(values, `version.${id}`))),
          })),
          addresseeCode: one(values, 'addresseeCode').trim() || undefined,
          documentNumber: one(values, 'documentNumber'),
          date: isoDay(one(values, 'date')),
          summary: one(values, 'summary'),
        },
      }),
    );
    if (result.ok) {
      const n = result.body.recommendations.length;
      await this.sessions.flash(web.session.id, {
        kind: 'ok',
        text: `Đã ghi nhận văn bản trả lời số ${one(values, 'documentNumber')} cho ${n} kiến nghị; việc đôn đốc cơ quan trả lời đã dừng ở từng kiến nghị.`,
      });
      const back = documentNumber
        ? `/kien-nghi?q=${encodeURIComponent(documentNumber)}&state=TAT_CA`
        : '/kien-nghi';
      return redirect(reply, back);
    }
    // The form again with what was typed: the letters as they are now (a stale one shows its
    // new version), the ones chosen still chosen.
    const shown = await lettersFor(web, values, documentNumber);
    const form = datesInTheirFormat(
      refused(values, result.error, {
        labels: { ...FIELD_LABELS, recommendations: 'Kiến nghị' },
        rename: { recommendations: 'id' },
      }),
      ['date'],
    );
    return sendHtml(
      reply,
      bulkAnswerPage(web, {
        letters: shown,
        documentNumber: documentNumber || undefined,
        form,
        status: result.status,
      }),
      result.status,
    );
  }
}

/**
 * The letters the page offers: every letter of the document that can take an answer (sent or
 * answered), or the letters chosen by id; as the API shows them to this user.
 */
async function lettersFor(
  web: WebContext,
  values: FormValues,
  documentNumber: string,
): Promise<RecommendationView[]> {
  const answerable = (r: RecommendationView) => r.allowedCommands.includes('respond');
  if (documentNumber) {
    const found = await readAll((page) =>
      web.api.GET('/api/v1/recommendations', {
        params: { query: { q: documentNumber, ...page } },
      }),
    );
    return found.filter((r) => r.documentNumber === documentNumber && answerable(r));
  }
  const ids = [...new Set(many(values, 'id'))].filter((id) => UUID.test(id)).slice(0, MAX_LETTERS);
  const letters = await Promise.all(
    ids.map(async (id) => {
      const res = await apiResult(
        web.api.GET('/api/v1/recommendations/{id}', { params: { path: { id } } }),
      );
      return res.ok ? res.body : undefined;
    }),
  );
  return letters.filter((r): r is RecommendationView => r !== undefined && answerable(r));
}
