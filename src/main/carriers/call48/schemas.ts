/**
 * Zod schemas of Call48 API v4 answers (carrier-docs/call48-api-v4.txt).
 *
 * Tolerant where the doc and the service vary (carrier-docs/README.md, Call48): numbers and amounts come as
 * strings or numbers, several samples omit `code`/`message`, search items carry undocumented fields
 * (`did_id`, `did_number`, per-item `setup`/`monthly`). Strict about what matters: the digits of a number,
 * ids, statuses and amounts. Records keep unknown fields (`looseObject`) so detail views see all of them;
 * secrets are stripped later (mapping.ts `withoutSecrets`).
 */
import { z } from 'zod'

/** `{code, message, error, data}`; every part optional because samples omit some (README, Call48). */
export const EnvelopeSchema = z.looseObject({
  code: z.coerce.number().int().optional(),
  message: z.unknown().optional(),
  error: z.unknown().optional(),
  data: z.unknown().optional(),
})
export type Envelope = z.infer<typeof EnvelopeSchema>

/** An amount: `"2.00000"`, `"4.6"`, `0.00417`. */
export const MoneySchema = z.union([z.number(), z.string().trim().min(1)]).transform((value, context) => {
  const amount = typeof value === 'number' ? value : Number(value)
  if (!Number.isFinite(amount)) {
    context.addIssue({ code: 'custom', message: `not an amount: ${String(value)}` })
    return z.NEVER
  }
  return amount
})

/** A whole-number id that may come as a string (`"6720"`, `"7"`). */
export const IdSchema = z.union([z.number().int(), z.string().trim().regex(/^\d+$/).transform(Number)])
const Digits = (length: number) => z.coerce.string().regex(new RegExp(`^\\d{${length}}$`), `${length} digits`)
const OptionalText = z.string().nullable().optional()
/** `"true"`/`"false"`, `true`/`false`, `"yes"`/`"no"`. */
export const FlagSchema = z.union([z.boolean(), z.string()]).transform((value) =>
  typeof value === 'boolean' ? value : ['true', 'yes', '1', 'y'].includes(value.trim().toLowerCase()),
)

export const LoginDataSchema = z.looseObject({ token: z.string().min(1) })

// ---- Search and purchase -------------------------------------------------------------------------------

export const SearchNumberSchema = z.looseObject({
  npa: Digits(3),
  nxx: Digits(3),
  xxxx: Digits(4),
  did_id: IdSchema.optional(),
  did: OptionalText,
  did_number: OptionalText,
  number: OptionalText,
  fax: FlagSchema.optional(),
  tier: z.coerce.number().optional(),
  type: OptionalText,
  state: OptionalText,
  ratecenter: OptionalText,
  lata: z.coerce.string().nullable().optional(),
  locData: z.string().min(1).optional(),
  setup: MoneySchema.optional(),
  monthly: MoneySchema.optional(),
})
export type Call48SearchNumber = z.infer<typeof SearchNumberSchema>

export const SearchDataSchema = z.looseObject({
  result: z.array(SearchNumberSchema),
  loc: z.string().min(1),
  setup: MoneySchema.optional(),
  monthly: MoneySchema.optional(),
})

export const IntlGroupSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().min(1),
  prefix: z.coerce.string().min(1),
  features: z.array(z.string()).optional(),
  requirements: z.boolean().optional(),
  quantity: z.coerce.number().int().optional(),
  setup: MoneySchema.optional(),
  monthly: MoneySchema.optional(),
  countryName: OptionalText,
  country: z.string().min(2),
  iso: OptionalText,
  /** Echoed as `loc` when buying from this group. */
  intl_data: z.string().min(1),
})
export type Call48IntlGroup = z.infer<typeof IntlGroupSchema>
export const IntlSearchDataSchema = z.array(IntlGroupSchema)

/** Purchase, 411, payment...: `data: true` (or `"true"`). */
export const TrueDataSchema = z.union([z.literal(true), z.literal('true')]).transform(() => true as const)

// ---- Bulk purchase -------------------------------------------------------------------------------------

export const bulkStatuses = ['Q', 'P', 'C', 'E'] as const
export const BulkOrderSchema = z.looseObject({
  bulk_order_id: IdSchema,
  order_no: z.string().min(1),
  notes: OptionalText,
  status: z.enum(bulkStatuses),
  created_at: z.string(),
  order_type_id: z.coerce.number().int().optional(),
  did_event: OptionalText,
  assigned_to: OptionalText,
  partition_user: z.unknown().optional(),
  quantity: z.coerce.number().int().min(0),
  fulfilled_quantity: z.coerce.number().int().min(0),
})
export type Call48BulkOrder = z.infer<typeof BulkOrderSchema>
export const BulkOrderListSchema = z.looseObject({ count: z.coerce.number().int().min(0), rows: z.array(BulkOrderSchema) })

