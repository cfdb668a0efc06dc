// Native ESM Jest: swc strips types and keeps decorator metadata; `.js` import suffixes map back to `.ts`.
import { swcOptions } from './test/support/swc-options.js';

// Fastify's plugins (CommonJS) require a few ESM-only packages. Node 20.19+ loads them (require of ESM); Jest's module
// runtime cannot before Node 24.9, so Jest compiles those packages to CommonJS.
const esmOnlyRequired = ['@fastify/middie/node_modules/path-to-regexp/'].join('|');
const [major, minor] = process.versions.node.split('.').map(Number);
const jestRequiresEsm = major > 24 || (major === 24 && minor >= 9);
const esmTransform = jestRequiresEsm ? {} : { [`(?:${esmOnlyRequired}).+\\.js$`]: '<rootDir>/test/support/commonjs-transform.cjs' };

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions], ...esmTransform },
  transformIgnorePatterns: jestRequiresEsm ? ['/node_modules/'] : [`^(?!.*/node_modules/(?:${esmOnlyRequired})).*/node_modules/`],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
};
