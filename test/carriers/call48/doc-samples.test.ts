/**
 * The Call48 document's example answers (carrier-docs/call48-api-v4.txt), kept as the project's fixtures in
 * test/fixtures/call48/ (one file per endpoint, as printed), parsed by the client's schemas and mappings.
 * Several samples are not valid JSON as printed (`.txt`: unquoted keys, trailing commas, a `//` comment, one
 * garbled line in the problematic-ports sample); they are repaired here the way a reader would, and the
 * CNAM sample (unquoted string values) is left out.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseCsv } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { expectAnswer } from '../../../src/main/carriers/kit/answer'
import { CarrierError } from '../../../src/main/lib/carrier-error'
import { didTypeOfPort, mapDid, mapPortProposal, mapXdr, withoutSecrets } from '../../../src/main/carriers/call48/mapping'
import * as S from '../../../src/main/carriers/call48/schemas'

const fixturesDir = join(__dirname, '../../fixtures/call48')

/** The answer sample of one endpoint, as the document prints it. */
const fixture = (file: string): string => readFileSync(join(fixturesDir, file), 'utf8')

function repair(text: string): string {
  return text
    .replace(/\}rder_status": "Rejected"\s*\}/, '}')
    .replace(/(^|[\s,])\/\/[^\n]*/g, '$1')
    .replace(/^(\s*)([A-Za-z_]\w*)\s*:/gm, '$1"$2":')
    .replace(/,(\s*[}\]])/g, '$1')
}

/** Every top-level JSON object in a sample text ("For OD {..} For Porta {..}" holds two). */
function samples(file: string): unknown[] {
  const text = repair(fixture(file))
  const found: unknown[] = []
  let depth = 0
  let from = -1
  for (let index = 0; index < text.length; index += 1) {
    if (text[index] === '{') {
      if (depth === 0) from = index
      depth += 1
    } else if (text[index] === '}') {
      depth -= 1
      if (depth === 0) found.push(JSON.parse(text.slice(from, index + 1)) as unknown)
    }
  }
  if (found.length === 0) throw new Error(`No JSON sample in ${file}`)
  return found
}

const sample = (file: string): Record<string, unknown> => samples(file)[0] as Record<string, unknown>
const info = { carrier: 'call48' as const, operation: 'doc-sample' }
const parse = <T extends z.ZodType>(schema: T, value: unknown): z.output<T> => expectAnswer(schema, value, info)
const csvRows = (file: string): unknown[] => parseCsv(fixture(file).trim(), { columns: true, trim: true }) as unknown[]

describe('login, search and purchase samples', () => {
  it('parses the login token', () => {
    expect(parse(S.LoginDataSchema, sample('login.json').data).token).toMatch(/^eyJ/)
  })

  it('parses local and toll-free search results with loc, locData and prices', () => {
    const local = parse(S.SearchDataSchema, sample('search-local.json').data)
    expect(local.result[0]).toMatchObject({ npa: '706', nxx: '510', xxxx: '3027', state: 'GA', ratecenter: 'ATHENS', locData: '2d80c0952d7869653547f0', fax: true })
    expect([local.setup, local.monthly]).toEqual([2, 1])
    const toll = parse(S.SearchDataSchema, sample('search-tollfree.json').data)
    expect(toll.result[0]).toMatchObject({ did_number: '7418529632', npa: '741' })
    expect(toll.loc.length).toBeGreaterThan(20)
  })

  it('parses international groups and the purchase answer', () => {
    const [group] = parse(S.IntlSearchDataSchema, sample('search-international.json').data)
    expect(group).toMatchObject({ name: 'Arkhangelsk', prefix: '8182', country: 'RU', monthly: 4.6, setup: 0 })
    expect(parse(S.TrueDataSchema, sample('purchase.json').data)).toBe(true)
  })

  it('says which field is wrong when a search answer does not fit', () => {
    const bad = { result: [{ npa: '70', nxx: '510', xxxx: '3027' }], loc: 'abc' }
    expect(() => parse(S.SearchDataSchema, bad)).toThrow(CarrierError)
    expect(() => parse(S.SearchDataSchema, bad)).toThrow(/result\.0\.npa/)
  })
})

