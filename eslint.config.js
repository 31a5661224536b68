import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Import boundaries (DESIGN.md): src/core is pure and runs in the task pane, so it imports no
// Node built-in and no vendor SDK; each SDK is imported only inside its own adapter folder.
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'stream', 'url', 'util', 'zlib', 'readline', 'worker_threads'];
const vendorSdks = ['ical.js', 'ai', '@ai-sdk/*', 'ollama-ai-provider-v2', '@microsoft/*', 'googleapis', '@azure/*', 'nodemailer', 'kysely', 'better-sqlite3', 'pg', 'pg-boss', 'fastify'];

const outsideCore = ['**/judge/**', '**/llm/**', '**/calendars/**', '**/channels/**', '**/outlook/**', '**/google-addon/**', '**/report/**', '**/server/**', '**/store/**', '**/config.js', '**/cli.js', '**/cli/**', '**/drafting/**', '**/integration/**'];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/calendars/ics/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'ical.js', message: 'ical.js belongs in src/calendars/ics.' }] }] },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'src/core runs in the browser too: no Node built-ins.' },
          { group: vendorSdks, message: 'src/core is vendor-free: put SDK code in its adapter folder.' },
          { group: outsideCore, message: 'src/core imports nothing outside src/core.' },
        ],
      }],
      'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    // The Outlook add-in runs in the browser (task pane) and in the classic-Windows JavaScript runtime.
    files: ['src/outlook/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, Office: 'readonly' } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'ical.js', message: 'ical.js belongs in src/calendars/ics.' }],
        patterns: [{ group: nodeBuiltins, message: 'src/outlook runs in the browser: no Node built-ins.' }],
      }],
      'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    // The task pane's React files (.tsx): the same browser rules as src/outlook/**/*.ts above.
    files: ['src/outlook/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser, Office: 'readonly' } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: nodeBuiltins, message: 'src/outlook runs in the browser: no Node built-ins.' }] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    files: ['src/cli.ts', 'src/cli/**/*.ts', 'bench/**/*.ts', 'bin/**/*.js', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
