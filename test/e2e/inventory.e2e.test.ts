/**
 * Trunks, Ports and CDRs as a NOC technician uses them, in real Chromium against the real core and the
 * Sandbox (all four carriers): honest empty states before a sync, "Sync now" on each screen with visible
 * progress, the cached lists with their age, port orders by status and a CDR file downloaded to disk (the call
 * records themselves: cdrs.e2e.test.ts).
 */
import { statSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireKeyring } from '../helpers/temp'
import { startHarness, type Harness } from './harness'

/** Clicks the screen's "Sync now", waits for the run to finish, then dismisses its progress panel. */
async function syncFromScreen(harness: Harness, shot: string): Promise<void> {
  const { page } = harness
  await page.getByRole('button', { name: 'Sync now' }).click()
  const progress = page.getByRole('region', { name: 'Sync progress' })
  await expect.poll(() => progress.count()).toBe(1)
  await expect.poll(() => progress.getByText('Sync finished').count(), { timeout: 90_000 }).toBe(1)
  await harness.screenshot(shot)
  await page.getByRole('button', { name: 'Dismiss sync progress' }).click()
  await expect.poll(() => progress.count()).toBe(0)
}

describe('Trunks, Ports and CDRs, end to end', () => {
  let harness: Harness

  beforeAll(async () => {
    requireKeyring()
    harness = await startHarness({ sandbox: { numbers: 2_000 } })
    await harness.desk.sandbox.open({})
    await harness.page.getByRole('navigation', { name: 'Screens' }).waitFor()
  })
  afterAll(async () => {
    await harness?.close()
  })

  it('lists the trunk groups of every carrier after a sync, with their age', async () => {
    const { page } = harness
    await page.keyboard.press('Control+2')
    await expect.poll(() => page.getByRole('heading', { name: 'Trunks' }).count()).toBe(1)
    // Before any sync: an honest empty state, no sample data.
    await expect.poll(() => page.getByText('No cached trunk groups yet').count()).toBe(1)
    expect(await page.getByText(/Sync to fetch trunk groups/).count()).toBe(1)
    await harness.screenshot('inventory-00-trunks-empty')

    await syncFromScreen(harness, 'inventory-01-trunks-sync')
    const cached = harness.desk.store.trunks.list()
    expect(cached.length, 'trunk groups synced from the simulators').toBeGreaterThan(0)
    const table = page.getByRole('table', { name: 'Trunk groups' })
    await expect.poll(() => table.getByRole('row', { name: /^Trunk / }).count()).toBe(cached.length)
    const first = cached[0]!
    expect(await table.textContent()).toContain(first.name)
    for (const ip of first.ips.slice(0, 2)) expect(await table.textContent()).toContain(ip)
    expect(await page.getByTestId('trunks-data-age').textContent()).toMatch(/Data as of just now/)
    expect(await page.getByTestId('trunks-total').textContent()).toBe(`${cached.length} trunk group${cached.length === 1 ? '' : 's'}`)
    await harness.screenshot('inventory-01-trunks')
  })

  it('lists port orders with unified status badges, a chart by status and a status filter', async () => {
    const { page } = harness
    await page.keyboard.press('Control+3')
    await expect.poll(() => page.getByRole('heading', { name: 'Ports' }).count()).toBe(1)
    await syncFromScreen(harness, 'inventory-02-ports-sync')
    const cached = harness.desk.store.ports.list()
    expect(cached.length, 'port orders synced from the simulators').toBeGreaterThan(0)
    const table = page.getByRole('table', { name: 'Port orders' })
    const rows = table.getByRole('row', { name: /^Port order / })
    await expect.poll(() => rows.count()).toBe(cached.length)
    const shownStatuses = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-status')))
    expect(shownStatuses.sort()).toEqual(cached.map((port) => port.status).sort())
    expect(await page.getByRole('img', { name: 'Port orders by status' }).count()).toBe(1)
    expect(await page.getByTestId('ports-data-age').textContent()).toMatch(/Data as of/)
    // Rejections say why, in the row.
    for (const port of cached.filter((each) => each.status === 'rejected' && each.rejectionReason)) {
      expect(await table.getByRole('row', { name: `Port order ${port.id}` }).textContent()).toContain(port.rejectionReason)
    }
    await harness.screenshot('inventory-02-ports')

    // Filter to one status.
    const status = cached[0]!.status
    const wanted = cached.filter((port) => port.status === status).length
    await page.getByRole('textbox', { name: 'Status' }).click()
    await page.getByRole('option', { name: new RegExp(`\\(${wanted}\\)$`) }).first().click()
    await expect.poll(() => rows.count()).toBeLessThanOrEqual(cached.length)
    const filtered = await rows.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-status')))
    expect(new Set(filtered).size).toBe(1)
    expect(filtered.length).toBe(cached.filter((port) => port.status === filtered[0]).length)
    await harness.screenshot('inventory-03-ports-filtered')
  })

  it('downloads a CDR file to disk with progress and the saved path', async () => {
    const { page } = harness
    // Screen shortcuts are ignored while typing in a field (the status filter still has focus).
    if ((await page.locator(':focus').count()) > 0) await page.locator(':focus').blur()
    await page.keyboard.press('Control+4')
    await expect.poll(() => page.getByRole('heading', { name: 'CDRs' }).count()).toBe(1)
    await syncFromScreen(harness, 'inventory-04-cdrs-sync')
    const files = harness.desk.store.cdrs.files()
    expect(files.length, 'CDR files listed by the simulators').toBeGreaterThan(0)
    const table = page.getByRole('table', { name: 'CDR files' })
    await expect.poll(() => table.getByRole('row', { name: /^CDR file / }).count()).toBe(files.length)
    expect(await page.getByTestId('cdrs-data-age').textContent()).toMatch(/Data as of/)

    await table.getByRole('button', { name: /^Download / }).first().click()
    const saved = page.getByTestId('cdr-download-file')
    await expect.poll(() => saved.count(), { timeout: 60_000 }).toBe(1)
    const file = (await saved.textContent()) ?? ''
    const result = (await page.getByRole('status', { name: /^Download result / }).textContent()) ?? ''
    const bytes = Number(/\(([\d,]+) bytes\)/.exec(result)?.[1]?.replace(/,/g, ''))
    expect(bytes).toBeGreaterThan(0)
    expect(statSync(file).size).toBe(bytes)
    expect(file.startsWith(harness.desk.dataDir)).toBe(true)
    await harness.screenshot('inventory-05-cdr-downloaded')
    // A sync now also ingests a week of call records at every carrier before the files are listed.
  }, 120_000)

  it('made no network request outside its own files', () => {
    expect(harness.foreignRequests).toEqual([])
  })
})
