/**
 * The document's example answers (vitcom-telecomcloud-api.txt), kept as the project's fixtures in
 * test/fixtures/vitcom/ (`<endpoint>.txt`, the first example body printed under each endpoint, and
 * `error-404.txt`), parsed by the client's schemas. The examples are not valid JSON as printed (non-breaking
 * space indentation, trailing commas, "....." rows, `{ "X","Y" }` sets) and use placeholders ("XXXXXXXXXX",
 * "XX.XX", "{URL}"); `asJson` repairs exactly those, so each example keeps its field names and shape. The
 * raw placeholders themselves must be refused (strictness).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { streamRows } from '../../../src/main/carriers/vitcom/numbers-stream'
import * as schemas from '../../../src/main/carriers/vitcom/schemas'
import { VitcomTransport } from '../../../src/main/carriers/vitcom/transport'
import { CarrierError } from '../../../src/main/lib/carrier-error'
import { portStatusOf, toNumberRecord, toPortOrder } from '../../../src/main/carriers/vitcom/mapping'

const fixturesDir = join(__dirname, '../../fixtures/vitcom')
const errorFile = 'error-404.txt'
/** Stands in for the document's `{URL}` host; nothing here sends a request, and tests only name loopback. */
const docHost = 'http://127.0.0.1:9'

/** The example body of each endpoint, by endpoint name. */
const bodies = new Map(
  readdirSync(fixturesDir)
    .filter((file) => file !== errorFile)
    .map((file) => [file.replace(/\.txt$/, ''), readFileSync(join(fixturesDir, file), 'utf8')]),
)

/** Repairs the printed example into JSON and fills its placeholders with plausible values. */
function asJson(example: string): unknown {
  let inline = 0
  const text = example
    // The page was copied from HTML: indentation is non-breaking spaces, which JSON does not allow.
    .replace(/\u00a0/g, ' ')
    .replace(/^\s*"?\.{3,}"?\s*,?\s*$/gm, '')
    .replace(/,\s*\.{3,}/g, '')
    .replace(/\{(\s*"[^"{}:]*"\s*(?:,\s*"[^"{}:]*"\s*)*)\}/g, '[$1]')
    .replace(/"X{10}"/g, '"2065550123"')
    // Several numbers inside one string ("XXXXXXXXXX , XXXXXXXXXX") get distinct values.
    .replace(/X{10}/g, () => String(2065550200 + inline++))
    .replace(/XXX\.XXX\.XXX\.XXX/g, '198.51.100.7')
    .replace(/"XX\.XX"/g, '"12.34"')
    .replace(/"XX%"/g, '"81%"')
    .replace(/"(X+)"/g, (_match, xs: string) => `"${'7'.repeat(xs.length)}"`)
    .replace(/\{URL\}|(?<=")URL(?=\/)/g, docHost)
    .replace(/,(\s*[}\]])/g, '$1')
  return JSON.parse(text) as unknown
}

function example(endpoint: string): unknown {
  const body = bodies.get(endpoint)
  if (!body) throw new Error(`No example for /${endpoint} in the document`)
  return asJson(body)
}

function parse<S extends z.ZodType>(schema: S, endpoint: string): z.output<S> {
  return schema.parse(example(endpoint))
}