const CsvInt = z.string().trim().regex(/^\d+$/, 'a whole number').transform(Number)
export const BulkSummaryRowSchema = z.object({
  bulk_order_no: z.string().min(1),
  requested_quantity: CsvInt,
  fulfilled_quantity: CsvInt,
  search_lata: z.string(),
  search_npa: z.string(),
  search_state: z.string(),
  search_rate_center: z.string(),
  status: z.string(),
})
export type Call48BulkSummaryRow = z.infer<typeof BulkSummaryRowSchema>

export const BulkDidRowSchema = z.object({
  number: z.string().regex(/^1?\d{10}$/, 'a NANP number'),
  npa: z.string(),
  lata: z.string(),
  state: z.string(),
  ratecenter: z.string(),
})
export type Call48BulkDidRow = z.infer<typeof BulkDidRowSchema>

// ---- DIDs ----------------------------------------------------------------------------------------------

export const didTypes = ['local', 'toll', 'intl'] as const
export type Call48DidType = (typeof didTypes)[number]

export const DidSchema = z.looseObject({
  _id: IdSchema,
  /** Ten digits for US numbers; country code and number for international ones. */
  did: z.coerce.string().regex(/^\+?[\d-]{7,16}$/, 'a phone number'),
  number: OptionalText,
  npa: OptionalText,
  nxx: OptionalText,
  xxxx: OptionalText,
  fax: FlagSchema.optional(),
  type: z.enum(didTypes),
  portaAID: z.number().nullable().optional(),
  portaPRID: z.number().nullable().optional(),
  country: OptionalText,
  state: OptionalText,
  ratecenter: OptionalText,
  rateCenter: OptionalText,
  status: OptionalText,
  isDeleted: OptionalText,
  tags: OptionalText,
  cnamLookup: OptionalText,
  cnamDisplayname: OptionalText,
  cnamDisplaynumber: z.coerce.string().nullable().optional(),
  cnamType: OptionalText,
  e911Data: z.looseObject({ enabled: OptionalText }).nullable().optional(),
  faxData: z.looseObject({}).nullable().optional(),
  listing411Data: z.looseObject({ enabled: OptionalText }).nullable().optional(),
  forwardingData: z
    .looseObject({ fwd_trunk_grpid: z.coerce.number().nullable().optional(), answeringmode: z.coerce.string().nullable().optional() })
    .nullable()
    .optional(),
})
export type Call48Did = z.infer<typeof DidSchema>
/** `GET /dids` answers `total` beside `data` (README: paged listing; the doc's sample omits it). */
export const DidListBodySchema = z.looseObject({ data: z.array(DidSchema), total: z.coerce.number().int().min(0).optional() })

export const SuccessDataSchema = z.looseObject({ success: z.literal(true) })

// ---- Features ------------------------------------------------------------------------------------------

/** Update 911 answers the E911 record id (`"20312026"`) or `true`: both are successes (README: user reports). */
export const E911DataSchema = z.union([z.literal(true), z.literal('true'), z.coerce.string().regex(/^\d+$/)])
/** Update fax answers the fax service id. */
export const FaxDataSchema = z.union([z.literal(true), z.coerce.string().min(1)])

/** Forwarding answers in the OD shape (a list of descriptions) or the Porta shape (the Porta account). */
export const ForwardingDataSchema = z.union([
  z.array(z.looseObject({ description: z.string() })),
  z.looseObject({ login: z.coerce.string(), i_product: IdSchema.nullable().optional(), i_account: IdSchema.nullable().optional() }),
])

export const CnamDataSchema = z.looseObject({
  did_cnam_id: IdSchema,
  did_id: IdSchema,
  cnam_status: FlagSchema,
  cnam_type: OptionalText,
  display_name: OptionalText,
  display_number: z.coerce.string().nullable().optional(),
  is_billed: z.boolean().optional(),
  invoice_id: IdSchema.nullable().optional(),
  is_active: z.boolean().optional(),
  created_at: OptionalText,
  updated_at: OptionalText,
})
export type Call48Cnam = z.infer<typeof CnamDataSchema>

// ---- Trunk groups --------------------------------------------------------------------------------------

