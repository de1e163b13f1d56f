import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

// electron-vite reads this file's default export; it is the one default export the project has.
export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/shell/main.ts'),
          cli: resolve(__dirname, 'src/main/cli/main.ts'),
          // Each account's sync areas run in a worker thread started from this file (core/sync/worker-areas.ts).
          'sync-worker': resolve(__dirname, 'src/main/core/sync/worker.ts'),
          'findings-worker': resolve(__dirname, 'src/main/core/findings/worker.ts'),
        },
        // Native addons are loaded at run time from node_modules, never bundled.
        external: ['better-sqlite3', 'keytar', 'electron'],
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // A sandboxed preload must be a single CommonJS file with no require of other chunks.
        output: { format: 'cjs', inlineDynamicImports: true, entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
    plugins: [react()],
  },
})
