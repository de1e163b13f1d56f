/**
 * zod schemas for Vitcom / TelecomCloud answers. Tolerant of the variants listed in the carrier-docs README
 * (string or numeric `status`, `DIDs`/`Numbers`, `TN`/`RateCenter`/`category`, comma-joined TN lists) and of
 * fields the document's examples leave out; strict about what matters: ten-digit numbers, ids, amounts,
 * dates and statuses. Outputs are camel-cased, typed values; the carrier's own record stays in `raw`.
 */
import { z } from 'zod'
import { trafficCountsOf } from '../kit/traffic'

/** A value the service writes as a string but that may arrive as a JSON number. */
export const Text = z.union([z.string(), z.number()]).transform((value) => String(value).trim())

/** An optional text field: absent, null or blank all mean "not given". */
export const OptionalText = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value) => {
    if (value === null || value === undefined) return undefined
    const text = String(value).trim()
    return text === '' ? undefined : text
  })

/**
 * A NANP number as ten digits. The doc asks for 10 digits in origination calls and 11 in LNP calls, and
 * client code has seen `+1...`: all three are accepted, anything else is refused.
 */
export function tenDigitsOf(value: string): string | undefined {
  const digits = value.trim().replace(/^\+/, '')
  if (/^\d{10}$/.test(digits)) return digits
  if (/^1\d{10}$/.test(digits)) return digits.slice(1)
  return undefined
}

export const TenDigits = Text.transform((value, context) => {
  const tn = tenDigitsOf(value)
  if (tn === undefined) {
    context.addIssue({ code: 'custom', message: `"${value.slice(0, 20)}" is not a 10-digit number` })
    return z.NEVER
  }
  return tn
})

/**
 * A list of numbers. The doc's examples show `["XXXXXXXXXX , XXXXXXXXXX"]` (several numbers in one string)
 * and `[{ "X","Y" }]` (not JSON); one number per element, comma-joined strings, nested arrays and objects
 * of numbers are all flattened (carrier-docs README: "Several doc examples are not valid JSON").
 */
const NumberListItem = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()])), z.record(z.string(), z.union([z.string(), z.number()]))])
export const NumberList = z
  .union([z.array(NumberListItem), z.string(), z.null()])
  .optional()
  .transform((value, context) => {
    if (value === null || value === undefined) return []
    const parts: string[] = []
    const add = (item: string | number): void => {
      for (const part of String(item).split(',')) if (part.trim() !== '') parts.push(part.trim())
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string' || typeof item === 'number') add(item)
      else if (Array.isArray(item)) item.forEach(add)
      else Object.values(item).forEach(add)
    }
    const numbers: string[] = []
    for (const part of parts) {
      const tn = tenDigitsOf(part)
      if (tn === undefined) {
        context.addIssue({ code: 'custom', message: `"${part.slice(0, 20)}" is not a 10-digit number` })
        return z.NEVER
      }
      numbers.push(tn)
    }
    return [...new Set(numbers)]
  })

/** "12.50" (also "-3.00" and plain numbers) as a number of dollars. */
export const Money = Text.transform((value, context) => {
  if (!/^-?\d+(\.\d+)?$/.test(value)) {
    context.addIssue({ code: 'custom', message: `"${value.slice(0, 20)}" is not an amount` })
    return z.NEVER
  }
  return Number(value)
})
export const OptionalMoney = OptionalText.transform((value, context) => {
  if (value === undefined) return undefined
  if (!/^-?\d+(\.\d+)?$/.test(value)) {
    context.addIssue({ code: 'custom', message: `"${value.slice(0, 20)}" is not an amount` })
    return z.NEVER
  }
  return Number(value)
})

/** An id the service writes as digits ("3", "700123"). */
export const Id = Text.refine((value) => /^\d+$/.test(value), { message: 'not a numeric id' })

const dateTimePattern = /^(\d{4})-(\d{2})-(\d{1,2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?Z?)?$/

/**
 * The service's timestamps: "2015-01-26 11:58:02" (UTC), "2015-04-29T03:31:05Z" (LNP `lastModifiedDate`),
 * "2015-04-29" and the monthly summary's "2015-02-1". Returned as ISO 8601 in UTC.
 */
export function isoOf(value: string): string | undefined {
  const match = dateTimePattern.exec(value.trim())
  if (!match) return undefined
  const [, year, month, day, hour, minute, second] = match
  const at = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour ?? 0), Number(minute ?? 0), Number(second ?? 0))
  return Number.isNaN(at) ? undefined : new Date(at).toISOString()
}

