import { DynamicModule, Global, Module } from '@nestjs/common';
import { JobHandlers } from './job-handlers.js';
import { QueueInventory } from './queue-inventory.js';
import type { QueueBackend } from './queue-backend.js';
import { QueueService } from './queue.service.js';
import { QUEUE_BACKEND } from './queue.tokens.js';
import { WorkerHost } from './worker-host.js';

@Global()
@Module({})
export class QueueModule {
  static forRoot(backend: QueueBackend): DynamicModule {
    return {
      module: QueueModule,
      providers: [
        { provide: QUEUE_BACKEND, useValue: backend },
        QueueService,
        QueueInventory,
        JobHandlers,
        WorkerHost,
      ],
      exports: [QueueService, QueueInventory, JobHandlers, QUEUE_BACKEND],
    };
  }
}
