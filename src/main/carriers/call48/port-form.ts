/**
 * Call48's port form: the documented `submit-port-details` body (carrier-docs call48-api-v4.txt, "SUBMIT
 * PORT DETAILS": `did_type`, `account_id`, `numbers`, `port_req_detail` with its fields) and the
 * `update-request` detail, checked before anything is sent. Numbers may be written in any format; dates as
 * the doc writes them (UTC for the desired FOC date, Eastern time for the activation date) or as a plain
 * YYYY-MM-DD, which is sent as midnight UTC and noon Eastern. The PIN (`cust_acc_pin`) and the forwarding
 * device password are secrets: masked in every summary and scrubbed from every message.
 */
import { z } from 'zod'
import type { PortFieldSpec, PortFormSpec } from '../../../shared/ports'
import { numberTypeOf, toE164 } from '../kit/phone'
import { portBodyError, portFieldsError, portSummary, secretValues } from '../kit/ports'
import type { ParsedPortOrder } from '../adapter'
import type { PortDidType, PortRequestDetailInput, PortSubmitForwarding } from './client'
import { call48Number } from './mapping'

const detail = (key: string): string => `port_req_detail.${key}`

const fields: PortFieldSpec[] = [
  { key: 'did_type', label: 'Number type', required: true, kind: 'select', options: ['LCL', 'TF', 'INTL'], default: 'LCL', group: 'order', submitOnly: true, help: 'LCL local, TF toll-free, INTL international' },
  { key: detail('cust_acc_name'), label: 'Account name', required: true, kind: 'text', group: 'account' },
  { key: detail('cust_acc_type'), label: 'Account type', required: true, kind: 'select', options: ['BIZ', 'RES'], default: 'BIZ', group: 'account' },
  { key: detail('cust_acc_number'), label: 'Account number', required: true, kind: 'text', group: 'account', help: 'At the losing carrier' },
  { key: detail('cust_acc_pin'), label: 'Account PIN', required: false, kind: 'secret', group: 'account', help: 'Never stored by CarrierDesk' },
  { key: detail('cust_authorized_name'), label: 'Authorised name', required: true, kind: 'text', group: 'account' },
  { key: detail('btn'), label: 'Billing telephone number (BTN)', required: true, kind: 'text', group: 'account' },
  { key: detail('address_number'), label: 'House number', required: true, kind: 'text', group: 'address' },
  { key: detail('address_direction_prefix'), label: 'Direction prefix', required: false, kind: 'text', group: 'address' },
  { key: detail('address_street_name'), label: 'Street', required: true, kind: 'text', group: 'address' },
  { key: detail('address_street_name_suffix'), label: 'Street suffix', required: false, kind: 'text', group: 'address' },
  { key: detail('address_direction_suffix'), label: 'Direction suffix', required: false, kind: 'text', group: 'address' },
  { key: detail('address_loc_designator'), label: 'Location designator', required: true, kind: 'text', default: 'Suite', group: 'address', help: 'Suite, Unit, Floor…' },
  { key: detail('address_loc_value'), label: 'Location', required: false, kind: 'text', group: 'address' },
  { key: detail('city'), label: 'City', required: true, kind: 'text', group: 'address' },
  { key: detail('state'), label: 'State', required: true, kind: 'text', group: 'address', help: 'Two letters' },
  { key: detail('postal_code'), label: 'ZIP', required: true, kind: 'text', group: 'address' },
  { key: detail('desired_foc_date'), label: 'Desired FOC date', required: true, kind: 'date', group: 'activation' },
  { key: detail('activation_type'), label: 'Activation', required: true, kind: 'select', options: ['Auto', 'Manual', 'Scheduled'], default: 'Auto', group: 'activation' },
  { key: detail('activation_date'), label: 'Activation date', required: true, kind: 'date', group: 'activation', help: 'Noon Eastern when only a date is given' },
  { key: detail('email_updates'), label: 'E-mail updates to', required: false, kind: 'email', group: 'activation' },
  { key: detail('notes'), label: 'Notes', required: false, kind: 'text', group: 'activation' },
  { key: detail('tags'), label: 'Tags', required: false, kind: 'text', group: 'activation' },
]

/** Fields of the body the form does not show but ORDER.json may hold (doc: `fwd_*`), for the summary. */
const hiddenFields: PortFieldSpec[] = [
  { key: 'account_id', label: 'Internal customer', required: false, kind: 'text', group: 'order', submitOnly: true },
  { key: detail('fwd_preconfigured'), label: 'Forwarding preconfigured', required: false, kind: 'text', group: 'activation', submitOnly: true },
  { key: detail('fwd_trunk_grpid'), label: 'Forward to trunk group', required: false, kind: 'text', group: 'activation', submitOnly: true },
  { key: detail('fwd_sip_type'), label: 'SIP number format', required: false, kind: 'text', group: 'activation', submitOnly: true },
  { key: detail('fwd_order'), label: 'Forwarding order', required: false, kind: 'text', group: 'activation', submitOnly: true },
  { key: detail('fwd_answering_mode'), label: 'Answering mode', required: false, kind: 'text', group: 'activation', submitOnly: true },
  { key: detail('fwd_device_password'), label: 'Device password', required: false, kind: 'secret', group: 'activation', submitOnly: true },
]