export const DateTime = Text.transform((value, context) => {
  const iso = isoOf(value)
  if (iso === undefined) {
    context.addIssue({ code: 'custom', message: `"${value.slice(0, 30)}" is not a date` })
    return z.NEVER
  }
  return iso
})
export const OptionalDateTime = OptionalText.transform((value, context) => {
  if (value === undefined) return undefined
  const iso = isoOf(value)
  if (iso === undefined) {
    context.addIssue({ code: 'custom', message: `"${value.slice(0, 30)}" is not a date` })
    return z.NEVER
  }
  return iso
})

/** An absolute http(s) URL (downloads: CDR CSVs, invoices, port documents, trunk sheets). */
export const Url = Text.refine((value) => /^https?:\/\/\S+$/i.test(value), { message: 'not a download URL' })

// ---- Envelope --------------------------------------------------------------------------------------------

/**
 * Every answer: a string `status` and, on failure, an `error`. A call failed unless status is "200"/"201"
 * and no `error` key is present (carrier-docs README).
 */
export const Envelope = z.looseObject({ status: Text, error: z.unknown().optional() })

// ---- Origination: availability ---------------------------------------------------------------------------

export const StateAvailabilityAnswer = z.looseObject({
  data: z.array(Text.refine((value) => /^[A-Za-z]{2}$/.test(value), { message: 'not a state code' }).transform((value) => value.toUpperCase())),
})

export const NpanxxRow = z
  .looseObject({ NPANXX: Text.refine((value) => /^\d{6}$/.test(value), { message: 'not an NPANXX' }), NPA: OptionalText, RateCenter: OptionalText })
  .transform((row) => ({ npanxx: row.NPANXX, npa: row.NPA ?? row.NPANXX.slice(0, 3), rateCenter: row.RateCenter }))
export const NpanxxAvailabilityAnswer = z.looseObject({ data: z.array(NpanxxRow) })
export type NpanxxAvailability = z.output<typeof NpanxxRow>

/** One available number: `TN` (+ `statusid`), or the `Numbers` variant's `TN`/`RateCenter`/`category`. */
export const AvailableTnRow = z
  .looseObject({ TN: TenDigits, statusid: OptionalText, RateCenter: OptionalText, category: OptionalText })
  .transform((row) => ({ tn: row.TN, statusId: row.statusid, rateCenter: row.RateCenter, category: row.category }))
export type AvailableTn = z.output<typeof AvailableTnRow>

/** searchdid answers `DIDs` in the doc and `Numbers` in client code (carrier-docs README): either is taken. */
export const SearchDidAnswer = z
  .looseObject({ DIDs: z.array(AvailableTnRow).optional(), Numbers: z.array(AvailableTnRow).optional() })
  .refine((answer) => answer.DIDs !== undefined || answer.Numbers !== undefined, { message: 'neither DIDs nor Numbers in the answer' })
  .transform((answer) => answer.DIDs ?? answer.Numbers ?? [])

/** searchtfn answers `TFNs`; `Numbers` is accepted as for searchdid. */
export const SearchTfnAnswer = z
  .looseObject({ TFNs: z.array(AvailableTnRow).optional(), Numbers: z.array(AvailableTnRow).optional() })
  .refine((answer) => answer.TFNs !== undefined || answer.Numbers !== undefined, { message: 'neither TFNs nor Numbers in the answer' })
  .transform((answer) => answer.TFNs ?? answer.Numbers ?? [])

// ---- Origination: trunk groups ---------------------------------------------------------------------------

