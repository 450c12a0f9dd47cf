// One Jest config for unit (beside the code), integration and e2e suites.
// @swc/jest keeps decorator metadata (Nest DI) and is fast on 2 cores.
const fs = require('fs');
const swcrc = JSON.parse(fs.readFileSync(__dirname + '/.swcrc', 'utf8'));
delete swcrc.jsc.baseUrl;
delete swcrc.jsc.paths;

module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testRegex: '.*\\.(spec|integration-spec|e2e-spec)\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/apps/web/'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  moduleNameMapper: {
    '^@agrilink/(matching-engine|transport-planner|core|database|queue|config|testing|observability|seed)$':
      '<rootDir>/libs/$1/src',
  },
  testEnvironment: 'node',
  testTimeout: 60000,
};
