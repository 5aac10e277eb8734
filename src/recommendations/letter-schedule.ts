/**
 * What the letters' workflow needs of the reminder ladder, which sits above it (src/escalation
 * implements this, and app.module hands that module to RecommendationsModule.forRoot): the
 * default response time, and keeping a letter's queued steps in line once its change has
 * committed. Declared here so the workflow never imports escalation.
 */
export abstract class LetterSchedule {
  /** Working days a letter sent without an explicit due time has to be answered (the policy's). */
  abstract responseWorkingDays(): Promise<number>;

  /** After letters were recorded as SENT at creation: queue their steps, in bulk. */
  abstract scheduleNew(recommendationIds: string[]): Promise<void>;

  /** After any committed change to a letter: add, move or remove its queued steps. */
  abstract sync(recommendationId: string): Promise<void>;
}
