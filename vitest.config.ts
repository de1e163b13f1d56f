import { defineConfig } from 'vitest/config'


export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    benchmark: { include: ['test/bench/**/*.bench.ts'] },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Native addons (better-sqlite3, keytar) are happiest in forked processes.
    pool: 'forks',
    // Keep test files from sharing one keychain collection or sandbox port between them by accident.
    fileParallelism: true,
    maxWorkers: 2,
  },
})
