import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tinypool } from 'tinypool';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { MonthlySource } from '../periods/monthly-source.js';
import type { MonthlyRenderTask } from './document-worker.js';

/**
 * The entry of a document process: document-worker.js beside this file in the build, and
 * document-worker.ts when this runs from the sources (tests, tsx), loaded through tsx there.
 */
const SELF = fileURLToPath(import.meta.url);
const FROM_SOURCES = extname(SELF) === '.ts';
const WORKER_FILE = SELF.replace(/document-renderer\.(ts|js)$/, `document-worker.$1`);

/** A process renders one document at a time; a 10,000-letter .docx needs about 1 GB of heap. */
const WORKER_HEAP_MB = 2048;
/** A document process not used for this long exits, so an idle API carries none. */
const IDLE_MS = 60_000;
/** Documents waiting for a process beyond this many are refused (503), not queued. */
const MAX_QUEUE = 16;
/** A rendering that takes longer is abandoned, its process killed and replaced. */
const TIMEOUT_MS = 300_000;

/**
 * Renders documents (the monthly report's .docx and .xlsx) off the API's event loop, in a small
 * pool of child processes (tinypool): building a 1,000-pilot Word file takes seconds of CPU and
 * about a gigabyte, which in the API's own thread would stall every request and in a worker
 * thread would still grow the API process by that gigabyte. The caller reads the data in its
 * own transaction and hands it over as plain data, or names the locked period's snapshot, which
 * the process reads itself (so the API never holds it); the bytes come back. A process that crashes
 * (or runs out of heap) fails its document with a 500 and is replaced on the next one; one that
 * hangs is killed after TIMEOUT_MS (five minutes: many times the 1,000-pilot report on a busy
 * machine). DOCUMENT_WORKERS=0 renders in the API process instead.
 */
@Injectable()
export class DocumentRenderer implements OnApplicationShutdown {
  private readonly logger = new Logger('Documents');
  private readonly pool: Tinypool | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dataSource: DataSource,
  ) {
    this.pool =
      config.documentWorkers > 0
        ? new Tinypool({
            filename: WORKER_FILE,
            runtime: 'child_process',
            minThreads: 0,
            maxThreads: config.documentWorkers,
            idleTimeout: IDLE_MS,
            maxQueue: MAX_QUEUE,
            // Structured clone, not JSON: strings and the file's bytes cross as they are.
            serialization: 'advanced',
            execArgv: [
              ...(FROM_SOURCES ? ['--import', 'tsx'] : []),
              `--max-old-space-size=${WORKER_HEAP_MB}`,
            ],
            // tinypool gives the process only the variables named here; TZ among them matters.
            env: Object.fromEntries(
              Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined),
            ),
          })
        : null;
    // A process that dies while idle is only logged (and replaced when next needed): unheard,
    // the pool's 'error' would bring the API down.
    this.pool?.on('error', (error: unknown) =>
      this.logger.warn(`a document process ended: ${String((error as Error)?.message ?? error)}`),
    );
  }

  /** The monthly report's .docx or .xlsx, from its data or its stored snapshot. */
  async monthly(
    task: Omit<MonthlyRenderTask, 'source'> & { source: MonthlySource | { snapshotId: string } },
  ): Promise<Buffer> {
    const { source } = task;
    if (!this.pool) {
      // In the API, as before: the snapshot read here and parsed here.
      const data =
        'snapshotId' in source
          ? (
              (await this.dataSource.query('SELECT data FROM period_snapshot WHERE id = $1', [
                source.snapshotId,
              ])) as { data: MonthlySource }[]
            )[0].data
          : source;
      // The renderers (docx, ExcelJS) are loaded on the first document, not at start-up.
      const { renderMonthlyDocument } = await import('./document-worker.js');
      return renderMonthlyDocument({ ...task, source: data });
    }
    const sent: MonthlyRenderTask =
      'snapshotId' in source
        ? { ...task, source: { snapshotId: source.snapshotId, databaseUrl: this.databaseUrl() } }
        : { ...task, source };
    let result: unknown;
    try {
      result = await this.pool.run(sent, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (error) {
      throw this.failure(error);
    }
    if (!(result instanceof Uint8Array)) {
      throw this.failure(new Error(`a document process answered ${typeof result}`));
    }
    return Buffer.from(result.buffer, result.byteOffset, result.byteLength);
  }

  /** Where the document process reads a snapshot: the service's own database. */
  private databaseUrl(): string {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) throw new Error('DocumentRenderer: the data source has no url');
    return url;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool?.destroy();
  }

  private failure(error: unknown): DomainError {
    const message =
      error instanceof Error
        ? error.message
        : String((error as { message?: unknown } | null)?.message ?? error);
    if (/queue is at limit|no task queue available/i.test(message)) {
      return new DomainError(
        'NOT_READY',
        'Máy chủ đang tạo nhiều báo cáo cùng lúc; vui lòng thử lại sau ít phút.',
      );
    }
    const stack = (error as { stack?: unknown } | null)?.stack;
    this.logger.error(
      `rendering a document failed: ${typeof stack === 'string' ? stack : message}`,
    );
    return new DomainError('INTERNAL_ERROR', 'Không tạo được tệp báo cáo; vui lòng thử lại.');
  }
}
