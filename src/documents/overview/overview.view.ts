import type { PilotState } from '../../pilots/domain/pilot-state.js';

export type StateCounts = Record<PilotState, number>;

/** Pilots of one lead agency (the primary lead agency of each pilot) in the period. */
export interface LeadAgencyOverview {
  code: string;
  name: string;
  shortName: string;
  /** Pilot numbers, ascending. */
  pilots: number[];
  total: number;
  byState: StateCounts;
  /** Active pilots (not COMPLETED or SUSPENDED) with no report for the period. */
  reportsMissing: number;
  pilotsWithoutReport: number[];
}

export interface OverdueLetter {
  id: string;
  documentNumber: string | null;
  letterDate: string | null;
  workingDaysOverdue: number;
  escalationLevel: number;
}

/** Letters addressed to one ministry or agency, as of `asOf`. */
export interface AddresseeOverview {
  code: string;
  name: string;
  shortName: string;
  kind: string;
  /** SENT or ANSWERED. */
  open: number;
  /** SENT and past the response due time. */
  overdue: number;
  /** Letters with at least one recorded answer. */
  answered: number;
  /** Mean working days from sending to the first answer (one decimal); null when none answered. */
  averageWorkingDaysToAnswer: number | null;
  overdueLetters: OverdueLetter[];
}

export interface TrendPoint {
  period: string;
  locked: boolean;
  reports: number;
  /** Pilots with a recorded state at the end of the period. */
  total: number;
  byState: StateCounts;
}

export interface OverviewView {
  period: string;
  /** When the overview was computed; open and overdue letters are counted at this moment. */
  asOf: string;
  /** The pilots' states are those at this instant: the end of the period, or now for the current one. */
  statesAt: string;
  pilots: { total: number; byState: StateCounts; reportsMissing: number };
  leadAgencies: LeadAgencyOverview[];
  addressees: AddresseeOverview[];
  trend: TrendPoint[];
}