export const OriginationTrunkRow = z
  .looseObject({
    id: Id,
    title: OptionalText,
    primaryIP: OptionalText,
    primaryPort: OptionalText,
    prefix_1: OptionalText,
    secondaryIP: OptionalText,
    secondaryPort: OptionalText,
    prefix_2: OptionalText,
    date: OptionalDateTime,
    req_sessions: OptionalText,
    alloc_sessions: OptionalText,
    status: Text,
    billingType: OptionalText,
  })
  .transform((row) => ({
    id: row.id,
    title: row.title ?? '',
    primaryIp: row.primaryIP,
    primaryPort: row.primaryPort,
    primaryPrefix: row.prefix_1,
    secondaryIp: row.secondaryIP,
    secondaryPort: row.secondaryPort,
    secondaryPrefix: row.prefix_2,
    createdAt: row.date,
    requestedSessions: row.req_sessions,
    allocatedSessions: row.alloc_sessions,
    status: row.status,
    billingType: row.billingType,
    raw: row as Record<string, unknown>,
  }))
export type OriginationTrunk = z.output<typeof OriginationTrunkRow>
export const OriginationTrunksAnswer = z.looseObject({ data: z.array(OriginationTrunkRow) })

/** defineTrunk / defineTrunk_termination: the doc shows only `success`; the new id is taken when answered. */
export const DefineTrunkAnswer = z
  .looseObject({ success: OptionalText, trunkid: OptionalText, tg_id: OptionalText, id: OptionalText })
  .transform((answer) => ({ message: answer.success ?? 'Trunk group added', trunkId: answer.trunkid ?? answer.tg_id ?? answer.id }))

export const UpdateTrunkAnswer = z
  .looseObject({ success: OptionalText, trunkid: OptionalText })
  .transform((answer) => ({ message: answer.success ?? 'Trunk updated', trunkId: answer.trunkid }))

// ---- Origination: cart and orders ------------------------------------------------------------------------

/** reserve / bulkreserve: the cart's `reserveId` and the numbers now held in it. */
export const ReserveAnswer = z
  .looseObject({ reserveId: Id, TNs: NumberList })
  .transform((answer) => ({ reserveId: answer.reserveId, numbers: answer.TNs }))
export type Reservation = z.output<typeof ReserveAnswer>

export const RemoveReservedAnswer = z
  .looseObject({ 'Removed TNs': NumberList, 'TNs not available': NumberList })
  .transform((answer) => ({ removed: answer['Removed TNs'], notAvailable: answer['TNs not available'] }))

/** Money fields shared by gen_order, generate_lnp_order and the order listings. */
const chargeFields = {
  amount: OptionalMoney,
  per_order_cost: OptionalMoney,
  taxes: OptionalMoney,
  other_charges: OptionalMoney,
  discount: OptionalMoney,
}

/**
 * gen_order (also `generate_new_order`). The doc's example repeats `status` ("200" then the order's "1");
 * the simulator answers the order's as `orderStatus`. The id is `orderId` (doc) or `orderno` (listings).
 */
export const GeneratedOrderAnswer = z
  .looseObject({
    orderId: OptionalText,
    orderno: OptionalText,
    success: OptionalText,
    date: OptionalDateTime,
    tg_id: OptionalText,
    orderType: OptionalText,
    didCategory: OptionalText,
    didType: OptionalText,
    orderStatus: OptionalText,
    numbers: NumberList,
    ...chargeFields,
  })
  .refine((answer) => answer.orderId !== undefined || answer.orderno !== undefined, { message: 'no orderId in the answer', path: ['orderId'] })
  .transform((answer) => ({
    orderId: (answer.orderId ?? answer.orderno) as string,
    message: answer.success,
    createdAt: answer.date,
    trunkId: answer.tg_id,
    amount: answer.amount,
    numbers: answer.numbers,
    raw: answer as Record<string, unknown>,
  }))
export type GeneratedOrder = z.output<typeof GeneratedOrderAnswer>

export const ProcessOrderAnswer = z
  .looseObject({ success: OptionalText, orderId: OptionalText })
  .transform((answer) => ({ message: answer.success ?? 'Order processed', orderId: answer.orderId }))

/** One order of get_new_orders. `status` "1" is processed; "0" generated and waiting (simulator). */
export const NewOrderRow = z
  .looseObject({
    orderno: Id,
    date: OptionalDateTime,
    tg_id: OptionalText,
    orderType: OptionalText,
    didCategory: OptionalText,
    didType: OptionalText,
    sessions: OptionalText,
    status: Text,
    numbers: NumberList,
    ...chargeFields,
  })
  .transform((row) => ({
    orderId: row.orderno,
    createdAt: row.date,
    trunkId: row.tg_id,
    orderType: row.orderType,
    category: row.didCategory,
    status: row.status,
    amount: row.amount,
    numbers: row.numbers,
    raw: row as Record<string, unknown>,
  }))
