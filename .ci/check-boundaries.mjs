// `npm run lint`'s boundary check: the rules in dependency-cruiser.cjs, then no cycle between
// feature folders (src/<folder>), counting every file-level import, type-only ones too.
import { cruise, format } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import console from 'node:console';
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const KNOWN = JSON.parse(
  readFileSync(new URL('./known-folder-edges.json', import.meta.url), 'utf8'),
);

const options = await extractDepcruiseOptions('./.ci/dependency-cruiser.cjs');
// Violations recorded before the rule existed (depcruise-baseline), reported as ignored, not failed.
const knownViolations = JSON.parse(
  readFileSync(new URL('./known-violations.json', import.meta.url), 'utf8'),
);
const result = await cruise(
  ['src'],
  { ...options, knownViolations, validate: true, outputType: 'json' },
  {},
  {
    tsConfig: extractTSConfig('tsconfig.json'),
  },
);
const graph = JSON.parse(result.output);

const rules = await format(graph, { outputType: 'err-long' });
let failed = rules.exitCode > 0;
process.stdout.write(rules.output);

// The folder graph: an edge A → B for each file in src/A importing a file in src/B.
const folderOf = (file) => /^src\/([^/]+)\//.exec(file)?.[1] ?? null;
const edges = new Map();
for (const m of graph.modules) {
  const from = folderOf(m.source);
  if (!from) continue;
  for (const d of m.dependencies) {
    const to = folderOf(d.resolved);
    if (!to || to === from) continue;
    const key = `${from} → ${to}`;
    if (!edges.has(key)) edges.set(key, []);
    edges.get(key).push(`${m.source} → ${d.resolved}`);
  }
}
// Edges still to be removed (listed with the issue that removes them) are reported, not failed.
const counted = [...edges.keys()].filter((k) => !KNOWN.edges.includes(k));
const next = new Map();
for (const k of counted) {
  const [a, b] = k.split(' → ');
  next.set(a, [...(next.get(a) ?? []), b]);
}
// Tarjan's strongly connected components: each with more than one folder is a cycle.
let index = 0;
const stack = [],
  onStack = new Set(),
  idx = new Map(),
  low = new Map(),
  cycles = [];
const visit = (v) => {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of next.get(v) ?? []) {
    if (!idx.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      c.push(w);
    } while (w !== v);
    if (c.length > 1) cycles.push(c.sort());
  }
};
for (const v of next.keys()) if (!idx.has(v)) visit(v);
for (const c of cycles) {
  failed = true;
  console.log(`\n  error no-folder-cycle: src/{${c.join(',')}} depend on each other:`);
  for (const k of counted) {
    const [a, b] = k.split(' → ');
    if (c.includes(a) && c.includes(b)) console.log(`      ${k}: ${edges.get(k).join(', ')}`);
  }
}
const stale = KNOWN.edges.filter((k) => !edges.has(k));
if (stale.length) {
  failed = true;
  console.log(
    `\n  error known-folder-edges: gone, remove from .ci/known-folder-edges.json: ${stale.join('; ')}`,
  );
}
console.log(
  `\n${failed ? 'x' : '✔'} folder cycles: ${cycles.length}; known edges still to remove: ${KNOWN.edges.length - stale.length}`,
);
process.exit(failed ? 1 : 0);
