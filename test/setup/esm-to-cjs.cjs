// Jest on Node 20 cannot require() an ES module, and a few CommonJS dependencies of Fastify
// require ESM-only packages (content-disposition 3, cookie 2). This compiles those packages
// to CommonJS for the test run only; production loads them natively (require(esm), Node 20.19+).
const ts = require('typescript');

module.exports = {
  process(sourceText, sourcePath) {
    const { outputText } = ts.transpileModule(sourceText, {
      fileName: sourcePath,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        allowJs: true,
        esModuleInterop: true,
      },
    });
    return { code: outputText };
  },
};
