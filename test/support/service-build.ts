import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The real service for tests that run it as a process of its own (to SIGKILL it): compiled by
 * tsc (Nest's injection needs the decorator metadata only tsc emits) into a directory of this
 * test process's own — other test files and runs rebuild the shared dist/ at any moment. It sits
 * under node_modules/.cache so that the service finds its packages.
 */
export function serviceBuild(name: string): {
  build: () => void;
  start: (env: NodeJS.ProcessEnv) => ChildProcess;
  remove: () => void;
} {
  const dir = join('node_modules', '.cache', `${name}-${process.pid}`);
  return {
    build: () => {
      // Type errors elsewhere in a working tree do not stop the emit; a missing main.js does.
      spawnSync(
        process.execPath,
        ['node_modules/typescript/bin/tsc', '-p', 'src/tsconfig.build.json', '--outDir', dir],
        { stdio: 'ignore' },
      );
      if (!existsSync(join(dir, 'src', 'main.js')))
        throw new Error(`the service did not build into ${dir}`);
    },
    start: (env) =>
      spawn(process.execPath, [join(dir, 'src', 'main.js')], {
        env: { ...process.env, ...env },
        stdio: ['ignore', process.env.DEBUG_WORKER ? 'inherit' : 'ignore', 'inherit'],
      }),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
