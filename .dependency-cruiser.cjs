/**
 * The layers as rules (docs/architecture.md), checked by `npm run lint:deps` in CI:
 *
 *   apps/api, apps/worker  →  libs/core  →  libs/database, libs/queue, libs/config, libs/observability
 *   apps/api (start-up)    →  libs/seed  →  libs/core          (the demo data set, written through core's rules)
 *   libs/matching-engine, libs/transport-planner: pure, nothing of ours
 *
 * An app never imports another app; a lib never imports an app; one lib reaches another only
 * through its public `index.ts` (the `@agrilink/*` alias), never a deep path.
 */
const LIB = '^libs/([^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two files one module in disguise: split what both need into a third.',
      from: { path: '^(apps|libs)/' },
      to: { circular: true },
    },
    {
      name: 'app-not-from-app',
      severity: 'error',
      comment:
        'apps/api and apps/worker are two root modules over the same core; neither imports the other (nor apps/web).',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'lib-not-from-app',
      severity: 'error',
      comment: 'Libraries are shared by every app; an import from an app turns the arrow around.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-deep-lib-imports',
      severity: 'error',
      comment: 'Another library is reached through its index.ts (`@agrilink/<lib>`), never a file inside it.',
      from: { path: LIB, pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/[^/]+/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'apps-through-lib-index',
      severity: 'error',
      comment: 'apps/api and apps/worker import libraries by alias (their index.ts).',
      from: { path: '^apps/(api|worker)/' },
      to: { path: '^libs/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'web-only-view-types',
      severity: 'error',
      comment: 'The web app is bundled for the browser: from the server it may take types of core view files only.',
      from: { path: '^apps/web/' },
      to: { path: '^(libs|apps/(api|worker))/', pathNot: '^libs/core/src/.+/[^/]+-(view|card)\\.ts$' },
    },
    {
      name: 'pure-libraries',
      severity: 'error',
      comment: 'The optimisers are plain TypeScript: no Nest, TypeORM, BullMQ, Redis, nor any lib of ours.',
      from: { path: '^libs/(matching-engine|transport-planner)/' },
      to: {
        path: ['^libs/', 'node_modules'],
        pathNot: ['^libs/(matching-engine|transport-planner)/', 'node_modules/(@types/node|@jest/globals|fast-check)/'],
      },
    },
    {
      name: 'core-below-apps-only',
      severity: 'error',
      comment: 'Only apps, tests and the testing lib build on core; the libraries core uses never use it back.',
      from: { path: '^libs/(database|queue|config|observability|matching-engine|transport-planner)/' },
      to: { path: '^libs/core/' },
    },
    {
      name: 'seed-only-from-apps',
      severity: 'error',
      comment:
        'The demo data set sits above core: only the apps (start-up), scripts and tests seed; no library reaches up into it.',
      from: { path: '^libs/', pathNot: '^libs/seed/' },
      to: { path: '^libs/seed/' },
    },
    {
      name: 'infrastructure-libs-layered',
      severity: 'error',
      comment: 'config is the bottom; queue and database may read config; neither knows the other or observability.',
      from: { path: '^libs/config/' },
      to: { path: '^libs/(database|queue|observability|testing)/' },
    },
    {
      name: 'queue-and-database-apart',
      severity: 'error',
      from: { path: '^libs/(queue|database)/' },
      to: { path: '^libs/(queue|database|observability|testing)/', pathNot: '^libs/$1/' },
    },
    {
      name: 'testing-not-in-production-code',
      severity: 'error',
      comment: 'Factories and test-database helpers are for tests only.',
      from: { path: '^(apps|libs/(?!testing/))', pathNot: '\\.spec\\.ts$' },
      to: { path: '^libs/testing/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^apps/web/dist/', '^\\.data/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
