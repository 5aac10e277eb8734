/**
 * One letter's reminder for one addressee at one step, as the escalation firing records it on
 * each outbox row (notification.item). The mail a recipient gets is rendered from the items of
 * every row sent together (one mail per recipient per wave); the row's own subject and bodies
 * are the item rendered alone, kept for the notifications list and for a row sent by itself.
 */
export interface EscalationMailItem {
  recommendationId: string;
  /** The province's letter: số/ký hiệu, ngày (YYYY-MM-DD), what it asks. */
  documentNumber: string;
  letterDate: string;
  summary: string;
  /** "Mô hình 2: Tự động hóa …" or the topic of a cross-cutting blocker, sorted. */
  concerns: string[];
  /** The addressee this step is for, as the letter names it. */
  addresseeCode: string;
  addresseeName: string;
  /** Whoever holds that addressee's duty today, when it is another agency (2025 reorganisation). */
  holder: { name: string; legalBasis: string; effectiveOn: string } | null;
  /** The step: its level (1…) and name; `repeat` counts repetitions of the last level. */
  level: number;
  levelName: string;
  repeat: number;
  /** The addressee's answer due time (ISO) and how late it is now. */
  dueAt: string;
  workingDaysOverdue: number;
  calendarDaysOverdue: number;
  /** Reminders for this addressee mailed before this one in the cycle, and the last one's time (ISO). */
  timesRemindedBefore: number;
  lastRemindedAt: string | null;
  /** Who gets this row: the addressee's own focal point, or the province (secretariat, leadership, working group). */
  audience: 'ADDRESSEE' | 'PROVINCE';
  /** The letter in the service: `${APP_URL}/kien-nghi/${id}`. */
  letterUrl: string;
  /** For the addressee's focal point: its personal answer link (null for everyone else). */
  answerUrl: string | null;
  /** Addressees of this letter a split left ambiguous: told to the province's accounts only. */
  held: { addresseeName: string; candidateNames: string[] }[];
  /**
   * How the mail greets this row's recipient ("Kính gửi: …"): the label given to
   * renderSingleReminder. Optional: without it a combined mail greets the holder or addressee
   * (audience ADDRESSEE) or the recipient account's name.
   */
  recipientLabel?: string;
}
