// ESLint for the whole tree: typescript-eslint's strict type-checked and stylistic rules, each
// file type-checked against the tsconfig that builds it (the root one, or apps/web's own).
// Formatting is Prettier's job, so eslint-config-prettier comes last and switches off style rules.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    // Build output and local data, and the API types openapi-typescript generates (npm run generate:client).
    ignores: [
      '**/dist/**',
      '**/coverage/**',
      '**/node_modules/**',
      '.data/**',
      '.artifacts/**',
      'bench-out/**',
      'backups/**',
      'apps/web/src/api/schema.d.ts',
    ],
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
      // (Options not named fall back to the rule's loose defaults, not to the strict config's, hence all spelled out.)
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        {
          allowNumber: true,
          allowAny: false,
          allowBoolean: false,
          allowNever: false,
          allowNullish: false,
          allowRegExp: false,
        },
      ],
      // `() => el.remove()` as a callback returns nothing anyone reads; `return voidCall()` stays an error.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Nest's option types (NestApplicationContextOptions…) and our entities are data-only classes: an object
      // literal of their shape is how Nest documents them and what TypeORM's save/create take.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
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
      // `(row: any) => row.id` over an `any` body: noImplicitAny needs the annotation, and it says nothing more.
      '@typescript-eslint/no-explicit-any': 'off',
      // Sums over response fields (`n + f.properties.remainingKg`) are `any` for the reason above.
      '@typescript-eslint/restrict-plus-operands': [
        'error',
        { allowAny: true, allowBoolean: false, allowNullish: false, allowNumberAndString: false, allowRegExp: false },
      ],
      // URLs and failure messages built from bodies (`/api/lots/${res.body.id}`) and from textContent() (string | null).
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        {
          allowNumber: true,
          allowAny: true,
          allowNullish: true,
          allowBoolean: false,
          allowNever: false,
          allowRegExp: false,
        },
      ],
      // afterAll closes handles (`await app?.close()`) that a failed beforeAll never set, which their declared type hides.
      '@typescript-eslint/no-unnecessary-condition': 'off',
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
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
  },
  prettier,
);
