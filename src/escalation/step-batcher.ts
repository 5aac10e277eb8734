/** What a batch said of one of its items: its result, or that its row was held elsewhere. */
export type BatchResult<R> = { result: R } | { busy: true };

export interface StepBatcherOptions {
  /** Most items decided in one batch. */
  maxSize: number;
  /** How long the first item of a batch waits for others before the batch goes. */
  waitMs: number;
  /** Batches running at once (each holds a database connection for its transaction). */
  maxRunning: number;
  /** How soon an item whose row another transaction held is put in a batch again. */
  busyRetryMs: number;
  /** After this long busy, an item is decided alone, waiting for the row (no SKIP LOCKED). */
  busyPatienceMs: number;
  /**
   * What a busy item waits for before it is put in a batch again, when this process knows what
   * holds the rows (its own catch-up): then instead of being tried every `busyRetryMs`, or alone
   * past its patience. Undefined: nothing known, the retries as above. Must not reject.
   */
  busyWait?: () => Promise<void> | undefined;
}

/**
 * Gathers the items submitted within a few milliseconds into one batch, run by `decide`
 * (a batch's own transaction). An item whose row another transaction held is tried again in a
 * later batch and, past `busyPatienceMs`, alone and waiting for the row: decided later, never
 * dropped. A batch that throws is tried again item by item, so one bad item fails only its own
 * job.
 */
export class StepBatcher<T, R> {
  private waiting: {
    item: T;
    since: number;
    resolve: (r: R) => void;
    reject: (e: unknown) => void;
  }[] = [];
  private running = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly decide: (items: T[], waitForRows: boolean) => Promise<BatchResult<R>[]>,
    private readonly options: StepBatcherOptions,
  ) {}

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, since: Date.now(), resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.waiting.length === 0 || this.running >= this.options.maxRunning) return;
    if (this.waiting.length >= this.options.maxSize) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.start();
      return;
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, this.options.waitMs);
  }

  private start(): void {
    if (this.waiting.length === 0 || this.running >= this.options.maxRunning) return;
    const batch = this.waiting.splice(0, this.options.maxSize);
    this.running++;
    void this.run(batch).finally(() => {
      this.running--;
      this.schedule();
    });
    this.schedule();
  }

  private async run(batch: StepBatcher<T, R>['waiting']): Promise<void> {
    let results: BatchResult<R>[];
    try {
      results = await this.decide(
        batch.map((b) => b.item),
        false,
      );
    } catch (error) {
      if (batch.length === 1) return batch[0].reject(error);
      // One item may be what broke the batch: each alone, so only its own job fails.
      await Promise.all(batch.map((b) => this.alone(b, false)));
      return;
    }
    const now = Date.now();
    const held = results.some((r) => 'busy' in r) ? this.options.busyWait?.() : undefined;
    results.forEach((r, i) => {
      const b = batch[i];
      if (!('busy' in r)) return b.resolve(r.result);
      if (held) return void held.then(() => this.again(b));
      if (now - b.since >= this.options.busyPatienceMs) return void this.alone(b, true);
      setTimeout(() => this.again(b), this.options.busyRetryMs);
    });
  }

  /** A busy item back in line for a later batch. */
  private again(b: StepBatcher<T, R>['waiting'][number]): void {
    this.waiting.push(b);
    this.schedule();
  }

  private async alone(b: StepBatcher<T, R>['waiting'][number], waitForRow: boolean): Promise<void> {
    try {
      const [r] = await this.decide([b.item], waitForRow);
      if ('busy' in r) setTimeout(() => this.again(b), this.options.busyRetryMs);
      else b.resolve(r.result);
    } catch (error) {
      b.reject(error);
    }
  }
}
