/**
 * The port operations the detail panel's forms reach, in real Chromium against the real core and the
 * Sandbox: a Call48 order's forwarding updated (refused with field errors first, then sent once and read back
 * at the simulator), one number's activation changed, a VoIP Innovations port tracked and no longer tracked,
 * and Call48's own CSV export of its orders (from the board) and of one sub order's numbers (from the detail).
 * Only Call48 offers forwarding, activation and its own export; only VoIP Innovations tracks ports by id.
 */
import { existsSync, readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { PortOrder } from '../../src/shared/domain'
import { portIdsFor } from '../../src/main/sandbox/voip-innovations/state'
import { requireKeyring } from '../helpers/temp'
import { startHarness, type Harness } from './harness'

const seed = 11

describe('the port forms, end to end', () => {
  let harness: Harness

  const ledger = (operation: string) => harness.desk.sandbox.running!.ledger.entries({ operation })
  const syncPorts = async (): Promise<void> => {
    const results = await harness.desk.sync.start({ areas: ['ports'] }).done
    expect(results.filter((result) => result.outcome === 'failed')).toEqual([])
  }
  const call48 = (): PortOrder[] => harness.desk.store.ports.list().filter((order) => order.carrier === 'call48')
  const openOrder = async (order: { id: string }) => {
    const { page } = harness
    await page.getByLabel('Search port orders').fill(order.id)
    await page.getByRole('row', { name: `Port order ${order.id}`, exact: true }).click()
    const drawer = page.getByTestId('port-detail')
    await expect.poll(() => drawer.count(), { timeout: 20_000 }).toBe(1)
    return drawer
  }
  const closeDrawer = async (): Promise<void> => {
    // Escape again while it stays open, as a person would: right after a menu closes, focus may still be on
    // its way back into the drawer (slow on a loaded machine), and a key pressed meanwhile reaches nothing.
    await expect
      .poll(
        async () => {
          await harness.page.keyboard.press('Escape')
          return harness.page.getByTestId('port-detail').count()
        },
        { timeout: 10_000 },
      )
      .toBe(0)
  }
  const csvRows = (file: string): Record<string, string>[] => parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[]
  const savedFile = async (within: ReturnType<Harness['page']['getByTestId']>): Promise<string> => {
    await expect.poll(() => within.count(), { timeout: 20_000 }).toBe(1)
    const text = (await within.textContent()) ?? ''
    const file = /rows saved to (.+\.csv)$/.exec(text)?.[1]
    expect(file, text).toBeDefined()
    return file!
  }

  beforeAll(async () => {
    requireKeyring()
    harness = await startHarness({ sandbox: { numbers: 300, portRejectionRate: 0 } })
    await harness.desk.sandbox.open({ seed })
    await syncPorts()
    await harness.page.getByRole('navigation', { name: 'Screens' }).waitFor()
    await harness.page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: /^Ports/ }).click()
    await harness.page.getByRole('heading', { name: 'Ports' }).waitFor()
  })
  // A failed step leaves no dialog or drawer over the next test's board.
  afterEach(async () => {
    for (let tries = 0; tries < 3 && (await harness.page.locator('[role="dialog"], [data-testid="port-detail"]').count()) > 0; tries += 1) {
      await harness.page.keyboard.press('Escape')
      await harness.page.waitForTimeout(300)
    }
  })
  afterAll(async () => {
    await harness?.close()
  })

  it("updates an order's forwarding: field errors first, then confirmed, sent once, read back at the simulator", async () => {
    const { page } = harness
    const order = call48().find((each) => each.allowed?.includes('forwarding') && each.status === 'foc-set')
    expect(order, 'a seeded Call48 sub order whose forwarding can change').toBeDefined()
    const drawer = await openOrder(order!)
    await drawer.getByRole('button', { name: 'Update forwarding' }).click()
    const form = drawer.getByRole('form', { name: 'Update forwarding' })
    // The seeded order forwards nowhere yet: one blank destination to fill. Bad values are named by field.
    await form.getByRole('textbox', { name: 'Destination 1', exact: true }).fill('')
    await form.getByRole('textbox', { name: 'Timeout 1 (s)', exact: true }).fill('500')
    await form.getByRole('button', { name: 'Review and update forwarding' }).click()
    await expect.poll(() => form.locator('[aria-invalid="true"]').count()).toBe(2)
    const problems = (await form.textContent()) ?? ''
    expect(problems).toContain('A destination')
    expect(problems).toContain('At most 300')
    await harness.screenshot('ports-forms-01-forwarding-errors')
    expect(ledger('port-update-forwarding')).toEqual([])

    await form.getByRole('textbox', { name: 'Destination 1', exact: true }).fill('17015550101')
    await form.getByRole('textbox', { name: 'Timeout 1 (s)', exact: true }).fill('25')
    await form.getByRole('button', { name: /^Add a destination/ }).click()
    await form.getByRole('textbox', { name: 'Method 2' }).click()
    await page.getByRole('option', { name: 'SIP URI' }).click()
    await form.getByRole('textbox', { name: 'Destination 2', exact: true }).fill('sip:noc@pbx.example.com')
    await form.getByRole('button', { name: 'Review and update forwarding' }).click()
    const confirm = page.getByRole('dialog', { name: 'Update forwarding' })
    await expect.poll(() => confirm.count(), { timeout: 10_000 }).toBe(1)
    const asked = (await confirm.textContent()) ?? ''
    expect(asked).toContain('1. NUM 17015550101 (25 s')
    expect(asked).toContain('2. URI sip:noc@pbx.example.com (30 s')
    await harness.screenshot('ports-forms-02-forwarding-confirm')
    await confirm.getByRole('button', { name: 'Update forwarding' }).click()
    await expect.poll(() => page.getByText(`Forwarding of ${order!.group} updated`).count(), { timeout: 30_000 }).toBeGreaterThan(0)

    const sent = ledger('port-update-forwarding')
    expect(sent).toHaveLength(1)
    expect(sent[0]!.details).toMatchObject({ port_req_id: Number(order!.group), forwardings: 2, fwd_preconfigured: false })
    // Read back at the simulator (its forwarding-details), through the same core the panel uses.
    const detail = await harness.desk.ports.detail({ accountId: order!.accountId, orderId: order!.id }, new AbortController().signal)
    expect(detail.forwarding?.entries.map((entry) => [entry.sequence, entry.method, entry.value, entry.timeoutSeconds])).toEqual([
      [1, 'NUM', '17015550101', 25],
      [2, 'URI', 'sip:noc@pbx.example.com', 30],
    ])
    // The panel shows the new forwarding and the change in the order's history; the form closed.
    await expect.poll(async () => (await drawer.textContent()) ?? '', { timeout: 15_000 }).toContain('2. URI sip:noc@pbx.example.com (30 s)')
    expect(await form.count()).toBe(0)
    await expect.poll(async () => (await drawer.getByLabel('Order history').textContent()) ?? '', { timeout: 15_000 }).toContain('port.forwarding')
    await harness.screenshot('ports-forms-03-forwarding-done')

    // Prefilled from the order's forwarding when opened again; "preconfigured" instead, sent once more.
    await drawer.getByRole('button', { name: 'Update forwarding' }).click()
    expect(await form.getByRole('textbox', { name: 'Destination 2', exact: true }).inputValue()).toBe('sip:noc@pbx.example.com')
    await form.getByRole('radio', { name: 'As preconfigured at the carrier' }).check()
    await form.getByRole('button', { name: 'Review and update forwarding' }).click()
    await confirm.getByRole('button', { name: 'Update forwarding' }).click()
    await expect.poll(() => ledger('port-update-forwarding').length, { timeout: 30_000 }).toBe(2)
    expect(ledger('port-update-forwarding')[1]!.details).toMatchObject({ fwd_preconfigured: true })
    await closeDrawer()
  }, 120_000)

  it("changes one number's activation to Scheduled, read back from the carrier", async () => {
    const { page } = harness
    const order = call48().find((each) => each.lines?.some((line) => line.allowed?.includes('activation')))
    expect(order, 'a seeded Call48 sub order at its FOC date').toBeDefined()
    const line = order!.lines!.find((each) => each.allowed?.includes('activation'))!
    const drawer = await openOrder(order!)
    await drawer.getByRole('button', { name: `Change the activation of ${line.e164}` }).click()
    const form = drawer.getByRole('form', { name: `Activation of ${line.e164}` })
    await form.getByRole('textbox', { name: 'Activation type' }).click()
    await page.getByRole('option', { name: 'Scheduled' }).click()
    await form.getByLabel('Activation date').fill('')
    await form.getByRole('button', { name: 'Review and change activation' }).click()
    await expect.poll(() => form.locator('[aria-invalid="true"]').count()).toBe(1)
    expect(ledger('port-update-activation')).toEqual([])

    const date = new Date(harness.desk.sandbox.running!.clock.now() + 3 * 86_400_000).toISOString().slice(0, 10)
    await form.getByLabel('Activation date').fill(date)
    await form.getByRole('button', { name: 'Review and change activation' }).click()
    const confirm = page.getByRole('dialog', { name: 'Change the activation' })
    await expect.poll(() => confirm.count(), { timeout: 10_000 }).toBe(1)
    expect(await confirm.textContent()).toContain(`Scheduled, ${date}`)
    await harness.screenshot('ports-forms-04-activation-confirm')
    await confirm.getByRole('button', { name: 'Change activation' }).click()
    await expect.poll(() => page.getByText(`Activation of ${line.e164.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '+1 ($1) $2-$3')} changed`).count(), { timeout: 30_000 }).toBeGreaterThan(0)
    const sent = ledger('port-update-activation')
    expect(sent).toHaveLength(1)
    expect(sent[0]!.details).toMatchObject({ activation_type: 'Scheduled' })
    expect(String(sent[0]!.details.activation_date)).toMatch(new RegExp(`^${date}T`))
    expect(line.e164.endsWith(String(sent[0]!.details.number).slice(-10))).toBe(true)
    // The number's row shows what the carrier now says (view-did-activation).
    const row = drawer.getByRole('row', { name: `Number ${line.e164}` })
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 15_000 }).toMatch(new RegExp(`Scheduled${date} \\d\\d:\\d\\d`))
    await harness.screenshot('ports-forms-05-activation-done')
    await closeDrawer()
  }, 90_000)

  it('tracks a VoIP Innovations port by its id, then stops tracking it: off the board, and syncs leave it out', async () => {
    const { page } = harness
    const portId = String(portIdsFor(seed)[1])
    await page.getByRole('button', { name: 'Track a port' }).click()
    const modal = page.getByRole('dialog', { name: 'Track a port' })
    await modal.getByLabel('Port id').fill(portId)
    await modal.getByRole('button', { name: 'Track', exact: true }).click()
    const drawer = page.getByTestId('port-detail')
    await expect.poll(() => drawer.count(), { timeout: 20_000 }).toBe(1)
    const vi = () => harness.desk.store.ports.list().filter((order) => order.carrier === 'voip-innovations' && order.id === portId)
    expect(vi()).toHaveLength(1)
    // VoIP Innovations offers neither forwarding nor its own export: those are not shown.
    expect(await drawer.getByRole('button', { name: 'Update forwarding' }).count()).toBe(0)
    expect(await drawer.getByRole('button', { name: /^Carrier CSV/ }).count()).toBe(0)
    await drawer.getByRole('button', { name: 'Stop tracking' }).click()
    const confirm = page.getByRole('dialog', { name: 'Stop tracking a port' })
    await expect.poll(() => confirm.count(), { timeout: 10_000 }).toBe(1)
    expect(await confirm.textContent()).toContain(`Stop tracking port ${portId}`)
    await harness.screenshot('ports-forms-06-untrack-confirm')
    await confirm.getByRole('button', { name: 'Stop tracking' }).click()
    await expect.poll(() => drawer.count(), { timeout: 15_000 }).toBe(0)
    expect(vi()).toEqual([])
    await page.getByLabel('Search port orders').fill(portId)
    await expect.poll(() => page.getByRole('row', { name: `Port order ${portId}`, exact: true }).count(), { timeout: 10_000 }).toBe(0)
    await syncPorts()
    expect(vi()).toEqual([])
    const logged = harness.desk.store.activity.list(50, portId).filter((entry) => entry.action === 'port.untrack')
    expect(logged).toHaveLength(1)
    await harness.screenshot('ports-forms-07-untracked')
  }, 90_000)

  it("exports Call48's own CSV of its orders from the board, and one sub order's numbers from its detail", async () => {
    const { page } = harness
    await page.getByLabel('Search port orders').fill('')
    // One account offers its own export in the Sandbox (Call48): one button beside the board's Export CSV.
    await page.getByRole('button', { name: 'Carrier CSV' }).click()
    const boardFile = await savedFile(page.getByTestId('carrier-export-file'))
    expect(existsSync(boardFile)).toBe(true)
    const requests = csvRows(boardFile)
    const groups = new Set(call48().map((order) => order.group))
    expect(requests.length).toBeGreaterThan(0)
    expect(requests.every((row) => groups.has(row.port_req_id))).toBe(true)
    expect(new Set(requests.map((row) => row.port_req_id)).size).toBe(groups.size)
    await harness.screenshot('ports-forms-08-carrier-export-board')

    const order = call48().find((each) => each.group && each.group !== each.id && each.numbers.length >= 2)!
    const drawer = await openOrder(order)
    await drawer.getByRole('button', { name: /^Carrier CSV/ }).click()
    await page.getByRole('menuitem', { name: `This sub order's numbers (${order.id})` }).click()
    const file = await savedFile(drawer.getByTestId('carrier-export-file'))
    expect(file).not.toBe(boardFile)
    const rows = csvRows(file)
    expect(rows.map((row) => `+1${row.tn}`).sort()).toEqual([...order.numbers].sort())
    await harness.screenshot('ports-forms-09-carrier-export-order')
    await closeDrawer()
  }, 90_000)
})
