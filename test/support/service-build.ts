import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where this test run's build of the service goes (removed by the global teardown). */
export const serviceBuildDir = (runId: string | undefined) =>
  join('node_modules', '.cache', `service-build-${runId ?? process.pid}`);

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * The real service for tests that run it as a process of its own (to SIGKILL it, or run its
 * CLI): compiled as `npm start` compiles it (scripts/build.mjs: SWC, with the decorator metadata
 * Nest's injection needs; under a second) ONCE per test run, by whichever test file asks first —
 * the others wait for it — into a directory of the run's own: other runs rebuild the shared dist/
 * at any moment. It sits under node_modules/.cache so that the service finds its packages.
 */
export function serviceBuild(): {
  build: () => void;
  start: (env: NodeJS.ProcessEnv) => ChildProcess;
  /** A compiled entry point, e.g. `script('cli.js')`. */
  script: (file: string) => string;
} {
  const dir = serviceBuildDir(process.env.TEST_RUN_ID);
  const built = join(dir, '.built');
  return {
    build: () => {
      if (existsSync(built)) return;
      // node_modules/.cache does not exist on a fresh install: without it the lock below fails
      // as if another file held it.
      mkdirSync(dirname(dir), { recursive: true });
      try {
        mkdirSync(`${dir}.lock`, { recursive: false });
      } catch {
        // Another test file is building it: wait (bounded), then use it.
        for (let i = 0; i < 900 && !existsSync(built); i++) sleep(200);
        if (!existsSync(built)) throw new Error(`the service was not built into ${dir} in time`);
        return;
      }
      try {
        // Nothing is type-checked (npm run lint does that); a file that does not parse fails.
        spawnSync(process.execPath, ['scripts/build.mjs', '--out-dir', dir, '--quiet'], {
          stdio: ['ignore', 'ignore', 'inherit'],
        });
        if (!existsSync(join(dir, 'src', 'main.js')))
          throw new Error(`the service did not build into ${dir}`);
        writeFileSync(built, '');
      } finally {
        rmSync(`${dir}.lock`, { recursive: true, force: true });
      }
    },
    start: (env) =>
      spawn(process.execPath, [join(dir, 'src', 'main.js')], {
        env: { ...process.env, ...env },
        stdio: ['ignore', process.env.DEBUG_WORKER ? 'inherit' : 'ignore', 'inherit'],
      }),
    script: (file) => join(dir, 'src', file),
  };
}
