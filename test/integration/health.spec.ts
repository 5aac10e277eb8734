import { ScheduleKeeper } from '../../src/escalation/schedule-keeper.js';
import { QueueName } from '../../src/queue/queue-names.js';
import { QueueService } from '../../src/queue/queue.service.js';
import { adminQuery } from '../support/database.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** Polls a condition a bounded number of times: the pool reconnects on its own schedule. */
async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  attempts = 50,
): Promise<T> {
  let last = await probe();
  for (let i = 0; i < attempts && !accept(last); i++) {
    await new Promise((r) => setTimeout(r, 100));
    last = await probe();
  }
  return last;
}

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await adminQuery(`ALTER DATABASE ${t.database.name} ALLOW_CONNECTIONS true`);
    await t.close();
  });

  it('is live without a token', async () => {
    expect((await t.request('GET', '/api/v1/health/live')).body).toEqual({ status: 'ok' });
  });

  it('is ready when the database and the queue backend answer, degraded while a schedule is missing', async () => {
    // An API process alone: no worker has created the recurring jobs yet.
    const alone = await t.request('GET', '/api/v1/health/ready');
    expect(alone.status).toBe(200);
    expect(alone.body).toEqual({
      status: 'degraded',
      checks: {
        database: { status: 'up' },
        queue: { status: 'up' },
        schedules: {
          status: 'down',
          error:
            'not scheduled: escalation-reconcile, report-reminders, milestone-reminders, leadership-digest',
        },
      },
      // What they say depends on today's date: calendar-upgrade.spec.ts checks them.
      warnings: expect.any(Array),
    });
    expect(await t.app.get(ScheduleKeeper).ensure()).toEqual({
      created: [
        'escalation-reconcile',
        'report-reminders',
        'milestone-reminders',
        'leadership-digest',
      ],
      updated: [],
    });
    const res = await t.request('GET', '/api/v1/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      checks: { database: { status: 'up' }, queue: { status: 'up' }, schedules: { status: 'up' } },
      warnings: expect.any(Array),
    });
    // The queue store loses one (a wipe): it is said at once.
    await t.app
      .get(QueueService)
      .queue(QueueName.Escalation)
      .removeJobScheduler('leadership-digest');
    expect((await t.request('GET', '/api/v1/health/ready')).body).toMatchObject({
      status: 'degraded',
      checks: { schedules: { status: 'down', error: 'not scheduled: leadership-digest' } },
    });
  });

  it('turns 503 when the database becomes unreachable, and 200 again when it returns', async () => {
    const name = t.database.name;
    await adminQuery(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [
      name,
    ]);

    const down = await eventually(
      () => t.request('GET', '/api/v1/health/ready'),
      (r) => r.status === 503,
    );
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      statusCode: 503,
      code: 'NOT_READY',
      message: 'Dịch vụ chưa sẵn sàng.',
    });
    expect(down.body.details.checks.database.status).toBe('down');
    expect((await t.request('GET', '/api/v1/health/live')).status).toBe(200);

    await adminQuery(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    const up = await eventually(
      () => t.request('GET', '/api/v1/health/ready'),
      (r) => r.status === 200,
    );
    expect(up.status).toBe(200);
  });
});