export type NewOrder = z.output<typeof NewOrderRow>
/** The order listings answer `Orders` (doc); `data` is accepted like the other listings. */
export const NewOrdersAnswer = z
  .looseObject({ Orders: z.array(NewOrderRow).optional(), data: z.array(NewOrderRow).optional() })
  .transform((answer) => answer.Orders ?? answer.data ?? [])

// ---- Origination: my numbers -----------------------------------------------------------------------------

/** One getnumbers row; `didnumber` must be a number, the rest is shown as given. */
export const MyNumberRow = z
  .looseObject({
    didnumber: TenDigits,
    trunkGroup: OptionalText,
    prefix1: OptionalText,
    trunkGroup2: OptionalText,
    prefix2: OptionalText,
    didRate: OptionalMoney,
    didType: OptionalText,
    orderType: OptionalText,
    status: Text,
    cnam: OptionalText,
    trunkId: OptionalText,
    category: OptionalText,
    orderno: OptionalText,
  })
  .transform((row) => ({
    tn: row.didnumber,
    status: row.status,
    trunkId: row.trunkId,
    trunkIp: row.trunkGroup,
    category: row.category,
    monthlyRate: row.didRate,
    cnam: row.cnam,
    orderNo: row.orderno,
    raw: row as Record<string, unknown>,
  }))
export type MyNumber = z.output<typeof MyNumberRow>

export const UpdateNumberAnswer = z.looseObject({ success: OptionalText }).transform((answer) => ({ message: answer.success ?? 'Updated' }))

// ---- Origination: LNP ------------------------------------------------------------------------------------

export const CheckLnpAnswer = z
  .looseObject({ accepted: NumberList, rejected: NumberList })
  .transform((answer) => ({ accepted: answer.accepted, rejected: answer.rejected }))

export const GenerateLnpOrderAnswer = z
  .looseObject({
    orderNo: OptionalText,
    orderno: OptionalText,
    orderId: OptionalText,
    success: OptionalText,
    date: OptionalDateTime,
    acceptedTns: NumberList,
    rejectedTns: NumberList,
    ...chargeFields,
  })
  .refine((answer) => (answer.orderNo ?? answer.orderno ?? answer.orderId) !== undefined, { message: 'no orderNo in the answer', path: ['orderNo'] })
  .transform((answer) => ({
    orderNo: (answer.orderNo ?? answer.orderno ?? answer.orderId) as string,
    message: answer.success,
    createdAt: answer.date,
    amount: answer.amount,
    accepted: answer.acceptedTns,
    rejected: answer.rejectedTns,
  }))
export type LnpOrderCreated = z.output<typeof GenerateLnpOrderAnswer>

export const LnpOrderRow = z
  .looseObject({
    orderno: Id,
    date: OptionalDateTime,
    status: Text,
    portStatus: OptionalText,
    rejectionReason: OptionalText,
    requestedFocDate: OptionalDateTime,
    actualFocDate: OptionalDateTime,
    numbers: NumberList,
    loaAuthorizingPerson: OptionalText,
    losingCarrierName: OptionalText,
    lastModifiedDate: OptionalDateTime,
    loa: OptionalText,
    carrier_doc: OptionalText,
    ...chargeFields,
  })
  .transform((row) => ({
    orderNo: row.orderno,
    createdAt: row.date,
    status: row.status,
    stage: row.portStatus,
    rejectionReason: row.rejectionReason,
    requestedFocDate: row.requestedFocDate,
    actualFocDate: row.actualFocDate,
    numbers: row.numbers,
    losingCarrier: row.losingCarrierName,
    lastModifiedAt: row.lastModifiedDate,
    loaUrl: row.loa,
    carrierDocUrl: row.carrier_doc,
    amount: row.amount,
    raw: row as Record<string, unknown>,
  }))
export type LnpOrder = z.output<typeof LnpOrderRow>
export const LnpOrdersAnswer = z
  .looseObject({ Orders: z.array(LnpOrderRow).optional(), data: z.array(LnpOrderRow).optional() })
  .transform((answer) => answer.Orders ?? answer.data ?? [])

