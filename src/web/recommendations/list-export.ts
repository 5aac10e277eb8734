import { localDay } from '../../common/domain/local-time.js';
import { excelDay, type ExportTable } from '../components/table-export.js';
import type { Schemas } from '../in-process-api.js';
import { RECOMMENDATION_STATE_LABELS } from '../labels.js';
import { levelName } from './letters.js';

type RecommendationView = Schemas['RecommendationView'];

/**
 * The letters list as a table to download: the page's columns, with what the page cuts or
 * links written out — the whole summary, the sender, the letter's date, addressees by short
 * name, the pilots by number and the cross-cutting topics by name.
 */
export function lettersTable(
  letters: RecommendationView[],
  o: {
    policy: Schemas['EscalationPolicyView'];
    shortNames: Map<string, string>;
    at: Date;
  },
): ExportTable {
  return {
    sheet: 'Kiến nghị Trung ương',
    fileName: `kien-nghi-${localDay(o.at)}`,
    columns: [
      { header: 'Số, ký hiệu văn bản', width: 24 },
      { header: 'Ngày văn bản', width: 13, center: true, date: true },
      { header: 'Cơ quan gửi', width: 24 },
      { header: 'Nội dung', width: 80 },
      { header: 'Trạng thái', width: 18 },
      { header: 'Hạn trả lời', width: 13, center: true, date: true },
      { header: 'Quá hạn (ngày làm việc)', width: 12, center: true },
      { header: 'Mức đôn đốc', width: 20 },
      { header: 'Cơ quan nhận', width: 30 },
      { header: 'Mô hình', width: 30 },
    ],
    rows: letters.map((r) => {
      const level = r.activeEscalationLevel;
      const pilots = [
        ...new Set(r.blockers.map((b) => b.pilotNumber).filter((n): n is number => n !== null)),
      ].map((n) => `Mô hình ${n}`);
      const topics = [
        ...new Set(r.blockers.filter((b) => b.pilotNumber === null).map((b) => b.topic ?? b.title)),
      ];
      return [
        r.documentNumber ?? 'Dự thảo',
        excelDay(r.letterDate),
        r.senderAgency ? (o.shortNames.get(r.senderAgency.code) ?? r.senderAgency.name) : '',
        r.summary,
        RECOMMENDATION_STATE_LABELS[r.state],
        excelDay(r.responseDueAt),
        r.overdue ? r.workingDaysOverdue : null,
        level > 0 ? [`Mức ${level}`, levelName(o.policy, level)].filter(Boolean).join(' – ') : '',
        r.addressees.map((a) => o.shortNames.get(a.code) ?? a.name).join('; '),
        [...pilots, ...topics].join('; '),
      ];
    }),
  };
}
