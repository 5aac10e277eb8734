import type { FastifyReply } from 'fastify';
import { page, sendHtml } from '../components/layout.js';
import { read, readAll } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';
import { NOTIFICATION_ROLES, STYLES } from './letters.js';
import { detailBody, type DetailModel } from './letter.view.js';

/** One letter's page, read through the API as the user; after a refused form, with that form. */
export async function showLetter(
  web: WebContext,
  reply: FastifyReply,
  id: string,
  failed: DetailModel['failed'],
  status: number,
): Promise<FastifyReply> {
  const notifications = NOTIFICATION_ROLES.includes(web.actor.role);
  const [letter, policy, events, outbox] = await Promise.all([
    read(web.api.GET('/api/v1/recommendations/{id}', { params: { path: { id } } })),
    read(web.api.GET('/api/v1/escalation-policy')),
    read(web.api.GET('/api/v1/recommendations/{id}/escalations', { params: { path: { id } } })),
    notifications
      ? readAll((page) =>
          web.api.GET('/api/v1/notifications', {
            params: { query: { recommendationId: id, ...page } },
          }),
        )
      : Promise.resolve(null),
  ]);
  return sendHtml(
    reply,
    page(web, {
      title: letter.documentNumber ? `Kiến nghị ${letter.documentNumber}` : 'Dự thảo kiến nghị',
      active: 'recommendations',
      styles: STYLES,
      body: detailBody(web, {
        letter,
        policy: policy.policy,
        events,
        notifications: outbox,
        failed,
      }),
    }),
    status,
  );
}
