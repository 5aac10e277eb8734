import type { EntityManager } from 'typeorm';
import { openBlockerSql } from '../blockers/domain/blocker-enums.js';
import { dayOfWeek, nextDay, type WorkingCalendar } from '../calendar/domain/working-days.js';
import { localDay } from '../common/domain/local-time.js';
import { periodOf } from '../common/domain/periods.js';
import type { EscalationPolicy } from '../escalation/domain/policy.js';
import { levelOf } from '../escalation/domain/steps.js';
import { escalationLevelSql } from '../recommendations/domain/escalation-level.js';
import {
  calendarDaysOverdue,
  overdueSql,
  runningDueSql,
  workingDaysOverdue,
} from '../recommendations/domain/overdue.js';
import {
  addresseeFactsJsonSql,
  addresseeFactsOf,
  addresseePart,
  addresseeStanding,
  type AddresseeFactsJson,
} from '../recommendations/domain/addressee-line.js';
import { FAILED_MAILS_LISTED, type DigestModel } from './templates/digest-email.js';
import { missingReportSql } from '../pilots/domain/reporting.js';
import { currentLeadAgencySql } from '../pilots/domain/lead-agency-validity.js';
import { readMissedMilestones } from '../milestones/missed-milestones.js';

/** What the digest says, whoever reads it. */
export type DigestContent = Omit<DigestModel, 'recipientLabel' | 'copy'>;

interface OverdueRow {
  id: string;
  document_number: string;
  letter_date: string | null;
  sender_name: string | null;
  summary: string;
  /** The earliest due time of the addressees that still owe an answer. */
  running_due_at: Date;
  level: number;
  addressees: AddresseeFactsJson[];
  concerns: string[];
}

/**
 * Reads the digest as of `now`: SENT recommendations of which an addressee that still owes an
 * answer is past its due time, grouped by the highest level FIRED in their current cycle for the
 * addressees that owe (0 = not escalated yet), most escalated first, each with where every
 * addressee stands ("Bộ Công an: đã trả lời ngày …; Bộ Y tế: quá hạn 37 ngày làm việc");
 * pilots with an open blocker; pilots not COMPLETED or SUSPENDED without a report for the
 * current period (Asia/Ho_Chi_Minh month); mail that could not be delivered (for the
 * secretariat's copy).
 */
export async function readDigest(
  m: EntityManager,
  now: Date,
  policy: EscalationPolicy,
  calendar: WorkingCalendar,
): Promise<DigestContent> {
  const today = localDay(now);
  const period = periodOf(today);
  const overdue = (await m.query(
    `SELECT r.id, r.document_number, to_char(r.letter_date, 'YYYY-MM-DD') AS letter_date,
            s.name AS sender_name, r.summary, ${runningDueSql('r')} AS running_due_at,
            ${escalationLevelSql('r')} AS level,
            ${addresseeFactsJsonSql('r')} AS addressees,
            coalesce((SELECT array_agg(DISTINCT coalesce('mô hình số ' || p.number, b.topic))
                        FROM recommendation_blocker rb JOIN blocker b ON b.id = rb.blocker_id
                        LEFT JOIN pilot p ON p.id = b.pilot_id
                       WHERE rb.recommendation_id = r.id AND coalesce('mô hình số ' || p.number, b.topic) IS NOT NULL), '{}') AS concerns
       FROM recommendation r LEFT JOIN agency s ON s.id = r.sender_agency_id
      WHERE ${overdueSql('r', '$1')}
      ORDER BY level DESC, running_due_at, r.document_number, r.id`,
    [now],
  )) as OverdueRow[];
  const blocked = (await m.query(
    `SELECT p.number, p.name, count(b.id)::int AS open_blockers
       FROM pilot p JOIN blocker b ON b.pilot_id = p.id AND ${openBlockerSql('b')}
      GROUP BY p.id ORDER BY p.number`,
  )) as { number: number; name: string; open_blockers: number }[];
  const missing = (await m.query(
    `SELECT p.number, p.name, array_agg(a.name ORDER BY l.position) AS lead_agencies
       FROM pilot p JOIN pilot_lead_agency l ON l.pilot_id = p.id AND ${currentLeadAgencySql('l')}
       JOIN agency a ON a.id = l.agency_id
      WHERE ${missingReportSql('p', '$1')}
      GROUP BY p.id ORDER BY p.number`,
    [period],
  )) as { number: number; name: string; lead_agencies: string[] }[];

  const failed = (await m.query(
    `SELECT recipient_email, subject, last_error, updated_at, count(*) OVER ()::int AS total
       FROM notification WHERE status = 'FAILED'
      ORDER BY updated_at DESC, id LIMIT $1`,
    [FAILED_MAILS_LISTED],
  )) as {
    recipient_email: string;
    subject: string;
    last_error: string | null;
    updated_at: Date;
    total: number;
  }[];

  const groups = new Map<number, DigestContent['overdue'][number]>();
  for (const r of overdue) {
    let group = groups.get(r.level);
    if (!group) {
      const name = levelOf(policy, r.level)?.name;
      const title = r.level === 0 ? 'Chưa đôn đốc' : `Mức ${r.level}${name ? ` – ${name}` : ''}`;
      group = { level: r.level, title, items: [] };
      groups.set(r.level, group);
    }
    const addressees = r.addressees.map((a) =>
      addresseeStanding(addresseeFactsOf(a), 'SENT', now, calendar),
    );
    group.items.push({
      recommendationId: r.id,
      documentNumber: r.document_number,
      letterDate: r.letter_date,
      senderName: r.sender_name,
      addressees: addressees.map((a) => a.name),
      addresseeStatus: addressees.map(addresseePart),
      summary: r.summary,
      concerns: [...r.concerns].sort((a, b) => a.localeCompare(b, 'vi', { numeric: true })),
      // The most overdue addressee's due time: the letter is as late as it is.
      dueAt: r.running_due_at,
      workingDaysOverdue: workingDaysOverdue(r.running_due_at, now, calendar),
      calendarDaysOverdue: calendarDaysOverdue(r.running_due_at, now),
    });
  }
  return {
    asOf: now,
    weekOf: mondayOf(today),
    period,
    overdue: [...groups.values()],
    blockedPilots: blocked.map((b) => ({
      number: b.number,
      name: b.name,
      openBlockers: b.open_blockers,
    })),
    pilotsWithoutReport: missing.map((p) => ({
      number: p.number,
      name: p.name,
      leadAgencies: p.lead_agencies,
    })),
    missedMilestones: await readMissedMilestones(m, today),
    failedMails: {
      total: failed[0]?.total ?? 0,
      items: failed.map((f) => ({
        recipientEmail: f.recipient_email,
        subject: f.subject,
        lastError: f.last_error,
        at: f.updated_at,
      })),
    },
  };
}

/** The Monday of the week a local day falls in. */
function mondayOf(day: string): string {
  return nextDay(day, -((dayOfWeek(day) + 6) % 7));
}
