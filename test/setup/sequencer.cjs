// Runs the longest test files first, so that the two workers finish together instead of one of
// them starting a two-minute file while the other has nothing left. Jest does this by itself only
// when its cache holds the last run's durations; a fresh clone (CI) has none, and Jest then goes
// by file size, which starts a short file full of cases before a long file that waits on a
// worker process or a browser. The order here: a file that failed last time (Jest's cache), then
// the longest first, by the last run's duration in Jest's cache, else by the duration recorded
// in test-durations.json (seconds; today CI's figures for the slowest files and estimates for the
// others from a run on a loaded machine — record-durations.cjs rewrites it from a whole run),
// else by an estimate from the file's size (a file added since: a second per kilobyte).
const { relative } = require('node:path');
const { default: Sequencer } = require('@jest/test-sequencer');
const recorded = require('./test-durations.json');

/** The estimate for a file with no recorded duration: a millisecond per byte, 10 s for 10 kB. */
const MS_PER_BYTE = 1;

module.exports = class LongestFirstSequencer extends Sequencer {
  sort(tests) {
    const estimate = new Map(); // milliseconds
    for (const test of tests) {
      const file = relative(test.context.config.rootDir, test.path).split('\\').join('/');
      const seconds = recorded[file];
      estimate.set(
        test.path,
        this.time(test) ??
          (seconds !== undefined
            ? seconds * 1000
            : (test.context.hasteFS.getSize(test.path) ?? 0) * MS_PER_BYTE),
      );
    }
    return [...tests].sort((a, b) => {
      const failedA = this.hasFailed(a);
      const failedB = this.hasFailed(b);
      if (failedA !== failedB) return failedA ? -1 : 1;
      return estimate.get(b.path) - estimate.get(a.path) || (a.path < b.path ? -1 : 1);
    });
  }
};
