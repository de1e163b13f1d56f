/**
 * The Numbers screen as a NOC technician uses it, in real Chromium against the real core and the Sandbox
 * (all four carriers): the cached inventory in a virtualised grid, sync with visible progress, filters,
 * search, saved views, the detail panel, a bulk (local) tag change, a routing change checked at the
 * simulator, CSV export of the filtered result, and browsing offline once the simulators are stopped.
 *
 * A "lab" account is seeded straight into the cache so counts are exact whatever the carrier clients do.
 */
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SyncFinished } from '../../src/shared/ipc-shared'
import { requireKeyring } from '../helpers/temp'
import { startHarness, type Harness } from './harness'
import { expectTotal, goTo, grid, labAccountName, labCnamWord, labCount, seedLabAccount, shownTotal } from './numbers-fixtures'

describe('Numbers, end to end', () => {
  let harness: Harness
  let sandboxCount = 0

  beforeAll(async () => {
    requireKeyring()
    harness = await startHarness({ sandbox: { numbers: 2_000 } })
    await harness.desk.sandbox.open({})
    await seedLabAccount(harness)
    await goTo(harness, 'numbers')
  })
  afterAll(async () => {
    await harness?.close()
  })

  it('shows the cached numbers in a virtualised grid with their age', async () => {
    const { page } = harness
    await expectTotal(harness, labCount)
    const rows = grid(harness).getByRole('row', { name: /^\+1 \(305\) 555-/ })
    await expect.poll(() => rows.count()).toBeGreaterThan(5)
    // Only what is on screen (plus overscan) exists in the DOM.
    expect(await page.getByRole('row').count()).toBeLessThan(200)
    expect(await page.getByTestId('numbers-data-age').textContent()).toMatch(/Data as of \d+ min ago/)
    const first = grid(harness).getByRole('row', { name: '+1 (305) 555-1000' })
    expect(await first.textContent()).toContain('Call48')
    expect(await first.textContent()).toContain(labAccountName)

    // Scrolling to the end fetches the last page by offset.
    await page.getByTestId('numbers-grid-scroll').evaluate((element) => element.scrollTo(0, element.scrollHeight))
    await expect.poll(() => grid(harness).getByRole('row', { name: `+1 (305) 555-${1000 + labCount - 1}` }).count()).toBe(1)
    expect(await page.getByRole('row').count()).toBeLessThan(200)
    await page.getByTestId('numbers-grid-scroll').evaluate((element) => element.scrollTo(0, 0))
    await harness.screenshot('numbers-01-grid')
  })

  it('sorts by a column header and says so with aria-sort', async () => {
    const { page } = harness
    await page.getByRole('button', { name: 'Sort by Number' }).click()
    await expect.poll(() => grid(harness).getByRole('row').nth(1).getAttribute('aria-label')).toBe(`+1 (305) 555-${1000 + labCount - 1}`)
    expect(await page.getByRole('columnheader', { name: 'Sort by Number' }).getAttribute('aria-sort')).toBe('descending')
    await page.getByRole('button', { name: 'Sort by Number' }).click()
    await expect.poll(() => grid(harness).getByRole('row').nth(1).getAttribute('aria-label')).toBe('+1 (305) 555-1000')
  })

  it('syncs every account with visible progress', async () => {
    // NEEDS CARRIER CLIENTS for rows: with clients missing, each area reports "unsupported" and only the
    // lab numbers stay; the progress and the finish are visible either way.
    const { page } = harness
    await page.getByRole('button', { name: 'Sync now' }).click()
    const progress = page.getByRole('region', { name: 'Sync progress' })
    await expect.poll(() => progress.count()).toBe(1)
    await harness.screenshot('numbers-02-sync-progress')
    await expect.poll(() => progress.getByText('Sync finished').count(), { timeout: 90_000 }).toBe(1)
    await expect.poll(() => shownTotal(harness), { timeout: 10_000 }).toBeGreaterThanOrEqual(labCount)
    sandboxCount = (await shownTotal(harness)) - labCount
    expect(sandboxCount, 'numbers synced from the simulators (needs the carrier clients)').toBeGreaterThan(0)
    // The lab account cannot be reached and has no client; its cached numbers must be intact.
    expect(harness.desk.store.numbers.list({ filters: { accountIds: [harness.desk.accounts.find(labAccountName).id] }, limit: 1 }).total).toBe(labCount)
    await harness.screenshot('numbers-03-sync-finished')
    await page.getByRole('button', { name: 'Dismiss sync progress' }).click()
  })

  it('filters and searches the cache', async () => {
    const { page } = harness
    await page.getByLabel('Search numbers').fill(labCnamWord.toLowerCase())
    await expectTotal(harness, labCount / 3)
    await page.getByLabel('E911', { exact: true }).selectOption('lacks')
    await expectTotal(harness, labCount / 6)
    const row = grid(harness).getByRole('row', { name: '+1 (305) 555-1003' })
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.textContent()).toContain(`${labCnamWord} 3`)
    await harness.screenshot('numbers-04-filtered')

    // Digits search the number itself.
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await page.getByLabel('Search numbers').fill('305 555-1042')
    await expectTotal(harness, 1)
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await expectTotal(harness, labCount + sandboxCount)

    // Carrier filter through the multi-select.
    await page.getByRole('group', { name: 'Filters' }).getByRole('textbox', { name: 'Carrier', exact: true }).click()
    await page.getByRole('option', { name: 'Call48' }).click()
    await page.keyboard.press('Escape')
    await expect.poll(() => shownTotal(harness)).toBe(harness.desk.store.numbers.list({ filters: { carriers: ['call48'] }, limit: 1 }).total)
    await page.getByRole('button', { name: 'Clear filters' }).click()
  })

  it('saves, applies and deletes a view', async () => {
    const { page } = harness
    await page.getByLabel('Search numbers').fill(labCnamWord)
    await page.getByLabel('E911', { exact: true }).selectOption('lacks')
    await expectTotal(harness, labCount / 6)
    await page.getByRole('button', { name: 'Save view' }).click()
    await page.getByLabel('View name').fill('Zebra without E911')
    await page.getByRole('form', { name: 'Save view' }).getByRole('button', { name: 'Save view' }).click()
    await expect.poll(() => page.getByLabel('Saved view').locator('option', { hasText: 'Zebra without E911' }).count()).toBe(1)

    await page.getByRole('button', { name: 'Clear filters' }).click()
    await expectTotal(harness, labCount + sandboxCount)
    await page.getByLabel('Saved view').selectOption({ label: 'Zebra without E911' })
    await expectTotal(harness, labCount / 6)
    expect(await page.getByLabel('Search numbers').inputValue()).toBe(labCnamWord)
    await harness.screenshot('numbers-05-saved-view')

    await page.getByRole('button', { name: 'Delete view' }).click()
    await expect.poll(() => page.getByLabel('Saved view').locator('option', { hasText: 'Zebra without E911' }).count()).toBe(0)
  })

  it('exports the whole filtered result to CSV with matching row count', async () => {
    const { page } = harness
    await expectTotal(harness, labCount / 6)
    await page.getByRole('button', { name: 'Export CSV' }).click()
    const result = page.getByRole('status', { name: 'Export result' })
    await expect.poll(() => result.count(), { timeout: 20_000 }).toBe(1)
    const file = (await page.getByTestId('export-file').textContent()) ?? ''
    expect(await result.textContent()).toContain(`${labCount / 6} rows`)
    const records = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[]
    expect(records).toHaveLength(await shownTotal(harness))
    expect(records.every((record) => record.cnam?.startsWith(labCnamWord) && record.e911 === '')).toBe(true)
    await harness.screenshot('numbers-06-exported')
    await page.getByRole('button', { name: 'Clear filters' }).click()
  })

  it('opens a number with the keyboard, edits its tags and notes, and closes with Escape', async () => {
    const { page } = harness
    await page.getByLabel('Search numbers').fill('3055551002')
    await expectTotal(harness, 1)
    const row = grid(harness).getByRole('row', { name: '+1 (305) 555-1002' })
    await row.focus()
    await page.keyboard.press('Enter')
    const drawer = page.getByRole('dialog', { name: '+1 (305) 555-1002' })
    await expect.poll(() => drawer.getByRole('table', { name: 'Number fields' }).count()).toBe(1)
    expect(await drawer.textContent()).toContain('lab-trunk-2')
    expect(await drawer.textContent()).toContain('2 Main St, Miami, FL 33101')
    await drawer.getByRole('button', { name: "Carrier's raw record" }).click()
    expect(await drawer.getByLabel("Carrier's raw record").textContent()).toContain('"seeded": true')

    await drawer.getByLabel('Tags').fill('vip')
    await page.keyboard.press('Enter')
    await drawer.getByLabel('Notes').fill('Main reception line')
    await drawer.getByRole('button', { name: 'Save tags and notes' }).click()
    await expect.poll(() => row.textContent()).toContain('vip')
    await expect.poll(() => drawer.getByRole('table', { name: 'Recent activity' }).textContent()).toContain('number.notes')
    await harness.screenshot('numbers-07-detail')
    await page.keyboard.press('Escape')
    await expect.poll(() => drawer.count()).toBe(0)
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await page.getByRole('group', { name: 'Filters' }).getByRole('textbox', { name: 'Tag', exact: true }).click()
    await page.getByRole('option', { name: 'vip' }).click()
    await expectTotal(harness, 1)
    await page.getByRole('button', { name: 'Clear filters' }).click()
  })

  it('selects a range with shift-click and tags it in bulk, with a per-number result', async () => {
    const { page } = harness
    await page.getByLabel('Search numbers').fill(labCnamWord)
    await expectTotal(harness, labCount / 3)
    await grid(harness).getByRole('checkbox', { name: 'Select +1 (305) 555-1000' }).click()
    await grid(harness).getByRole('checkbox', { name: 'Select +1 (305) 555-1009' }).click({ modifiers: ['Shift'] })
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe('4 selected')
    await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: 'Tags' }).click()
    const dialog = page.getByRole('dialog', { name: 'Edit tags' })
    await dialog.getByLabel('Tag', { exact: true }).fill('Night shift')
    await dialog.getByRole('button', { name: 'Review change' }).click()
    expect(await dialog.getByRole('table', { name: 'Before and after' }).textContent()).toContain('night-shift')
    await harness.screenshot('numbers-08-bulk-confirm')
    await dialog.getByRole('button', { name: 'Confirm change' }).click()
    await expect.poll(() => dialog.getByTestId('change-result-summary').textContent()).toBe('4 succeeded, 0 failed')
    await harness.screenshot('numbers-09-bulk-result')
    await dialog.getByRole('button', { name: 'Close' }).click()
    const labId = harness.desk.accounts.find(labAccountName).id
    expect(harness.desk.store.numbers.list({ filters: { tag: 'night-shift', accountIds: [labId] }, limit: 10 }).total).toBe(4)

    // Select all matching pages through numbers.list.
    await page.getByRole('button', { name: `Select all ${labCount / 3} matching` }).click()
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toBe(`${labCount / 3} selected`)
    await page.getByRole('button', { name: 'Clear selection' }).click()
    await page.getByRole('button', { name: 'Clear filters' }).click()
  })

  it('changes a number’s routing and the simulator reflects it', async () => {
    // NEEDS CARRIER CLIENTS: a synced number of a carrier with numbers.routing and two trunks to choose from.
    const { page } = harness
    const routable = harness.desk.registry
      .list()
      .filter((carrier) => carrier.capabilities.includes('numbers.routing'))
      .map((carrier) => carrier.id)
    const candidates = harness.desk.store.numbers.list({ filters: { carriers: routable, statuses: ['active'] }, limit: 1000 }).rows
    const target = candidates.find((row) => row.trunk && candidates.some((other) => other.accountId === row.accountId && other.trunk && other.trunk !== row.trunk))
    expect(target, 'a synced, routable number (needs the carrier clients)').toBeDefined()
    const newTrunk = candidates.find((other) => other.accountId === target!.accountId && other.trunk && other.trunk !== target!.trunk)!.trunk!

    await page.getByLabel('Search numbers').fill(target!.e164.slice(2))
    const label = `+1 (${target!.e164.slice(2, 5)}) ${target!.e164.slice(5, 8)}-${target!.e164.slice(8)}`
    const row = grid(harness).getByRole('row', { name: label })
    await expect.poll(() => row.count()).toBeGreaterThan(0)
    await row.first().click()
    const drawer = page.getByRole('dialog', { name: label })
    await drawer.getByRole('button', { name: 'Change routing' }).click()
    const dialog = page.getByRole('dialog', { name: 'Change routing' })
    // The trunk is picked from the account's trunk groups when they list it, else typed under "Other…".
    const offered = harness.desk.trunkChoices.list([target!.accountId])[0]?.choices.find((choice) => choice.trunkId === newTrunk)
    await dialog.getByRole('textbox', { name: 'Trunk', exact: true }).click()
    if (offered) {
      // An option reads "<name> (<id>) · <IPs> · <n> numbers" (no "(<id>)" when the name holds it).
      const head = `${offered.name.includes(newTrunk) ? offered.name : `${offered.name} (${newTrunk})`} ·`
      await page.getByRole('option').filter({ hasText: head }).first().click()
    } else {
      await page.getByRole('option', { name: /^Other/ }).click()
      await dialog.getByRole('textbox', { name: /id$/ }).fill(newTrunk)
    }
    await dialog.getByRole('button', { name: 'Review change' }).click()
    const confirmation = await dialog.getByRole('table', { name: 'Before and after' }).textContent()
    expect(confirmation).toContain(target!.trunk)
    expect(confirmation).toContain(`trunk ${newTrunk}`)
    await harness.screenshot('numbers-10-routing-confirm')
    await dialog.getByRole('button', { name: 'Confirm change' }).click()
    await expect.poll(() => dialog.getByTestId('change-result-summary').textContent(), { timeout: 30_000 }).toBe('1 succeeded, 0 failed')
    await harness.screenshot('numbers-11-routing-result')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect.poll(() => drawer.getByRole('table', { name: 'Number fields' }).textContent()).toContain(newTrunk)

    // Ask the carrier itself (through the core's client for the account) what the number routes to now.
    const client = await harness.desk.accounts.connect(harness.desk.accounts.find(target!.accountId))
    const [fresh] = (await client.numbers!.read!({ e164s: [target!.e164], signal: new AbortController().signal })) ?? []
    expect(fresh?.trunk).toBe(newTrunk)
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: 'Clear filters' }).click()
  })

  it('stays online when every carrier answers a sync with garbage: the failures are told, nothing turns read-only', async () => {
    const { page } = harness
    const simulators = harness.desk.sandbox.running?.list() ?? []
    expect(simulators.length).toBeGreaterThan(0)
    const finished = new Promise<SyncFinished>((resolve) => {
      const off = harness.desk.events.on('sync.finished', (event) => {
        off()
        resolve(event)
      })
    })
    for (const simulator of simulators) simulator.faults.configure({ malformedRate: 1 })
    let results: SyncFinished['results']
    try {
      await page.getByRole('button', { name: 'Sync now' }).click()
      results = (await finished).results.filter((r) => r.outcome !== 'unsupported')
    } finally {
      for (const simulator of simulators) simulator.faults.configure({})
    }
    // Every area failed: the carriers answered, wrongly; only the lab account's dead address is a network failure.
    expect(results.every((r) => r.outcome === 'failed')).toBe(true)
    expect(results.filter((r) => r.errorCode !== 'network').length).toBeGreaterThan(0)
    await expect.poll(() => page.getByText('Sync finished with errors').count(), { timeout: 60_000 }).toBeGreaterThan(0)
    expect(await page.getByRole('alert').filter({ hasText: 'Offline — showing cached data, read-only' }).count()).toBe(0)
    expect(await page.getByText('Online', { exact: true }).count()).toBe(1)
    await harness.screenshot('numbers-11b-sync-refused-still-online')
    // The failure stays on screen until closed, over the toolbar's corner: close it, as a person would.
    const notice = page.getByRole('alert').filter({ hasText: 'Sync finished with errors' })
    await expect
      .poll(
        async () => {
          // Forced: the stack of notices slides as each one closes, which Playwright reads as never stable.
          if ((await notice.count()) > 0) await notice.first().getByRole('button').click({ force: true })
          return notice.count()
        },
        { timeout: 20_000 },
      )
      .toBe(0)
  }, 120_000)

  it('stays browsable offline once the simulators stop, and says so', async () => {
    const { page } = harness
    await harness.desk.sandbox.close()
    const before = await shownTotal(harness)
    await page.getByRole('button', { name: 'Sync now' }).click()
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Offline — showing cached data, read-only' }).count(), { timeout: 90_000 }).toBe(1)
    await expectTotal(harness, before)
    await page.getByLabel('Search numbers').fill(labCnamWord)
    await expectTotal(harness, labCount / 3)
    await grid(harness).getByRole('row', { name: '+1 (305) 555-1003' }).click()
    const drawer = page.getByRole('dialog', { name: '+1 (305) 555-1003' })
    await expect.poll(() => drawer.getByRole('table', { name: 'Number fields' }).count()).toBe(1)
    await harness.screenshot('numbers-12-offline')
    await page.keyboard.press('Escape')
  }, 150_000)

  it('made no network request outside its own files', () => {
    expect(harness.foreignRequests).toEqual([])
  })
})
