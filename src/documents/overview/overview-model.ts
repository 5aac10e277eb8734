import { workingDaysBetween, type WorkingCalendar } from '../../calendar/domain/working-days.js';
import { atLocalTime } from '../../common/domain/local-time.js';
import { PILOT_STATES, type PilotState } from '../../pilots/domain/pilot-state.js';
import type { AddresseeStatus } from '../../recommendations/domain/addressee-status.js';
import {
  addresseeLine,
  addresseeStanding,
  type AddresseeFacts,
} from '../../recommendations/domain/addressee-line.js';
import type { RecommendationState } from '../../recommendations/domain/recommendation-state.js';
import type {
  AddresseeOverview,
  LeadAgencyOverview,
  OverdueLetter,
  StateCounts,
} from './overview.view.js';
import { owesReport } from '../../pilots/domain/reporting.js';

/**
 * The leadership overview's arithmetic, pure: the data comes in as plain rows, the calendar
 * and the time are passed in.
 */

export function emptyCounts(): StateCounts {
  return Object.fromEntries(PILOT_STATES.map((s) => [s, 0])) as StateCounts;
}

export interface StateChangeRow {
  pilotId: string;
  toState: PilotState;
  at: Date;
}

/**
 * Each pilot's state just before `end`: the target of its last change before then. A pilot
 * without any change before `end` was not tracked yet and is absent from the map.
 * `changes` must be ordered by time.
 */
export function statesAt(changes: readonly StateChangeRow[], end: Date): Map<string, PilotState> {
  const states = new Map<string, PilotState>();
  for (const c of changes) {
    if (c.at >= end) continue;
    states.set(c.pilotId, c.toState);
  }
  return states;
}

export function countStates(states: Iterable<PilotState>): StateCounts {
  const counts = emptyCounts();
  for (const s of states) counts[s] += 1;
  return counts;
}

export interface PilotRow {
  id: string;
  number: number;
  agencyCode: string;
  agencyName: string;
  agencyShortName: string;
}

/**
 * One row per primary lead agency, ordered by its lowest pilot number. Pilots without a state
 * in `states` (not tracked yet in the period) are left out.
 */
export function leadAgencyRows(
  pilots: readonly PilotRow[],
  states: ReadonlyMap<string, PilotState>,
  reported: ReadonlySet<string>,
): LeadAgencyOverview[] {
  const rows = new Map<string, LeadAgencyOverview>();
  for (const p of [...pilots].sort((a, b) => a.number - b.number)) {
    const state = states.get(p.id);
    if (!state) continue;
    let row = rows.get(p.agencyCode);
    if (!row) {
      row = {
        code: p.agencyCode,
        name: p.agencyName,
        shortName: p.agencyShortName,
        pilots: [],
        total: 0,
        byState: emptyCounts(),
        reportsMissing: 0,
        pilotsWithoutReport: [],
      };
      rows.set(p.agencyCode, row);
    }
    row.pilots.push(p.number);
    row.total += 1;
    row.byState[state] += 1;
    if (owesReport(state) && !reported.has(p.id)) {
      row.reportsMissing += 1;
      row.pilotsWithoutReport.push(p.number);
    }
  }
  return [...rows.values()];
}

export interface AddressedLetterRow {
  agencyCode: string;
  agencyName: string;
  agencyShortName: string;
  agencyKind: string;
  id: string;
  state: RecommendationState;
  documentNumber: string | null;
  letterDate: string | null;
  sentAt: Date;
  /** This addressee's own status and due time (its own, or the letter's). */
  addresseeStatus: AddresseeStatus;
  dueAt: Date | null;
  /** Date (`YYYY-MM-DD`) of this addressee's first recorded answer, if any. */
  firstAnswer: string | null;
  /** The level of this addressee's own ladder in the letter's current cycle. */
  escalationLevel: number;
  /** Every addressee of the letter, in its order: for the letter's per-addressee line. */
  addressees: AddresseeFacts[];
}

/** Working days after the day of sending up to and including the day of the first answer. */
export function workingDaysToAnswer(
  sentAt: Date,
  firstAnswer: string,
  calendar: WorkingCalendar,
): number {
  return workingDaysBetween(sentAt, atLocalTime(firstAnswer), calendar);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * One row per addressee of sent letters, each on its own clock: a letter is overdue for an
 * addressee only while that addressee still owes an answer and is past its own due time, and
 * answered by it only when it answered. Ordered by overdue letters, then open ones, then code.
 */
export function addresseeRows(
  letters: readonly AddressedLetterRow[],
  now: Date,
  calendar: WorkingCalendar,
): AddresseeOverview[] {
  const rows = new Map<string, AddresseeOverview & { answerDays: number[] }>();
  for (const l of letters) {
    let row = rows.get(l.agencyCode);
    if (!row) {
      row = {
        code: l.agencyCode,
        name: l.agencyName,
        shortName: l.agencyShortName,
        kind: l.agencyKind,
        open: 0,
        owing: 0,
        overdue: 0,
        answered: 0,
        averageWorkingDaysToAnswer: null,
        overdueLetters: [],
        answerDays: [],
      };
      rows.set(l.agencyCode, row);
    }
    if (l.state === 'SENT' || l.state === 'ANSWERED') row.open += 1;
    const own = addresseeStanding(
      {
        code: l.agencyCode,
        name: l.agencyName,
        status: l.addresseeStatus,
        dueAt: l.dueAt,
        answeredOn: l.firstAnswer,
        escalationLevel: l.escalationLevel,
      },
      l.state,
      now,
      calendar,
    );
    if (own.owes) row.owing += 1;
    if (own.overdue) {
      row.overdue += 1;
      const letter: OverdueLetter = {
        id: l.id,
        documentNumber: l.documentNumber,
        letterDate: l.letterDate,
        workingDaysOverdue: own.workingDaysOverdue,
        escalationLevel: l.escalationLevel,
        addresseeStatus: addresseeLine(
          l.addressees.map((a) => addresseeStanding(a, l.state, now, calendar)),
        ),
      };
      row.overdueLetters.push(letter);
    }
    if (l.firstAnswer) {
      row.answered += 1;
      row.answerDays.push(workingDaysToAnswer(l.sentAt, l.firstAnswer, calendar));
    }
  }
  return [...rows.values()]
    .map(({ answerDays, ...row }) => ({
      ...row,
      averageWorkingDaysToAnswer: answerDays.length
        ? round1(answerDays.reduce((s, d) => s + d, 0) / answerDays.length)
        : null,
    }))
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.code.localeCompare(b.code));
}
