import type { PilotState } from '../pilots/domain/pilot-state.js';

export interface DashboardView {
  asOf: string;
  period: string;
  pilotsByState: Record<PilotState, number>;
  blockedPilots: { number: number; name: string; openBlockers: number }[];
  openBlockers: {
    total: number;
    byCategory: Record<string, number>;
    byAuthority: Record<string, number>;
  };
  overdueRecommendations: {
    total: number;
    byLevel: { level: number; count: number }[];
    byAddressee: { code: string; name: string; count: number }[];
  };
  pilotsWithoutReport: { number: number; name: string; leadAgencyCodes: string[] }[];
}
