import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createLogger } from '../../src/logging.js';
import { startService, type RunningService } from '../../src/service.js';
import { testConfig } from '../support/app.js';
import {
  browserUnavailable,
  collectErrors,
  launchBrowser,
  overflowsHorizontally,
  screenshot,
  SCREENSHOT_DIR,
  SCREENSHOTS,
  signIn,
} from '../support/browser.js';
import { createTestDatabase, TEST_PASSWORD, type TestDatabase } from '../support/database.js';

const unavailable = browserUnavailable();
if (unavailable) console.warn(`Skipping the paper and phone tests: ${unavailable}`);
const describeInBrowser = unavailable ? describe.skip : describe;

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1366, height: 768 };
/**
 * A4 landscape less the overview's 8 mm margins (overview.css, @page), in CSS pixels (96 per
 * inch): the width the browser lays the page out at when it prints it.
 */
const PAPER = { width: Math.floor((281 / 25.4) * 96), height: Math.floor((194 / 25.4) * 96) };
/** A4 in PDF points (1/72 in), short side then long side. */
const A4_POINTS = [595.28, 841.89];

const ROLES = [
  { role: 'secretariat', email: 'thuky@demo.example' },
  { role: 'officer', email: 'syt@demo.example' },
  { role: 'leadership', email: 'lanhdao@demo.example' },
] as const;

/** The tables a phone shows as cards (app.css, below 640 px): all but the overview's small ones. */
const CARD_TABLES = ':not(.chart-table) > .table-wrap > table:not(.compact)';

/** Pages and their sizes in a PDF Chromium made (it writes one page object per page). */
function pdfPages(pdf: Buffer): { count: number; sizes: number[][] } {
  const text = pdf.toString('latin1');
  const count = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
  const sizes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map(
    (m) => [Number(m[1]), Number(m[2])],
  );
  return { count, sizes };
}

/** Poppler's pdftoppm, when the machine has it, draws the printed page for the screenshots. */
async function pdfToPng(pdfPath: string, pngBase: string): Promise<boolean> {
  try {
    accessSync('/usr/bin/pdftoppm', constants.X_OK);
  } catch {
    return false;
  }
  await promisify(execFile)('/usr/bin/pdftoppm', ['-png', '-r', '110', pdfPath, pngBase]);
  return true;
}

/**
 * Select boxes whose chosen option is wider than the box shows (the text cut off), by the
 * option's text measured in the select's own font, less its padding and the arrow.
 */
async function cutSelects(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const cut: string[] = [];
    for (const select of document.querySelectorAll<HTMLSelectElement>(sel)) {
      if (select.getClientRects().length === 0) continue;
      const style = getComputedStyle(select);
      const probe = document.createElement('span');
      probe.style.cssText = `position:absolute;visibility:hidden;white-space:pre;font:${style.font}`;
      probe.textContent = select.selectedOptions[0]?.text ?? '';
      document.body.append(probe);
      const text = probe.getBoundingClientRect().width;
      probe.remove();
      const arrow = 16;
      const room =
        select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - arrow;
      if (text > room) cut.push(`${select.name}: "${probe.textContent}" ${text}px in ${room}px`);
    }
    return cut;
  }, selector);
}

/**
 * The web interface on paper and on a phone, in headless Chromium against the running service:
 * the overview printed to PDF is one A4 landscape page where nothing overlaps and no table is
 * cut; no main page scrolls sideways at 390 px for any role, the lists are cards there. Every
 * main page is saved at 1366×768 and 390×844, and the printed overview as PDF and PNG, under
 * test/e2e/screenshots/ (git-ignored) to be looked at.
 */