describe('bulk samples', () => {
  it('parses the order listing and both CSV reports', () => {
    const list = parse(S.BulkOrderListSchema, sample('bulk-orders.json').data)
    expect(list.count).toBe(6)
    expect(list.rows[0]).toMatchObject({ bulk_order_id: 15, status: 'C', quantity: 7, fulfilled_quantity: 1 })
    const summary = csvRows('bulk-order-summary.csv').map((row) => parse(S.BulkSummaryRowSchema, row))
    expect(summary.map((row) => [row.search_state, row.requested_quantity, row.fulfilled_quantity])).toEqual([['AL', 5, 1], ['AK', 2, 0]])
    const dids = csvRows('bulk-order-dids.csv').map((row) => parse(S.BulkDidRowSchema, row))
    expect(dids).toEqual([{ number: '12513152371', npa: '251', lata: '480', state: 'AL', ratecenter: 'EVERGREEN' }])
  })
})

describe('DID and feature samples', () => {
  it('parses the DID listing and maps it without the forwarding password', () => {
    const body = parse(S.DidListBodySchema, sample('dids.json'))
    const record = mapDid(body.data[0]!, 'acct', 1)
    expect(record).toMatchObject({ e164: '+12512658624', type: 'local', status: 'active', trunk: '52610' })
    expect(record?.e911).toContain('123 Test St')
    expect(JSON.stringify(record?.raw)).not.toContain('secret123')
    expect(JSON.stringify(withoutSecrets(body.data[0]))).not.toContain('secret123')
  })

  it('parses removal, 411, 911 (a record id), fax and address answers as successes', () => {
    expect(parse(S.SuccessDataSchema, sample('remove-did.json').data)).toEqual({ success: true })
    expect(parse(S.TrueDataSchema, sample('update-411.json').data)).toBe(true)
    expect(parse(S.E911DataSchema, sample('update-911.json').data)).toBe('20312026')
    expect(parse(S.FaxDataSchema, sample('update-fax.txt').data)).toBe('1234567')
    expect(parse(S.TrueDataSchema, sample('verify-address.json').data)).toBe(true)
    expect(parse(S.TrueDataSchema, sample('make-payment.json').data)).toBe(true)
  })

  it('parses both forwarding answer shapes (OD and Porta)', () => {
    const [od, porta] = samples('update-forwarding.txt').map((body) => parse(S.ForwardingDataSchema, (body as { data: unknown }).data))
    expect(od).toEqual([{ description: 'Routing request completed' }])
    expect(porta).toEqual({ login: '12512658624', i_product: 24230, i_account: 1343355 })
  })
})

