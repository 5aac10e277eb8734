/**
 * Where each addressee of a letter stands, in one line the digest, the overview, the monthly
 * report and the follow-up letter's facts all say the same way (issue 12, item 1):
 * "Bộ Công an: đã trả lời ngày 12/11/2026; Bộ Y tế: quá hạn 37 ngày làm việc".
 * The one home of that wording; readers bring the facts (live, or as of a period's cut-off).
 */
import type { WorkingCalendar } from '../../calendar/domain/working-days.js';
import { vnDate } from '../../common/domain/local-time.js';
import { addresseeDueSql, owesAnswer, type AddresseeStatus } from './addressee-status.js';
import { addresseeEscalationLevelSql } from './escalation-level.js';
import { workingDaysOverdue } from './overdue.js';
import type { RecommendationState } from './recommendation-state.js';

/** What a reader knows of one addressee at the instant it reads. */
export interface AddresseeFacts {
  code: string;
  /** The name the line shows (the agency's, or the report's wording of it). */
  name: string;
  status: AddresseeStatus;
  /** Its due time: its own, or the letter's; null while nothing is due. */
  dueAt: Date | null;
  /** `YYYY-MM-DD` of its first answer in the letter's current cycle, when it answered. */
  answeredOn: string | null;
  /** The highest level of its own ladder in the current cycle (0 before any). */
  escalationLevel: number;
}

/** One addressee's standing at an instant: its facts and how late it is. */
export interface AddresseeStanding extends AddresseeFacts {
  /** It still owes an answer (the letter awaits answers and it has neither answered nor been released). */
  owes: boolean;
  /** It owes an answer and is past its due time. */
  overdue: boolean;
  /** Working days past its due time while it owes (0 otherwise). */
  workingDaysOverdue: number;
}

/** The standing of an addressee of a letter in state `letterState`, at `at`. */
export function addresseeStanding(
  facts: AddresseeFacts,
  letterState: RecommendationState,
  at: Date,
  calendar: WorkingCalendar,
): AddresseeStanding {
  const owes = letterState === 'SENT' && owesAnswer(facts.status);
  const overdue = owes && facts.dueAt !== null && at > facts.dueAt;
  return {
    ...facts,
    owes,
    overdue,
    workingDaysOverdue: overdue ? workingDaysOverdue(facts.dueAt!, at, calendar) : 0,
  };
}

/** What one addressee's part of the line says after its name. */
export function addresseeStatusPhrase(a: AddresseeStanding): string {
  if (a.status === 'ANSWERED')
    return a.answeredOn ? `đã trả lời ngày ${vnDate(a.answeredOn)}` : 'đã trả lời';
  if (a.status === 'RELEASED') return 'không còn yêu cầu trả lời';
  const received = a.status === 'ACKNOWLEDGED' ? 'đã nhận văn bản, ' : '';
  if (a.overdue)
    return a.workingDaysOverdue > 0
      ? `${received}quá hạn ${a.workingDaysOverdue} ngày làm việc`
      : `${received}đã quá hạn`;
  if (!a.owes) return received ? 'đã nhận văn bản' : 'chưa trả lời';
  return `${received}chờ trả lời${a.dueAt ? `, hạn ${vnDate(a.dueAt)}` : ''}`;
}

/** "Bộ Y tế: quá hạn 37 ngày làm việc" */
export function addresseePart(a: AddresseeStanding): string {
  return `${a.name}: ${addresseeStatusPhrase(a)}`;
}

/** "Bộ Công an: đã trả lời ngày 12/11/2026; Bộ Y tế: quá hạn 37 ngày làm việc" */
export function addresseeLine(addressees: readonly AddresseeStanding[]): string {
  return addressees.map(addresseePart).join('; ');
}

/** The letter's aggregates over its addressees: overdue when any is, days of the most overdue. */
export function letterLateness(addressees: readonly AddresseeStanding[]): {
  overdue: boolean;
  workingDaysOverdue: number;
} {
  return {
    overdue: addressees.some((a) => a.overdue),
    workingDaysOverdue: addressees.reduce((max, a) => Math.max(max, a.workingDaysOverdue), 0),
  };
}

/** A row of addresseeFactsJsonSql, as the driver hands it back. */
export interface AddresseeFactsJson {
  code: string;
  name: string;
  status: AddresseeStatus;
  due_at: string | null;
  answered_on: string | null;
  level: number;
}

/**
 * SQL: the addressees of the letter aliased `r`, in the letter's order, as a JSON array of
 * AddresseeFactsJson — live: their status, due time (their own or the letter's), the date of
 * their first answer in the letter's current cycle and their ladder's level.
 */
export function addresseeFactsJsonSql(r: string): string {
  return `coalesce((SELECT json_agg(json_build_object(
              'code', fa.code, 'name', fa.name, 'status', fra.status,
              'due_at', ${addresseeDueSql('fra', r)},
              'answered_on', (SELECT to_char(min(fx.date), 'YYYY-MM-DD') FROM recommendation_response fx
                               WHERE fx.recommendation_id = ${r}.id AND fx.addressee_agency_id = fra.agency_id
                                 AND fx.cycle = ${r}.cycle),
              'level', ${addresseeEscalationLevelSql('fra', r)}) ORDER BY fra.position)
             FROM recommendation_addressee fra JOIN agency fa ON fa.id = fra.agency_id
            WHERE fra.recommendation_id = ${r}.id), '[]'::json)`;
}

/** AddresseeFacts from a row of addresseeFactsJsonSql. */
export function addresseeFactsOf(j: AddresseeFactsJson): AddresseeFacts {
  return {
    code: j.code,
    name: j.name,
    status: j.status,
    dueAt: j.due_at ? new Date(j.due_at) : null,
    answeredOn: j.answered_on,
    escalationLevel: Number(j.level),
  };
}