describeInBrowser('paper and phone', () => {
  let db: TestDatabase;
  let service: RunningService;
  let baseUrl: string;
  let browser: Browser;

  async function session(email: string, viewport: { width: number; height: number }) {
    const context: BrowserContext = await browser.newContext({ viewport, locale: 'vi-VN' });
    const errors = collectErrors(context);
    const page = await context.newPage();
    await signIn(page, baseUrl, email, TEST_PASSWORD);
    return { context, page, errors };
  }

  /** Opens a page, waits for its font (and its chart, if it has one). */
  async function open(page: Page, path: string) {
    const response = await page.goto(new URL(path, baseUrl).toString());
    expect([path, response?.status()]).toEqual([path, 200]);
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    if ((await page.locator('#state-chart').count()) > 0) {
      await page.locator('#state-chart[data-rendered="true"]').waitFor();
    }
  }

  /**
   * A role's main pages: the ones its navigation offers, each settings tab it may open, a
   * pilot's page and a letter's page, by file-name-safe names.
   */
  async function mainPages(page: Page): Promise<[string, string][]> {
    const hrefs = async (selector: string) =>
      page
        .locator(selector)
        .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    const paths = await hrefs('nav[aria-label="Điều hướng chính"] a');
    if (paths.includes('/cai-dat')) {
      await open(page, '/cai-dat');
      paths.push(...(await hrefs('nav.settings-tabs a[href^="/cai-dat/"]')));
    }
    await open(page, '/kien-nghi');
    const letter = await hrefs('table.rec-table a.letter-number');
    const pages = [...new Set([...paths, '/mo-hinh/6'])].map((p): [string, string] => [
      p.replace(/^\//, '').replace(/[^a-z0-9]+/g, '-') || 'trang-chu',
      p,
    ]);
    if (letter[0]) pages.push(['kien-nghi-van-ban', letter[0]]);
    return pages;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig({
      dataDir: await mkdtemp(join(tmpdir(), 'de-an-06-paper-')),
      databaseUrl: db.url,
      role: 'all',
      seedDemo: true,
    });
    service = await startService(config, createLogger('silent'));
    baseUrl = await (service.app as NestFastifyApplication).getUrl();
    browser = await launchBrowser();
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    // The workers' catch-up fires each overdue letter of December 2023 once, at start: the pages
    // are measured once it is done, with the escalation levels they show from then on.
    const login = await fetch(new URL('/api/v1/auth/login', baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'thuky@demo.example', password: TEST_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    for (let i = 0; i < 300; i++) {
      const res = await fetch(new URL('/api/v1/recommendations?limit=100', baseUrl), {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      const { items } = (await res.json()) as { items?: { escalationLevel: number }[] };
      if ((items ?? []).filter((l) => l.escalationLevel > 0).length >= 15) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await db?.drop();
  });

  it('prints the overview on one A4 landscape page: nothing overlaps, no table is cut, no control is printed', async () => {
    const { context, page, errors } = await session('lanhdao@demo.example', DESKTOP);
    await open(page, '/tong-quan');

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    const pdfPath = join(SCREENSHOT_DIR, 'overview-print.pdf');
    await writeFile(pdfPath, pdf);
    if (SCREENSHOTS) await pdfToPng(pdfPath, join(SCREENSHOT_DIR, 'overview-print-page'));
    const { count, sizes } = pdfPages(pdf);
    expect(count).toBe(1);
    expect(sizes).toHaveLength(1);
    const [width, height] = sizes[0];
    // Landscape A4, to the point (Chromium rounds to hundredths).
    expect(width).toBeGreaterThan(height);
    expect(Math.abs(height - A4_POINTS[0])).toBeLessThan(1);
    expect(Math.abs(width - A4_POINTS[1])).toBeLessThan(1);

    // The same page laid out for print at the paper's width, measured.
    await page.setViewportSize(PAPER);
    await page.emulateMedia({ media: 'print' });
    await screenshot(page, 'overview-print-layout');
    const measured = await page.evaluate(() => {
      const shown = (el: Element) => el.getClientRects().length > 0;
      const box = (el: Element) => el.getBoundingClientRect();
      const name = (el: Element) =>
        `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}${el.id ? `#${el.id}` : ''}`;
      const blocks = [
        ...document.querySelectorAll(
          'main .overview-head, main .overview-stats > *, main .state-strip, main .overview-card',
        ),
      ].filter(shown);
      const overlaps: string[] = [];
      blocks.forEach((a, i) =>
        blocks.slice(i + 1).forEach((b) => {
          if (a.contains(b) || b.contains(a)) return;
          const [p, q] = [box(a), box(b)];
          const x = Math.min(p.right, q.right) - Math.max(p.left, q.left);
          const y = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
          if (x > 1 && y > 1) overlaps.push(`${name(a)} × ${name(b)}`);
        }),
      );
      // Nothing drawn outside its card: the chart, a table's last column, a long title.
      const outside: string[] = [];
      for (const card of document.querySelectorAll('main .overview-card')) {
        const c = box(card);
        for (const el of card.querySelectorAll('*')) {
          if (!shown(el) || el.closest('.sr-only')) continue;
          const e = box(el);
          if (e.width === 0 || e.height === 0) continue;
          if (e.left < c.left - 1 || e.right > c.right + 1 || e.bottom > c.bottom + 1) {
            outside.push(`${name(card)} ⊅ ${name(el)}`);
          }
        }
      }
      const scrolled = [...document.querySelectorAll('main table, main .table-wrap')]
        .filter(shown)
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map(name);
      const printed = [
        ...document.querySelectorAll('nav, .who, main button, main select, .head-actions'),
      ]
        .filter(shown)
        .map(name);
      const lastColumns = [...document.querySelectorAll('.overdue-card tr')].map((tr) => {
        const last = tr.lastElementChild!;
        return shown(last) && box(last).width > 10;
      });
      return {
        blocks: blocks.map(name),
        overlaps,
        outside,
        scrolled,
        printed,
        lastColumns,
        chart: (() => {
          const canvas = document.getElementById('state-chart');
          const card = canvas?.closest('.overview-card');
          return canvas && card ? { canvas: box(canvas).bottom, card: box(card).bottom } : null;
        })(),
      };
    });
    // The blocks measured are there: the head, six counts, the strip and the cards.
    for (const card of ['trend-card', 'overdue-card', 'blocked-card', 'missing-card']) {
      expect(measured.blocks.some((b) => b.startsWith(`section.card.overview-card.${card}`))).toBe(
        true,
      );
    }
    expect(measured.blocks.length).toBeGreaterThanOrEqual(12);
    expect(measured.overlaps).toEqual([]);
    expect(measured.outside).toEqual([]);
    expect(measured.scrolled).toEqual([]);
    expect(measured.printed).toEqual([]);
    // The ministries' table shows its last column (the level) on every row.
    expect(measured.lastColumns.length).toBeGreaterThan(1);
    expect(measured.lastColumns.every(Boolean)).toBe(true);
    expect(measured.chart).not.toBeNull();
    expect(measured.chart!.canvas).toBeLessThanOrEqual(measured.chart!.card + 1);

    await page.emulateMedia({ media: null });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  for (const { role, email } of ROLES) {
    it(`no main page scrolls sideways on a 390 px phone for the ${role}, and the lists are cards there`, async () => {
      const { context, page, errors } = await session(email, PHONE);
      const pages = await mainPages(page);
      expect(pages.map(([, path]) => path)).toEqual(
        expect.arrayContaining(['/tong-quan', '/mo-hinh', '/kien-nghi']),
      );
      for (const [name, path] of pages) {
        await open(page, path);
        await screenshot(page, `phone-${role}-${name}`);
        expect([path, await overflowsHorizontally(page)]).toEqual([path, false]);
        // A list's every shown cell is on the screen: no column is left off to the right.
        const offScreen = await page.evaluate(
          (tables) =>
            [...document.querySelectorAll(`:is(${tables}) > tbody > tr > *`)]
              .filter((cell) => cell.getClientRects().length > 0)
              .filter((cell) => cell.getBoundingClientRect().right > window.innerWidth + 1)
              .map((cell) => (cell.textContent ?? '').trim().slice(0, 40)),
          CARD_TABLES,
        );
        expect([path, offScreen]).toEqual([path, []]);
        expect([path, await cutSelects(page, 'main select[name="state"]')]).toEqual([path, []]);
      }

      // The pilot list is short: a card per pilot, not a table row ~270 px high.
      await open(page, '/mo-hinh');
      const rows = page.locator('table.board > tbody > tr');
      await expect(rows.count()).resolves.toBe(31);
      const perPilot = await page
        .locator('table.board > tbody')
        .evaluate((tbody) => tbody.getBoundingClientRect().height / tbody.children.length);
      expect(perPilot).toBeLessThan(160);

      await page.setViewportSize(DESKTOP);
      for (const [name, path] of pages) {
        await open(page, path);
        await screenshot(page, `desktop-${role}-${name}`);
        expect([path, await overflowsHorizontally(page)]).toEqual([path, false]);
        expect([path, await cutSelects(page, 'main select[name="state"]')]).toEqual([path, []]);
      }
      expect(errors).toEqual([]);
      await context.close();
    }, 240_000);
  }
});
