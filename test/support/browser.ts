/// <reference lib="dom" />
import { accessSync, constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Debian's Chromium (package `chromium`); `.ci/run` installs it when it is missing. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = process.env.E2E_SCREENSHOT_DIR ?? join('test', 'e2e', 'screenshots');

/** Why the browser tests cannot run here, or null when they can. */
export function browserUnavailable(): string | null {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return null;
  } catch {
    return `no Chromium at ${CHROMIUM_PATH}: install Debian's "chromium" package (apt-get install chromium) or set CHROMIUM_PATH`;
  }
}

export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // The flags keep Chromium from calling Google's hosts on a closed network; --no-sandbox
    // because CI runs as root.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Every console error and uncaught page error of a context, to assert there were none. */
export function collectErrors(context: BrowserContext): string[] {
  const errors: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`${page.url()}: console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return errors;
}

/**
 * Whether the browser tests save their pictures of the pages (to be looked at, never compared):
 * yes unless E2E_SCREENSHOTS=0, which CI (`.ci/run`) sets, nobody looking at them there — a
 * full-page screenshot costs about a second, and the browser tests take some ninety.
 */
export const SCREENSHOTS = process.env.E2E_SCREENSHOTS !== '0';

/** Saves a full-page picture of the page under SCREENSHOT_DIR (unless SCREENSHOTS is off). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  if (!SCREENSHOTS) return path;
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Signs in through the form, with the keyboard, as a person would. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(new URL('/dang-nhap', baseUrl).toString());
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByLabel('Mật khẩu').press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/dang-nhap'));
}

/** Controls a user can reach that have no accessible name (label, aria-label, aria-labelledby). */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea, button')]
      .filter((el) => !(el instanceof HTMLInputElement && el.type === 'hidden'))
      .filter((el) => {
        const labelled =
          ((el as HTMLInputElement).labels?.length ?? 0) > 0 ||
          el.getAttribute('aria-label') ||
          el.getAttribute('aria-labelledby');
        const text = el.tagName === 'BUTTON' ? (el.textContent ?? '').trim() : '';
        return !labelled && !text;
      })
      .map((el) => el.outerHTML.slice(0, 120)),
  );
}

/** Whether the page is wider than the window (something forces sideways scrolling). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

/**
 * Text meant for screen readers only (.sr-only) that the page shows anyway: any such element
 * drawn larger than 1×1 px, with its text.
 */
export async function shownScreenReaderText(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.sr-only')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 1 || box.height > 1;
      })
      .map((el) => (el.textContent ?? '').trim().slice(0, 80)),
  );
}
