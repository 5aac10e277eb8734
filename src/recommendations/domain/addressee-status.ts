/**
 * Each addressee of a sent letter answers on its own (product.md §3): AWAITING → ACKNOWLEDGED →
 * ANSWERED, or RELEASED by the secretariat with a reason. It owes an answer — is reminded, can be
 * overdue — while AWAITING or ACKNOWLEDGED. The one home of these rules; SQL readers use the
 * fragments below.
 */
export const ADDRESSEE_STATUSES = ['AWAITING', 'ACKNOWLEDGED', 'ANSWERED', 'RELEASED'] as const;
export type AddresseeStatus = (typeof ADDRESSEE_STATUSES)[number];

const OWING: readonly AddresseeStatus[] = ['AWAITING', 'ACKNOWLEDGED'];

export const ADDRESSEE_STATUS_NAMES: Record<AddresseeStatus, string> = {
  AWAITING: 'Chờ trả lời',
  ACKNOWLEDGED: 'Đã xác nhận nhận văn bản',
  ANSWERED: 'Đã trả lời',
  RELEASED: 'Không còn yêu cầu trả lời',
};

/** How an answer reached the service. */
export const RESPONSE_CHANNELS = ['SECRETARIAT', 'ADDRESSEE_LINK'] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

export function owesAnswer(status: AddresseeStatus): boolean {
  return OWING.includes(status);
}

/** SQL: the recommendation_addressee row aliased `ra` still owes an answer. */
export function owesAnswerSql(ra: string): string {
  return `${ra}.status IN (${OWING.map((s) => `'${s}'`).join(', ')})`;
}

/** SQL: the addressee's due time — its own, or the letter's (`r`) by default. */
export function addresseeDueSql(ra: string, r: string): string {
  return `coalesce(${ra}.due_at, ${r}.response_due_at)`;
}

/** An addressee's due time: its own, or the letter's by default. */
export function addresseeDue(
  addressee: { dueAt: Date | null },
  letter: { responseDueAt: Date | null },
): Date | null {
  return addressee.dueAt ?? letter.responseDueAt;
}

/** The moves an addressee's status may make, by command. */
const MOVES = {
  acknowledge: { AWAITING: 'ACKNOWLEDGED', ACKNOWLEDGED: 'ACKNOWLEDGED' },
  answer: { AWAITING: 'ANSWERED', ACKNOWLEDGED: 'ANSWERED', ANSWERED: 'ANSWERED' },
  release: { AWAITING: 'RELEASED', ACKNOWLEDGED: 'RELEASED' },
} as const satisfies Record<string, Partial<Record<AddresseeStatus, AddresseeStatus>>>;
export type AddresseeCommand = keyof typeof MOVES;

export function addresseeStatusAfter(
  command: AddresseeCommand,
  from: AddresseeStatus,
): AddresseeStatus | null {
  return (MOVES[command] as Partial<Record<AddresseeStatus, AddresseeStatus>>)[from] ?? null;
}

/** A sent letter is answered once none of its addressees owes an answer any more. */
export function letterAnswered(statuses: readonly AddresseeStatus[]): boolean {
  return statuses.length > 0 && !statuses.some(owesAnswer);
}
