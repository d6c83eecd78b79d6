/**
 * ESLint (flat config): typescript-eslint's recommended rules, a few type-aware rules that catch
 * real bugs (unawaited promises), and the layer boundaries of docs/ARCHITECTURE.md as import rules.
 * Formatting is Prettier's job (eslint-config-prettier turns off the rules that would disagree).
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';

const RENDERER_RULE = 'The renderer runs in the page: it reaches its host only through src/shared/host-api.';
const ENGINE_API_RULE = 'Use the engine through src/engine/index.ts (Node code: also src/engine/node.ts); the rest of src/engine is internal.';

/** Import patterns a layer may not use, with the reason shown in the lint message. */
const forbid = (...groups) => ({ 'no-restricted-imports': ['error', { patterns: groups }] });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/renderer/**/*.tsx', 'src/renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      // Node scripts (scripts/, bin/): the globals they use.
      globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
  },
  // Layers: the renderer and the host bindings talk only through src/shared; host code lives in src/host.
  // (Patterns match the import string, so src/host is spelled per depth: src/renderer/host is the page's own.)
  {
    files: ['src/renderer/*'],
    rules: forbid(
      { group: ['../main/**', '../web-host/**', '../host/**', '../cli/**', '../preload/**'], message: RENDERER_RULE },
      { group: ['../engine/*'], message: ENGINE_API_RULE },
    ),
  },
  {
    files: ['src/renderer/*/**'],
    rules: forbid(
      { group: ['**/main/**', '**/web-host/**', '../../host/**', '**/cli/**', '**/preload/**'], message: RENDERER_RULE },
      // src/renderer/engine is the page's own folder (one level up from a feature folder).
      { group: ['../../engine/*'], message: ENGINE_API_RULE },
    ),
  },
  {
    files: ['src/cli/**'],
    rules: forbid({ group: ['../engine/*', '!../engine/node'], message: ENGINE_API_RULE }),
  },
  {
    files: ['bench/**'],
    rules: forbid({ group: ['../src/engine/*', '!../src/engine/node'], message: ENGINE_API_RULE }),
  },
  {
    files: ['src/main/**', 'src/preload/**'],
    rules: forbid({
      group: ['**/web-host/**', '**/renderer/**', '**/cli/**'],
      message: 'Electron bindings import src/host and src/shared only, never the web host, the renderer or the CLI.',
    }),
  },
  {
    files: ['src/web-host/**'],
    rules: forbid({
      group: ['**/main/**', '**/renderer/**', '**/cli/**'],
      message: 'The web host imports src/host and src/shared only, never Electron code, the renderer or the CLI.',
    }),
  },
  {
    files: ['src/host/**'],
    rules: forbid({
      group: ['**/main/**', '**/web-host/**', '**/renderer/**', '**/preload/**', '**/cli/**', 'electron'],
      message: 'src/host is shared by both hosts: no Electron, no binding code, no UI.',
    }),
  },
  {
    files: ['src/shared/**'],
    rules: forbid({
      group: ['node:*', '**/main/**', '**/web-host/**', '**/host/**', '**/renderer/**', '**/engine/**', '**/cli/**', 'electron'],
      message: 'src/shared is imported by every layer, the page included: plain TypeScript only.',
    }),
  },
  {
    files: ['src/engine/**'],
    rules: forbid({
      group: ['**/main/**', '**/web-host/**', '**/host/**', '**/renderer/**', '**/cli/**', 'electron'],
      message: 'The engine does not know who hosts it.',
    }),
  },
  prettier,
);
