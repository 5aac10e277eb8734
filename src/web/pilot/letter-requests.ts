import { can } from '../../access/domain/permissions.js';
import { askableAgencyOptions } from '../components/agency-options.js';
import { read, readAll, type Schemas } from '../in-process-api.js';
import type { WebContext } from '../web-request.js';

/** A blocker a letter may be asked for: open, and beyond the province's authority. */
export const isAskable = (b: Schemas['BlockerView']): boolean =>
  b.authority === 'CENTRAL' && (b.state === 'OPEN' || b.state === 'ESCALATED');

/** The user may ask for letters about this pilot's blockers (officers of its lead agencies, the secretariat). */
export const mayAsk = (web: WebContext, pilot: Schemas['PilotView']): boolean =>
  pilot.canWrite && can(web.actor.role, 'letterRequests.file');

/**
 * The pilot's letter requests as the API shows them to the user, and, when the user may ask
 * for a letter about one of its blockers, the agencies that may be asked today (`today`:
 * YYYY-MM-DD in Asia/Ho_Chi_Minh).
 */
export async function letterRequestsOf(
  web: WebContext,
  pilot: Schemas['PilotView'],
  blockers: Schemas['BlockerView'][],
  today: string,
): Promise<{
  letterRequests: Schemas['LetterRequestView'][];
  requestAgencies: [string, string][];
}> {
  const asks = mayAsk(web, pilot) && blockers.some(isAskable);
  const [requests, agencies] = await Promise.all([
    read(
      web.api.GET('/api/v1/letter-requests', {
        params: { query: { pilot: pilot.number, limit: 100 } },
      }),
    ),
    asks
      ? readAll((page) => web.api.GET('/api/v1/agencies', { params: { query: page } }))
      : Promise.resolve([]),
  ]);
  return {
    letterRequests: requests.items,
    requestAgencies: asks ? askableAgencyOptions(agencies, today) : [],
  };
}
