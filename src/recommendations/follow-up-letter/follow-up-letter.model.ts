import type { WorkingCalendar } from '../../calendar/domain/working-days.js';
import { conflict } from '../../common/domain-error.js';
import { localDay } from '../../common/domain/local-time.js';
import {
  escalationLevel,
  firedInCycle,
  type EscalationOutcome,
} from '../domain/escalation-level.js';
import { vnDate } from '../../common/domain/local-time.js';
import { followUpRefusal } from '../domain/follow-up-letter-rule.js';
import { calendarDaysOverdue, workingDaysOverdue } from '../domain/overdue.js';
import type { RecommendationState } from '../domain/recommendation-state.js';
import { owesAnswer, type AddresseeStatus } from '../domain/addressee-status.js';
import {
  addresseeLine,
  addresseeStanding,
  type AddresseeStanding,
} from '../domain/addressee-line.js';

/**
 * The provincial working group's own letters: issued by it (TCTDA06, as 5305, 5772 and report
 * 442 are) or written through its standing body, Công an tỉnh (CAT).
 */
const PROVINCIAL_GROUP_CODES: ReadonlySet<string> = new Set(['TCTDA06', 'CAT']);
const PROVINCIAL_GROUP = 'Tổ công tác Đề án 06 tỉnh Khánh Hòa';

export interface AgencyName {
  code: string;
  name: string;
}

/** An addressee of the letter where it stands (absent: awaiting, due when the letter is). */
export interface AddresseeSource extends AgencyName {
  status?: AddresseeStatus;
  /** Its own due time, or the letter's. */
  dueAt?: Date | null;
  /** `YYYY-MM-DD` of its first answer in the current cycle. */
  answeredOn?: string | null;
}

/** Everything the letter says, read from the database by the caller. */
export interface FollowUpLetterSource {
  recommendation: {
    id: string;
    state: RecommendationState;
    documentNumber: string | null;
    /** `YYYY-MM-DD`. */
    letterDate: string | null;
    responseDueAt: Date | null;
    summary: string;
    cycle: number;
    sender: AgencyName | null;
    /** Every addressee, in the letter's order, with where it stands. */
    addressees: AddresseeSource[];
    /**
     * The letter's "Nơi nhận" (for information), in its order; may name addressees. Absent or
     * empty: the letter went to its addressees.
     */
    distribution?: AgencyName[];
    /**
     * Who holds the duty, on the follow-up letter's day (succession followed), of each addressee
     * that still owes an answer: whom it asks. Absent: the addressees that still owe one.
     */
    addresseesToday?: AgencyName[];
    /** Today's holders of the Nơi nhận, copied for information. Absent: the Nơi nhận. */
    distributionToday?: AgencyName[];
    /** "Mô hình 5 (…)" or the topic of a cross-cutting blocker. */
    concerns: string[];
    /**
     * Answers recorded in earlier cycles, judged insufficient, by the addressees that still owe
     * one (or not attributed to any).
     */
    responses: { documentNumber: string; date: string }[];
  };
  escalations: {
    /** The addressee whose ladder the step belongs to (absent: the letter's). */
    agencyCode?: string;
    cycle: number;
    level: number;
    levelName: string;
    repeat: number;
    outcome: EscalationOutcome;
    occurredAt: Date;
  }[];
  /**
   * The holder of the Government working group role on the letter's day (it follows succession:
   * Ban Chỉ đạo của Chính phủ … from 13/3/2025), copied on the letter; null: none to name.
   */
  workingGroup: AgencyName | null;
  now: Date;
  calendar: WorkingCalendar;
}

export interface Reminder {
  level: number;
  levelName: string;
  repeat: number;
  /** `YYYY-MM-DD` in Asia/Ho_Chi_Minh. */
  date: string;
}

/** The typed content of a công văn đôn đốc (Nghị định 30/2020/NĐ-CP), ready to be laid out. */
export interface FollowUpLetter {
  fileName: string;
  header: {
    parentBody: string;
    issuingBody: string;
    /** The number is left blank for the clerk. */
    number: string;
    subject: string;
    nation: string;
    motto: string;
    placeAndDate: string;
  };
  /** "Kính gửi:" one line, or a list when there are several addressees. */
  salutation: { label: string; addressees: string[] };
  paragraphs: string[];
  recipients: { label: string; items: string[] };
  signer: { onBehalfOf: string; title: string; position: string };
  facts: {
    recommendationId: string;
    documentNumber: string;
    letterDate: string;
    escalationLevel: number;
    /** Of the most overdue addressee that still owes an answer. */
    workingDaysOverdue: number;
    calendarDaysOverdue: number;
    reminders: Reminder[];
    /** Where each addressee stands, for the secretariat (not in the letter's text). */
    addressees: AddresseeStanding[];
    /** "Bộ Công an: đã trả lời ngày 12/11/2026; Bộ Y tế: quá hạn 37 ngày làm việc" */
    addresseeStatus: string;
  };
}

