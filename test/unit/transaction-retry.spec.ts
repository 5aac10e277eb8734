import type { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../../src/common/domain-error.js';
import { backoffMs, inTransaction, retryableSqlState } from '../../src/common/transaction-retry.js';

/** A data source whose transactions fail with the given SQLSTATEs, in turn, then succeed. */
function failingWith(...codes: string[]) {
  const calls: (string | undefined)[] = [];
  const dataSource = {
    transaction: async (...args: unknown[]) => {
      const work = args.at(-1) as (m: EntityManager) => Promise<unknown>;
      calls.push(typeof args[0] === 'string' ? args[0] : undefined);
      const code = codes[calls.length - 1];
      if (code) throw Object.assign(new Error(`failed ${code}`), { driverError: { code } });
      return work({} as EntityManager);
    },
  } as unknown as DataSource;
  return { dataSource, calls };
}

describe('inTransaction', () => {
  it('runs the work again after a deadlock or serialization failure', async () => {
    const { dataSource, calls } = failingWith('40P01', '40001');
    await expect(inTransaction(dataSource, async () => 'done')).resolves.toBe('done');
    expect(calls).toHaveLength(3);
  });

  it('answers 409 CONFLICT after the last retry, not the database error', async () => {
    const { dataSource, calls } = failingWith('40P01', '40P01', '40P01');
    const error = await inTransaction(dataSource, async () => 'never', { retries: 2 }).catch(
      (e: unknown) => e,
    );
    expect(calls).toHaveLength(3);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({
      statusCode: 409,
      code: 'CONFLICT',
      details: { reason: 'TRANSACTION_CONFLICT', sqlState: '40P01', attempts: 3 },
    });
    expect((error as Error).message).toMatch(/Vui lòng thử lại/);
  });

  it('does not retry other errors', async () => {
    const { dataSource, calls } = failingWith('23505');
    await expect(inTransaction(dataSource, async () => 'never')).rejects.toThrow('failed 23505');
    expect(calls).toHaveLength(1);
    const refused = new DomainError('VERSION_CONFLICT', 'cũ');
    const second = failingWith();
    await expect(
      inTransaction(second.dataSource, async () => {
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(second.calls).toHaveLength(1);
  });

  it('passes the isolation level on', async () => {
    const { dataSource, calls } = failingWith('40001');
    await inTransaction(dataSource, async () => 1, { isolation: 'REPEATABLE READ' });
    expect(calls).toEqual(['REPEATABLE READ', 'REPEATABLE READ']);
  });
});

describe('retryableSqlState and backoffMs', () => {
  it('knows deadlocks and serialization failures, from TypeORM or the driver', () => {
    expect(retryableSqlState({ driverError: { code: '40P01' } })).toBe('40P01');
    expect(retryableSqlState({ code: '40001' })).toBe('40001');
    expect(retryableSqlState({ driverError: { code: '23505' } })).toBeUndefined();
    expect(retryableSqlState(null)).toBeUndefined();
  });

  it('waits a jittered, growing and capped time', () => {
    expect(backoffMs(0, () => 0)).toBe(0);
    expect(backoffMs(0, () => 0.999)).toBeLessThan(40);
    expect(backoffMs(1, () => 0.999)).toBeLessThan(80);
    expect(backoffMs(10, () => 0.999)).toBeLessThan(400);
  });
});
