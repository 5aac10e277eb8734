/**
 * What the sender tells about each mail (one SMTP message, alone or a recipient's batch), for
 * whoever watches (the metrics, when enabled). Provided globally under MAIL_OBSERVER; absent, the
 * sender tells nobody.
 */
export interface MailObserver {
  /** The server took it; `rows`: the outbox rows it carried. */
  sent(rows: number): void;
  /** Refused for good (5xx) or past the retry horizon: FAILED. */
  failed(rows: number): void;
  /** A transient failure: tried again later. */
  retried(rows: number): void;
}

export const MAIL_OBSERVER = Symbol('MAIL_OBSERVER');
