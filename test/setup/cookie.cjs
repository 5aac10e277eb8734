// `cookie` 2 is ESM-only: Jest runs it as CommonJS compiled by esm-to-cjs.cjs; this shim lets our
// ES modules import it under test as well (Jest reads named exports of CommonJS, not of ESM
// compiled to CommonJS inside a "type": "module" package).
module.exports = require('../../node_modules/cookie/dist/index.js');