describe('the document examples', () => {
  it('are kept for every documented endpoint', () => {
    expect([...bodies.keys()].sort()).toEqual(
      [
        'availabilitystate', 'availabilitynpanxx', 'searchdid', 'searchtfn', 'defineTrunk', 'get_trunk', 'update_trunk', 'reserve',
        'bulkreserve', 'remove_reserved', 'getnumbers', 'updatenumber', 'gen_order', 'process_order', 'check_lnp', 'generate_lnp_order',
        'get_new_orders', 'get_lnp_orders', 'did_stats', 'daily_cdrs', 'tg_stats', 'monthly_summary', 'defineTrunk_termination',
        'get_trunk_termination', 'disable_trunk_termination', 'daily_cdrs_termination', 'tg_stats_termination', 'monthly_summary_termination',
        'get_invoices', 'financial_summary', 'get_payments', 'make_payment',
      ].sort(),
    )
  })

  it('parse availability: states, NPANXX rows, DIDs and TFNs', () => {
    expect(parse(schemas.StateAvailabilityAnswer, 'availabilitystate').data).toEqual(['CA', 'CO'])
    expect(parse(schemas.NpanxxAvailabilityAnswer, 'availabilitynpanxx').data).toEqual([{ npanxx: '206219', npa: '206', rateCenter: 'SEATTLE' }])
    expect(parse(schemas.SearchDidAnswer, 'searchdid').map((row) => row.tn)).toEqual(['2065550123', '2065550123'])
    expect(parse(schemas.SearchTfnAnswer, 'searchtfn')[0]).toMatchObject({ tn: '2065550123', statusId: '0' })
  })

  it('parse trunk groups of both directions', () => {
    const [trunk] = parse(schemas.OriginationTrunksAnswer, 'get_trunk').data
    expect(trunk).toMatchObject({ id: '3', title: 'vitcoms', primaryIp: '198.51.100.7', primaryPort: '5060', status: '1', createdAt: '2015-01-26T11:58:02.000Z' })
    expect(parse(schemas.DefineTrunkAnswer, 'defineTrunk')).toEqual({ message: 'Trunk group added successfully.', trunkId: undefined })
    expect(parse(schemas.UpdateTrunkAnswer, 'update_trunk').message).toBe('Trunk successfully Updated.')
    const [termination] = parse(schemas.TerminationTrunksAnswer, 'get_trunk_termination').data
    expect(termination).toMatchObject({ id: '3', ipAddress: '198.51.100.7', status: '1', configUrl: `${docHost}/ajax/settings_pdf/{ipaddress}` })
    expect(parse(schemas.DisableTrunkAnswer, 'disable_trunk_termination').message).toBe('Diabled Successfully')
  })

  it('parse the cart: reserve and bulk reserve split "X , Y" strings into numbers; remove_reserved', () => {
    expect(parse(schemas.ReserveAnswer, 'reserve')).toEqual({ reserveId: '777777', numbers: ['2065550200', '2065550201'] })
    expect(parse(schemas.ReserveAnswer, 'bulkreserve').reserveId).toBe('777777')
    expect(parse(schemas.RemoveReservedAnswer, 'remove_reserved')).toEqual({ removed: [], notAvailable: ['2065550200', '2065550201'] })
  })

  it('parse orders: gen_order (with its repeated status), process_order, the listings', () => {
    const generated = parse(schemas.GeneratedOrderAnswer, 'gen_order')
    expect(generated).toMatchObject({ orderId: '777777', amount: 12.34, numbers: ['2065550123'] })
    expect(parse(schemas.ProcessOrderAnswer, 'process_order').message).toBe('Order Processed Successfully.')
    const orders = parse(schemas.NewOrdersAnswer, 'get_new_orders')
    expect(orders.map((order) => order.orderId)).toEqual(['2342343', '4353453'])
    expect(orders[1]).toMatchObject({ category: 'TollFree', status: '1', numbers: ['2065550123'] })
  })

  it('accept gen_order answered as printed: JSON keeps the last "status" ("1"), which is still a success', () => {
    const transport = new VitcomTransport({ baseUrl: `${docHost}/api/did`, accountNo: '1', secrets: { token: 't0ken-value' } })
    const text = JSON.stringify(example('gen_order'))
    expect((JSON.parse(text) as { status: string }).status).toBe('1')
    const order = transport.interpret(200, 'application/json', text, 'gen_order', schemas.GeneratedOrderAnswer, { kind: 'mutation' })
    expect(order.orderId).toBe('777777')
  })

  it('parse LNP: portability, the new port order, port orders mapped onto the unified lifecycle', () => {
    expect(parse(schemas.CheckLnpAnswer, 'check_lnp')).toEqual({ accepted: ['2065550123'], rejected: ['2065550123'] })
    expect(parse(schemas.GenerateLnpOrderAnswer, 'generate_lnp_order')).toMatchObject({ orderNo: '777777', accepted: ['2065550123'] })
    const orders = parse(schemas.LnpOrdersAnswer, 'get_lnp_orders')
    expect(orders[0]).toMatchObject({ orderNo: '2342343', actualFocDate: '2015-04-29T03:31:03.000Z', losingCarrier: 'Bandwidth' })
    // status "1" with an actual FOC date: the firm date is set.
    expect(portStatusOf(orders[0]!)).toBe('foc-set')
    const port = toPortOrder(orders[0]!, { accountId: 'a1', asOf: 1 })
    expect(port).toMatchObject({ id: '2342343', numbers: ['+12065550123'], status: 'foc-set', focDate: '2015-04-29' })
  })

  it('parse statistics, monthly summaries and daily CDR listings of both directions', () => {
    for (const endpoint of ['did_stats', 'tg_stats', 'tg_stats_termination']) {
      const rows = parse(schemas.StatsAnswer, endpoint).data
      expect(rows).toHaveLength(2)
      expect(rows[0]).toMatchObject({ processed: 77777, completed: 77777, asr: 0.81 })
    }
    for (const endpoint of ['monthly_summary', 'monthly_summary_termination']) {
      expect(parse(schemas.StatsAnswer, endpoint).data[0]?.month).toBe('2015-02')
    }
    for (const endpoint of ['daily_cdrs', 'daily_cdrs_termination']) {
      const days = parse(schemas.DailyCdrsAnswer, endpoint).data
      expect(days.map((day) => day.day)).toEqual(['2015-04-29', '2015-04-28'])
      expect(days[0]?.successUrl).toBe(`${docHost}/uploads/CDR_LOCATION/FILENAME.csv`)
    }
  })

  it('parse billing: invoices, financial activities, payments, make_payment', () => {
    expect(parse(schemas.InvoicesAnswer, 'get_invoices').data[1]).toEqual({
      date: '2015-05-29T00:00:00.000Z',
      url: `${docHost}/downloads/INVOICE_LOCATION/FILENAME.pdf`,
      invoiceNo: undefined,
      amount: undefined,
    })
    const activities = parse(schemas.FinancialSummaryAnswer, 'financial_summary').data
    expect(activities.map((row) => [row.activity, row.debit, row.credit, row.balance])).toEqual([
      ['Test Call Credit', 0, 2, 2],
      ['Order (New DIDs)', 1, 0, 1],
    ])
    const payments = parse(schemas.PaymentsAnswer, 'get_payments').data
    expect(payments.map((row) => [row.method, row.fundedAmount, row.charges, row.amount])).toEqual([
      ['paypal', 10, 2, 8],
      ['bank', 200, 12, 188],
    ])
    expect(parse(schemas.MakePaymentAnswer, 'make_payment').message).toBe('Payment added successfully.')
  })

  it('stream-parse the getnumbers example and map it to an E.164 record', async () => {
    const rows: z.output<typeof schemas.MyNumberRow>[] = []
    const count = await streamRows(Readable.from([JSON.stringify(example('getnumbers'))]), {
      operation: 'getnumbers',
      arrayKey: 'data',
      schema: schemas.MyNumberRow,
      batchSize: 10,
      signal: new AbortController().signal,
      onBatch: (batch) => rows.push(...batch),
    })
    expect(count).toBe(1)
    const record = toNumberRecord(rows[0]!, { accountId: 'a1', asOf: 5 })
    expect(record).toMatchObject({ e164: '+12065550123', type: 'local', status: 'suspended', cnam: 'MY_CNAME', monthlyCost: 12.34, trunk: '198.51.100.7' })
  })

  it('turn the documented error example into a CarrierError that keeps the carrier message', () => {
    const errorExample = readFileSync(join(fixturesDir, errorFile), 'utf8').replace(/\u00a0/g, ' ')
    expect(JSON.parse(errorExample)).toEqual({ status: '404', error: 'Invalid {parameter}' })
    const transport = new VitcomTransport({ baseUrl: `${docHost}/api/did`, accountNo: '1', secrets: { token: 't0ken-value' } })
    const error = (() => {
      try {
        transport.interpret(404, 'application/json', errorExample, 'defineTrunk', schemas.DefineTrunkAnswer, { kind: 'mutation' })
      } catch (caught) {
        return caught
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(CarrierError)
    expect((error as CarrierError).code).toBe('carrier')
    expect((error as CarrierError).info).toMatchObject({ carrierCode: '404', message: 'Invalid {parameter}', ambiguous: false })
  })

  it('refuse the printed placeholders where a value matters (numbers, amounts)', () => {
    expect(schemas.SearchDidAnswer.safeParse({ DIDs: [{ TN: 'XXXXXXXXXX', statusid: '0' }] }).success).toBe(false)
    expect(schemas.PaymentsAnswer.safeParse({ data: [{ date: '2015-04-29 00:00:00', referenceno: 'x', funded_amount: 'XX.XX', charges: '1', amount: '1', method: 'bank', status: '1' }] }).success).toBe(false)
    expect(schemas.ReserveAnswer.safeParse({ reserveId: 'XXXXXX', TNs: [] }).success).toBe(false)
  })

  it('accept the variants client code has seen: searchdid answering Numbers with TN/RateCenter/category', () => {
    const rows = schemas.SearchDidAnswer.parse({ status: '200', Numbers: [{ TN: '12065550199', RateCenter: 'SEATTLE', category: 'landline' }] })
    expect(rows).toEqual([{ tn: '2065550199', statusId: undefined, rateCenter: 'SEATTLE', category: 'landline' }])
  })
})
