import type { EntityManager } from 'typeorm';

/** A letter's addressee whose reminder carries its answer link. */
export interface LinkedAddressee {
  recommendationId: string;
  agencyId: string;
}

/** The key of urlsFor's answer. */
export const linkedAddresseeKey = (a: LinkedAddressee) => `${a.recommendationId}:${a.agencyId}`;

/**
 * What a reminder to an addressee's focal point needs of the answer links (src/answer-links
 * implements it): the addressee's personal link for the letter, issued or reused in the firing's
 * own transaction. Declared here so escalation never imports the link pages.
 */
export abstract class AnswerLinkIssuer {
  /**
   * Each addressee's link URL (by linkedAddresseeKey) for a batch of reminders, in a bounded
   * number of statements; absent when none can be given (then the mail says how to answer by
   * post).
   */
  abstract urlsFor(m: EntityManager, addressees: LinkedAddressee[]): Promise<Map<string, string>>;
}

/** No links (a process that only fires reminders without the link module). */
export class NoAnswerLinks extends AnswerLinkIssuer {
  urlsFor(): Promise<Map<string, string>> {
    return Promise.resolve(new Map());
  }
}
