import { createServer, type Server } from 'node:http';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { QueueService } from '../queue/queue.service.js';
import { timeRequests } from './http-metrics.js';
import { Instruments } from './instruments.js';
import { metricsReply, type MetricsReply } from './metrics-endpoint.js';
import { ScrapeGauges } from './scrape-gauges.js';

export const METRICS_PATH = '/metrics';

/**
 * Serves GET /metrics: on the application's own port (roles api and all), or on METRICS_PORT when
 * set (then only there; the one way for a worker, which has no HTTP). Times the application's
 * requests when it has HTTP. Only built when METRICS_TOKEN is set.
 */
@Injectable()
export class MetricsService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private readonly gauges: ScrapeGauges;
  private server?: Server;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly instruments: Instruments,
    private readonly adapterHost: HttpAdapterHost,
    queues: QueueService,
    dataSource: DataSource,
  ) {
    this.gauges = new ScrapeGauges(instruments, queues, dataSource);
  }

  /** The Prometheus text, the scrape-time gauges read first. */
  async render(): Promise<{ contentType: string; text: string }> {
    await this.gauges.read();
    const registry = this.instruments.registry;
    return { contentType: registry.contentType, text: await registry.metrics() };
  }

  reply(authorization: string | undefined): Promise<MetricsReply> {
    return metricsReply(this.config.metricsToken!, authorization, () => this.render());
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    timeRequests(fastify, this.instruments);
    if (this.config.metricsPort) return;
    fastify.get(METRICS_PATH, { logLevel: 'warn' }, async (request, reply) => {
      const r = await this.reply(request.headers.authorization);
      return reply.code(r.status).headers(r.headers).send(r.body);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.metricsPort;
    if (!port) return;
    const server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      if (request.method !== 'GET' || path !== METRICS_PATH) {
        response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
        response.end(
          JSON.stringify({ statusCode: 404, code: 'NOT_FOUND', message: 'Chỉ có GET /metrics.' }),
        );
        return;
      }
      this.reply(request.headers.authorization).then(
        (r) => response.writeHead(r.status, r.headers).end(r.body),
        (error: Error) => {
          this.logger.error(`metrics not rendered: ${error.message}`);
          response.writeHead(500).end();
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '0.0.0.0', () => resolve());
    });
    this.server = server;
    this.logger.log(`metrics on http://localhost:${port}${METRICS_PATH} (bearer METRICS_TOKEN)`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}
