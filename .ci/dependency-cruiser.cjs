// The module graph's boundaries, checked by `npm run lint` (.ci/check-boundaries.mjs runs these
// rules, then looks for cycles between the feature folders src/<folder>).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment:
        'domain/ holds the rules in plain TypeScript: no Nest, no TypeORM, no entities, and nothing ' +
        'outside domain/ folders but other domain files and pure libraries.',
      severity: 'error',
      from: { path: '^src/.+/domain/' },
      to: {
        pathNot: ['^src/.+/domain/', '^node_modules/(date-holidays|cron-parser)/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'domain-no-framework',
      comment: 'Named separately so the message says it: domain/ never imports Nest or TypeORM.',
      severity: 'error',
      from: { path: '^src/.+/domain/' },
      to: { path: ['^node_modules/(@nestjs/|typeorm/)', '\\.entity\\.ts$'] },
    },
    {
      name: 'only-start-up-imports-seed',
      comment:
        'The reference data and demo accounts are loaded at start-up and by the CLI; features ' +
        'never reach into seed/.',
      severity: 'error',
      from: {
        path: '^src/',
        pathNot: [
          '^src/seed/',
          '^src/(main|service|app\\.module|cli|seed\\.cli)\\.ts$',
          '^src/database/prepare-database[^/]*\\.ts$',
        ],
      },
      to: { path: '^src/seed/' },
    },
    {
      name: 'not-to-test',
      comment: 'Application code never imports test code or fixtures.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
