/**
 * Vitcom's LNP API as the core's PortActions (carrier-docs vitcom-telecomcloud-api.txt: check_lnp,
 * generate_lnp_order, get_lnp_orders). The submit body is generate_lnp_order's documented fields (numbers,
 * category, subscriberType, loaAuthorizingPerson, requestedFocDate, wirelessAccountNumber, wirelessPin) plus
 * the subscriber and address fields get_lnp_orders shows, and its two files (`loa_doc`, `carrier_doc`). The
 * doc has no edit, cancel or activate call: a rejected order is resubmitted as a new order for its numbers.
 * The wireless PIN is a secret: masked in summaries, scrubbed from messages (the transport's `scrub`).
 */
import { z } from 'zod'
import type { PortOrder } from '../../../shared/domain'
import type { PortDetailField, PortFieldSpec, PortFormSpec } from '../../../shared/ports'
import { AppError } from '../../lib/app-error'
import { toE164 } from '../kit/phone'
import { portBodyError, portFieldsError, portSummary, secretValues, settledPortMutation } from '../kit/ports'
import type { CarrierPortDetail, ParsedPortOrder, PortActions } from '../adapter'
import { lnpSubscriberFields, type LnpOrderInput, type VitcomClient } from './client'
import { toPortOrder } from './mapping'

const fields: PortFieldSpec[] = [
  { key: 'category', label: 'Category', required: true, kind: 'select', options: ['landline', 'tollfree'], default: 'landline', group: 'order' },
  { key: 'subscriberType', label: 'Subscriber type', required: true, kind: 'select', options: ['business', 'residential'], default: 'business', group: 'account' },
  { key: 'loaAuthorizingPerson', label: 'LOA authorised by (first and last name)', required: true, kind: 'text', group: 'account' },
  { key: 'subscriberFirstName', label: 'Subscriber first name', required: false, kind: 'text', group: 'account' },
  { key: 'subscriberLastName', label: 'Subscriber last name', required: false, kind: 'text', group: 'account' },
  { key: 'billingNumber', label: 'Billing telephone number (BTN)', required: false, kind: 'text', group: 'account' },
  { key: 'wirelessAccountNumber', label: 'Wireless account number', required: false, kind: 'text', group: 'account', help: 'Wireless ports only' },
  { key: 'wirelessPin', label: 'Wireless PIN', required: false, kind: 'secret', group: 'account', help: 'Wireless ports only; never stored by CarrierDesk' },
  { key: 'losingCarrierName', label: 'Losing carrier', required: false, kind: 'text', group: 'account' },
  { key: 'addressHouseNumber', label: 'House number', required: false, kind: 'text', group: 'address' },
  { key: 'addressStreetName', label: 'Street', required: false, kind: 'text', group: 'address' },
  { key: 'addressStreetSuffix', label: 'Street suffix', required: false, kind: 'text', group: 'address' },
  { key: 'addressCity', label: 'City', required: false, kind: 'text', group: 'address' },
  { key: 'addressStateCode', label: 'State', required: false, kind: 'text', group: 'address' },
  { key: 'addressZip', label: 'ZIP', required: false, kind: 'text', group: 'address' },
  { key: 'requestedFocDate', label: 'Requested FOC date', required: false, kind: 'date', group: 'activation', help: 'Best left blank: Vitcom picks the next available date' },
]
const hiddenFields: PortFieldSpec[] = [{ key: 'trunk_id', label: 'Trunk group', required: false, kind: 'text', group: 'order' }]

/** The doc asks for ZIPs (several LOAs in one); single PDFs and scans are what most technicians send. */
export const vitcomPortForm: PortFormSpec = {
  fields,
  numbersKey: 'numbers',
  documents: [
    { kind: 'loa', label: 'Letter of authorisation (LOA)', required: true },
    { kind: 'carrier_doc', label: 'Carrier document (bill copy or CSR)', required: true },
  ],
  documentsSentWith: 'submit',
  documentTypes: ['pdf', 'png', 'jpg', 'tif', 'zip'],
  maxDocumentBytes: 10 * 1024 * 1024,
  resubmit: 'new-order',
}

