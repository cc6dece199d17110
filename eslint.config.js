// Flat, type-aware lint config. Boundaries between realms are enforced here as well as by the
// per-realm tsconfigs: imports run one way, domain <- contract <- {worker, client, server, cli}.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const realm = (name) => `src/${name}/**`;
const banned = (...realms) =>
  realms.flatMap((r) => [`**/${r}/*`, `**/${r}/**`, `../${r}/*`, `../../${r}/*`, `../../../${r}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: [
          './src/domain/tsconfig.json',
          './src/contract/tsconfig.json',
          './src/worker/tsconfig.json',
          './src/client/tsconfig.json',
          './src/server/tsconfig.json',
          './src/cli/tsconfig.json',
          './tsconfig.test.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'Use an `as const` object and a derived union.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node } },
  },
  {
    files: [realm('domain')],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: banned('contract', 'worker', 'client', 'server', 'cli'),
              message: 'domain is pure: it imports nothing above it.',
            },
            { group: ['node:*'], message: 'domain has no Node.' },
          ],
        },
      ],
    },
  },
  {
    files: [realm('contract')],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: banned('worker', 'client', 'server', 'cli'), message: 'contract imports domain only.' },
          ],
        },
      ],
    },
  },
  {
    files: [realm('worker')],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: banned('client', 'server', 'cli'), message: 'the worker is an adapter over domain.' },
          ],
        },
      ],
    },
  },
  {
    files: [realm('client')],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: banned('server', 'cli'), message: 'the client talks to the server over HTTP only.' },
            {
              group: banned('worker'),
              allowTypeImports: true,
              message: 'the client sees the worker only as a type; client/workers/ owns `new Worker`.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [realm('server')],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: banned('client', 'worker', 'cli'), message: 'the server does not import the app.' },
          ],
        },
      ],
    },
  },
);
