/**
 * A sync another process is running stays running when a CLI command opens the same database meanwhile;
 * only a run whose process is gone (killed, crashed) is marked failed, "Interrupted", when the database is
 * next opened.
 */
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCarrierDesk } from '../../src/main/core/carrierdesk'
import { openSandboxDesk, type SandboxDesk } from '../helpers/sandbox-desk'
import { cliBin } from '../helpers/cli-sandbox'

describe('a sync left running', () => {
  let env: SandboxDesk
  beforeAll(async () => {
    env = await openSandboxDesk({ carriers: ['call48'], numbers: 400 })
  })
  afterAll(async () => {
    await env?.close()
  })
  const lastSync = () => env.desk.accounts.list()[0]?.lastSync

  it('is left alone by a CLI command opening the database while its process syncs, and ends as it should', async () => {
    env.sandbox.carriers.call48!.faults.configure({ latencyMs: 700 })
    try {
      const run = env.desk.sync.start({ areas: ['numbers'] })
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(lastSync()).toMatchObject({ runId: run.runId, outcome: 'running' })
      const listed = spawnSync(process.execPath, [cliBin, '--data-dir', env.dataDir, '--json', 'accounts', 'list'], { encoding: 'utf8' })
      expect(listed.status).toBe(0)
      expect((JSON.parse(listed.stdout) as { lastSync: { outcome: string } }[])[0]?.lastSync.outcome).toBe('running')
      // And another core opened in this very process (the same owner) leaves it running too.
      createCarrierDesk({ dataDir: env.dataDir, actor: 'test' }).store.close()
      expect(lastSync()).toMatchObject({ runId: run.runId, outcome: 'running' })
      const [result] = await run.done
      expect(result).toMatchObject({ outcome: 'succeeded' })
      expect(lastSync()).toMatchObject({ runId: run.runId, outcome: 'succeeded', message: undefined })
    } finally {
      env.sandbox.carriers.call48!.faults.configure({})
    }
  }, 30_000)

  it('is marked interrupted once its process is gone, and only then', async () => {
    // A process that records a run as running under its own name and is then killed.
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
    await new Promise((resolve) => child.once('spawn', resolve))
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8')
    const owner = `${child.pid}@${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]}`
    const accountId = env.desk.accounts.list()[0]!.id
    env.desk.store.syncRuns.start('run-of-the-killed', accountId, 'trunks', Date.now() + 1_000, owner)
    createCarrierDesk({ dataDir: env.dataDir, actor: 'test' }).store.close()
    expect(lastSync()).toMatchObject({ runId: 'run-of-the-killed', outcome: 'running' })
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    createCarrierDesk({ dataDir: env.dataDir, actor: 'test' }).store.close()
    expect(lastSync()).toMatchObject({ runId: 'run-of-the-killed', outcome: 'failed', message: 'trunks: Interrupted' })
  })
})
