// ESLint keeps the process boundaries: the renderer cannot reach main or Node, shared reaches neither,
// the core never imports Electron, and raw ipcMain/ipcRenderer live only in the shell and the preload.
import tseslint from 'typescript-eslint'

const nodeBuiltins = ['node:*', 'fs', 'path', 'child_process', 'crypto', 'os', 'http', 'https', 'net', 'stream']

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-output/**', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/main/**', '**/renderer/**', '**/preload/**', 'electron'], message: 'shared imports neither main nor renderer.' },
          { group: nodeBuiltins, message: 'shared code runs in the renderer too: no Node built-ins.' },
        ],
      }],
    },
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/main/**', '**/preload/**', 'electron', 'better-sqlite3', 'keytar', 'axios'], message: 'The renderer reaches main only through window.carrierdesk.' },
          { group: nodeBuiltins, message: 'The renderer has no Node.' },
        ],
      }],
    },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/shell/main.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron'], message: 'The core does not import Electron; only src/main/shell/main.ts does.' },
          { group: ['**/renderer/**', '**/preload/**'], message: 'main does not import the renderer or the preload.' },
        ],
      }],
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/main/shell/main.ts', 'src/preload/index.ts'],
    rules: {
      'no-restricted-properties': ['error',
        { object: 'ipcMain', message: 'Register channels from the contract in the shell only.' },
        { object: 'ipcRenderer', message: 'Use window.carrierdesk.' },
      ],
    },
  },
  {
    files: ['bin/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['electron.vite.config.ts', 'vitest.config.ts', 'eslint.config.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
)
