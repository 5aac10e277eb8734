import type { AgencyRef } from '../pilots/pilot.view.js';
import type { RecommendationState } from './domain/recommendation-state.js';

export interface ResponseView {
  id: string;
  documentNumber: string;
  date: string;
  summary: string;
  recordedAt: string;
}

export interface RecommendationView {
  id: string;
  state: RecommendationState;
  documentNumber: string | null;
  letterDate: string | null;
  senderAgency: AgencyRef | null;
  sentAt: string | null;
  responseDueAt: string | null;
  summary: string;
  addressees: AgencyRef[];
  blockers: { id: string; title: string; pilotNumber: number | null; topic: string | null }[];
  responses: ResponseView[];
  cycle: number;
  version: number;
  overdue: boolean;
  workingDaysOverdue: number;
  escalationLevel: number;
}
