import type { FastifyReply } from 'fastify';
import { PERIOD_REGEX } from '../../common/validators.js';
import { download } from '../in-process-api.js';
import { NOT_FOUND } from '../labels.js';
import { WebRefusal, type WebContext } from '../web-request.js';
import { sendFile } from './layout.js';

/**
 * A period's monthly report (.docx or .xlsx) as the API answers it — its content type and file
 * name — for the overview and the periods settings page; 404 for a path that names no month.
 */
export async function sendMonthlyReport(
  web: WebContext,
  reply: FastifyReply,
  period: string,
  format: 'docx' | 'xlsx',
): Promise<FastifyReply> {
  if (!PERIOD_REGEX.test(period)) throw new WebRefusal(404, NOT_FOUND);
  const file = await download(
    web.api.GET('/api/v1/reports/monthly', {
      params: { query: { period, format } },
      parseAs: 'arrayBuffer',
    }),
  );
  return sendFile(reply, file);
}
