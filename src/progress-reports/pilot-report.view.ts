import type { PilotReport } from './pilot-report.entity.js';

export interface PilotReportView {
  id: string;
  pilotNumber: number;
  period: string;
  progress: string;
  metrics: Record<string, number> | null;
  author: { id: string; name: string } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  locked: boolean;
}

export function toReportView(
  r: PilotReport,
  pilotNumber: number,
  locked: boolean,
): PilotReportView {
  return {
    id: r.id,
    pilotNumber,
    period: r.period,
    progress: r.progress,
    metrics: r.metrics,
    author: r.author ? { id: r.author.id, name: r.author.name } : null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    locked,
  };
}
