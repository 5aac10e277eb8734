import { BusyLog, isDatabaseBusy } from '../../src/common/database-busy.js';

describe('isDatabaseBusy', () => {
  it.each([
    ['the pool waited for a free connection', new Error('timeout exceeded when trying to connect')],
    [
      'a new connection did not open in time',
      new Error('Connection terminated due to connection timeout'),
    ],
    [
      'the server is full',
      Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
    ],
    [
      'the server is starting',
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    ],
    [
      'wrapped by TypeORM',
      Object.assign(new Error('query failed'), {
        driverError: new Error('timeout exceeded when trying to connect'),
      }),
    ],
    [
      'wrapped as a cause',
      new Error('loading failed', { cause: new Error('timeout exceeded when trying to connect') }),
    ],
  ])('%s', (_case, error) => {
    expect(isDatabaseBusy(error)).toBe(true);
  });

  it.each([
    ['a failed query', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a statement timeout', Object.assign(new Error('canceling statement'), { code: '57014' })],
    ['a message that only mentions it', new Error('x: timeout exceeded when trying to connect')],
    ['not an error', 'timeout exceeded when trying to connect'],
    ['nothing', undefined],
  ])('not %s', (_case, error) => {
    expect(isDatabaseBusy(error)).toBe(false);
  });
});

describe('BusyLog', () => {
  it('writes the first of a burst, then at most once a window with how many it left out', () => {
    let now = 0;
    const lines: string[] = [];
    const busy = new BusyLog(
      (m) => lines.push(m),
      10_000,
      () => now,
    );
    const error = new Error('timeout exceeded when trying to connect');
    busy.note(error);
    now = 5_000;
    busy.note(error);
    busy.note(error);
    expect(lines).toHaveLength(1);
    now = 10_000;
    busy.note(error);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^no database connection in time.*timeout exceeded when trying to connect$/,
    );
    expect(lines[1]).toMatch(/\(2 more since the last note\)$/);
  });
});
