/**
 * The port board as a NOC technician uses it, in real Chromium against the real core and the Sandbox (every
 * port rejected once, `portRejectionRate: 1`): numbers checked at three carriers, a Call48 port submitted with
 * a PDF LOA (sent once), the simulated clock moved on and synced → a rejection notice; the order edited where
 * the rejection points and resubmitted → accepted with a FOC date (a notice, the date on the board); completed
 * → a notice, and after a numbers sync the ported numbers are on the Numbers screen; one number of a sub order
 * cancelled; the board exported to CSV.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireKeyring, tempDir } from '../helpers/temp'
import { startHarness, type Harness } from './harness'

const hour = 3_600_000
const day = 24 * hour
const numbers = ['+17014301862', '+17014301863']
const pin = '864213579'
/** New values for the fields a Call48 rejection can name, by the form's labels. */
const corrections: Record<string, [label: RegExp, value: string]> = {
  'port_req_detail.cust_acc_number': [/^Account number/, '55509999'],
  'port_req_detail.cust_acc_pin': [/^Account PIN/, '9753'],
  'port_req_detail.cust_authorized_name': [/^Authorised name/, 'Dana Q. Holm'],
  'port_req_detail.address_number': [/^House number/, '14'],
  'port_req_detail.address_street_name': [/^Street$|^Street \*/, 'Broadway'],
  'port_req_detail.city': [/^City/, 'Fargo'],
  'port_req_detail.postal_code': [/^ZIP/, '58102'],
  'port_req_detail.btn': [/^Billing telephone number/, '7014301869'],
}