/** The doc names no limits for port documents; 10 MB of PDF, PNG or JPG, as the carrier's portal takes. */
export const call48PortForm: PortFormSpec = {
  fields,
  numbersKey: 'numbers',
  documents: [
    { kind: 'loa', label: 'Letter of authorisation (LOA)', required: false },
    { kind: 'bill', label: 'Copy of a bill', required: false },
    { kind: 'csr', label: 'Customer service record (CSR)', required: false },
  ],
  documentsSentWith: 'order',
  documentTypes: ['pdf', 'png', 'jpg'],
  maxDocumentBytes: 10 * 1024 * 1024,
  resubmit: 'edit',
}

/** Rejection codes (`Rejection reason ACCN : ...`) and the form fields each names. */
const rejectionFields: Record<string, string[]> = {
  ACCN: [detail('cust_acc_number')],
  PIN: [detail('cust_acc_pin')],
  NAME: [detail('cust_authorized_name')],
  ADDR: [detail('address_number'), detail('address_street_name'), detail('city'), detail('postal_code')],
  BTN: [detail('btn')],
}

/** The fields a Call48 rejection names (`Rejection reason ADDR : ...`), by form key. */
export function fieldsNamedBy(reason: string | undefined): string[] {
  const codes = [...(reason ?? '').matchAll(/Rejection reason\s+([A-Z]+)\s*:/g)].map((match) => match[1] ?? '')
  return [...new Set(codes.flatMap((code) => rejectionFields[code] ?? []))]
}

const Scalar = z.union([z.string(), z.number()])
const required = (max: number) =>
  Scalar.transform((value) => String(value).trim()).pipe(z.string().min(1, 'Required').max(max, `At most ${max} characters`))
const optional = (max: number) =>
  z
    .union([Scalar, z.null()])
    .optional()
    .transform((value) => (value === null || value === undefined || String(value).trim() === '' ? undefined : String(value).trim()))
    .pipe(z.string().max(max, `At most ${max} characters`).optional())

const dateOnly = /^\d{4}-\d{2}-\d{2}$/

/** "-04:00" or "-05:00": New York's offset from UTC at noon of a day. */
function easternOffset(day: string): string {
  const noonUtc = Date.parse(`${day}T16:00:00Z`)
  const name = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'shortOffset' })
    .formatToParts(noonUtc)
    .find((part) => part.type === 'timeZoneName')?.value
  const hours = Number(/GMT([+-]\d+)/.exec(name ?? '')?.[1] ?? -5)
  return `${hours < 0 ? '-' : '+'}${String(Math.abs(hours)).padStart(2, '0')}:00`
}

/** A date as the doc writes it, from YYYY-MM-DD (midnight UTC, or noon Eastern) or a full ISO 8601 time. */
const docDate = (zone: 'utc' | 'eastern') =>
  z
    .string({ message: 'A date, YYYY-MM-DD or ISO 8601' })
    .trim()
    .transform((value, context) => {
      if (dateOnly.test(value) && !Number.isNaN(Date.parse(value))) return zone === 'utc' ? `${value}T00:00:00Z` : `${value}T12:00:00${easternOffset(value)}`
      if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value))) return value
      context.addIssue({ code: 'custom', message: 'A date, YYYY-MM-DD or ISO 8601 (e.g. 2026-12-01T00:00:00Z)' })
      return z.NEVER
    })

/** An activation date as update-activation takes it (Eastern time), from YYYY-MM-DD or ISO 8601. */
export function easternActivationDate(value: string): string {
  const parsed = docDate('eastern').safeParse(value)
  if (!parsed.success) throw portFieldsError('The activation date', { activationDate: 'A date, YYYY-MM-DD or ISO 8601' })
  return parsed.data
}

const Btn = Scalar.transform((value, context) => {
  const e164 = toE164(String(value))
  if (!e164 || !e164.startsWith('+1')) {
    context.addIssue({ code: 'custom', message: 'A ten-digit NANP number' })
    return z.NEVER
  }
  return call48Number(e164)
})

const detailShape = {
  cust_acc_name: required(100),
  cust_authorized_name: required(100),
  cust_acc_type: z.enum(['RES', 'BIZ'], { message: 'RES or BIZ' }),
  cust_acc_number: required(40),
  cust_acc_pin: optional(20),
  activation_type: z.enum(['Auto', 'Manual', 'Scheduled'], { message: 'Auto, Manual or Scheduled' }).default('Auto'),
  address_direction_prefix: optional(20),
  address_direction_suffix: optional(20),
  address_street_name_suffix: optional(20),
  address_street_name: required(100),
  address_number: required(20),
  address_loc_value: optional(40),
  address_loc_designator: required(40),
  city: required(60),
  postal_code: Scalar.transform((value) => String(value).trim()).pipe(z.string().regex(/^\d{5}(-\d{4})?$/, 'A US ZIP code (12345 or 12345-6789)')),
  desired_foc_date: docDate('utc'),
  btn: Btn,
  state: z.string().trim().regex(/^[A-Za-z]{2}$/, 'Two letters, e.g. ND').transform((value) => value.toUpperCase()),
  activation_date: docDate('eastern'),
  email_updates: optional(200).pipe(z.email('An e-mail address').optional()),
  notes: optional(500),
  tags: optional(200),
}

