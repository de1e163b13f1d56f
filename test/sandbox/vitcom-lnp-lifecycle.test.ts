/**
 * Contract tests of what the Vitcom simulator's LNP lifecycle promises the Ports board: exact timings on the
 * simulated clock (Pending, Submitted after 2 h, FOC or Rejected after 24 h, Completed on the FOC date with
 * the numbers then in getnumbers), the `portRejectionRate` option, resubmission by a new order for the
 * rejected numbers (accepted when it changes what the reason names, rejected again when it does not), the
 * wireless PIN never echoed, documents by content and size, and an order whose answer is lost that exists once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dataOf, startVitcomHarness, type VitcomHarness } from './vitcom-helpers'

const minute = 60_000
const hour = 60 * minute
const day = 24 * hour

const pdf = new TextEncoder().encode('%PDF-1.4\n% letter of authorisation\n')
const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0, ...new Array<number>(20).fill(0)])

function orderForm(number: string, extra: Record<string, string> = {}, documents: { loa?: [Uint8Array, string]; carrier?: [Uint8Array, string] } = {}): FormData {
  const form = new FormData()
  const fields: Record<string, string> = {
    numbers: number,
    category: 'landline',
    subscriberType: 'business',
    loaAuthorizingPerson: 'Dana Whitfield',
    subscriberFirstName: 'Dana',
    subscriberLastName: 'Whitfield',
    addressHouseNumber: '410',
    addressStreetName: 'Harbor',
    addressStreetSuffix: 'Way',
    addressCity: 'Denver',
    addressStateCode: 'CO',
    addressZip: '80202',
    billingNumber: '+13035550100',
    ...extra,
  }
  for (const [key, value] of Object.entries(fields)) form.set(key, value)
  const [loa, loaName] = documents.loa ?? [zip, 'loas.zip']
  const [carrier, carrierName] = documents.carrier ?? [pdf, 'bill.pdf']
  form.set('loa_doc', new Blob([loa]), loaName)
  form.set('carrier_doc', new Blob([carrier]), carrierName)
  return form
}

/** Fields that answer each documented rejection reason, as a user's corrected order would send them. */
const corrections: Record<string, Record<string, string>> = {
  'Authorized name on LOA does not match the customer service record': { loaAuthorizingPerson: 'Dana R. Whitfield' },
  'Service address does not match the losing carrier records': { addressHouseNumber: '412' },
  'Billing telephone number (BTN) mismatch': { billingNumber: '+13035550199' },
  'Account number does not match the losing carrier records': { wirelessAccountNumber: '55501234' },
  'Wireless PIN missing or incorrect': { wirelessPin: '9931' },
}

/** Numbers Vitcom can port in, checked with check_lnp (a few are not portable). */
async function portable(vitcom: VitcomHarness, count: number, from: number): Promise<string[]> {
  const candidates = Array.from({ length: count * 2 + 4 }, (_, i) => `1303555${String(from + i).padStart(4, '0')}`)
  const accepted = (await vitcom.post('check_lnp', { numbers: candidates.join(',') })).body.accepted as string[]
  expect(accepted.length).toBeGreaterThanOrEqual(count)
  return accepted.slice(0, count)
}

async function order(vitcom: VitcomHarness, orderNo: string): Promise<Record<string, unknown>> {
  return dataOf(await vitcom.post('get_lnp_orders', { orderId: orderNo }), 'Orders')[0]!
}

async function create(vitcom: VitcomHarness, form: FormData): Promise<string> {
  const created = await vitcom.postMultipart('generate_lnp_order', form)
  expect(created.body).toMatchObject({ status: '200', success: 'Order Generated Successfully.' })
  return String(created.body.orderNo)
}