describe('the port board, end to end', () => {
  let harness: Harness
  const files = tempDir('carrierdesk-e2e-ports-')
  const pdf = join(files.path, 'loa.pdf')
  let orderId = ''

  const simClock = () => harness.desk.sandbox.running!.clock
  const submits = () => harness.desk.sandbox.running!.ledger.entries().filter((entry) => entry.operation === 'port-submit')
  const syncPorts = async (): Promise<void> => {
    const results = await harness.desk.sync.start({ areas: ['ports'] }).done
    expect(results.filter((result) => result.outcome === 'failed')).toEqual([])
  }
  const call48Orders = () => harness.desk.store.ports.list().filter((order) => order.carrier === 'call48' && order.group === orderId)

  beforeAll(async () => {
    requireKeyring()
    writeFileSync(pdf, Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'))
    harness = await startHarness({ sandbox: { numbers: 400, portRejectionRate: 1 } })
    await harness.desk.sandbox.open({})
    await harness.page.getByRole('navigation', { name: 'Screens' }).waitFor()
  })
  afterAll(async () => {
    await harness?.close()
    files.remove()
  })

  it('checks numbers at three carriers, number by number, and flags what is not a number', async () => {
    const { page } = harness
    await page.keyboard.press('Control+3')
    await expect.poll(() => page.getByRole('heading', { name: 'Ports' }).count()).toBe(1)
    await page.getByRole('button', { name: 'New port' }).click()
    const modal = page.getByRole('dialog', { name: 'New port' })
    await modal.getByLabel('Numbers to port in').fill(`(701) 430-1862\n7014301863, banana`)
    await modal.getByRole('button', { name: 'Check portability' }).click()
    const table = modal.getByRole('table', { name: 'Portability' })
    await expect.poll(() => table.getByRole('row', { name: /^Portability of / }).count(), { timeout: 30_000 }).toBe(2)
    const header = await table.locator('thead').textContent()
    for (const name of ['Sandbox Call48', 'Sandbox Vitcom', 'Sandbox VoIP Innovations']) expect(header).toContain(name)
    expect(await table.getByText('Portable').count()).toBeGreaterThanOrEqual(4)
    expect(await modal.getByTestId('port-check-invalid').textContent()).toContain('banana')
    await harness.screenshot('ports-01-check')
  }, 90_000)

  it('submits a Call48 port with a PDF LOA, confirmed, sent once', async () => {
    const { page } = harness
    const modal = page.getByRole('dialog', { name: 'New port' })
    await modal.getByRole('textbox', { name: /^Port in at/ }).click()
    await page.getByRole('option', { name: /^Sandbox Call48/ }).click()
    await modal.getByRole('button', { name: 'Next: account data' }).click()
    const soon = new Date(simClock().now() + day).toISOString().slice(0, 10)
    const fill = async (label: RegExp, value: string): Promise<void> => modal.getByLabel(label).first().fill(value)
    await fill(/^Account name/, 'Prairie Feed LLC')
    await fill(/^Account number/, '55501234')
    await fill(/^Account PIN/, pin)
    await fill(/^Authorised name/, 'Dana Holm')
    await fill(/^Billing telephone number/, '7014301862')
    await fill(/^House number/, '12')
    await modal.getByRole('textbox', { name: /^Street/ }).first().fill('Main St')
    await fill(/^City/, 'Bismarck')
    await fill(/^State/, 'ND')
    await fill(/^ZIP/, '58501')
    await fill(/^Desired FOC date/, soon)
    await fill(/^Activation date/, soon)
    await modal.locator('input[type="file"]').first().setInputFiles(pdf)
    await harness.screenshot('ports-02-form')
    await modal.getByRole('button', { name: 'Review' }).click()
    const confirm = modal.getByLabel('Confirm the port')
    await expect.poll(() => confirm.count()).toBe(1)
    const text = (await confirm.textContent()) ?? ''
    expect(text).toContain('(701) 430-1862')
    expect(text).toContain('(given, not shown)')
    expect(text).toContain('loa.pdf (loa)')
    expect(text).not.toContain(pin)
    await harness.screenshot('ports-03-confirm')
    expect(submits()).toEqual([])
    await confirm.getByRole('button', { name: 'Submit the port' }).click()
    await expect.poll(() => modal.count(), { timeout: 30_000 }).toBe(0)
    expect(submits()).toHaveLength(1)
    orderId = String(submits()[0]!.details.port_req_id)
    // On the board at once, searched by its id.
    const rows = page.getByRole('table', { name: 'Port orders' }).getByRole('row', { name: new RegExp(`^Port order ${orderId}/`) })
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0)
    expect(call48Orders().flatMap((order) => order.numbers).sort()).toEqual(numbers)
    await harness.screenshot('ports-04-submitted')
  }, 90_000)

  it('notices the rejection after the clock moves on: a notification, the badge, the reason beside its fields; edit and resubmit', async () => {
    const { page } = harness
    await page.keyboard.press('Control+1')
    simClock().advance(25 * hour)
    await syncPorts()
    expect(call48Orders().every((order) => order.status === 'rejected')).toBe(true)
    await expect.poll(() => harness.notifications.filter((shown) => shown.title.includes(orderId) && /rejected/.test(shown.title)).length).toBeGreaterThan(0)
    await expect.poll(() => page.getByTestId('ports-notice-badge').count(), { timeout: 10_000 }).toBe(1)
    await harness.screenshot('ports-05-badge')
    await page.keyboard.press('Control+3')
    await expect.poll(() => page.getByTestId('ports-notice-badge').count(), { timeout: 10_000 }).toBe(0)
    expect(await page.getByLabel('Port notices').textContent()).toContain(`Port ${orderId}/`)

    const order = call48Orders()[0]!
    await page.getByLabel('Search port orders').fill(orderId)
    await page.getByRole('row', { name: `Port order ${order.id}` }).click()
    const drawer = page.getByTestId('port-detail')
    await expect.poll(() => drawer.count(), { timeout: 20_000 }).toBe(1)
    const rejection = drawer.getByTestId('port-detail-rejection')
    expect(await rejection.textContent()).toMatch(/Rejection reason [A-Z]+ :/)
    expect(await drawer.textContent()).not.toContain(pin)
    await drawer.getByRole('button', { name: 'Edit and resubmit' }).click()
    const form = drawer.getByLabel('Edit the order')
    let changed = 0
    for (const key of Object.keys(corrections)) {
      const [label, value] = corrections[key]!
      const input = form.getByLabel(label).first()
      // Only the fields the rejection names carry its reason as their error.
      if ((await input.getAttribute('aria-invalid')) !== 'true') continue
      await input.fill(value)
      changed += 1
    }
    expect(changed).toBeGreaterThan(0)
    await harness.screenshot('ports-06-edit')
    await form.getByRole('button', { name: 'Review and resubmit' }).click()
    const confirm = page.getByRole('dialog', { name: 'Edit and resubmit' })
    await expect.poll(() => confirm.count(), { timeout: 15_000 }).toBe(1)
    expect(await confirm.textContent()).toContain(`Resubmit port order ${order.id}`)
    await harness.screenshot('ports-06b-resubmit-confirm')
    await confirm.getByRole('button', { name: 'Resubmit', exact: true }).click()
    await expect.poll(() => page.getByText(`Resubmitted ${order.id}`).count(), { timeout: 30_000 }).toBeGreaterThan(0)
    expect(harness.desk.sandbox.running!.ledger.entries().filter((entry) => entry.operation === 'port-update')).toHaveLength(1)
    await page.keyboard.press('Escape')
  }, 120_000)

  it('shows the FOC date and a notice once the resubmitted order is accepted, then completes it into the inventory', async () => {
    const { page } = harness
    simClock().advance(25 * hour)
    await syncPorts()
    const accepted = call48Orders()
    expect(accepted.every((order) => order.status === 'foc-set' && order.focDate !== undefined)).toBe(true)
    await expect.poll(() => harness.notifications.filter((shown) => /FOC date set/.test(shown.title) && shown.title.includes(orderId)).length).toBeGreaterThan(0)
    const row = page.getByRole('row', { name: `Port order ${accepted[0]!.id}` })
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 15_000 }).toContain(accepted[0]!.focDate!)
    const notice = page.getByTestId('port-notice').filter({ hasText: `Port ${orderId}/` }).first()
    await expect.poll(() => notice.getAttribute('data-kind'), { timeout: 10_000 }).toBe('foc-set')
    await harness.screenshot('ports-07-foc-set')

    simClock().advance(5 * day)
    await syncPorts()
    expect(call48Orders().every((order) => order.status === 'completed')).toBe(true)
    await expect.poll(() => harness.notifications.filter((shown) => /completed/.test(shown.title) && shown.title.includes(orderId)).length).toBeGreaterThan(0)
    await expect.poll(async () => (await row.getAttribute('data-status')) ?? '', { timeout: 15_000 }).toBe('completed')
    await harness.screenshot('ports-08-completed')

    await harness.desk.sync.start({ areas: ['numbers'] }).done
    await page.keyboard.press('Control+1')
    await page.getByLabel('Search numbers').fill('7014301862')
    await expect.poll(() => page.getByRole('row', { name: '+1 (701) 430-1862' }).count(), { timeout: 20_000 }).toBe(1)
    await harness.screenshot('ports-09-numbers')
  }, 120_000)

  it('cancels one number of a sub order from its detail panel', async () => {
    const { page } = harness
    const target = harness.desk.store.ports
      .list()
      .find((order) => order.carrier === 'call48' && (order.lines ?? []).filter((line) => line.allowed?.includes('cancel')).length >= 2)
    expect(target, 'a seeded sub order with numbers that can be cancelled').toBeDefined()
    const number = target!.lines!.find((line) => line.allowed?.includes('cancel'))!.e164
    // The Numbers screen's search box has the focus (where Ctrl+3 stays in the field): go by the navigation.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: /^Ports/ }).click()
    await page.getByLabel('Search port orders').fill(target!.id)
    await page.getByRole('row', { name: `Port order ${target!.id}` }).click()
    const drawer = page.getByTestId('port-detail')
    await expect.poll(() => drawer.count(), { timeout: 20_000 }).toBe(1)
    await drawer.getByRole('button', { name: `Cancel ${number}` }).click()
    await page.getByRole('dialog', { name: 'Cancel a number' }).getByRole('button', { name: 'Cancel', exact: true }).click()
    const line = drawer.getByRole('row', { name: `Number ${number}` })
    await expect.poll(() => line.getAttribute('data-status'), { timeout: 30_000 }).toBe('cancelled')
    expect(harness.desk.store.ports.get(target!.accountId, target!.id)?.lines?.find((each) => each.e164 === number)?.status).toBe('cancelled')
    await harness.screenshot('ports-10-number-cancelled')
    await page.keyboard.press('Escape')
  }, 90_000)

  it('exports the board to CSV', async () => {
    const { page } = harness
    await page.getByLabel('Search port orders').fill('')
    await page.getByRole('button', { name: 'Export CSV' }).click()
    await expect.poll(() => page.getByText('Port orders exported').count(), { timeout: 20_000 }).toBe(1)
    const message = (await page.getByText(/rows to /).first().textContent()) ?? ''
    const file = /rows to (.+\.csv)/.exec(message)?.[1]
    expect(file).toBeDefined()
    const rows = parse(readFileSync(file!, 'utf8'), { columns: true }) as Record<string, string>[]
    expect(rows).toHaveLength(harness.desk.store.ports.list().length)
    expect(rows.some((row) => row.order?.startsWith(`${orderId}/`) && row.status === 'completed')).toBe(true)
    await harness.screenshot('ports-11-export')
  }, 60_000)
})
