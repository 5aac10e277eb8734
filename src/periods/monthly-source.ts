import type { PilotState } from '../pilots/domain/pilot-state.js';
import type { RecommendationState } from '../recommendations/domain/recommendation-state.js';
import type { AddresseeStatus } from '../recommendations/domain/addressee-status.js';

/**
 * Everything the monthly report of one period is built from, as plain JSON, read as of the
 * period's cut-off instant from the history (readMonthlySource). A period's lock freezes one of
 * these in `period_snapshot.data`; an unlocked period reads a fresh one on every request, which
 * is the same once its cut-off has passed. Instants are ISO 8601 strings (UTC), days are
 * `YYYY-MM-DD`.
 */
export interface MonthlySource {
  /** Shape of this document; bump it (and keep reading the older ones) when it changes. */
  schema: 1;
  period: string;
  previousPeriod: string;
  /**
   * The instant the data is read as of: the period's cut-off instant, or the time of reading
   * (of locking, for a snapshot) when that came before the cut-off.
   */
  asOf: string;
  pilots: SourcePilot[];
  /** Recommendations sent by `asOf` and still open (SENT or ANSWERED) then, letter date order. */
  recommendations: SourceRecommendation[];
  /** What happened from the period's start up to `asOf`: the "since the previous period" part. */
  changes: SourceChanges;
  /** Every milestone as of `asOf`. Absent in snapshots locked before milestones existed. */
  milestones?: SourceMilestone[];
  /**
   * The indicators' values of the period as of `asOf`, province first, in the catalogue's order.
   * Absent in snapshots locked before indicators existed.
   */
  indicators?: SourceIndicator[];
}

/** An indicator's value of the period, with what printing it needs (product.md §3). */
export interface SourceIndicator {
  code: string;
  name: string;
  unit: string;
  kind: 'NUMBER' | 'RATIO' | 'PERCENT';
  /** Null: province-wide. */
  pilotNumber: number | null;
  agencyCode: string;
  agencyName: string;
  /** "I.4.3" */
  section: string;
  value: number;
  denominator: number | null;
}

/**
 * A pilot's milestone as it stood at `asOf` (product.md §3), its state the one shown on that
 * day: MISSED when still planned past its due day.
 */
export interface SourceMilestone {
  id: string;
  pilotNumber: number;
  pilotName: string;
  name: string;
  /** As given: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  due: string;
  /** "30/12/2023", "tháng 01/2024", "năm 2024" */
  dueLabel: string;
  /** The day it falls due, `YYYY-MM-DD`. */
  dueOn: string;
  owner: SourceAgency;
  state: 'PLANNED' | 'MISSED' | 'DONE' | 'DROPPED';
  /** Days past its due day on the day of `asOf` (MISSED), else 0. */
  daysLate: number;
  doneOn: string | null;
  dropReason: string | null;
}

/** An agency as the report needs it, its report wording decided when the data was read. */
export interface SourceAgency {
  code: string;
  name: string;
  /** How the report names it in running text, e.g. "Văn phòng UBND tỉnh". */
  reportName: string;
}

export interface SourcePilot {
  number: number;
  name: string;
  state: PilotState;
  /** In order; the first is the primary lead agency. */
  leadAgencies: SourceAgency[];
  /** The appendix's verbatim "Đơn vị chủ trì" cell, when it differs from the agencies' names. */
  leadAgenciesLabel: string | null;
  /** The progress text filed for the period as it read at `asOf`, or null when none was. */
  report: string | null;
  openBlockers: SourceBlocker[];
}

export interface SourceBlocker {
  id: string;
  title: string;
  /** Its text now (absent in snapshots locked before the report printed it, section II). */
  description?: string;
  category: string;
  authority: string;
  state: string;
}

export interface SourceRecommendation {
  id: string;
  state: RecommendationState;
  documentNumber: string | null;
  letterDate: string | null;
  addressees: SourceAgency[];
  summary: string;
  sentAt: string | null;
  responseDueAt: string | null;
  overdue: boolean;
  workingDaysOverdue: number;
  /** Highest level FIRED by `asOf` in the response cycle the letter was in then; 0 when none. */
  escalationLevel: number;
  escalationLevelName: string | null;
  /** Pilots whose blockers the letter carries, in number order. */
  pilotNumbers: number[];
  /**
   * Each addressee as it stood at `asOf` (from recommendation_addressee_change), in the
   * letter's order. Absent in snapshots locked before letters were per addressee: the
   * letter-level fields above are all they say.
   */
  addresseeStatuses?: SourceAddresseeStatus[];
}

/** One addressee of an open letter as of `asOf`; it is named as `addressees` name it. */
export interface SourceAddresseeStatus {
  code: string;
  status: AddresseeStatus;
  /** Its due time then (its own, or the letter's). */
  dueAt: string | null;
  /** `YYYY-MM-DD` of its first answer recorded by then in the letter's cycle of then. */
  answeredOn: string | null;
  /** It owed an answer then and was past its due time. */
  overdue: boolean;
  workingDaysOverdue: number;
  /** Highest level of its own ladder FIRED by then in the letter's cycle of then. */
  escalationLevel: number;
}

export interface SourceStateMove {
  pilotNumber: number;
  pilotName: string;
  from: PilotState;
  to: PilotState;
  reason: string | null;
  at: string;
}

export interface SourceBlockerEvent {
  id: string;
  pilotNumber: number | null;
  topic: string | null;
  title: string;
  category: string;
  authority: string;
  /** Raised: when first raised; resolved: when it was last resolved (by `asOf`). */
  at: string;
  resolution: string | null;
}

export interface SourceResponse {
  id: string;
  recommendationId: string;
  recommendationDocumentNumber: string | null;
  recommendationLetterDate: string | null;
  addressees: SourceAgency[];
  documentNumber: string;
  date: string;
  summary: string;
  recordedAt: string;
}

export interface SourceChanges {
  stateMoves: SourceStateMove[];
  blockersCreated: SourceBlockerEvent[];
  blockersResolved: SourceBlockerEvent[];
  responsesReceived: SourceResponse[];
}
