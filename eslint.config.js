import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'https',
  'net',
  'stream',
  'worker_threads',
  'url',
  'util',
];

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Only the Electron glue and the secret store may touch Electron.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only main/app, main/secrets and preload/index.ts import electron.',
            },
          ],
          patterns: [
            {
              group: ['**/sim', '**/sim/**'],
              message: 'The simulator is for demo mode, tests and benchmarks only.',
            },
          ],
        },
      ],
    },
  },
  {
    // The simulator itself, and the only places allowed to start it.
    files: ['main/sim/**', 'main/demo/**', 'test/**', 'bench/**', 'scripts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Only main/app, main/secrets and preload/index.ts import electron.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/app/**', 'main/secrets/**', 'preload/index.ts', 'test/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The renderer is a sandboxed web page: no Node, no Electron, no main-process code.
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer reaches main only through window.hubdesk.' },
          ],
          patterns: [
            { group: nodeBuiltins, message: 'The renderer imports no Node module.' },
            {
              group: ['**/main/**', '**/preload/index*'],
              message: 'The renderer reaches main only through window.hubdesk.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
);
