import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser } from 'playwright-core';
import { createLogger } from '../../src/logging.js';
import { startService, type RunningService } from '../../src/service.js';
import { testConfig } from './app.js';
import { launchBrowser } from './browser.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** What a browser test file works against, set once its `beforeAll` has run. */
export interface BrowserService {
  readonly db: TestDatabase;
  readonly service: RunningService;
  readonly baseUrl: string;
  readonly browser: Browser;
}

/**
 * The service as `npm start` runs it (in this process, on a database of its own with the demo
 * accounts and the December 2023 data) and a headless Chromium, started before a browser test
 * file's tests and stopped after them: registers the file's `beforeAll` and `afterAll`. The
 * `name` marks the data directory.
 */
export function useBrowserService(name: string, role: 'api' | 'all' = 'api'): BrowserService {
  let current: BrowserService | undefined;
  const started = () => {
    if (!current) throw new Error('the browser service is read before its beforeAll ran');
    return current;
  };
  const parts: Partial<{ db: TestDatabase; service: RunningService; browser: Browser }> = {};

  beforeAll(async () => {
    parts.db = await createTestDatabase();
    const config = testConfig({
      dataDir: await mkdtemp(join(tmpdir(), `de-an-06-e2e-${name}-`)),
      databaseUrl: parts.db.url,
      role,
      seedDemo: true,
    });
    parts.service = await startService(config, createLogger('silent'));
    const baseUrl = await (parts.service.app as NestFastifyApplication).getUrl();
    parts.browser = await launchBrowser();
    current = { db: parts.db, service: parts.service, baseUrl, browser: parts.browser };
  }, 120_000);

  afterAll(async () => {
    await parts.browser?.close();
    await parts.service?.stop();
    await parts.db?.drop();
  });

  return {
    get db() {
      return started().db;
    },
    get service() {
      return started().service;
    },
    get baseUrl() {
      return started().baseUrl;
    },
    get browser() {
      return started().browser;
    },
  };
}