describe('an accepted LNP order (portRejectionRate 0)', () => {
  let vitcom: VitcomHarness
  beforeAll(async () => {
    vitcom = await startVitcomHarness({ portRejectionRate: 0 })
  })
  afterAll(async () => {
    await vitcom.sandbox.stop()
  })

  it('is Pending, Submitted after 2 h, FOC after 24 h and Completed on its FOC date, its numbers then in getnumbers', async () => {
    const { clock } = vitcom.sandbox
    const [number] = await portable(vitcom, 1, 1000)
    const orderNo = await create(vitcom, orderForm(number!))
    const createdAt = clock.now()
    expect(await order(vitcom, orderNo)).toMatchObject({ portStatus: 'Pending', status: '0', actualFocDate: '', triggered: false })

    clock.advance(2 * hour - minute)
    expect((await order(vitcom, orderNo)).portStatus).toBe('Pending')
    clock.advance(2 * minute)
    expect(await order(vitcom, orderNo)).toMatchObject({ portStatus: 'Submitted', status: '1' })

    clock.advance(22 * hour)
    const foc = await order(vitcom, orderNo)
    expect(foc).toMatchObject({ portStatus: 'FOC', status: '2', rejectionReason: '' })
    // No requested date: the next business day at least four days out, at 15:00 UTC.
    const focAt = Date.parse(`${String(foc.actualFocDate).replace(' ', 'T')}Z`)
    expect(new Date(focAt).getUTCHours()).toBe(15)
    expect([0, 6]).not.toContain(new Date(focAt).getUTCDay())
    expect(focAt).toBeGreaterThanOrEqual(createdAt + 3 * day)
    expect(focAt).toBeLessThan(createdAt + 7 * day)
    const owned = async (): Promise<Record<string, unknown> | undefined> => dataOf(await vitcom.post('getnumbers')).find((row) => `1${String(row.didnumber)}` === number)
    expect(await owned()).toBeUndefined()

    clock.advance(focAt - clock.now() - minute)
    expect((await order(vitcom, orderNo)).portStatus).toBe('FOC')
    clock.advance(2 * minute)
    expect(await order(vitcom, orderNo)).toMatchObject({ portStatus: 'Completed', status: '3', triggered: true })
    expect(await owned()).toMatchObject({ orderType: 'Portin', orderno: orderNo })
    await order(vitcom, orderNo)
    expect(vitcom.ledger('lnp_completed').filter((entry) => entry.details.orderNo === orderNo)).toHaveLength(1)
    expect(vitcom.ledger('lnp_foc').filter((entry) => entry.details.orderNo === orderNo)).toHaveLength(1)
  })

  it('completes on a requested FOC date', async () => {
    const [number] = await portable(vitcom, 1, 1100)
    const requested = new Date(vitcom.sandbox.clock.now() + 8 * day)
    while ([0, 6].includes(requested.getUTCDay())) requested.setUTCDate(requested.getUTCDate() + 1)
    const text = `${requested.toISOString().slice(0, 10)} 16:30:00`
    const orderNo = await create(vitcom, orderForm(number!, { requestedFocDate: text }))
    vitcom.sandbox.clock.advance(day + minute)
    expect(await order(vitcom, orderNo)).toMatchObject({ portStatus: 'FOC', requestedFocDate: text, actualFocDate: text })
  })

  it('accepts ZIP, PDF, PNG and JPG documents up to 10 MB and refuses text or larger files', async () => {
    const numbers = await portable(vitcom, 4, 1200)
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    const jpg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])
    await create(vitcom, orderForm(numbers[0]!, {}, { loa: [png, 'loa.png'], carrier: [jpg, 'bill.jpg'] }))
    await create(vitcom, orderForm(numbers[1]!, {}, { loa: [pdf, 'loa.pdf'] }))
    const text = await vitcom.postMultipart('generate_lnp_order', orderForm(numbers[2]!, {}, { carrier: [new TextEncoder().encode('a bill'), 'bill.txt'] }))
    expect(text.body).toEqual({ status: '404', error: 'Invalid carrier_doc' })
    const large = new Uint8Array(10 * 1024 * 1024 + 1)
    large.set(pdf)
    const tooLarge = await vitcom.postMultipart('generate_lnp_order', orderForm(numbers[3]!, {}, { loa: [large, 'loa.pdf'] }))
    expect(tooLarge.body).toEqual({ status: '404', error: 'Invalid loa_doc' })
  })

  it('keeps an order whose answer was lost (reset after commit) as exactly one, and refuses a blind retry of it', async () => {
    const [number] = await portable(vitcom, 1, 1300)
    vitcom.carrier.faults.configure({ script: [{ fault: 'reset-after-commit', match: 'generate_lnp_order' }] })
    await expect(vitcom.postMultipart('generate_lnp_order', orderForm(number!))).rejects.toThrow()
    const holding = dataOf(await vitcom.post('get_lnp_orders'), 'Orders').filter((entry) => (entry.numbers as string[]).includes(number!.slice(1)))
    expect(holding).toHaveLength(1)
    expect(vitcom.ledger('generate_lnp_order').filter((entry) => (entry.details.numbers as string[]).includes(number!.slice(1)))).toHaveLength(1)
    const retry = await vitcom.postMultipart('generate_lnp_order', orderForm(number!))
    expect(retry.body).toEqual({ status: '404', error: 'Invalid numbers' })
    expect(dataOf(await vitcom.post('get_lnp_orders'), 'Orders').filter((entry) => (entry.numbers as string[]).includes(number!.slice(1)))).toHaveLength(1)
  })
})

