/**
 * Cancelling across IPC, in real Chromium against the real core: the renderer's bridge gives a call a
 * request id and, when its AbortSignal aborts, sends a cancel for that id; the harness (like the shell)
 * hands it to the dispatcher, which aborts the handler's signal. With every simulator answering 6 s late,
 * a numbers.search stopped after a moment answers `cancelled` at once, from the Buy screen's Stop and from
 * the bridge itself; a sync is a job, stopped by its Cancel (jobs.cancel), and ends by `sync.finished`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireKeyring } from '../helpers/temp'
import { startHarness, type Harness } from './harness'
import { goTo } from './numbers-fixtures'

const lateMs = 6_000

describe('Cancelling a call from the renderer, end to end', () => {
  let harness: Harness
  const slow = (on: boolean): void => {
    for (const entry of harness.desk.sandbox.running?.list() ?? []) entry.faults.configure(on ? { latencyMs: lateMs } : {})
  }

  beforeAll(async () => {
    requireKeyring()
    harness = await startHarness({ sandbox: { numbers: 400 } })
    await harness.desk.sandbox.open({})
    await goTo(harness, 'buy')
  })
  afterAll(async () => {
    await harness?.close()
  })

  it('stops a slow search from the Buy screen: the call answers cancelled at once and buys nothing', async () => {
    const { page } = harness
    slow(true)
    try {
      const form = page.getByRole('form', { name: 'Search numbers to buy' })
      await form.getByLabel('State').fill('FL')
      await form.getByRole('button', { name: 'Search' }).click()
      const stop = form.getByRole('button', { name: 'Stop search' })
      await expect.poll(() => stop.count()).toBe(1)
      await new Promise((resolve) => setTimeout(resolve, 300))
      const stoppedAt = performance.now()
      await stop.click()
      await expect.poll(() => form.getByRole('status').textContent(), { timeout: 3_000 }).toContain('Search stopped')
      expect(performance.now() - stoppedAt).toBeLessThan(lateMs / 2)
      expect(await page.getByRole('table', { name: 'Offers' }).count()).toBe(0)
      expect(harness.desk.sandbox.running!.ledger.entries()).toEqual([])
      await harness.screenshot('cancel-01-search-stopped')
    } finally {
      slow(false)
    }
  })

  it('answers an invoke cancelled through the bridge with `cancelled`, promptly', async () => {
    const { page } = harness
    slow(true)
    try {
      const answered = await page.evaluate(async () => {
        const bridge = (globalThis as unknown as { carrierdesk: { invoke(c: string, i: unknown, r?: string): Promise<unknown>; cancel(r: string): void } }).carrierdesk
        const requestId = crypto.randomUUID()
        const started = performance.now()
        const pending = bridge.invoke('numbers.search', { query: { type: 'local', state: 'TX', limit: 5 } }, requestId)
        await new Promise((resolve) => setTimeout(resolve, 300))
        bridge.cancel(requestId)
        const result = await pending
        return { result, ms: performance.now() - started }
      })
      expect(answered.result).toEqual({ ok: false, error: { code: 'cancelled', message: 'Cancelled' } })
      expect(answered.ms).toBeLessThan(lateMs / 2)
    } finally {
      slow(false)
    }
  })

  it('cancels a slow sync with its Cancel button (jobs.cancel), and learns its end from sync.finished', async () => {
    const { page } = harness
    slow(true)
    try {
      await goTo(harness, 'trunks')
      await page.getByRole('button', { name: 'Sync now' }).first().click()
      const cancel = page.getByRole('button', { name: 'Cancel sync' })
      await expect.poll(() => cancel.count(), { timeout: 10_000 }).toBe(1)
      const cancelledAt = performance.now()
      await cancel.click()
      await expect.poll(() => page.getByText('Sync finished').count(), { timeout: 10_000 }).toBe(1)
      expect(performance.now() - cancelledAt).toBeLessThan(lateMs)
      // Every account whose carrier lists trunks started the area and ended it cancelled.
      const outcomes = harness.desk.accounts.list().flatMap((account) => (account.lastSync ? [account.lastSync.outcome] : []))
      expect(outcomes.length).toBeGreaterThan(0)
      expect(outcomes.every((outcome) => outcome === 'cancelled')).toBe(true)
      await harness.screenshot('cancel-02-sync-cancelled')
    } finally {
      slow(false)
    }
  })
})