const TrunkCommon = {
  trunk_grpid: IdSchema,
  ext_tgid: IdSchema,
  trunk_name: z.string().min(1),
  route_type: OptionalText,
  num_format: z.coerce.string().nullable().optional(),
  cli_type: OptionalText,
  prefix: OptionalText,
  ss_verify: z.boolean().optional(),
}
export const CreatedTrunkGroupSchema = z.looseObject({
  ...TrunkCommon,
  trunk_ips: z.array(z.looseObject({ ip_address: z.string().min(1), port: z.coerce.number().int().optional() })),
  ext_tgstatus: OptionalText,
  order_no: OptionalText,
})
export type Call48CreatedTrunkGroup = z.infer<typeof CreatedTrunkGroupSchema>
export const TrunkGroupRowSchema = z.looseObject({
  ...TrunkCommon,
  trunk_ips: z.array(z.string().min(1)),
  account_id: IdSchema.optional(),
  account_username: OptionalText,
})
export type Call48TrunkGroup = z.infer<typeof TrunkGroupRowSchema>
export const TrunkGroupListSchema = z.looseObject({
  result: z.array(TrunkGroupRowSchema),
  totalRecords: z.coerce.number().int().min(0).optional(),
  enableNext: z.boolean().optional(),
})

// ---- Resources -----------------------------------------------------------------------------------------

export const CountrySchema = z.looseObject({
  country_id: IdSchema,
  name: z.string().min(1),
  code: z.string().min(2),
  code2: OptionalText,
  prefix: z.coerce.string(),
  req: OptionalText,
})
export type Call48Country = z.infer<typeof CountrySchema>
export const StateSchema = z.looseObject({ state_id: IdSchema, state_name: z.string(), state_code: z.string().length(2), country_id: IdSchema.optional() })
export type Call48State = z.infer<typeof StateSchema>
export const RateCenterSchema = z.looseObject({ footprint_id: IdSchema, rate_center: z.string().min(1) })
export type Call48RateCenter = z.infer<typeof RateCenterSchema>

// ---- Customers -----------------------------------------------------------------------------------------

export const CustomerSchema = z.looseObject({
  account_id: IdSchema,
  i_customer: IdSchema,
  login: z.string().min(1),
  email: OptionalText,
  firstname: OptionalText,
  lastname: OptionalText,
  companyname: OptionalText,
  is_active: z.boolean().optional(),
  status: OptionalText,
  credit_limit: MoneySchema.nullable().optional(),
  credit_limit_warning: MoneySchema.nullable().optional(),
  blocked: OptionalText,
})
export type Call48Customer = z.infer<typeof CustomerSchema>
export const CustomerListBodySchema = z.looseObject({ data: z.array(CustomerSchema), total: z.coerce.number().int().optional() })
export const CustomerRefSchema = z.looseObject({ i_customer: IdSchema })

export const DiscountPlanSchema = z.looseObject({
  i_vd_plan: IdSchema,
  name: z.string().min(1),
  description: OptionalText,
  iso_4217: OptionalText,
  reset_period: OptionalText,
  is_used: z.coerce.number().optional(),
})
export type Call48DiscountPlan = z.infer<typeof DiscountPlanSchema>

export const SubscriptionSchema = z.looseObject({
  subscription_id: IdSchema,
  i_subscription: IdSchema.optional(),
  i_customer_subscription: IdSchema.optional(),
  name: z.string(),
  status: z.string(),
  start_date: OptionalText,
  finish_date: OptionalText,
  effective_fee: MoneySchema.nullable().optional(),
  iso_4217: OptionalText,
  i_customer: IdSchema.optional(),
})
export type Call48Subscription = z.infer<typeof SubscriptionSchema>

// ---- XDRs ----------------------------------------------------------------------------------------------

export const XdrSchema = z.looseObject({
  i_xdr: IdSchema,
  CLI: z.coerce.string(),
  CLD: z.coerce.string(),
  connect_time: z.string(),
  disconnect_time: OptionalText,
  unix_connect_time: z.coerce.number().int(),
  unix_disconnect_time: z.coerce.number().int().optional(),
  charged_amount: MoneySchema,
  charged_quantity: z.coerce.number().optional(),
  disconnect_reason: OptionalText,
  disconnect_cause: z.coerce.string().nullable().optional(),
  call_id: OptionalText,
  description: OptionalText,
  country: OptionalText,
  service: OptionalText,
})
export type Call48Xdr = z.infer<typeof XdrSchema>
export const XdrPageSchema = z.looseObject({ xdr_list: z.array(XdrSchema), total: z.coerce.number().int().min(0) })

// ---- Port-in -------------------------------------------------------------------------------------------

export const PortabilitySchema = z.record(z.string(), z.boolean())
export const PortSubmittedSchema = z.looseObject({ port_req_id: IdSchema })

export const PortDetailSchema = z.looseObject({
  port_req_id: IdSchema,
  port_proposal_id: IdSchema.nullable().optional(),
  did_type_id: z.coerce.number().int().optional(),
  account_id: IdSchema.nullable().optional(),
  cust_acc_name: OptionalText,
  cust_acc_type: OptionalText,
  cust_acc_number: z.coerce.string().nullable().optional(),
  cust_authorized_name: OptionalText,
  btn: z.coerce.string().nullable().optional(),
  desired_foc_date: OptionalText,
  activation_type: OptionalText,
  activation_date: OptionalText,
  state_code: OptionalText,
  loa_file: OptionalText,
  bill_file: OptionalText,
  csr_file: OptionalText,
})
export type Call48PortDetail = z.infer<typeof PortDetailSchema>