const Scalar = z.union([z.string(), z.number()])
const optional = (max: number) =>
  z
    .union([Scalar, z.null()])
    .optional()
    .transform((value) => (value === null || value === undefined || String(value).trim() === '' ? undefined : String(value).trim()))
    .pipe(z.string().max(max, `At most ${max} characters`).optional())

/** "2015-05-14 16:33:24" (UTC) as the doc writes it, from that form, YYYY-MM-DD (15:00 UTC) or ISO 8601. */
const FocDate = optional(40).transform((value, context) => {
  if (value === undefined) return undefined
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T15:00:00Z` : value.replace(' ', 'T').replace(/(T\d{2}:\d{2}:\d{2})$/, '$1Z')
  const at = Date.parse(iso)
  if (Number.isNaN(at)) {
    context.addIssue({ code: 'custom', message: 'A date, YYYY-MM-DD or "YYYY-MM-DD HH:MM:SS" (UTC)' })
    return z.NEVER
  }
  return new Date(at).toISOString().slice(0, 19).replace('T', ' ')
})

const OrderBody = z
  .object({
    numbers: z.union([z.string(), z.array(Scalar)], { message: 'Numbers, as a list or comma separated' }),
    category: z.enum(['landline', 'tollfree'], { message: 'landline or tollfree' }),
    subscriberType: z.enum(['residential', 'business'], { message: 'residential or business' }),
    loaAuthorizingPerson: z.string().trim().regex(/^\S+\s+\S+/, 'The first and last name of who signed the LOA').max(100),
    requestedFocDate: FocDate,
    wirelessAccountNumber: optional(40),
    wirelessPin: optional(20),
    subscriberFirstName: optional(60),
    subscriberLastName: optional(60),
    addressHouseNumber: optional(20),
    addressStreetName: optional(100),
    addressStreetSuffix: optional(20),
    addressCity: optional(60),
    addressStateCode: optional(2).pipe(z.string().regex(/^[A-Za-z]{2}$/, 'Two letters').optional()),
    addressZip: optional(10).pipe(z.string().regex(/^\d{5}(-\d{4})?$/, 'A US ZIP code').optional()),
    losingCarrierName: optional(100),
    billingNumber: optional(20),
    trunk_id: optional(20),
  })
  .strict()

type VitcomOrderBody = z.output<typeof OrderBody>

/** Vitcom's rejection reasons name the subscriber data at fault in words; the fields each names. */
const rejectionFields: [RegExp, string[]][] = [
  [/PIN/, ['wirelessPin']],
  [/account number/i, ['wirelessAccountNumber']],
  [/\bBTN\b|billing telephone/i, ['billingNumber']],
  [/address/i, ['addressHouseNumber', 'addressStreetName', 'addressCity', 'addressZip']],
  [/name/i, ['loaAuthorizingPerson']],
]

export function vitcomFieldsNamedBy(reason: string | undefined): string[] {
  return [...new Set(rejectionFields.filter(([pattern]) => pattern.test(reason ?? '')).flatMap(([, names]) => names))]
}

function parseVitcomOrder(body: unknown): ParsedPortOrder {
  const parsed = OrderBody.safeParse(body)
  if (!parsed.success) throw portBodyError(parsed.error, 'The Vitcom port order')
  const order = parsed.data
  const raw = Array.isArray(order.numbers) ? order.numbers.map(String) : order.numbers.split(/[\s,;]+/)
  const numbers: string[] = []
  const problems: Record<string, string> = {}
  raw
    .filter((value) => value.trim() !== '')
    .forEach((value, index) => {
      const e164 = toE164(value)
      if (!e164 || !e164.startsWith('+1')) problems[`numbers.${index}`] = `${value} is not a NANP number (Vitcom ports US and Canadian numbers)`
      else if ((order.category === 'tollfree') !== /^\+18(00|33|44|55|66|77|88)/.test(e164)) problems[`numbers.${index}`] = `${e164} is not a ${order.category} number`
      else if (!numbers.includes(e164)) numbers.push(e164)
    })
  if (numbers.length === 0 && Object.keys(problems).length === 0) problems.numbers = 'At least one number'
  if (numbers.length > 500) problems.numbers = 'At most 500 numbers per order'
  if (order.billingNumber !== undefined && !toE164(order.billingNumber)?.startsWith('+1')) problems.billingNumber = 'A ten-digit NANP number'
  if (Object.keys(problems).length > 0) throw portFieldsError('The Vitcom port order', problems)
  const sent = { ...order, numbers: numbers.map((e164) => `1${e164.slice(2)}`).join(',') }
  const all = [...fields, ...hiddenFields]
  return { numbers, summary: portSummary(all, sent), secrets: secretValues(all, sent), body: { ...order, numbers } satisfies VitcomOrderBody & { numbers: string[] } }
}

const text = (value: unknown): string | undefined => (value === null || value === undefined || String(value).trim() === '' ? undefined : String(value).trim())

export function createVitcomPortActions(options: { client: VitcomClient; accountId: string }): PortActions {
  const { client, accountId } = options
  const mapped = (orders: Awaited<ReturnType<VitcomClient['getLnpOrders']>>): PortOrder[] =>
    orders.map((order) => toPortOrder(order, { accountId, asOf: client.now() }))

  return {
    async check({ numbers, signal }) {
      const nanp = numbers.filter((e164) => e164.startsWith('+1'))
      const answer = nanp.length > 0 ? await client.checkPortability({ numbers: nanp, signal }) : { accepted: [], rejected: [] }
      const accepted = new Set(answer.accepted.map((tn) => toE164(tn)))
      const rejected = new Set(answer.rejected.map((tn) => toE164(tn)))
      return numbers.map((e164) => {
        if (!e164.startsWith('+1')) return { e164, portable: false, message: 'Vitcom ports US and Canadian numbers only' }
        if (accepted.has(e164)) return { e164, portable: true }
        return { e164, portable: false, message: rejected.has(e164) ? 'Vitcom rejected it for porting' : 'Vitcom did not answer for this number' }
      })
    },

    parseOrder: parseVitcomOrder,

    async submit({ order, documents, signal }) {
      const body = order.body as VitcomOrderBody & { numbers: string[] }
      const loa = documents.find((document) => document.kind === 'loa')
      const carrierDoc = documents.find((document) => document.kind === 'carrier_doc')
      if (!loa || !carrierDoc) {
        throw new AppError('validation', 'A Vitcom port order needs its LOA and its carrier document', {
          fields: { ...(loa ? {} : { 'documents.loa': 'Required' }), ...(carrierDoc ? {} : { 'documents.carrier_doc': 'Required' }) },
        })
      }
      const before = new Set((await client.getLnpOrders({ signal })).map((row) => row.orderNo))
      const subscriber: LnpOrderInput['subscriber'] = {}
      for (const name of lnpSubscriberFields) if (body[name] !== undefined) subscriber[name] = body[name]
      const input: LnpOrderInput = {
        numbers: body.numbers,
        category: body.category,
        subscriberType: body.subscriberType,
        loaAuthorizingPerson: body.loaAuthorizingPerson,
        loaDocument: { blob: new Blob([new Uint8Array(loa.bytes)]), name: loa.name },
        carrierDocument: { blob: new Blob([new Uint8Array(carrierDoc.bytes)]), name: carrierDoc.name },
        ...(body.requestedFocDate ? { requestedFocDate: body.requestedFocDate } : {}),
        ...(body.wirelessAccountNumber ? { wirelessAccountNumber: body.wirelessAccountNumber } : {}),
        ...(body.wirelessPin ? { wirelessPin: body.wirelessPin } : {}),
        ...(body.trunk_id ? { trunkId: body.trunk_id } : {}),
        subscriber,
      }
      let orderNo: string | undefined
      let accepted = body.numbers.length
      const { checkedAfterFailure } = await settledPortMutation({
        carrier: 'vitcom',
        operation: 'generate_lnp_order',
        send: async () => {
          const created = await client.generateLnpOrder({ ...input, signal })
          orderNo = created.orderNo
          accepted = created.accepted.length || accepted
        },
        verify: async (settle) => {
          const wanted = new Set(body.numbers)
          const created = (await client.getLnpOrders({ signal: settle })).find(
            (row) => !before.has(row.orderNo) && row.numbers.some((tn) => wanted.has(toE164(tn) ?? '')),
          )
          orderNo = created?.orderNo
          return created !== undefined
        },
      })
      const id = orderNo as string
      const orders = await client.getLnpOrders({ orderId: id, signal: AbortSignal.timeout(60_000) }).then(mapped, () => undefined)
      return { orderId: id, message: `Vitcom opened LNP order ${id} for ${accepted} number${accepted === 1 ? '' : 's'}`, checkedAfterFailure, orders }
    },

    async detail({ orderId, signal }): Promise<CarrierPortDetail> {
      const rows = await client.getLnpOrders({ orderId, signal })
      const row = rows.find((each) => each.orderNo === orderId)
      if (!row) throw new AppError('not-found', `Vitcom lists no LNP order ${orderId}`)
      const order = toPortOrder(row, { accountId, asOf: client.now() })
      const r = row.raw
      const field = (key: string, label: string): PortDetailField => ({ key, label, value: text(r[key]) })
      const name = [text(r.subscriberFirstName), text(r.subscriberLastName)].filter(Boolean).join(' ')
      const address = [text(r.addressHouseNumber), text(r.addressStreetName), text(r.addressStreetSuffix)].filter(Boolean).join(' ')
      const values: Record<string, string> = {}
      for (const spec of fields) {
        const value = spec.kind === 'secret' ? undefined : text(r[spec.key])
        if (value !== undefined) values[spec.key] = spec.kind === 'date' ? value.slice(0, 10) : value
      }
      return {
        order,
        orders: [order],
        accountData: [
          field('subscriberType', 'Subscriber type'),
          { key: 'subscriber', label: 'Subscriber', value: name || undefined },
          field('loaAuthorizingPerson', 'LOA authorised by'),
          field('billingNumber', 'Billing telephone number (BTN)'),
          { key: 'service_address', label: 'Service address', value: address || undefined },
          { key: 'city_state_zip', label: 'City, state, ZIP', value: [text(r.addressCity), [text(r.addressStateCode), text(r.addressZip)].filter(Boolean).join(' ')].filter(Boolean).join(', ') || undefined },
          field('losingCarrierName', 'Losing carrier'),
          // Vitcom never echoes the wireless PIN, so whether one was given cannot be shown.
          { key: 'wirelessPin', label: 'Wireless PIN', masked: true, value: undefined },
          field('requestedFocDate', 'Requested FOC date'),
          field('actualFocDate', 'FOC date'),
          field('lastModifiedDate', 'Last changed'),
        ],
        values,
        documents: [
          { kind: 'loa', label: 'Letter of authorisation (LOA)', file: row.loaUrl?.split('/').pop(), attached: row.loaUrl !== undefined },
          { kind: 'carrier_doc', label: 'Carrier document', file: row.carrierDocUrl?.split('/').pop(), attached: row.carrierDocUrl !== undefined },
        ],
        rejection:
          order.status === 'rejected'
            ? { reason: order.rejectionReason ?? 'Vitcom gave no reason', fields: vitcomFieldsNamedBy(order.rejectionReason), details: [field('losingCarrierName', 'Losing carrier')] }
            : undefined,
        asOf: client.now(),
      }
    },
  }
}
