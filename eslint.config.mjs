// ESLint for the whole tree: typescript-eslint's strict type-checked and stylistic rules, each
// file type-checked against the tsconfig that builds it (the root one, or apps/web's own).
// Formatting is Prettier's job, so eslint-config-prettier comes last and switches off style rules.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['**/dist/**', '**/coverage/**', '**/node_modules/**', '.data/**', '.artifacts/**', 'bench-out/**', 'backups/**'],
  },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The code's own style: T[] for simple types, Array<…> for object literal and union types.
      '@typescript-eslint/array-type': ['error', { default: 'array-simple' }],
      // `s?.trim() || null`: an empty string (env, form, spreadsheet cell) means "not given", so `||` on strings is meant.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true, boolean: true } }],
      // Our classes are plain data (entities, DTOs: no methods, no getters); `{ ...entity }` copies their
      // fields, which is what an audit's "before" snapshot and merging query DTOs want.
      '@typescript-eslint/no-misused-spread': 'off',
      // `const { searchText, ...rest } = row` drops a field on purpose (tsc's noUnusedLocals agrees).
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
      // Nest modules are empty classes by design: their decorator is the content.
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      // Numbers in messages and SQL fragments print as themselves; objects, nullish and any stay errors.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `() => el.remove()` as a callback returns nothing anyone reads; `return voidCall()` stays an error.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e-spec.ts', '**/*.browser-spec.ts'],
    rules: {
      // supertest's res.body and Playwright's evaluate results are `any`; the assertions check their shape.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // A `!` on a value the test just created fails the test loudly if it is missing, which is what a test wants.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Plain CommonJS build scripts and configs: no tsconfig covers them.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    // CommonJS: require is how these files import.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
  },
  prettier,
);
