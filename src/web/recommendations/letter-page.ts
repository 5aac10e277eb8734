import type { FastifyReply } from 'fastify';
import type { VersionedPolicy } from '../../escalation/escalation.view.js';
import type { NotificationView } from '../../notifications/notification.view.js';
import type { RecommendationView } from '../../recommendations/recommendation.view.js';
import { page, sendHtml } from '../components/layout.js';
import type { WebContext } from '../web-request.js';
import type { EscalationEventView } from './escalations.view.js';
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
    web.api.read<RecommendationView>(`/recommendations/${id}`),
    web.api.read<VersionedPolicy>('/escalation-policy'),
    web.api.read<EscalationEventView[]>(`/recommendations/${id}/escalations`),
    notifications
      ? web.api.readAll<NotificationView>('/notifications', { recommendationId: id })
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