/** "5772/TCTĐA06-CAT" → "5772-tctda06-cat": ASCII, for a file name. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[Đđ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Nghị định 30: a day below 10 and the months 1 and 2 take a leading zero. */
export function placeAndDate(place: string, day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const dd = d < 10 ? `0${d}` : String(d);
  const mm = m < 3 ? `0${m}` : String(m);
  return `${place}, ngày ${dd} tháng ${mm} năm ${y}`;
}

const withStop = (text: string) => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
/** "A", "A và B", "A, B và C". */
const listed = (names: string[]) =>
  names.length > 1 ? `${names.slice(0, -1).join(', ')} và ${names.at(-1)}` : (names[0] ?? '');

const senderPhrase = (sender: AgencyName | null) =>
  !sender || PROVINCIAL_GROUP_CODES.has(sender.code) ? PROVINCIAL_GROUP : sender.name;

/**
 * Builds the draft of a follow-up letter: pure, from the data, the calendar and the time given.
 * Throws 409 CONFLICT when the letter is not SENT or has not reached level 2.
 */
export function buildFollowUpLetter(source: FollowUpLetterSource): FollowUpLetter {
  const r = source.recommendation;
  const standings = r.addressees.map((a) =>
    addresseeStanding(
      {
        code: a.code,
        name: a.name,
        status: a.status ?? 'AWAITING',
        dueAt: a.dueAt ?? r.responseDueAt,
        answeredOn: a.answeredOn ?? null,
        escalationLevel: escalationLevel(
          source.escalations.filter((e) => e.agencyCode === a.code),
          r.cycle,
        ),
      },
      r.state,
      source.now,
      source.calendar,
    ),
  );
  // The letter asks only the addressees that still owe an answer; while it awaits answers their
  // ladders are its level (escalation-level.ts), once answered all of them.
  const owing = r.addressees.filter((a) => owesAnswer(a.status ?? 'AWAITING'));
  const owingCodes = new Set(owing.map((a) => a.code));
  const counted = source.escalations.filter(
    (e) => r.state !== 'SENT' || e.agencyCode === undefined || owingCodes.has(e.agencyCode),
  );
  const level = escalationLevel(counted, r.cycle);
  const refusal = followUpRefusal(r.state, level);
  if (refusal) throw conflict(refusal, { state: r.state, level });
  const documentNumber = r.documentNumber!;
  const letterDate = r.letterDate!;
  const dueOf = (a: AddresseeSource) => a.dueAt ?? r.responseDueAt!;
  // The earliest due time that still runs: the letter is as late as its most overdue addressee.
  const due = owing.map(dueOf).reduce((a, b) => (b < a ? b : a), r.responseDueAt!);
  const workingDays = workingDaysOverdue(due, source.now, source.calendar);
  const calendarDays = calendarDaysOverdue(due, source.now);
  const reminders: Reminder[] = firedInCycle(counted, r.cycle)
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.level - b.level)
    .map((e) => ({
      level: e.level,
      levelName: e.levelName,
      repeat: e.repeat,
      date: localDay(e.occurredAt),
    }));

  // Some addressees answered: the letter names only those that still owe (not the others).
  const someAnswered = owing.length < r.addressees.length;
  const addresseeList = listed((someAnswered ? owing : r.addressees).map((a) => a.name));
  // Asked today: whoever holds the duty of each addressee that still owes, on this letter's day.
  const asked = r.addresseesToday?.length ? r.addresseesToday : owing;
  const addresseeNames = asked.map((a) => a.name);
  const askedList = listed(addresseeNames);
  const distribution = r.distribution ?? [];
  // A letter with a "Nơi nhận" went there, which may not be whom it asks (report 442 went to
  // VPCP, Bộ Công an and VP UBND tỉnh, and asks Bộ Y tế among others).
  const sentTo = distribution.length
    ? `gửi ${listed(distribution.map((a) => a.name))}, kiến nghị ${addresseeList}`
    : someAnswered
      ? `kiến nghị ${addresseeList}`
      : `gửi ${addresseeList}, kiến nghị`;
  const paragraphs: string[] = [
    `Ngày ${vnDate(letterDate)}, ${senderPhrase(r.sender)} có Văn bản số ${documentNumber} ${sentTo} nội dung sau: “${withStop(r.summary)}”`,
  ];
  if (r.concerns.length) paragraphs.push(`Kiến nghị liên quan đến: ${r.concerns.join('; ')}.`);
  const answered = r.responses.map((x) => `Văn bản số ${x.documentNumber} ngày ${vnDate(x.date)}`);
  // What the ministry can check: the date the province asked of each addressee that still owes,
  // not the service's internal ladder (levels, reminders mailed, working days counted), which
  // stays in `facts`.
  const dueDays = owing.map((a) => localDay(dueOf(a)));
  const asked1 =
    new Set(dueDays).size > 1
      ? `Tỉnh Khánh Hòa đề nghị ${owing
          .map((a, i) => `${a.name} trả lời kiến nghị trước ngày ${vnDate(dueDays[i])}`)
          .join(', ')}`
      : `Tỉnh Khánh Hòa đề nghị trả lời kiến nghị trước ngày ${vnDate(localDay(due))}`;
  paragraphs.push(
    (answered.length
      ? `Nội dung trả lời tại ${answered.join(', ')} chưa giải quyết dứt điểm kiến nghị của tỉnh. `
      : '') +
      `${asked1}; đến nay, ngày ${vnDate(localDay(source.now))}, ${PROVINCIAL_GROUP} chưa nhận được văn bản trả lời${someAnswered ? ` của ${addresseeList}` : ''}.`,
  );
  paragraphs.push(
    `Để kịp thời tháo gỡ khó khăn, vướng mắc, bảo đảm tiến độ triển khai Đề án 06 trên địa bàn tỉnh, ${PROVINCIAL_GROUP} kính đề nghị ${askedList} quan tâm, xem xét, sớm có văn bản trả lời, hướng dẫn đối với kiến nghị nêu trên để tỉnh Khánh Hòa có cơ sở triển khai thực hiện./.`,
  );

  const addressedCodes = new Set(asked.map((a) => a.code));
  const items = ['- Như trên;'];
  if (source.workingGroup && !addressedCodes.has(source.workingGroup.code))
    items.push(`- ${source.workingGroup.name} (để báo cáo);`);
  items.push('- Chủ tịch và các PCT UBND tỉnh (để báo cáo);');
  // The original letter's Nơi nhận, for information: not those listed already or the group itself.
  for (const a of r.distributionToday ?? distribution) {
    const listedAlready =
      addressedCodes.has(a.code) ||
      a.code === source.workingGroup?.code ||
      a.code === r.sender?.code ||
      PROVINCIAL_GROUP_CODES.has(a.code);
    if (!listedAlready) items.push(`- ${a.name} (để biết);`);
  }
  if (r.sender && !PROVINCIAL_GROUP_CODES.has(r.sender.code))
    items.push(`- ${r.sender.name} (để phối hợp);`);
  items.push('- Lưu: VT, TCTĐA06.');

  return {
    fileName: `don-doc-${slug(documentNumber) || r.id}.docx`,
    header: {
      parentBody: 'UBND TỈNH KHÁNH HÒA',
      issuingBody: 'TỔ CÔNG TÁC ĐỀ ÁN 06',
      number: 'Số:      /TCTĐA06-CAT',
      subject: 'V/v đôn đốc trả lời kiến nghị',
      nation: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      motto: 'Độc lập - Tự do - Hạnh phúc',
      placeAndDate: placeAndDate('Khánh Hòa', localDay(source.now)),
    },
    salutation: {
      label: 'Kính gửi:',
      addressees: addresseeNames.map((name, i) =>
        addresseeNames.length === 1
          ? `${name}.`
          : `- ${name}${i === addresseeNames.length - 1 ? '.' : ';'}`,
      ),
    },
    paragraphs,
    recipients: { label: 'Nơi nhận:', items },
    signer: {
      onBehalfOf: 'TM. TỔ CÔNG TÁC',
      title: 'TỔ TRƯỞNG',
      position: 'CHỦ TỊCH UBND TỈNH',
    },
    facts: {
      recommendationId: r.id,
      documentNumber,
      letterDate,
      escalationLevel: level,
      workingDaysOverdue: workingDays,
      calendarDaysOverdue: calendarDays,
      reminders,
      addressees: standings,
      addresseeStatus: addresseeLine(standings),
    },
  };
}
