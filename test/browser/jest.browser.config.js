// Browser tests: the real api (in-process, random port) on real PostgreSQL and Redis,
// driven through Debian's Chromium by playwright-core. Run with `npm run test:browser`,
// which builds apps/web first; the default `npm test` does not pick these files up.
const base = require('../../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  testRegex: 'test/browser/.*\\.browser-spec\\.ts$',
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 120000,
  maxWorkers: 1,
};
