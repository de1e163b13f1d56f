/** The Settings screen in real Chromium against the real core: a setting changed and saved is what the core keeps. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireKeyring } from '../helpers/temp'
import { startHarness, type Harness } from './harness'

describe('Settings, end to end', () => {
  let harness: Harness

  beforeAll(async () => {
    requireKeyring()
    harness = await startHarness()
  })
  afterAll(async () => harness?.close())

  it('changes how often port orders refresh, saves it, and the core keeps it', async () => {
    const { page, desk } = harness
    await page.getByRole('button', { name: /^Settings/ }).or(page.getByRole('link', { name: /Settings/ })).first().click()
    const field = page.getByLabel('Refresh port orders every')
    await expect.poll(() => field.inputValue()).toBe('15')
    const save = page.getByRole('button', { name: 'Save' })
    expect(await save.isDisabled()).toBe(true)
    await field.fill('30')
    await save.click()
    await expect.poll(() => desk.settings.get().portsSyncMinutes).toBe(30)
    await expect.poll(() => save.isDisabled()).toBe(true)
    await harness.screenshot('settings-01-saved')
    expect(harness.foreignRequests).toEqual([])
  })
})