describe('rejected LNP orders (portRejectionRate 1)', () => {
  let vitcom: VitcomHarness
  beforeAll(async () => {
    vitcom = await startVitcomHarness({ portRejectionRate: 1 })
  })
  afterAll(async () => {
    await vitcom.sandbox.stop()
  })

  it('are rejected after 24 h with a reason; a new order for the numbers is rejected again unchanged and accepted corrected', async () => {
    const [number] = await portable(vitcom, 1, 2000)
    const first = await create(vitcom, orderForm(number!))
    vitcom.sandbox.clock.advance(day - minute)
    expect((await order(vitcom, first)).portStatus).toBe('Submitted')
    vitcom.sandbox.clock.advance(2 * minute)
    const rejected = await order(vitcom, first)
    expect(rejected).toMatchObject({ portStatus: 'Rejected', status: '4', actualFocDate: '' })
    const reason = String(rejected.rejectionReason)
    expect(Object.keys(corrections)).toContain(reason)
    // Landline ports are not rejected for wireless account data.
    expect(reason).not.toMatch(/Wireless|Account number/)
    expect(vitcom.ledger('lnp_rejected').filter((entry) => entry.details.orderNo === first)).toEqual([{ operation: 'lnp_rejected', details: { orderNo: first, reason } }])

    // Rejected numbers are free again: the same order sent as it was meets the same objection.
    expect((await vitcom.post('check_lnp', { numbers: number! })).body.accepted).toEqual([number])
    const same = await create(vitcom, orderForm(number!))
    vitcom.sandbox.clock.advance(day + minute)
    expect(await order(vitcom, same)).toMatchObject({ portStatus: 'Rejected', rejectionReason: reason })

    const corrected = await create(vitcom, orderForm(number!, corrections[reason]))
    vitcom.sandbox.clock.advance(day + minute)
    expect(await order(vitcom, corrected)).toMatchObject({ portStatus: 'FOC', rejectionReason: '' })
    vitcom.sandbox.clock.advance(7 * day)
    expect((await order(vitcom, corrected)).portStatus).toBe('Completed')
    expect(dataOf(await vitcom.post('getnumbers')).some((row) => `1${String(row.didnumber)}` === number)).toBe(true)
  })

  it('never echoes or records a wireless PIN, and takes a changed PIN as a correction', async () => {
    const numbers = await portable(vitcom, 15, 2100)
    // Wireless orders can meet any objection; send several until one is about the PIN (bounded, deterministic by seed).
    let found: { orderNo: string; number: string } | undefined
    for (const number of numbers) {
      const orderNo = await create(vitcom, orderForm(number, { wirelessAccountNumber: '55500001', wirelessPin: '4455' }))
      vitcom.sandbox.clock.advance(day + minute)
      const seen = await order(vitcom, orderNo)
      expect(JSON.stringify(seen)).not.toContain('4455')
      if (seen.rejectionReason === 'Wireless PIN missing or incorrect') {
        found = { orderNo, number }
        break
      }
    }
    expect(JSON.stringify(vitcom.ledger())).not.toContain('4455')
    expect(found).toBeDefined()
    const again = await create(vitcom, orderForm(found!.number, { wirelessAccountNumber: '55500001', wirelessPin: '4455' }))
    // A second order cannot take the number while that resubmission is open.
    const busy = await vitcom.postMultipart('generate_lnp_order', orderForm(found!.number, { wirelessAccountNumber: '55500001', wirelessPin: '9931' }))
    expect(busy.body).toEqual({ status: '404', error: 'Invalid numbers' })
    vitcom.sandbox.clock.advance(day + minute)
    expect((await order(vitcom, again)).rejectionReason).toBe('Wireless PIN missing or incorrect')
    const corrected = await create(vitcom, orderForm(found!.number, { wirelessAccountNumber: '55500001', wirelessPin: '9931' }))
    vitcom.sandbox.clock.advance(day + minute)
    expect((await order(vitcom, corrected)).portStatus).toBe('FOC')
  })
})

describe('the Vitcom rejection rate', () => {
  async function outcomes(rate: number | undefined): Promise<string[]> {
    const vitcom = await startVitcomHarness({ seed: 4, ...(rate === undefined ? {} : { portRejectionRate: rate }) })
    try {
      const numbers = await portable(vitcom, 25, 3000)
      const orderNos: string[] = []
      for (const number of numbers) orderNos.push(await create(vitcom, orderForm(number)))
      vitcom.sandbox.clock.advance(day + minute)
      return await Promise.all(orderNos.map(async (orderNo) => String((await order(vitcom, orderNo)).rejectionReason || 'FOC')))
    } finally {
      await vitcom.sandbox.stop()
    }
  }

  it('rejects about one order in five by default, the same ones for the same seed, none at 0', async () => {
    const first = await outcomes(undefined)
    const rejected = first.filter((outcome) => outcome !== 'FOC')
    expect(rejected.length).toBeGreaterThanOrEqual(1)
    expect(rejected.length).toBeLessThanOrEqual(10)
    expect(await outcomes(0.2)).toEqual(first)
    expect(await outcomes(0)).toEqual(first.map(() => 'FOC'))
  })
})
