import { can } from '../../access/domain/permissions.js';
import type { Html } from '../../common/html.js';
import { day } from '../components/format.js';
import { read, type Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';
import { documentsSection, type FileGroup } from './attachments.view.js';

type RecommendationView = Schemas['RecommendationView'];

/**
 * The letter page's "Văn bản đính kèm": the letter's own files (its scanned công văn) and each
 * answer's, read through the API as the user (every signed-in user reads a letter's files);
 * upload and delete forms for whoever records letters (the secretariat), as the API allows.
 */
export async function letterDocuments(web: WebContext, letter: RecommendationView): Promise<Html> {
  const id = letter.id;
  const [own, ...answers] = await Promise.all([
    read(web.api.GET('/api/v1/recommendations/{id}/attachments', { params: { path: { id } } })),
    ...letter.responses.map((r) =>
      read(
        web.api.GET('/api/v1/recommendations/{id}/responses/{responseId}/attachments', {
          params: { path: { id, responseId: r.id } },
        }),
      ),
    ),
  ]);
  const writer = can(web.actor.role, 'letters.record');
  const groups: FileGroup[] = [
    {
      title: letter.documentNumber
        ? `Công văn kiến nghị số ${letter.documentNumber}`
        : 'Công văn kiến nghị (dự thảo)',
      files: own,
      uploadAction: writer ? `/kien-nghi/${id}/tep` : undefined,
      canDelete: writer,
      canRead: true,
    },
    ...letter.responses.map((r, i): FileGroup => ({
      title: `Văn bản trả lời số ${r.documentNumber} ngày ${day(r.date)}${r.answeredBy ? ` của ${r.answeredBy.name}` : ''}`,
      files: answers[i],
      uploadAction: writer ? `/kien-nghi/${id}/tra-loi/${r.id}/tep` : undefined,
      canDelete: writer,
      canRead: true,
      // Recorded through the answer link: no account uploaded it, the addressee did.
      anonymousUploader:
        r.channel === 'ADDRESSEE_LINK' ? 'Cơ quan nhận (qua liên kết trả lời)' : undefined,
    })),
  ];
  return documentsSection(web, { id: 'van-ban-dinh-kem', heading: 'Văn bản đính kèm', groups });
}
