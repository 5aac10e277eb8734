import { vnDate } from '../../common/domain/local-time.js';
import type { MonthlySource, SourceMilestone } from '../../periods/monthly-source.js';

/** A milestone as the report's text and the JSON answer name it. */
export interface ReportMilestoneLine {
  pilotNumber: number;
  pilotName: string;
  name: string;
  /** How the report reads it: "Ban Quản lý Khu kinh tế Vân Phong". */
  owner: string;
  /** "hạn 30/12/2023", "hạn trong tháng 01/2024", "hạn trong năm 2024" */
  due: string;
  /** The due time as given: "30/12/2023", "tháng 01/2024", "năm 2024". */
  dueLabel: string;
  dueOn: string;
  state: SourceMilestone['state'];
  /** Days past its due day at the cut-off (missed), else 0. */
  daysLate: number;
  /** dd/mm/yyyy, when done. */
  doneOn: string | null;
  /** Why it was dropped, when it was. */
  dropReason: string | null;
}

/**
 * The period's milestones as report 442 would put them: those due in the period's month or done
 * in it among the results (section I.5.1, beside the pilots' appendix), those missed by the
 * cut-off among the shortcomings (section II.2). Read from the source, so as of the cut-off.
 */
export interface ReportMilestones {
  dueThisPeriod: ReportMilestoneLine[];
  missed: ReportMilestoneLine[];
  /** Every milestone as it stood at the cut-off, dropped ones too: the workbook's sheet. */
  all: ReportMilestoneLine[];
}

export function reportMilestones(source: MonthlySource): ReportMilestones {
  const milestones = source.milestones ?? [];
  const inPeriod = (day: string | null) => day !== null && day.slice(0, 7) === source.period;
  return {
    dueThisPeriod: milestones
      .filter(
        (m) =>
          (m.state === 'PLANNED' && inPeriod(m.dueOn)) ||
          (m.state === 'DONE' && inPeriod(m.doneOn)),
      )
      .map(line),
    missed: milestones.filter((m) => m.state === 'MISSED').map(line),
    all: milestones.map(line),
  };
}

function line(m: SourceMilestone): ReportMilestoneLine {
  return {
    pilotNumber: m.pilotNumber,
    pilotName: m.pilotName,
    name: m.name,
    owner: m.owner.reportName,
    due: m.due.length === 10 ? `hạn ${m.dueLabel}` : `hạn trong ${m.dueLabel}`,
    dueLabel: m.dueLabel,
    dueOn: m.dueOn,
    state: m.state,
    daysLate: m.daysLate,
    doneOn: m.doneOn ? vnDate(m.doneOn) : null,
    dropReason: m.dropReason,
  };
}

/** "+ Mô hình 9 (…): Tổ chức đánh giá … (Ban Quản lý …), hạn 30/12/2023, đã quá hạn 16 ngày." */
export function milestoneSentence(m: ReportMilestoneLine): string {
  const outcome =
    m.state === 'DONE'
      ? `, đã hoàn thành ngày ${m.doneOn}`
      : m.state === 'MISSED'
        ? `, đã quá hạn ${m.daysLate} ngày`
        : '';
  return `+ Mô hình ${m.pilotNumber} (${m.pilotName}): ${m.name} (${m.owner}), ${m.due}${outcome}.`;
}