const forwardingShape = {
  fwd_preconfigured: z.boolean().optional(),
  fwd_trunk_grpid: z.number().int().positive().optional(),
  fwd_sip_type: z.enum(['NA', '11', '10', 'E164', 'INTL', 'OPEN']).optional(),
  fwd_order: z.enum(['NA', 'ALS', 'SIML', 'RND']).optional(),
  fwd_answering_mode: z.enum(['NA', 'REJ', 'RO', 'FO', 'RTF', 'VO', 'RTV', 'FV', 'RFV']).optional(),
  fwd_device_password: optional(60),
}

const SubmitBody = z
  .object({
    did_type: z.enum(['LCL', 'TF', 'INTL'], { message: 'LCL, TF or INTL' }),
    account_id: z.number().int().positive().optional(),
    numbers: z.array(Scalar, { message: 'A list of numbers' }).min(1, 'At least one number').max(500, 'At most 500 numbers per order'),
    port_req_detail: z.object({ ...detailShape, ...forwardingShape }).strict(),
  })
  .strict()

const expectedType: Record<PortDidType, ReturnType<typeof numberTypeOf>> = { LCL: 'local', TF: 'toll-free', INTL: 'international' }

/** What the Call48 adapter sends for a new port, as the client takes it. */
export interface Call48PortOrder {
  didType: PortDidType
  accountId?: number | undefined
  numbers: string[]
  detail: PortRequestDetailInput
  forwarding: PortSubmitForwarding
}

/** A new port's body (ORDER.json), checked and normalised (numbers to E.164 and back, dates as the doc writes them). */
export function parseCall48Order(body: unknown): ParsedPortOrder {
  const parsed = SubmitBody.safeParse(body)
  if (!parsed.success) throw portBodyError(parsed.error, 'The Call48 port order')
  const { did_type: didType, account_id: accountId, port_req_detail: raw } = parsed.data
  const problems: Record<string, string> = {}
  const numbers: string[] = []
  parsed.data.numbers.forEach((value, index) => {
    const e164 = toE164(String(value))
    if (!e164) problems[`numbers.${index}`] = `${String(value)} is not a phone number`
    else if (numberTypeOf(e164) !== expectedType[didType]) problems[`numbers.${index}`] = `${e164} is not a ${expectedType[didType]} number (did_type ${didType})`
    else if (!numbers.includes(e164)) numbers.push(e164)
  })
  if (Object.keys(problems).length > 0) throw portFieldsError('The Call48 port order', problems)
  const { fwd_preconfigured, fwd_trunk_grpid, fwd_sip_type, fwd_order, fwd_answering_mode, fwd_device_password, ...detailValues } = raw
  const order: Call48PortOrder = {
    didType,
    accountId,
    numbers,
    detail: detailValues,
    forwarding: { fwd_preconfigured, fwd_trunk_grpid, fwd_sip_type, fwd_order, fwd_answering_mode, fwd_device_password },
  }
  const sent = { did_type: didType, account_id: accountId, numbers: numbers.map(call48Number), port_req_detail: raw }
  const all = [...fields, ...hiddenFields]
  return { numbers, summary: portSummary(all, sent), secrets: secretValues(all, sent), body: order }
}

const ChangesDetail = z.object(detailShape).partial().strict()

/**
 * An edit's changes: some or all of `port_req_detail`'s fields, bare or under `port_req_detail` (as the
 * doc's update-request body holds them). The adapter lays them over the order's current detail.
 */
export function parseCall48Changes(changes: unknown): ParsedPortOrder {
  const inner =
    typeof changes === 'object' && changes !== null && !Array.isArray(changes) && 'port_req_detail' in changes && Object.keys(changes).length === 1
      ? (changes as { port_req_detail: unknown }).port_req_detail
      : changes
  // Only what was given is changed: the defaults of a new order do not apply to an edit.
  const given = typeof inner === 'object' && inner !== null ? Object.keys(inner) : []
  const parsed = ChangesDetail.safeParse(inner)
  if (!parsed.success) throw portBodyError(parsed.error, 'The Call48 port changes', 'port_req_detail')
  const values = Object.fromEntries(Object.entries(parsed.data).filter(([key, value]) => given.includes(key) && value !== undefined))
  if (Object.keys(values).length === 0) throw portFieldsError('The Call48 port changes', { '(body)': 'No field to change' })
  const sent = { port_req_detail: values }
  return { numbers: [], summary: portSummary(fields, sent), secrets: secretValues(fields, sent), body: values as Partial<PortRequestDetailInput> }
}
