import { isOpenBlocker } from '../../src/blockers/domain/blocker-enums.js';
import { createWorkingCalendar } from '../../src/calendar/domain/vietnamese-calendar.js';
import { addWorkingDays } from '../../src/calendar/domain/working-days.js';
import { atLocalTime } from '../../src/common/domain/local-time.js';
import { periodOf, previousPeriod } from '../../src/common/domain/periods.js';
import { OFFICIAL_ADJUSTMENTS } from '../../src/calendar/official-adjustments.js';
import { overdueStatus } from '../../src/recommendations/domain/overdue.js';
import { DEFAULT_POLICY } from '../../src/escalation/domain/policy.js';
import {
  AGENCIES,
  BLOCKERS,
  PILOTS,
  RECOMMENDATIONS,
  REPORT_DATE,
} from '../../src/seed/reference-data.js';
import type { MonthlySource, SourceAgency } from '../../src/periods/monthly-source.js';
import { reportNameOf } from '../../src/agencies/domain/report-name.js';
import { dueLabel, parseDue } from '../../src/milestones/domain/milestone.js';
import { MILESTONES } from '../../src/seed/reference-milestones.js';
import { pilotIndicators, PROVINCE_INDICATORS } from '../../src/seed/reference-indicators.js';

const NOT_RECORDED = 'Chưa ghi nhận';

/**
 * The December 2023 report (442/BC-TCTĐA06) as a MonthlySource, straight from the reference
 * data and without a database: what a fresh service reads for 2023-12, for the unit tests and
 * the benchmark. Loaded as the reference loader does: a report for every pilot whose progress
 * is not "Chưa ghi nhận", letters sent at 08:00 on their date and due 15 working days later,
 * blockers raised at the start of the day they were first raised (only those raised within the
 * period are new in it).
 */
export function referenceMonthlySource(
  asOf: Date = atLocalTime(REPORT_DATE, '17:00'),
): MonthlySource {
  const calendar = createWorkingCalendar(OFFICIAL_ADJUSTMENTS);
  const byCode = new Map(AGENCIES.map((a) => [a.code, a]));
  const agency = (code: string): SourceAgency => {
    const a = byCode.get(code);
    if (!a) throw new Error(`unknown agency ${code}`);
    const parent = a.parentCode ? byCode.get(a.parentCode) : undefined;
    return {
      code,
      name: a.name,
      reportName: reportNameOf({ ...a, parentName: parent?.name ?? null }),
    };
  };
  const period = periodOf(REPORT_DATE);
  const pilotOf = new Map(BLOCKERS.map((b) => [b.key, b.pilotNumber ?? null]));
  return {
    schema: 1,
    period,
    previousPeriod: previousPeriod(period),
    asOf: asOf.toISOString(),
    pilots: PILOTS.map((p) => ({
      number: p.number,
      name: p.name,
      state: p.state,
      leadAgencies: p.leadAgencyCodes.map(agency),
      leadAgenciesLabel: p.leadAgenciesLabel,
      report: p.progress === NOT_RECORDED ? null : p.progress,
      openBlockers: BLOCKERS.filter(
        (b) => b.pilotNumber === p.number && isOpenBlocker(b.state),
      ).map((b) => ({
        id: b.key,
        title: b.title,
        description: b.description,
        category: b.category,
        authority: b.authority,
        state: b.state,
      })),
    })),
    recommendations: RECOMMENDATIONS.filter((r) => r.state === 'SENT' || r.state === 'ANSWERED')
      .map((r) => {
        const sentAt = atLocalTime(r.letterDate, '08:00');
        const due = addWorkingDays(sentAt, DEFAULT_POLICY.responseWorkingDays, calendar);
        const status = overdueStatus({ state: r.state, responseDueAt: due }, asOf, calendar);
        return {
          id: r.key,
          state: r.state,
          documentNumber: r.documentNumber,
          letterDate: r.letterDate,
          addressees: r.addresseeCodes.map(agency),
          summary: r.summary,
          sentAt: sentAt.toISOString(),
          responseDueAt: due.toISOString(),
          ...status,
          escalationLevel: 0,
          escalationLevelName: null,
          // Each addressee awaits its answer, due when the letter is (nothing answered by then).
          addresseeStatuses: r.addresseeCodes.map((code) => ({
            code,
            status: 'AWAITING' as const,
            dueAt: due.toISOString(),
            answeredOn: null,
            ...(r.state === 'SENT' ? status : { overdue: false, workingDaysOverdue: 0 }),
            escalationLevel: 0,
          })),
          pilotNumbers: [
            ...new Set(
              r.blockerKeys.map((k) => pilotOf.get(k)).filter((n) => typeof n === 'number'),
            ),
          ].sort((a, b) => a - b),
        };
      })
      .sort((a, b) => a.letterDate.localeCompare(b.letterDate)),
    changes: {
      stateMoves: [],
      blockersCreated: BLOCKERS.filter((b) => periodOf(b.raisedOn) === period)
        .map((b) => ({
          id: b.key,
          pilotNumber: b.pilotNumber ?? null,
          topic: b.topic ?? null,
          title: b.title,
          category: b.category,
          authority: b.authority,
          at: atLocalTime(b.raisedOn).toISOString(),
          resolution: null,
        }))
        .sort(
          (a, b) =>
            a.at.localeCompare(b.at) || (a.pilotNumber ?? Infinity) - (b.pilotNumber ?? Infinity),
        ),
      blockersResolved: [],
      responsesReceived: [],
    },
    // The report's deadlines, all ahead of it on its day.
    milestones: MILESTONES.map((ms) => {
      const due = parseDue(ms.due)!;
      return {
        id: ms.key,
        pilotNumber: ms.pilotNumber,
        pilotName: PILOTS.find((p) => p.number === ms.pilotNumber)!.name,
        name: ms.name,
        due: ms.due,
        dueLabel: dueLabel(due),
        dueOn: due.dueOn,
        owner: agency(ms.ownerCode),
        state: 'PLANNED' as const,
        daysLate: 0,
        doneOn: null,
        dropReason: null,
      };
    }),
    // Section I's figures and the pilots' named metrics, as the loader writes them.
    indicators: [...PROVINCE_INDICATORS, ...pilotIndicators()].map((i) => ({
      code: i.code,
      name: i.name,
      unit: i.unit,
      kind: i.kind,
      pilotNumber: i.pilotNumber ?? null,
      agencyCode: i.agencyCode,
      agencyName: agency(i.agencyCode).name,
      section: i.section,
      value: i.value,
      denominator: i.of ?? null,
    })),
  };
}