describe('trunk, resource, customer and XDR samples', () => {
  it('parses trunk group creation and listing', () => {
    const created = parse(S.CreatedTrunkGroupSchema, sample('create-trunk-group.json').data)
    expect(created).toMatchObject({ trunk_grpid: 20, ext_tgid: 52620 })
    expect(created.trunk_ips.map((ip) => ip.ip_address)).toEqual(['10.50.250.11', '10.50.250.15'])
    const list = parse(S.TrunkGroupListSchema, sample('trunk-groups.txt').data)
    expect(list.result[0]).toMatchObject({ ext_tgid: 52610, trunk_ips: ['10.50.250.10:5060'] })
    expect(list.totalRecords).toBe(1)
  })

  it('parses countries, states and rate centers', () => {
    const countries = parse(S.CountrySchema.array(), sample('countries.txt').data)
    expect(countries.map((country) => country.code)).toEqual(['US', 'AF'])
    expect(parse(S.StateSchema.array(), sample('states.txt').data)[1]!.state_code).toBe('AK')
    expect(parse(S.RateCenterSchema.array(), sample('rate-centers.txt').data)).toHaveLength(3)
  })

  it('parses customers, discount plans, customer feature answers and subscriptions', () => {
    const customers = parse(S.CustomerListBodySchema, sample('customers.txt'))
    expect(customers.total).toBe(2)
    expect(customers.data[0]).toMatchObject({ account_id: 24, login: 'friday_night_lights', credit_limit: 500 })
    expect(parse(S.DiscountPlanSchema.array(), sample('discount-plans.json').data).map((plan) => plan.i_vd_plan)).toEqual([18, 4])
    expect(parse(S.CustomerRefSchema, sample('set-rtp.json').data).i_customer).toBe(63766)
    expect(parse(S.SubscriptionSchema.array(), sample('subscriptions.json').data)[0]).toMatchObject({ status: 'close', effective_fee: 7 })
  })

  it('parses XDRs and maps them to call records', () => {
    const page = parse(S.XdrPageSchema, sample('xdrs.json').data)
    expect(page.total).toBe(2391)
    const record = mapXdr(page.xdr_list[0]!, 'acct')
    expect(record).toMatchObject({ id: '433758673', from: '+13523076475', to: '+18002823655', durationSeconds: 15, disposition: 'answered', causeText: 'Normal call clearing', cost: 0.00417 })
    expect(record.startedAt).toBe(1554068895000)
  })
})

describe('port-in samples', () => {
  it('parses portability, submission, detail and DID list answers', () => {
    expect(parse(S.PortabilitySchema, sample('port-portability.json').data)).toEqual({ '7012001293': true })
    expect(parse(S.PortSubmittedSchema, sample('port-submit.json').data).port_req_id).toBe(256)
    expect(parse(S.PortDetailSchema, sample('port-detail.json').data)).toMatchObject({ port_req_id: 12, state_code: 'MI' })
    expect(parse(S.PortDidListSchema, sample('port-dids.json').data).result[0]).toMatchObject({ did: '7012008902', port_status: 'submitted' })
  })

  it('parses the port list (trailing comma repaired) and maps sub orders onto the lifecycle', () => {
    const list = parse(S.PortListSchema, sample('port-list.txt').data)
    expect(list.totalRecords).toBe(109)
    const orders = list.result.flatMap((request) => request.port_proposals.map((proposal) => mapPortProposal(request, proposal, [], didTypeOfPort(request), 'acct', 1)))
    expect(orders[0]).toMatchObject({ id: '256/201', status: 'submitted' })
    expect(orders.find((order) => order.id === '253/198')?.status).toBe('pending')
    expect(orders.find((order) => order.id === '254/199')?.status).toBe('cancelled')
  })

  it('parses forwarding details, FOC list, activation details, problematic ports and the export CSV', () => {
    expect(parse(S.PortForwardingSchema, sample('port-forwarding.json').data).port_req_forwardings[0]).toMatchObject({ method: 'NUM', timeout: 30 })
    expect(parse(S.FocListSchema, sample('port-foc-ready.json').data).rows[0]).toMatchObject({ did: '2012190101', port_status: 'activated' })
    expect(parse(S.FocDidSchema, sample('port-activation.json').data).data).toMatchObject({ did: '7012001183', port_status: 'foc_received' })
    const problems = parse(S.ProblematicListSchema, sample('port-problematic.txt').data).result
    expect(problems.totalRecords).toBe(3)
    expect(problems.result.map((port) => port.order_status)).toEqual(['Rejected', 'PreOrderPending', 'Rejected'])
    const exported = csvRows('port-export.csv').map((row) => parse(S.ExportRowSchema, row))
    expect(exported).toEqual([{ sub_order_id: '201', status: 'submitted', resubmitted_at: 'Mon Jan 31 2022 01:41:03 GMT-0500 (Eastern Standard Time)', tn: '1', active_foc_date: '' }])
  })
})
