import { Global, Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { Outbox } from '../notifications/outbox.js';
import { JobHandlers } from '../queue/job-handlers.js';
import { QueueName } from '../queue/queue-names.js';
import { QueueService } from '../queue/queue.service.js';
import { EscalationFiring } from './escalation-firing.js';
import { EscalationPolicyService } from './escalation-policy.service.js';
import { EscalationScheduler } from './escalation-scheduler.js';
import { EscalationPolicyController } from './escalation.controller.js';

export const RECONCILE_EVERY_MS = 5 * 60 * 1000;

@Global()
@Module({
  controllers: [EscalationPolicyController],
  providers: [EscalationPolicyService, EscalationScheduler, EscalationFiring, Outbox],
  exports: [EscalationPolicyService, EscalationScheduler, Outbox],
})
export class EscalationModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Escalation');

  constructor(
    handlers: JobHandlers,
    firing: EscalationFiring,
    scheduler: EscalationScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly queues: QueueService,
  ) {
    handlers.register('escalation.fire', async (payload) => {
      await firing.fire(payload);
    });
    handlers.register('escalation.reconcile', async () => {
      await scheduler.reconcile();
    });
  }

  /** Workers keep the ladder honest: a reconciliation now, and every five minutes. */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.role === 'api') return;
    const queue = this.queues.queue(QueueName.Escalation);
    await queue.upsertJobScheduler(
      'escalation-reconcile',
      { every: RECONCILE_EVERY_MS },
      { name: 'escalation.reconcile', data: { reason: 'schedule' } },
    );
    await this.queues.enqueue(
      'escalation.reconcile',
      { reason: 'start-up' },
      { jobId: `reconcile-startup-${Date.now()}` },
    );
    this.logger.log('reconciliation scheduled every 5 minutes and queued for start-up');
  }
}
