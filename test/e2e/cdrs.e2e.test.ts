/**
 * The call-record store as a NOC technician uses it, in real Chromium against the real core and the Sandbox:
 * a week of Vitcom daily files and Call48 XDRs fetched and ingested from the screen (progress, per-account
 * result, coverage), KPIs and charts that agree with the core, a day and one number filtered, a record's raw
 * carrier record, the filtered range exported in the browser's zone, and the same answers offline.
 */
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CdrRange } from '../../src/shared/cdrs'
import { zonedTime } from '../../src/shared/zoned-time'
import { requireKeyring } from '../helpers/temp'
import { startHarness, type Harness } from './harness'

const dayMs = 86_400_000

describe('CDRs, end to end', () => {
  let harness: Harness
  let zone = 'UTC'

  beforeAll(async () => {
    requireKeyring()
    harness = await startHarness({ sandbox: { numbers: 500, callsPerDay: 200 } })
    await harness.desk.sandbox.open({})
    await harness.page.getByRole('navigation', { name: 'Screens' }).waitFor()
    zone = await harness.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)
  })
  afterAll(async () => {
    await harness?.close()
  })

  const total = async (): Promise<string | null> => harness.page.getByTestId('cdr-records-total').textContent()
  const shown = (count: number): string => `${count.toLocaleString('en-US')} call record${count === 1 ? '' : 's'}`
  /** The last 7 days preset as the screen computes it, in the browser's zone. */
  const lastWeek = (filters: CdrRange['filters'] = {}): CdrRange => {
    const time = zonedTime(zone)
    const today = time.dayLabel(Date.now())
    const start = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * dayMs).toISOString().slice(0, 10)
    const end = new Date(Date.parse(`${today}T00:00:00Z`) + dayMs).toISOString().slice(0, 10)
    return { from: time.startOfDay(start), to: time.startOfDay(end), filters }
  }

  it('fetches a week of Vitcom files and Call48 XDRs from the screen, and says how far back the cache goes', async () => {
    const { page, desk } = harness
    await page.keyboard.press('Control+4')
    await expect.poll(() => page.getByRole('heading', { name: 'CDRs' }).count()).toBe(1)
    await expect.poll(() => page.getByText('No cached call records in this range').count()).toBe(1)
    await harness.screenshot('cdrs-00-empty')

    await page.getByRole('button', { name: 'Fetch call records' }).click()
    const result = page.getByRole('status', { name: 'Fetch result' })
    await expect.poll(() => result.count(), { timeout: 120_000 }).toBe(1)
    const lines = await result.getByTestId('fetch-result-line').allTextContents()
    const vitcom = desk.store.accounts.list().find((account) => account.carrier === 'vitcom')!
    const call48 = desk.store.accounts.list().find((account) => account.carrier === 'call48')!
    const text = (await result.textContent()) ?? ''
    expect(text).toContain(vitcom.name)
    expect(text).toContain(call48.name)
    expect(lines.every((line) => !/failed/.test(line))).toBe(true)
    const ingests = desk.store.callRecords.ingests()
    expect(ingests.filter((ingest) => ingest.source.startsWith('file:')).length, 'Vitcom daily files ingested').toBeGreaterThanOrEqual(7 * 2)
    expect(ingests.filter((ingest) => ingest.source.startsWith('xdr:')).length, 'Call48 XDR days fetched').toBeGreaterThanOrEqual(6)
    const coverage = page.getByRole('table', { name: 'Call record coverage' })
    await expect.poll(() => coverage.getByRole('row').count()).toBe(1 + desk.cdrs.coverage().length)
    await harness.screenshot('cdrs-01-fetched')
  }, 180_000)

  it('shows the KPIs and charts of the range as the core computes them', async () => {
    const { page, desk } = harness
    const stats = desk.cdrs.stats({ range: lastWeek(), limit: 1 }).total
    expect(stats.attempts).toBeGreaterThan(0)
    await expect.poll(total, { timeout: 30_000 }).toBe(shown(stats.attempts))
    expect(await page.getByTestId('kpi-attempts').textContent()).toBe(stats.attempts.toLocaleString('en-US'))
    expect(await page.getByTestId('kpi-answered').textContent()).toBe(stats.answered.toLocaleString('en-US'))
    expect(await page.getByTestId('kpi-asr').textContent()).toBe(`${((stats.asr ?? 0) * 100).toFixed(1)}%`)
    expect(await page.getByTestId('kpi-mou').textContent()).toBe(stats.minutes.toFixed(1))
    expect(await page.getByTestId('cdr-chart-caption').textContent()).toBe(`Calls per day (${zone})`)
    await expect.poll(() => page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0)
    const byAccount = page.getByRole('table', { name: 'KPIs by account' })
    await expect.poll(() => byAccount.getByRole('row').count()).toBe(1 + desk.cdrs.stats({ range: lastWeek(), groupBy: 'account', limit: 50 }).rows.length)
    await harness.screenshot('cdrs-02-kpis')
  }, 90_000)

  it('filters one day and one number, and opens a record with its raw carrier record', async () => {
    const { page, desk } = harness
    const time = zonedTime(zone)
    const yesterday = time.dayLabel(Date.now() - dayMs)
    const dayRange = { from: time.startOfDay(yesterday), to: time.startOfDay(time.dayLabel(Date.now())) }
    const busiest = desk.cdrs.stats({ range: { ...dayRange, filters: {} }, groupBy: 'number', limit: 1 }).rows[0]!
    const expected = desk.cdrs.stats({ range: { ...dayRange, filters: { ourNumber: busiest.group } }, limit: 1 }).total.attempts
    expect(expected).toBeGreaterThan(0)

    await page.getByLabel(`Range (${zone})`).first().click()
    await page.getByRole('option', { name: 'Custom' }).click()
    await page.getByLabel('From day').fill(yesterday)
    await page.getByLabel('To day').fill(yesterday)
    await page.getByRole('textbox', { name: 'Our number' }).fill(busiest.group)
    await expect.poll(total, { timeout: 30_000 }).toBe(shown(expected))
    const table = page.getByRole('table', { name: 'Call records' })
    // Only the rows in view (and a few more) are in the DOM.
    await expect.poll(() => table.getByRole('row', { name: /^Call / }).count()).toBeGreaterThan(Math.min(expected, 10) - 1)
    const labels = await table.getByRole('row', { name: /^Call / }).evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''))
    expect(labels.length).toBeLessThanOrEqual(expected)
    expect(labels.every((label) => label.includes(yesterday))).toBe(true)
    await harness.screenshot('cdrs-03-day-and-number')

    await table.getByRole('row', { name: /^Call / }).first().click()
    const drawer = page.getByRole('dialog', { name: 'Call record' })
    await expect.poll(() => drawer.getByTestId('cdr-raw').count()).toBe(1)
    expect(await drawer.textContent()).toContain(busiest.group)
    expect(((await drawer.getByTestId('cdr-raw').textContent()) ?? '').length).toBeGreaterThan(10)
    await harness.screenshot('cdrs-04-record-detail')
    await page.keyboard.press('Escape')
  }, 120_000)

  it('exports the whole filtered range in the browser’s zone', async () => {
    const { page } = harness
    await expect.poll(total, { timeout: 30_000 }).toMatch(/call record/)
    const count = Number(((await total()) ?? '').replace(/\D/g, ''))
    await page.getByRole('button', { name: 'Export CSV' }).click()
    const exported = page.getByTestId('cdr-export-file')
    await expect.poll(() => exported.count(), { timeout: 30_000 }).toBe(1)
    const rows = parse(readFileSync((await exported.textContent()) ?? '', 'utf8'), { columns: true, bom: true }) as Record<string, string>[]
    expect(rows.length).toBe(count)
    expect(Object.keys(rows[0] ?? {})).toContain(`start (${zone})`)
    await harness.screenshot('cdrs-05-exported')
  }, 90_000)

  it('answers the same offline, once the simulators stop', async () => {
    const { page, desk } = harness
    const before = await total()
    await desk.sandbox.close()
    await page.getByRole('button', { name: 'Refresh' }).click()
    await expect.poll(total, { timeout: 30_000 }).toBe(before)
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await expect.poll(total, { timeout: 30_000 }).toBe(shown(desk.cdrs.stats({ range: lastWeek(), limit: 1 }).total.attempts))
    await harness.screenshot('cdrs-06-offline')
    expect(harness.foreignRequests).toEqual([])
  }, 90_000)
})
