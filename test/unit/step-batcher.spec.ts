import { StepBatcher, type BatchResult } from '../../src/escalation/step-batcher.js';

const options = { maxSize: 8, waitMs: 1, maxRunning: 2, busyRetryMs: 5, busyPatienceMs: 60_000 };

/** A batcher whose rows `held` are busy; records every batch it was asked to decide. */
function batcherWith(held: Set<string>, busyWait?: () => Promise<void> | undefined) {
  const batches: string[][] = [];
  const batcher = new StepBatcher<string, string>(
    (items) => {
      batches.push([...items]);
      return Promise.resolve(
        items.map((i): BatchResult<string> =>
          held.has(i) ? { busy: true } : { result: `ok ${i}` },
        ),
      );
    },
    { ...options, busyWait },
  );
  return { batcher, batches };
}

describe('StepBatcher', () => {
  it('decides the items submitted together in one batch', async () => {
    const { batcher, batches } = batcherWith(new Set());
    expect(await Promise.all(['a', 'b', 'c'].map((i) => batcher.submit(i)))).toEqual([
      'ok a',
      'ok b',
      'ok c',
    ]);
    expect(batches).toEqual([['a', 'b', 'c']]);
  });

  it('tries a busy item again, every busyRetryMs, until its row is free', async () => {
    const held = new Set(['b']);
    const { batcher, batches } = batcherWith(held);
    const b = batcher.submit('b');
    await new Promise((r) => setTimeout(r, 40));
    expect(batches.length).toBeGreaterThan(2);
    held.clear();
    expect(await b).toBe('ok b');
  });

  it('when busyWait says what holds the rows, a busy item waits for it: no batch meanwhile', async () => {
    const held = new Set(['b']);
    let release!: () => void;
    const catchUp = new Promise<void>((r) => (release = r));
    let running = true;
    const { batcher, batches } = batcherWith(held, () => (running ? catchUp : undefined));
    const [a, b] = [batcher.submit('a'), batcher.submit('b')];
    expect(await a).toBe('ok a');
    // Well past busyRetryMs: b was not put in a batch again while the catch-up runs.
    await new Promise((r) => setTimeout(r, 40));
    expect(batches).toEqual([['a', 'b']]);
    held.clear();
    running = false;
    release();
    expect(await b).toBe('ok b');
    expect(batches).toEqual([['a', 'b'], ['b']]);
  });
});
