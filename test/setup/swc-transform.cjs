// Jest's TypeScript transform: each file compiled on its own by SWC with the options
// scripts/build.mjs compiles the service with (ES modules, ES2022 classes with defined fields,
// legacy decorators with their design-time metadata for Nest's injection and TypeORM), so the
// tests run the JavaScript `npm start` runs. Nothing is type-checked here: `npm run lint` checks
// src/ and test/ with tsc. (ts-jest, before, spent ~25 s of CPU compiling the service's files
// on a run without Jest's cache — every CI run — and more per file after.)
const { createHash } = require('node:crypto');
const { transformSync, version } = require('@swc/core');

// The service's build options, in one place (scripts/swc-options.json).
const OPTIONS = require('../../scripts/swc-options.json');
const OPTIONS_KEY = JSON.stringify(OPTIONS);

/**
 * ES modules where Jest loads them as such (every test file); CommonJS where it requires the file
 * (the global setup), keeping its import() a native one, as tsc does.
 */
const moduleOptions = (options) =>
  options?.supportsStaticESM ? { type: 'es6' } : { type: 'commonjs', ignoreDynamic: true };

module.exports = {
  canInstrument: false,
  getCacheKey(sourceText, sourcePath, options) {
    return createHash('sha256')
      .update(
        [version, OPTIONS_KEY, JSON.stringify(moduleOptions(options)), sourcePath, sourceText].join(
          '\0',
        ),
      )
      .digest('hex');
  },
  process(sourceText, sourcePath, options) {
    const { code, map } = transformSync(sourceText, {
      ...OPTIONS,
      module: moduleOptions(options),
      filename: sourcePath,
    });
    return { code, map };
  },
};
