// Jest transform for an ESM-only package that CommonJS code requires (see jest.config.js): always to CommonJS.
const { transformSync } = require('@swc/core');

module.exports = {
  process(source, filename) {
    return transformSync(source, {
      filename,
      jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    });
  },
};
