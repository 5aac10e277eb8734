import { cruise } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
const r = await cruise(
  ['src'],
  { outputType: 'json', tsPreCompilationDeps: true },
  {},
  { tsConfig: extractTSConfig('tsconfig.json') },
);
const g = JSON.parse(r.output);
const f = (x) => /^src\/([^/]+)\//.exec(x)?.[1];
const E = new Map();
for (const m of g.modules)
  for (const d of m.dependencies) {
    const a = f(m.source),
      b = f(d.resolved);
    if (a && b && a !== b) {
      const k = `${a} → ${b}`;
      if (!E.has(k)) E.set(k, new Set());
      E.get(k).add(`${m.source.replace('src/', '')} → ${d.resolved.replace('src/', '')}`);
    }
  }
const want = new Set(process.argv.slice(2));
for (const [k, v] of [...E].sort()) {
  const [a, b] = k.split(' → ');
  if (want.size && !(want.has(a) && want.has(b))) continue;
  console.log(k);
  for (const x of v) console.log('   ', x);
}
