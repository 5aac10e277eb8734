import { DynamicModule, Logger, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { MAIL_OBSERVER } from '../notifications/mail-observer.js';
import { JOB_OBSERVER } from '../queue/job-observer.js';
import { Instruments } from './instruments.js';
import { MetricsService } from './metrics.service.js';
import { JobMetrics, MailMetrics } from './observers.js';

/**
 * Prometheus metrics (README, "Metrics"). With METRICS_TOKEN set, each process (api, worker, all)
 * keeps its own and serves them; the workers and the mail sender report through the observers
 * they declare (JOB_OBSERVER, MAIL_OBSERVER), so neither knows of this module. Without it, nothing
 * is built: no endpoint, no hook, no cost.
 */
@Module({})
export class MetricsModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.metricsToken) {
      if (!config.metricsPort) return { module: MetricsModule };
      // Said through the application's logger (built with the module), not before it exists.
      const warning = () =>
        new Logger('Metrics').warn('METRICS_PORT is set but METRICS_TOKEN is not: metrics are off');
      return {
        module: MetricsModule,
        providers: [{ provide: 'METRICS_OFF', useFactory: warning }],
      };
    }
    return {
      module: MetricsModule,
      global: true,
      providers: [
        { provide: Instruments, useFactory: () => new Instruments(config.role) },
        {
          provide: JOB_OBSERVER,
          useFactory: (m: Instruments) => new JobMetrics(m),
          inject: [Instruments],
        },
        {
          provide: MAIL_OBSERVER,
          useFactory: (m: Instruments) => new MailMetrics(m),
          inject: [Instruments],
        },
        MetricsService,
      ],
      exports: [JOB_OBSERVER, MAIL_OBSERVER, MetricsService],
    };
  }
}
