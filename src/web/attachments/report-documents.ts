import { html, type Html } from '../../common/html.js';
import type { WebContext } from '../web-request.js';
import { documentsSection, type FileView } from './attachments.view.js';

/** A pilot's report files as its page needs them (loaded by PilotPage with the service). */
export interface ReportFiles {
  /** Period → its report's files, oldest first. */
  byPeriod: Map<string, FileView[]>;
  /** The user may download them: the lead agency's officers and every other role. */
  canRead: boolean;
  maxBytes: number;
}

/**
 * One monthly report's files on the pilot page, with the upload form while the user may write
 * the pilot and the period is not locked (the API's rule), and delete beside each file then.
 */
export function reportDocuments(
  web: WebContext,
  o: {
    pilotNumber: number;
    report: { period: string; locked: boolean };
    writer: boolean;
    files: ReportFiles;
  },
): Html {
  const { period, locked } = o.report;
  const open = o.writer && !locked;
  const files = o.files.byPeriod.get(period) ?? [];
  // A report with no file that the user cannot add to shows nothing (most past months).
  if (files.length === 0 && !open) return html``;
  return documentsSection(web, {
    id: `tep-bao-cao-${period}`,
    heading: 'Tệp đính kèm báo cáo',
    card: false,
    maxBytes: o.files.maxBytes,
    groups: [
      {
        files,
        uploadAction: open ? `/mo-hinh/${o.pilotNumber}/bao-cao/${period}/tep` : undefined,
        canDelete: open,
        canRead: o.files.canRead,
        closedNote:
          o.writer && locked ? 'Kỳ đã chốt số liệu: không thêm hoặc xóa tệp được nữa.' : undefined,
      },
    ],
  });
}
