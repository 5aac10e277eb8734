// Rewrites test-durations.json (read by sequencer.cjs) from a whole run's results:
//   npm test -- --ci --json --outputFile=/tmp/results.json
//   node test/setup/record-durations.cjs /tmp/results.json   (from the repository's root)
// Run it on a quiet machine of CI's size (2 cores, maxWorkers 2): only the order matters, but a
// run squeezed by other work stretches some files more than others.
const { readFileSync, writeFileSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');
const { argv } = require('node:process');

const root = resolve('.');
const results = JSON.parse(readFileSync(argv[2], 'utf8'));
const durations = {};
for (const r of results.testResults.sort((a, b) => (a.name < b.name ? -1 : 1)))
  durations[relative(root, r.name).split('\\').join('/')] = Math.round(
    (r.perfStats?.runtime ?? r.endTime - r.startTime) / 1000,
  );
writeFileSync(
  join(root, 'test', 'setup', 'test-durations.json'),
  `${JSON.stringify(durations, null, 2)}\n`,
);
