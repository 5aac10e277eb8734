import type { FastifyReply } from 'fastify';
import { letterDocuments } from '../attachments/letter-documents.js';
import { page, sendHtml } from '../components/layout.js';
import {
  answerItems,
  auditItems,
  commentItems,
  escalationItems,
  mergeTimeline,
} from '../components/timeline.js';
import { auditOf, commentsOf, withinPage } from '../components/timeline-sources.js';
import { ApiCallFailed, read, readAll, type Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';
import { STYLES } from './letters.js';
import { detailBody, type DetailModel } from './letter.view.js';

/** One letter's page, read through the API as the user; after a refused form, with that form. */
export async function showLetter(
  web: WebContext,
  reply: FastifyReply,
  id: string,
  failed: DetailModel['failed'],
  status: number,
  timelinePage = 1,
): Promise<FastifyReply> {
  const target = { type: 'recommendation' as const, id };
  const [letter, policy, events, outbox, comments, audit] = await Promise.all([
    read(web.api.GET('/api/v1/recommendations/{id}', { params: { path: { id } } })),
    read(web.api.GET('/api/v1/escalation-policy')),
    read(web.api.GET('/api/v1/recommendations/{id}/escalations', { params: { path: { id } } })),
    outboxOf(web, id),
    commentsOf(web, target),
    auditOf(web, target, timelinePage),
  ]);
  const documents = await letterDocuments(web, letter);
  return sendHtml(
    reply,
    page(web, {
      title: letter.documentNumber ? `Kiến nghị ${letter.documentNumber}` : 'Dự thảo kiến nghị',
      active: 'recommendations',
      styles: [...STYLES, 'timeline.css'],
      body: detailBody(web, {
        letter,
        policy: policy.policy,
        events,
        notifications: outbox,
        failed,
        documents,
        timeline: mergeTimeline(
          withinPage(
            [...answerItems(letter), ...escalationItems(events), ...commentItems(comments)],
            audit.paging,
          ),
          auditItems(audit.entries),
        ),
        timelinePaging: audit.paging,
      }),
    }),
    status,
  );
}

/** The letter's mails, or null where the API does not show the outbox to this user (403). */
async function outboxOf(
  web: WebContext,
  id: string,
): Promise<Schemas['NotificationView'][] | null> {
  try {
    return await readAll((page) =>
      web.api.GET('/api/v1/notifications', {
        params: { query: { recommendationId: id, ...page } },
      }),
    );
  } catch (e) {
    if (e instanceof ApiCallFailed && e.error.statusCode === 403) return null;
    throw e;
  }
}
