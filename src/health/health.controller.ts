import { Controller, Get, HttpCode } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator.js';
import { ApiErrors } from '../common/api-errors.js';
import { notReady } from '../common/domain-error.js';
import { CalendarService } from '../calendar/calendar.service.js';
import { ScheduleKeeper } from '../escalation/schedule-keeper.js';
import { QueueService, withTimeout } from '../queue/queue.service.js';
import { LiveView, ReadyView } from './health.view.js';

type CheckResult = { status: 'up' } | { status: 'down'; error: string };

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly schedules: ScheduleKeeper,
    private readonly calendars: CalendarService,
  ) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'The process is running' })
  @ApiOkResponse({ type: LiveView })
  live(): LiveView {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary:
      'The database and the queue backend answer (503 otherwise); the recurring jobs are scheduled ("degraded" otherwise); warnings for the operators (a Tết without its official calendar)',
  })
  @ApiOkResponse({ type: ReadyView })
  @ApiErrors([503, 'the failing checks in details'])
  async ready(): Promise<ReadyView> {
    const [database, queue] = await Promise.all([
      check(() => withTimeout(this.dataSource.query('SELECT 1'), 3000, 'database did not answer')),
      check(() => this.queues.ping(3000)),
    ]);
    if (database.status === 'down' || queue.status === 'down') {
      throw notReady({ database, queue });
    }
    // Not a reason to take this process out of a load balancer: the API still serves.
    const schedules = await check(async () => {
      const missing = await withTimeout(this.schedules.missing(), 3000, 'queue did not answer');
      if (missing.length > 0) throw new Error(`not scheduled: ${missing.join(', ')}`);
    });
    const warnings = (await this.calendars.status().catch(() => null))?.warnings ?? [];
    return {
      status: schedules.status === 'up' ? 'ok' : 'degraded',
      checks: { database, queue, schedules },
      warnings,
    };
  }
}

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  try {
    await probe();
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  }
}
