import type { AgencyKind } from '../agencies/agency-kind.js';
import type {
  BlockerAuthority,
  BlockerCategory,
  BlockerState,
} from '../blockers/domain/blocker-enums.js';
import type { PilotState } from '../pilots/domain/pilot-state.js';
import type { RecommendationState } from '../recommendations/domain/recommendation-state.js';

/** Dates are calendar days in Asia/Ho_Chi_Minh, written `YYYY-MM-DD`. */
export type IsoDate = `${number}-${number}-${number}`;

export interface AgencySeed {
  code: string;
  name: string;
  shortName: string;
  kind: AgencyKind;
  parentCode?: string;
}

export interface PilotSeed {
  number: number;
  /** Verbatim from the appendix's "Tên mô hình" column. */
  name: string;
  /** First is primary. */
  leadAgencyCodes: string[];
  /** Verbatim "Đơn vị chủ trì" cell of the appendix (rows broken across pages joined). */
  leadAgenciesLabel: string;
  state: PilotState;
  /**
   * Verbatim "Kết quả, tiến độ thực hiện" cell, HTML remnants and footnote markers removed. Where
   * the report explains something of the pilot in a footnote, the footnote's text follows as a
   * trailing "Ghi chú" paragraph (see withFootnotes).
   */
  progress: string;
  /**
   * The figures the appendix gives for the pilot, as named numbers (camelCase Vietnamese without
   * diacritics; `tyLe…` are percentages); absent when its cell gives none.
   */
  metrics?: Readonly<Record<string, number>>;
}

export interface BlockerSeed {
  /** Stable key used to link recommendations and to keep loading idempotent. */
  key: string;
  pilotNumber?: number;
  topic?: string;
  title: string;
  description: string;
  category: BlockerCategory;
  authority: BlockerAuthority;
  state: BlockerState;
  /**
   * When the blocker was first raised: the date the report gives, else the date of the earliest
   * letter that carries it, else the report's own date.
   */
  raisedOn: IsoDate;
}

export interface RecommendationSeed {
  key: string;
  documentNumber: string;
  letterDate: IsoDate;
  senderAgencyCode: string;
  /** Asked to act: the agencies reminded. */
  addresseeCodes: string[];
  /** The letter's "Nơi nhận" that are agencies of the reference data, in its order. */
  distributionCodes?: string[];
  summary: string;
  blockerKeys: string[];
  state: RecommendationState;
}