// ---- Statistics ------------------------------------------------------------------------------------------

/**
 * One row of did_stats, tg_stats, monthly_summary and their termination twins. The doc shows every value as
 * a string ("XX%" for ASR, "XXXX" for ACD); each is read on its own (kit/traffic.ts), so an empty, missing or
 * unreadable value is unknown (null) without failing the rest of the report.
 */
export const StatsRow = z
  .looseObject({
    number: OptionalText,
    tg_id: OptionalText,
    month: OptionalText,
  })
  .transform((row) => ({
    subject: row.tg_id ?? row.number ?? '',
    month: row.month === undefined ? undefined : isoOf(row.month)?.slice(0, 7),
    ...trafficCountsOf(row as Record<string, unknown>),
  }))
export type TrafficStats = z.output<typeof StatsRow>
export const StatsAnswer = z.looseObject({ data: z.array(StatsRow) })

// ---- Daily CDR files -------------------------------------------------------------------------------------

export const DailyCdrRow = z
  .looseObject({ date: DateTime, success: OptionalText, failed: OptionalText })
  .transform((row) => ({ day: row.date.slice(0, 10), successUrl: row.success, failedUrl: row.failed }))
export type DailyCdrFiles = z.output<typeof DailyCdrRow>
export const DailyCdrsAnswer = z.looseObject({ data: z.array(DailyCdrRow) })

// ---- Termination -----------------------------------------------------------------------------------------

export const TerminationTrunkRow = z
  .looseObject({
    id: Id,
    title: OptionalText,
    ipaddress: Text,
    ports: OptionalText,
    cps: OptionalText,
    ports_assigned: OptionalText,
    cps_assigned: OptionalText,
    config: OptionalText,
    status: Text,
  })
  .transform((row) => ({
    id: row.id,
    title: row.title,
    ipAddress: row.ipaddress,
    ports: row.ports,
    cps: row.cps,
    portsAssigned: row.ports_assigned,
    cpsAssigned: row.cps_assigned,
    configUrl: row.config,
    status: row.status,
    raw: row as Record<string, unknown>,
  }))
export type TerminationTrunk = z.output<typeof TerminationTrunkRow>
export const TerminationTrunksAnswer = z.looseObject({ data: z.array(TerminationTrunkRow) })

/** The doc answers the disable under "Removed TNs" ("Diabled Successfully", sic). */
export const DisableTrunkAnswer = z
  .looseObject({ success: OptionalText, 'Removed TNs': OptionalText })
  .transform((answer) => ({ message: answer.success ?? answer['Removed TNs'] ?? 'Disabled' }))

// ---- Billing ---------------------------------------------------------------------------------------------

export const InvoiceRow = z
  .looseObject({ date: DateTime, file: Url, invoiceno: OptionalText, amount: OptionalMoney })
  .transform((row) => ({ date: row.date, url: row.file, invoiceNo: row.invoiceno, amount: row.amount }))
export type Invoice = z.output<typeof InvoiceRow>
export const InvoicesAnswer = z.looseObject({ data: z.array(InvoiceRow) })

export const FinancialActivityRow = z
  .looseObject({ date: DateTime, activity: Text, debit: Money, credit: Money, balance: Money })
  .transform((row) => ({ date: row.date, activity: row.activity, debit: row.debit, credit: row.credit, balance: row.balance }))
export type FinancialActivity = z.output<typeof FinancialActivityRow>
export const FinancialSummaryAnswer = z.looseObject({ data: z.array(FinancialActivityRow) })

export const PaymentRow = z
  .looseObject({
    date: DateTime,
    referenceno: Text,
    funded_amount: Money,
    charges: Money,
    amount: Money,
    method: Text,
    status: Text,
  })
  .transform((row) => ({
    date: row.date,
    referenceNo: row.referenceno,
    fundedAmount: row.funded_amount,
    charges: row.charges,
    amount: row.amount,
    method: row.method,
    status: row.status,
  }))
export type Payment = z.output<typeof PaymentRow>
export const PaymentsAnswer = z.looseObject({ data: z.array(PaymentRow) })

export const MakePaymentAnswer = z
  .looseObject({ success: OptionalText, referenceno: OptionalText })
  .transform((answer) => ({ message: answer.success ?? 'Payment added', referenceNo: answer.referenceno }))
