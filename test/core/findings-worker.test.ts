/**
 * Findings after a change to a large cache are computed in the findings worker (the built
 * out/main/findings-worker.js, beside the sync worker): meanwhile the thread that answers the window
 * answers reads at once, and the report that arrives is the one the rules give on this thread.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { maxFindingSubjects, type FindingsSummary } from '../../src/shared/findings'
import { makeNumbers, syncThroughStore, type BenchAccount } from '../bench/fixtures'
import { openSandboxDesk, type SandboxDesk } from '../helpers/sandbox-desk'
import { builtSyncWorker } from '../helpers/sync-worker'

const builtFindingsWorker = join(builtSyncWorker, '../findings-worker.js')
const bulk: BenchAccount = { id: 'acc-bulk', carrier: 'call48', name: 'Bulk cache' }

describe('findings in the findings worker', () => {
  let env: SandboxDesk

  beforeAll(async () => {
    if (!existsSync(builtFindingsWorker)) throw new Error('out/main/findings-worker.js is missing: run `npx electron-vite build` (npm test does it first)')
    env = await openSandboxDesk({ numbers: 200, seed: 12 }, { syncWorker: builtSyncWorker })
    const { store } = env.desk
    store.accounts.insert({
      id: bulk.id, carrier: bulk.carrier, name: bulk.name, baseUrl: 'http://127.0.0.1:9', environment: 'sandbox',
      storedSecrets: [], createdAt: 1, updatedAt: 1,
    })
    const asOf = Date.now()
    syncThroughStore(store, bulk.id, makeNumbers(bulk, 60_000, { seed: 3, asOf }), asOf)
  }, 120_000)
  afterAll(async () => {
    await env?.close()
  })

  it('answers reads while the rules run, then gives the report the rules give here', async () => {
    const changed = new Promise<FindingsSummary>((resolve) => {
      const off = env.dispatcher.subscribe('findings.changed', (summary) => {
        off()
        resolve(summary)
      })
    })
    // A change to numbers schedules a computation (as a sync's end does).
    env.desk.events.emit('numbers.changed', { accountIds: [bulk.id] })
    let computed = false
    void changed.then(() => (computed = true))
    // Each turn asks once, then waits 10 ms: a turn lasts as long as this thread was kept from answering.
    const turns: number[] = []
    while (!computed) {
      const started = performance.now()
      const answer = await env.dispatcher.invoke('accounts.list', {})
      expect(answer.ok).toBe(true)
      await new Promise((resolve) => setTimeout(resolve, 10))
      turns.push(performance.now() - started)
    }
    const summary = await changed
    // The rules over 60,000 numbers took long enough for reads to be asked meanwhile, and none waited on them.
    expect(turns.length).toBeGreaterThan(3)
    expect(Math.max(...turns)).toBeLessThan(500)

    const fromWorker = await env.dispatcher.invoke('findings.list', {})
    expect(fromWorker.ok).toBe(true)
    if (!fromWorker.ok) return
    expect(fromWorker.value.computedAt).toBe(summary.computedAt)
    const here = env.desk.findings.compute()
    const ids = (report: typeof here) => report.findings.map((f) => `${f.id} ${f.fingerprint} ${f.subjects.length}`).sort()
    expect(ids(fromWorker.value)).toEqual(ids(here))
    expect(fromWorker.value.findings.some((f) => f.subjects.some((s) => s.accountId === bulk.id))).toBe(true)
  }, 120_000)
  it('waits, when asked to be quiet, until a burst of changes has been computed, and nothing fires after', async () => {
    const computedAt: number[] = []
    const off = env.dispatcher.subscribe('findings.changed', (summary) => computedAt.push(summary.computedAt))
    try {
      // Three changes in a burst: one computation, a moment after the last, in the worker.
      for (const _ of [1, 2, 3]) env.desk.events.emit('numbers.changed', { accountIds: [bulk.id] })
      await env.desk.findings.quiet()
      expect(computedAt).toHaveLength(1)
      await new Promise((resolve) => setTimeout(resolve, 400))
      expect(computedAt).toHaveLength(1)
      const listed = await env.dispatcher.invoke('findings.list', {})
      expect(listed.ok && listed.value.computedAt).toBe(computedAt[0])
    } finally {
      off()
    }
  }, 120_000)
  it("sends a finding over 60,000 numbers with its first 10,000, counted and costed in full, and the CLI's show gets them all", async () => {
    const listed = await env.dispatcher.invoke('findings.list', {})
    expect(listed.ok).toBe(true)
    if (!listed.ok) return
    const large = listed.value.findings.filter((f) => f.subjects.some((s) => s.accountId === bulk.id) && f.subjectCount > maxFindingSubjects)
    expect(large.length).toBeGreaterThan(0)
    for (const finding of large) {
      expect(finding.subjects).toHaveLength(maxFindingSubjects)
      const whole = env.desk.findings.withAllSubjects(finding.id)!
      expect(whole.subjects).toHaveLength(finding.subjectCount)
      expect(whole.subjects.slice(0, maxFindingSubjects)).toEqual(finding.subjects)
      // The same facts, so the same fingerprint; the cost sums every subject, listed or not.
      expect(whole.fingerprint).toBe(finding.fingerprint)
      const costs = whole.subjects.flatMap((s) => (s.monthlyCost === undefined ? [] : [s.monthlyCost]))
      expect(finding.monthlyCost).toBe(costs.length > 0 ? Math.round(costs.reduce((sum, cost) => sum + cost, 0) * 100) / 100 : undefined)
    }
    // Small findings list every subject.
    for (const finding of listed.value.findings.filter((f) => f.subjectCount <= maxFindingSubjects)) expect(finding.subjects).toHaveLength(finding.subjectCount)
  }, 120_000)
})
