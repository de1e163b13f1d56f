// ESLint keeps the process boundaries and the layers inside them (the fences, tested by
// test/lint/fences.test.ts):
// - the renderer reaches neither main nor Node; shared reaches neither side; only the shell imports Electron;
//   raw ipcMain/ipcRenderer live only in the shell and the preload;
// - inside src/main, lowest first: lib (imports nothing from main); carriers, store, vault and sandbox (lib
//   and shared only, never each other, never core); core (carriers only through carriers/adapter.ts and
//   carriers/registry.ts); cli and shell (core, lib and shared only);
// - a carrier is one folder: carriers/<carrier>/ reaches only kit/ and adapter.ts beside it, and a
//   simulator folder only the Sandbox's kit/;
// - renderer screens never import each other (shared pieces live in components/, stores/ and format.ts), and
//   what lies below the screens (components, stores) never imports one, but the shell that mounts them.
import tseslint from 'typescript-eslint'

const nodeBuiltins = ['node:*', 'fs', 'path', 'child_process', 'crypto', 'os', 'http', 'https', 'net', 'stream']

/** A relative import that enters the folder `name` (e.g. '../core/jobs', '../../store/store'). */
const into = (name) => `^(\\.\\./)+${name}(/|$)`

/** One no-restricted-imports rule from pattern entries (flat config keeps only the last block's list per file). */
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] })

const mainProcess = [
  { group: ['electron'], message: 'The core does not import Electron; only src/main/shell/main.ts does.' },
  { group: ['**/renderer/**', '**/preload/**'], message: 'main does not import the renderer or the preload.' },
]
const layer = (names, message) => names.map((name) => ({ regex: into(name), message }))
const upward = (names) => layer(names, 'Lower layers never import higher ones (see eslint.config.mjs).')

const renderer = [
  { group: ['**/main/**', '**/preload/**', 'electron', 'better-sqlite3', 'keytar', 'axios'], message: 'The renderer reaches main only through window.carrierdesk.' },
  { group: nodeBuiltins, message: 'The renderer has no Node.' },
]
const otherScreen = 'Screens do not import each other: move the shared piece to components/, stores/ or format.ts.'

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
    rules: restrict(
      { group: ['**/main/**', '**/renderer/**', '**/preload/**', 'electron'], message: 'shared imports neither main nor renderer.' },
      { group: nodeBuiltins, message: 'shared code runs in the renderer too: no Node built-ins.' },
    ),
  },

  // The renderer, and its screens.
  { files: ['src/renderer/**'], rules: restrict(...renderer) },
  { files: ['src/renderer/src/components/**', 'src/renderer/src/stores/**'], ignores: ['src/renderer/src/components/shell.tsx'], rules: restrict(...renderer, { regex: into('screens'), message: 'Components and stores lie below the screens: only the shell mounts them.' }) },
  { files: ['src/renderer/src/screens/*.ts', 'src/renderer/src/screens/*.tsx'], rules: restrict(...renderer, { regex: '^\\./', message: otherScreen }) },
  { files: ['src/renderer/src/screens/*/**'], rules: restrict(...renderer, { regex: '^\\.\\./(?!\\.\\./)', message: otherScreen }) },

  // The main process and its layers.
  { files: ['src/main/**'], ignores: ['src/main/shell/main.ts'], rules: restrict(...mainProcess) },
  { files: ['src/main/lib/**'], rules: restrict(...mainProcess, { regex: '^\\.\\./(?!\\.\\./shared/)', message: 'lib is the foundation: it imports nothing from main, only shared.' }) },
  { files: ['src/main/carriers/**'], rules: restrict(...mainProcess, ...upward(['core', 'cli', 'shell']), ...layer(['store', 'vault', 'sandbox'], 'Carriers reach the store, the vault and the Sandbox only through the core (AccountContext).')) },
  { files: ['src/main/carriers/*/**'], ignores: ['src/main/carriers/kit/**'], rules: restrict(...mainProcess, ...upward(['core', 'cli', 'shell']), ...layer(['store', 'vault', 'sandbox'], 'Carriers reach the store, the vault and the Sandbox only through the core (AccountContext).'), { regex: '^\\.\\./(?!kit/|adapter$|\\.\\./)', message: 'A carrier is one folder: it reaches only ../kit and ../adapter.' }) },
  { files: ['src/main/carriers/kit/**'], rules: restrict(...mainProcess, ...upward(['core', 'cli', 'shell']), ...layer(['store', 'vault', 'sandbox'], 'Carriers reach the store, the vault and the Sandbox only through the core (AccountContext).'), { regex: '^\\.\\./(?!adapter$|\\.\\./)', message: 'kit serves every carrier: it imports none of them.' }) },
  { files: ['src/main/store/**'], rules: restrict(...mainProcess, ...upward(['core', 'cli', 'shell']), ...layer(['carriers', 'vault', 'sandbox'], 'The store holds SQL only: it knows no carrier, keychain or simulator.')) },
  { files: ['src/main/vault/**'], rules: restrict(...mainProcess, ...upward(['core', 'cli', 'shell']), ...layer(['carriers', 'store', 'sandbox'], 'The vault holds the keychain only.')) },
  { files: ['src/main/sandbox/**'], rules: restrict(...mainProcess, ...upward(['core', 'cli', 'shell']), ...layer(['carriers', 'store', 'vault'], 'The simulators are built from the carriers\' documents, not from CarrierDesk\'s clients.')) },
  { files: ['src/main/sandbox/*/**'], ignores: ['src/main/sandbox/kit/**'], rules: restrict(...mainProcess, ...upward(['core', 'cli', 'shell']), ...layer(['carriers', 'store', 'vault'], 'The simulators are built from the carriers\' documents, not from CarrierDesk\'s clients.'), { regex: '^\\.\\./(?!kit/|\\.\\./)', message: 'A simulator is one folder: it reaches only ../kit.' }) },
  { files: ['src/main/core/**'], rules: restrict(...mainProcess, ...upward(['cli', 'shell']), { regex: `${into('carriers')}(?!(adapter|registry)$)`.replace('(/|$)(?!', '/(?!'), message: 'The core reaches carriers only through carriers/adapter.ts and carriers/registry.ts.' }) },
  { files: ['src/main/cli/**'], rules: restrict(...mainProcess, ...layer(['carriers', 'store', 'vault', 'sandbox'], 'The CLI reaches only core, lib and shared.'), ...layer(['shell'], 'The CLI and the shell are separate front doors.')) },
  { files: ['src/main/shell/**'], rules: restrict(...layer(['carriers', 'store', 'vault', 'sandbox'], 'The shell reaches only core, lib and shared.'), ...layer(['cli'], 'The CLI and the shell are separate front doors.'), { group: ['**/renderer/**', '**/preload/**'], message: 'main does not import the renderer or the preload.' }) },
  { files: ['src/main/shell/**'], ignores: ['src/main/shell/main.ts'], rules: restrict(...mainProcess, ...layer(['carriers', 'store', 'vault', 'sandbox'], 'The shell reaches only core, lib and shared.'), ...layer(['cli'], 'The CLI and the shell are separate front doors.')) },

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
