import { localDay } from '../../common/domain/local-time.js';
import { period } from '../components/format.js';
import type { ExportTable } from '../components/table-export.js';
import type { Schemas } from '../in-process-api.js';
import { BOARD_LABELS as L, PILOT_STATE_LABELS } from '../labels.js';

/**
 * The board as a table to download: the page's columns with its headers, and what the page
 * shows only as a badge spelled out (blocked or not, the user's own agency's pilot). Agencies
 * by full name, one per line-separated list ("; "), as the page writes them.
 */
export function boardTable(pilots: Schemas['PilotView'][], at: Date): ExportTable {
  return {
    sheet: L.title,
    fileName: `mo-hinh-diem-${localDay(at)}`,
    columns: [
      { header: L.number, width: 6, center: true },
      { header: L.pilot, width: 60 },
      { header: L.agency, width: 40 },
      { header: L.state, width: 18 },
      { header: L.blockedYes, width: 12, center: true },
      { header: L.openBlockers, width: 12, center: true },
      { header: L.overdueLetters, width: 12, center: true },
      { header: L.lastReport, width: 14, center: true },
      { header: L.ownAgency, width: 12, center: true },
    ],
    rows: pilots.map((p) => [
      p.number,
      p.name,
      p.leadAgencies.map((a) => a.name).join('; '),
      PILOT_STATE_LABELS[p.state],
      p.blocked ? 'Có' : 'Không',
      p.openBlockers,
      p.overdueRecommendations,
      p.lastReportPeriod ? period(p.lastReportPeriod) : '',
      p.ledByUserAgency ? 'Có' : '',
    ]),
  };
}
