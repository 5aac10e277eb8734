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
  /** Verbatim "Kết quả, tiến độ thực hiện" cell, HTML remnants and footnote markers removed. */
  progress: string;
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
}

export interface RecommendationSeed {
  key: string;
  documentNumber: string;
  letterDate: IsoDate;
  senderAgencyCode: string;
  addresseeCodes: string[];
  summary: string;
  blockerKeys: string[];
  state: RecommendationState;
}
