// npm run lint: the checks of the whole tree, independent ones side by side (they were about
// 65 s one after the other on 2 cores, which CI pays on every run). Each check's output is
// printed when it ends, in full; the run fails if any check fails.
import { spawn } from 'node:child_process';
import { Buffer } from 'node:buffer';
import console from 'node:console';
import process from 'node:process';

/** Runs `command` (through the shell, with node_modules/.bin on PATH as npm scripts have it). */
function run(name, command) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => out.push(c));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n── ${name} (${seconds} s, exit ${code})\n${Buffer.concat(out)}`);
      resolve(code === 0);
    });
  });
}

// Two chains side by side (2 cores): the formatting and lint rules; the types, the OpenAPI
// document's types and the module boundaries.
const chain = async (steps) => {
  let ok = true;
  for (const [name, command] of steps) ok = (await run(name, command)) && ok;
  return ok;
};
const results = await Promise.all([
  chain([
    ['prettier', 'prettier --check .'],
    ['eslint', 'eslint -c .ci/eslint.config.js --max-warnings 0 .'],
  ]),
  chain([
    ['tsc', 'tsc -p tsconfig.json --outDir node_modules/.cache/lint-tsc'],
    ['openapi types', 'node .ci/openapi-types.mjs --compiled node_modules/.cache/lint-tsc'],
    ['module boundaries', 'node .ci/check-boundaries.mjs'],
  ]),
]);
if (!results.every(Boolean)) {
  console.error('\nlint failed');
  process.exit(1);
}
