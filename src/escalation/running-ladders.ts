import type { DataSource } from 'typeorm';
import { addresseeDueSql, owesAnswerSql } from '../recommendations/domain/addressee-status.js';
import type { Ladder } from './domain/reconciliation.js';
import type { Step } from './domain/steps.js';

/**
 * Every ladder that runs — each addressee still owing an answer to a SENT letter, in its current
 * cycle — with the steps it has recorded, in two set-based queries whatever the number of letters.
 * Of a level's records only the lowest and the highest repeat matter to pendingSteps (is the rung
 * done, which repetition comes next), so only they are read. `letters` counts the SENT letters.
 */
export async function runningLadders(
  dataSource: DataSource,
): Promise<{ letters: number; ladders: Ladder[] }> {
  const rows: { id: string; cycle: number; agency_id: string | null; due_at: Date | null }[] =
    await dataSource.query(
      `SELECT r.id, r.cycle, ra.agency_id, ${addresseeDueSql('ra', 'r')} AS due_at
         FROM recommendation r
         LEFT JOIN recommendation_addressee ra
           ON ra.recommendation_id = r.id AND r.response_due_at IS NOT NULL AND ${owesAnswerSql('ra')}
        WHERE r.state = 'SENT'`,
    );
  const recorded: {
    recommendation_id: string;
    agency_id: string;
    level: number;
    first: number;
    last: number;
  }[] = await dataSource.query(
    `SELECT e.recommendation_id, e.agency_id, e.level, min(e.repeat) AS first, max(e.repeat) AS last
       FROM escalation_event e
       JOIN recommendation r ON r.id = e.recommendation_id AND r.cycle = e.cycle
      WHERE r.state = 'SENT'
      GROUP BY e.recommendation_id, e.agency_id, e.level`,
  );
  const steps = new Map<string, Step[]>();
  for (const e of recorded) {
    const key = `${e.recommendation_id}:${e.agency_id}`;
    const own = steps.get(key) ?? [];
    own.push({ level: e.level, repeat: e.first });
    if (e.last !== e.first) own.push({ level: e.level, repeat: e.last });
    steps.set(key, own);
  }
  const letters = new Set<string>();
  const ladders: Ladder[] = [];
  for (const r of rows) {
    letters.add(r.id);
    if (!r.agency_id || !r.due_at) continue;
    ladders.push({
      recommendationId: r.id,
      agencyId: r.agency_id,
      cycle: r.cycle,
      dueAt: new Date(r.due_at),
      recorded: steps.get(`${r.id}:${r.agency_id}`) ?? [],
    });
  }
  return { letters: letters.size, ladders };
}
