import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** Our own files: beside this module in the sources, copied beside it by `nest build`. */
const OWN = join(dirname(fileURLToPath(import.meta.url)), 'assets');
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const chartDist = dirname(require.resolve('chart.js')); // its exports hide dist/ by path
const FONT_WEIGHTS = ['400', '600', '700'];
const FONT_SUBSETS = ['vietnamese', 'latin', 'latin-ext'];

const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  woff2: 'font/woff2',
};

/**
 * Every file the pages load, served by the service itself: provincial networks are often
 * closed to the internet, so nothing comes from a CDN. Only these names are served.
 */
const FILES: Record<string, string> = {
  'app.css': join(OWN, 'app.css'),
  'app.js': join(OWN, 'app.js'),
  'overview.js': join(OWN, 'overview.js'),
  'pilot.css': join(OWN, 'pilot.css'),
  'recommendations.css': join(OWN, 'recommendations.css'),
  'overview.css': join(OWN, 'overview.css'),
  'settings.css': join(OWN, 'settings.css'),
  'timeline.css': join(OWN, 'timeline.css'),
  'favicon.svg': join(OWN, 'favicon.svg'),
  'htmx.min.js': join(packageDir('htmx.org'), 'dist', 'htmx.min.js'),
  'chart.umd.min.js': join(chartDist, 'chart.umd.min.js'),
  ...Object.fromEntries(
    FONT_SUBSETS.flatMap((subset) =>
      FONT_WEIGHTS.map((w) => {
        const name = `be-vietnam-pro-${subset}-${w}-normal.woff2`;
        return [name, join(packageDir('@fontsource/be-vietnam-pro'), 'files', name)];
      }),
    ),
  ),
};

export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

const cache = new Map<string, Asset>();

export function asset(name: string): Asset | undefined {
  const path = Object.hasOwn(FILES, name) ? FILES[name] : undefined;
  if (!path) return undefined;
  let found = cache.get(name);
  if (!found) {
    const body = readFileSync(path);
    found = {
      body,
      type: TYPES[name.split('.').pop()!] ?? 'application/octet-stream',
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 16)}"`,
    };
    cache.set(name, found);
  }
  return found;
}

/** The address of an asset, versioned by its content so browsers may cache it for a year. */
export function assetUrl(name: string): string {
  const found = asset(name);
  if (!found) throw new Error(`unknown asset ${name}`);
  return `/static/${name}?v=${found.etag.slice(1, 9)}`;
}

export const ASSET_NAMES = Object.keys(FILES);
