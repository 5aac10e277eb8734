// Compiles src/ and migrations/ into dist/ (or --out-dir DIR) with SWC, file by file: about
// 0.1 s of compiling where tsc took 8 s, because nothing is type-checked here — `npm run lint`
// runs tsc over everything. What is not TypeScript under src/ (the web's assets) is copied.
//
//   node scripts/build.mjs [--if-stale] [--out-dir DIR] [--quiet] [--then FILE]
//
// --then FILE (what `npm start` runs: --then dist/src/main.js) then runs FILE in this same
// process, so a restart starts one Node process, not two (a build check, then the service); a
// build it needs runs in a child process, so the service does not carry SWC's memory.
//
// --if-stale (what `npm start`, the CLI and the seed run) builds only when the sources differ
// from those of the last build: the output holds a fingerprint of every source file's path and
// content, of this script and of the SWC version, so an unchanged checkout starts at once and a
// changed, added or removed file (or a `git checkout`) rebuilds the whole output.
//
// The output is what tsc emits for tsconfig.json: ES modules with the import specifiers as
// written, ES2022 classes with fields defined (tsc's default for its ES2023 target), legacy
// decorators with their design-time metadata — which Nest's injection, TypeORM and the OpenAPI
// document read — and a source map beside each file. It is built beside the output directory
// and moved into place, so a process that starts meanwhile finds the old build or the new one.
import { spawn } from 'node:child_process';
import console from 'node:console';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['src', 'migrations'];
const STAMP = '.build-fingerprint';
/** Compiled by tsc alone (src/tsconfig.build.json), never shipped. */
const SKIPPED = new Set(['tsconfig.build.json']);

/** The options Jest's transform (test/setup/swc-transform.cjs) compiles the tests with too. */
const SWC_OPTIONS = {
  ...JSON.parse(readFileSync(join(ROOT, 'scripts', 'swc-options.json'), 'utf8')),
  inlineSourcesContent: false,
};

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const outDir = resolve(ROOT, option('--out-dir') ?? 'dist');
const ifStale = args.includes('--if-stale');
const quiet = args.includes('--quiet');
const then = option('--then');

async function listFiles(dir) {
  const entries = await readdir(join(ROOT, dir), { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(ROOT, join(e.parentPath ?? e.path, e.name)));
}

const started = performance.now();
const files = (await Promise.all(SOURCES.map(listFiles))).flat().sort();
const require = createRequire(import.meta.url);
const swcVersion = require('@swc/core/package.json').version;
const hash = createHash('sha256').update(`swc ${swcVersion}\0`);
hash.update(await readFile(fileURLToPath(import.meta.url)));
hash.update(JSON.stringify(SWC_OPTIONS));
const contents = await Promise.all(files.map((f) => readFile(join(ROOT, f))));
files.forEach((f, i) => hash.update(`\0${f}\0${contents[i].length}\0`).update(contents[i]));
const fingerprint = hash.digest('hex');

const upToDate =
  ifStale && (await readFile(join(outDir, STAMP), 'utf8').catch(() => '')).trim() === fingerprint;
if (upToDate) {
  if (!quiet) console.log(`build: ${relative(ROOT, outDir)}/ is up to date`);
} else if (then) {
  // In a process of its own, so the service does not carry SWC's memory (about 80 MB).
  await buildInChild();
} else {
  await build();
}
if (then) await import(pathToFileURL(resolve(ROOT, then)).href);

/** This script without --if-stale and --then, in a child process; its exit code if it fails. */
async function buildInChild() {
  const child = spawn(
    process.execPath,
    [fileURLToPath(import.meta.url), '--out-dir', outDir, ...(quiet ? ['--quiet'] : [])],
    { stdio: 'inherit' },
  );
  const code = await new Promise((done) => child.once('exit', (c, signal) => done(c ?? signal)));
  if (code !== 0) process.exit(typeof code === 'number' ? code : 1);
}

/** Compiles every source into a directory beside the output, then moves it into place. */
async function build() {
  const { transform } = await import('@swc/core');
  const partial = `${outDir}.partial-${randomBytes(4).toString('hex')}`;
  // Ctrl-C during a build (npm start) leaves no half-built directory behind.
  const removePartial = () => {
    rmSync(partial, { recursive: true, force: true });
    process.exit(130);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, removePartial);
  let compiled = 0;
  try {
    await Promise.all(
      files.map(async (file, i) => {
        if (SKIPPED.has(basename(file)) || file.endsWith('.d.ts')) return;
        const target = join(partial, file);
        await mkdir(dirname(target), { recursive: true });
        if (!file.endsWith('.ts')) return copyFile(join(ROOT, file), target);
        const js = target.replace(/\.ts$/, '.js');
        const output = await transform(contents[i].toString('utf8'), {
          ...SWC_OPTIONS,
          filename: join(ROOT, file),
          sourceFileName: relative(dirname(join(outDir, file)), join(ROOT, file)),
        });
        await writeFile(js, `${output.code}\n//# sourceMappingURL=${basename(js)}.map\n`);
        await writeFile(`${js}.map`, output.map);
        compiled++;
      }),
    );
    await writeFile(join(partial, STAMP), `${fingerprint}\n`);
    // Another build may finish in between: retry, last one in wins (both are of these sources).
    for (let attempt = 0; ; attempt++) {
      await rm(outDir, { recursive: true, force: true });
      try {
        await rename(partial, outDir);
        break;
      } catch (error) {
        if (attempt >= 5 || !['ENOTEMPTY', 'EEXIST'].includes(error.code)) throw error;
      }
    }
  } finally {
    await rm(partial, { recursive: true, force: true });
    // What runs next (--then) handles its own signals.
    for (const signal of ['SIGINT', 'SIGTERM']) process.off(signal, removePartial);
  }
  if (!quiet) {
    const ms = Math.round(performance.now() - started);
    console.log(
      `build: ${compiled} files compiled with SWC into ${relative(ROOT, outDir)}/ (${ms} ms)`,
    );
  }
}
