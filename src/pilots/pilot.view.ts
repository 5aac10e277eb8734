import type { PilotState } from './domain/pilot-state.js';

export interface AgencyRef {
  code: string;
  name: string;
}

export interface PilotView {
  id: string;
  number: number;
  name: string;
  state: PilotState;
  stateChangedAt: string;
  version: number;
  leadAgencies: AgencyRef[];
  progress: string | null;
  lastReportPeriod: string | null;
  blocked: boolean;
  openBlockers: number;
  overdueRecommendations: number;
}
