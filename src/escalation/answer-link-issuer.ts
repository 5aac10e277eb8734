import type { EntityManager } from 'typeorm';

/**
 * What a reminder to an addressee's focal point needs of the answer links (src/answer-links
 * implements it): the addressee's personal link for the letter, issued or reused in the firing's
 * own transaction. Declared here so escalation never imports the link pages.
 */
export abstract class AnswerLinkIssuer {
  /** The link's URL, or null when none can be given (then the mail says how to answer by post). */
  abstract urlFor(
    m: EntityManager,
    recommendationId: string,
    agencyId: string,
  ): Promise<string | null>;
}

/** No links (a process that only fires reminders without the link module). */
export class NoAnswerLinks extends AnswerLinkIssuer {
  urlFor(): Promise<string | null> {
    return Promise.resolve(null);
  }
}
