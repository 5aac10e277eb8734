import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  appendFile,
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * scripts/build.mjs, which `npm start` runs with --if-stale, on a small project of its own (the
 * script builds the src/ and migrations/ beside it): it skips an up-to-date output, rebuilds when
 * a source is edited, added or removed, copies what is not TypeScript, and emits the decorator
 * metadata Nest's injection reads.
 */
describe('the build (scripts/build.mjs)', () => {
  let project: string;
  const build = (...args: string[]) => {
    const result = spawnSync(process.execPath, ['scripts/build.mjs', ...args], {
      cwd: project,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`build failed: ${result.stderr}`);
    return result.stdout;
  };
  const out = (path: string) => join(project, 'dist', path);

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'de-an-06-build-'));
    await mkdir(join(project, 'scripts'));
    for (const file of ['build.mjs', 'swc-options.json']) {
      await copyFile(resolve('scripts', file), join(project, 'scripts', file));
    }
    await symlink(resolve('node_modules'), join(project, 'node_modules'));
    await mkdir(join(project, 'src/web/assets'), { recursive: true });
    await mkdir(join(project, 'migrations'));
    await writeFile(join(project, 'package.json'), '{ "type": "module" }\n');
    await writeFile(
      join(project, 'src/main.ts'),
      `import 'reflect-metadata';
import { Clock } from './clock.js';
const inject = (): ClassDecorator => () => undefined;
@inject()
export class Service {
  constructor(readonly clock: Clock, readonly name: string) {}
}
export const paramtypes = (): string[] =>
  (Reflect.getMetadata('design:paramtypes', Service) as Function[]).map((t) => t.name);
`,
    );
    await writeFile(join(project, 'src/clock.ts'), 'export class Clock {}\n');
    await writeFile(join(project, 'src/web/assets/app.js'), 'document.title = "kept as is";\n');
    await writeFile(join(project, 'migrations/index.ts'), 'export const MIGRATIONS = [];\n');
  });
  afterAll(() => rm(project, { recursive: true, force: true }));

  it('compiles to ES modules with the decorator metadata, and copies the assets', async () => {
    expect(build()).toMatch(/3 files compiled/);
    // Loaded by Node as `npm start` loads it (not through Jest's module system).
    const loaded = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import('./dist/src/main.js');
        console.log(JSON.stringify(m.paramtypes()));`,
      ],
      { cwd: project, encoding: 'utf8' },
    );
    expect(loaded.stderr).toBe('');
    expect(JSON.parse(loaded.stdout)).toEqual(['Clock', 'String']);
    expect(await readFile(out('src/web/assets/app.js'), 'utf8')).toBe(
      'document.title = "kept as is";\n',
    );
    expect(existsSync(out('migrations/index.js'))).toBe(true);
    expect(existsSync(out('src/main.js.map'))).toBe(true);
  });

  it('skips an up-to-date output, and rebuilds when a source is edited, added or removed', async () => {
    build('--if-stale');
    const sentinel = out('left-by-an-earlier-build');
    await writeFile(sentinel, '');
    expect(build('--if-stale')).toMatch(/up to date/);
    expect(existsSync(sentinel)).toBe(true);

    await appendFile(join(project, 'src/clock.ts'), 'export const EDITED = true;\n');
    expect(build('--if-stale')).toMatch(/compiled/);
    expect(existsSync(sentinel)).toBe(false);
    expect(await readFile(out('src/clock.js'), 'utf8')).toMatch(/EDITED = true/);
    expect(build('--if-stale')).toMatch(/up to date/);

    await writeFile(join(project, 'src/added.ts'), 'export const ADDED = 1;\n');
    expect(build('--if-stale')).toMatch(/compiled/);
    expect(existsSync(out('src/added.js'))).toBe(true);

    await rm(join(project, 'src/added.ts'));
    expect(build('--if-stale')).toMatch(/compiled/);
    expect(existsSync(out('src/added.js'))).toBe(false);
  });
});