export const portStatuses = ['submitted', 'reviewed', 'retry', 'foc_received', 'activated', 'cancelled', 'queued', 'validation_pending', 'error'] as const
export const PortProposalSchema = z.looseObject({
  port_proposal_id: IdSchema,
  /** Tolerant: statuses beyond the documented ones map to `unknown` rather than failing a whole sync. */
  port_req_status: z.string().min(1),
  resubmitted_at: OptionalText,
  did_count: z.coerce.number().int().min(0),
  foc_date: OptionalText,
  failure_reason: OptionalText,
  allow_suborder_edit: z.boolean().optional(),
  allow_suborder_cancel: z.boolean().optional(),
  allow_suborder_delete: z.boolean().optional(),
  allow_suborder_activate: z.boolean().optional(),
})
export type Call48PortProposal = z.infer<typeof PortProposalSchema>
export const PortRequestSchema = z.looseObject({
  port_req_id: IdSchema,
  did_type_id: z.coerce.number().int().optional(),
  request_phase: z.string().min(1),
  suborder_count: z.coerce.number().int().optional(),
  created_at: OptionalText,
  did_type_name: OptionalText,
  account_id: IdSchema.nullable().optional(),
  account_username: OptionalText,
  port_proposals: z.array(PortProposalSchema),
})
export type Call48PortRequest = z.infer<typeof PortRequestSchema>
export const PortListSchema = z.looseObject({
  result: z.array(PortRequestSchema),
  totalRecords: z.coerce.number().int().min(0),
  enableNext: z.boolean().optional(),
})

export const PortDidSchema = z.looseObject({
  port_proposal_id: IdSchema,
  did: z.coerce.string().regex(/^\d{7,15}$/, 'a phone number'),
  lrn: z.coerce.string().nullable().optional(),
  port_status: z.string().min(1),
  allow_did_activate: z.boolean().optional(),
  allow_did_cancel: z.boolean().optional(),
  allow_did_delete: z.boolean().optional(),
  tags: OptionalText,
})
export type Call48PortDid = z.infer<typeof PortDidSchema>
export const PortDidListSchema = z.looseObject({ result: z.array(PortDidSchema) })

export const PortForwardingEntrySchema = z.looseObject({
  forwarding_type_id: z.coerce.number().int(),
  sequence: z.coerce.number().int(),
  method: z.string(),
  value: z.coerce.string(),
  timeout: z.coerce.number().int(),
})
export const PortForwardingSchema = z.looseObject({
  port_req_id: IdSchema,
  fwd_preconfigured: z.boolean().nullable().optional(),
  fwd_trunk_grpid: IdSchema.nullable().optional(),
  fwd_sip_type: OptionalText,
  fwd_order: OptionalText,
  fwd_answering_mode: OptionalText,
  port_req_forwardings: z.array(PortForwardingEntrySchema),
})
export type Call48PortForwarding = z.infer<typeof PortForwardingSchema>

export const FocRowSchema = z.looseObject({
  port_proposal_id: IdSchema,
  did: z.coerce.string().regex(/^\d{7,15}$/, 'a phone number'),
  port_status: z.string().min(1),
  foc_date: OptionalText,
  port_req_id: IdSchema,
  activation_type: OptionalText,
  activation_date: OptionalText,
})
export type Call48FocRow = z.infer<typeof FocRowSchema>
export const FocListSchema = z.looseObject({ count: z.coerce.number().int().min(0), rows: z.array(FocRowSchema) })
export const FocDidSchema = z.looseObject({ data: FocRowSchema })

export const ProblematicPortSchema = z.looseObject({
  port_proposal_id: IdSchema,
  port_req_id: IdSchema,
  port_req_status: z.string(),
  losing_sp: OptionalText,
  target_sp: OptionalText,
  did_count: z.coerce.number().int().min(0),
  failure_reason: OptionalText,
  foc_date: OptionalText,
  request_phase: OptionalText,
  order_id: OptionalText,
  order_status: OptionalText,
})
export type Call48ProblematicPort = z.infer<typeof ProblematicPortSchema>
export const ProblematicListSchema = z.looseObject({
  result: z.looseObject({
    totalRecords: z.coerce.number().int().min(0),
    result: z.array(ProblematicPortSchema),
    enableNext: z.boolean().optional(),
    request_phase_list: z.array(z.looseObject({ request_phase: z.string() })).optional(),
    atl_status_list: z.array(z.looseObject({ atl_status: z.string() })).optional(),
  }),
})

/** Port export rows vary by level (requests, sub orders, DIDs): every column is kept as text. */
export const ExportRowSchema = z.record(z.string(), z.string())
