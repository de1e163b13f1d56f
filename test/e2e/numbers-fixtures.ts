/**
 * Helpers shared by the Numbers and Buying E2E tests: a deterministic "lab" account seeded straight into
 * the cache (so table, filters, search, views and export can be checked with exact counts whatever the
 * carrier clients do), and small page helpers.
 */
import { expect } from 'vitest'
import type { PhoneNumberRecord } from '../../src/shared/domain'
import type { Harness } from './harness'

export const labAccountName = 'Lab seeded'
export const labCount = 600
/** A word no simulator produces, so a search for it finds exactly the seeded numbers that carry it. */
export const labCnamWord = 'ZEBRACO'

/** Seeded number i: CNAM on every third, E911 on even ones, suspended every tenth, two states and trunks. */
export function labNumber(accountId: string, index: number, asOf: number): PhoneNumberRecord {
  return {
    accountId,
    carrier: 'call48',
    e164: `+1305555${String(1000 + index).padStart(4, '0')}`,
    type: 'local',
    status: index % 10 === 0 ? 'suspended' : 'active',
    state: index % 2 === 0 ? 'FL' : 'GA',
    rateCenter: index % 2 === 0 ? 'MIAMI' : 'ATLANTA',
    trunk: index % 4 < 2 ? 'lab-trunk-1' : 'lab-trunk-2',
    cnam: index % 3 === 0 ? `${labCnamWord} ${index}` : undefined,
    e911: index % 2 === 0 ? `${index} Main St, Miami, FL 33101` : undefined,
    monthlyCost: 0.5 + (index % 5) / 10,
    asOf,
    raw: { seeded: true, index },
  }
}

/**
 * Adds the lab account (pointing at a closed local port, so a sync can never replace its cache) and seeds
 * its numbers through the store's own staged-sync path.
 */
export async function seedLabAccount(harness: Harness): Promise<string> {
  const account = await harness.desk.accounts.add({
    carrier: 'call48',
    name: labAccountName,
    baseUrl: 'http://127.0.0.1:9/',
    environment: 'sandbox',
    username: 'lab',
    secrets: { password: 'lab-password' },
  })
  const asOf = Date.now() - 5 * 60_000
  const session = harness.desk.store.numbers.beginSync(account.id)
  session.writePage(Array.from({ length: labCount }, (_, index) => labNumber(account.id, index, asOf)))
  session.commit(asOf)
  return account.id
}

/** The "N numbers" line above the grid, as a number. */
export async function shownTotal(harness: Harness): Promise<number> {
  const text = (await harness.page.getByTestId('numbers-total').textContent()) ?? ''
  const match = /([\d,]+) numbers?/.exec(text)
  return match ? Number(match[1]!.replace(/,/g, '')) : Number.NaN
}

export async function expectTotal(harness: Harness, total: number, timeout = 10_000): Promise<void> {
  await expect.poll(() => shownTotal(harness), { timeout }).toBe(total)
}

export function grid(harness: Harness) {
  return harness.page.getByRole('grid', { name: 'Numbers' })
}

export async function goTo(harness: Harness, screen: string): Promise<void> {
  await harness.page.evaluate((hash) => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = hash
  }, `#/${screen}`)
}
