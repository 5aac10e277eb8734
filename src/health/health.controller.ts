import { Controller, Get, HttpCode } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/public.decorator.js';
import { DomainError } from '../common/domain-error.js';
import { QueueService, withTimeout } from '../queue/queue.service.js';

type CheckResult = { status: 'up' } | { status: 'down'; error: string };

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
  ) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'The process is running' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'The database and the queue backend both answer' })
  @ApiOkResponse({ description: '{ status: "ok", checks: { database, queue } }' })
  @ApiServiceUnavailableResponse({ description: 'NOT_READY, with the failing checks in details' })
  async ready(): Promise<{ status: 'ok'; checks: Record<string, CheckResult> }> {
    const [database, queue] = await Promise.all([
      check(() => withTimeout(this.dataSource.query('SELECT 1'), 3000, 'database did not answer')),
      check(() => this.queues.ping(3000)),
    ]);
    const checks = { database, queue };
    if (database.status === 'down' || queue.status === 'down') {
      throw new DomainError(503, 'NOT_READY', 'Dịch vụ chưa sẵn sàng.', { checks });
    }
    return { status: 'ok', checks };
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
