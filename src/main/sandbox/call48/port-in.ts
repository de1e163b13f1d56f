/**
 * Call48 port-in routes (`/port-in/...`): portability check, submit, detail, lists, DID list per sub order,
 * update (edit and resubmit), cancel, forwarding, delete, activate, documents (multipart), CSV export,
 * FOC list, activation details and problematic ports. The lifecycle itself lives in port-model.ts.
 */
import { z } from 'zod'
import { documentKindOf, extensionOf } from '../kit/documents'
import { csv, type Router, type SimRequest } from '../kit/http'
import { tollFreePrefixes } from '../kit/numbering'
import { badRequest, bare, csvLine, jsonBody, notFound, ok, paging, parseWith, queryObject, refused, successMessage } from './envelope'
import {
  didTypeIds,
  didTypeNames,
  draftStatuses,
  PortBook,
  requestPhases,
  seedPortRequests,
  type DidTypeCode,
  type DocType,
  type PortDetail,
  type PortDid,
  type PortProposal,
  type PortRequest,
  type ProposalStatus,
} from './port-model'
import { countries } from './resources'
import { apiBase, type Call48World } from './world'

const usStates =
  'AL Alabama|AK Alaska|AZ Arizona|AR Arkansas|CA California|CO Colorado|CT Connecticut|DE Delaware|DC District of Columbia|FL Florida|GA Georgia|HI Hawaii|ID Idaho|IL Illinois|IN Indiana|IA Iowa|KS Kansas|KY Kentucky|LA Louisiana|ME Maine|MD Maryland|MA Massachusetts|MI Michigan|MN Minnesota|MS Mississippi|MO Missouri|MT Montana|NE Nebraska|NV Nevada|NH New Hampshire|NJ New Jersey|NM New Mexico|NY New York|NC North Carolina|ND North Dakota|OH Ohio|OK Oklahoma|OR Oregon|PA Pennsylvania|RI Rhode Island|SC South Carolina|SD South Dakota|TN Tennessee|TX Texas|UT Utah|VT Vermont|VA Virginia|WA Washington|WV West Virginia|WI Wisconsin|WY Wyoming'
    .split('|')
    .map((entry, index) => ({ id: index + 1, code: entry.slice(0, 2), name: entry.slice(3) }))

const atlStatuses = ['LSR Pending', 'Active', 'Authorized', 'LSR Rejected', 'ActionRequired', 'Pending', 'Canceled', 'CancelPending', 'ActivatePending', 'Conflict', 'PreOrderPending', 'DisconnectPending', 'ReceivedFoc', 'Rejected', 'Submitted', 'Supplemented', 'CSRPending', 'CSRRequested', 'CSRModified', 'CSRInvalid', 'CSREscalated', 'CSRReview', 'CSRReceived', 'CSRApproved']

const DidType = z.enum(['LCL', 'TF', 'INTL'])
const Id = z.coerce.number().int().positive()
const DateInput = z.union([z.string(), z.number()]).transform((value, context) => {
  const at = typeof value === 'number' ? value : Date.parse(value)
  if (Number.isNaN(at)) {
    context.addIssue({ code: 'custom', message: 'must be a date' })
    return z.NEVER
  }
  return at
})
const Optional = z.coerce.string().trim().optional().nullable()
const Req = z.coerce.string().trim().min(1)

/** Fields both submit and update take; `cust_acc_number` is required on update only (the submit sample omits it). */
const detailFields = {
  cust_acc_name: Req,
  cust_authorized_name: Req,
  cust_acc_type: z.enum(['RES', 'BIZ']),
  cust_acc_pin: Optional,
  address_direction_prefix: Optional,
  address_direction_suffix: Optional,
  address_street_name_suffix: Optional,
  address_street_name: Req,
  address_number: Req,
  address_loc_value: Optional,
  address_loc_designator: Req,
  city: Req,
  postal_code: Req,
  desired_foc_date: DateInput,
  btn: Req,
  state: z.string().trim().regex(/^[A-Za-z]{2}$/, 'two-letter state code'),
  activation_date: DateInput,
  email_updates: z.string().email().optional().nullable(),
  notes: Optional,
  tags: Optional,
}
const SubmitDetailSchema = z.looseObject({
  ...detailFields,
  cust_acc_number: Optional,
  activation_type: z.enum(['Auto', 'Manual', 'Scheduled']).default('Auto'),
  fwd_preconfigured: z.boolean().optional(),
  fwd_trunk_grpid: z.coerce.number().int().optional().nullable(),
  fwd_sip_type: z.enum(['NA', '11', '10', 'E164', 'INTL', 'OPEN']).default('NA'),
  fwd_order: z.enum(['NA', 'ALS', 'SIML', 'RND']).default('NA'),
  fwd_answering_mode: z.enum(['NA', 'REJ', 'RO', 'FO', 'RTF', 'VO', 'RTV', 'FV', 'RFV']).default('NA'),
  fwd_device_password: Optional,
})
const UpdateDetailSchema = z.object({ ...detailFields, cust_acc_number: Req, activation_type: z.enum(['Auto', 'Manual', 'Scheduled']).optional() })

const NumbersSchema = z.array(z.coerce.string()).min(1).max(500)
const CheckSchema = z.object({ did_type: DidType, numbers: NumbersSchema })
const SubmitSchema = z.object({ did_type: DidType, account_id: Id.optional(), numbers: NumbersSchema, port_req_detail: z.unknown() })
const UpdateSchema = z.object({ port_req_id: Id, port_proposal_id: Id.optional(), port_req_detail: z.unknown() })
const TargetSchema = z.object({ port_req_id: Id.optional(), port_proposal_id: Id.optional() })
const DidTargetSchema = z.object({ port_proposal_id: Id, did_number: z.coerce.string().min(1) })
const ListSchema = z.object({
  page: z.coerce.string(),
  limit: z.coerce.string(),
  request_phase: z.enum(requestPhases as [string, ...string[]]).optional(),
  did_type: DidType.optional(),
  numbers: z.array(z.coerce.string()).optional(),
})
const FocListSchema = z.object({
  page: z.coerce.string(),
  limit: z.coerce.string(),
  activation_type: z.enum(['Auto', 'Manual', 'Scheduled']).optional(),
  numbers: z.array(z.coerce.string()).optional(),
})
const ForwardingUpdateSchema = z.object({
  port_req_id: Id,
  forwarding_data: z
    .array(
      z.object({
        forwarding_type_id: z.coerce.number().int(),
        timeout: z.coerce.number().int().min(1).max(300),
        value: z.coerce.string().min(1),
        method: z.enum(['NUM', 'IP', 'URI', 'TRUNK']),
        sequence: z.coerce.number().int().min(1).max(3),
      }),
    )
    .max(3)
    .optional(),
  fwd_preconfigured: z.boolean().optional(),
})
const DeleteSchema = z.object({ port_request_id: Id.optional(), port_proposal_id: Id.optional(), did_number: z.coerce.string().optional() })
const ActivationSchema = z.object({
  activation_date: DateInput,
  activation_type: z.enum(['Auto', 'Manual', 'Scheduled']),
  did: z.coerce.string().min(1),
  port_proposal_id: Id,
})
const DocTypeSchema = z.enum(['loa', 'bill', 'csr'])
/** The doc names no limits; the Sandbox takes what the issue asks for (PDF, PNG, JPG) up to 10 MB. */
const maxDocumentBytes = 10 * 1024 * 1024
const documentKinds = ['pdf', 'png', 'jpg']

const iso = (at: number | null): string | null => (at === null ? null : new Date(at).toISOString())
const digitsOf = (value: string): string => value.replace(/\D/g, '')

export function registerPortIn(router: Router, world: Call48World): void {
  const { guard } = world.auth
  const book = new PortBook(world)
  seedPortRequests(book, world)
  world.onRefresh(() => book.applyActivations())
  const now = (): number => world.context.clock.now()
  /** Mutations answer `{code, message}` only (doc samples). */
  const done = () => bare({ code: 200, message: successMessage })
  /** Several port reads answer `{code, data}` with no message (doc samples). */
  const data = (value: unknown) => bare({ code: 200, data: value })

  /** Every port answer is read after catching up with the clock. */
  const route = (method: string, path: string, handler: Parameters<typeof guard>[0]): void => {
    router.add(
      method,
      `${apiBase}/port-in/${path}`,
      guard((request, user) => {
        world.refresh()
        return handler(request, user)
      }),
    )
  }

  function normalise(type: DidTypeCode, raw: string): string {
    const digits = digitsOf(raw)
    return type === 'INTL' ? digits : digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits
  }

  function portable(type: DidTypeCode, tn: string): boolean {
    if (world.inventory.find(tn) || book.inFlight(tn)) return false
    const tollFree = (tollFreePrefixes as readonly string[]).includes(tn.slice(0, 3))
    if (type === 'INTL') return /^\d{8,15}$/.test(tn) && countries.some((country) => country.prefix !== '1' && tn.startsWith(country.prefix))
    if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(tn) || tn.slice(3, 6) === '555') return false
    return type === 'TF' ? tollFree : !tollFree
  }

  function proposalOf(id: number): PortProposal {
    const proposal = book.findProposal(id)
    if (!proposal) throw notFound(`Port sub order ${id} not found`)
    return proposal
  }
  function requestOf(id: number): PortRequest {
    const request = book.findRequest(id)
    if (!request) throw notFound(`Port request ${id} not found`)
    return request
  }
  /** The sub orders a request/sub-order target names. */
  function targets(input: { port_req_id?: number | undefined; port_proposal_id?: number | undefined }): PortProposal[] {
    if (input.port_proposal_id !== undefined) return [proposalOf(input.port_proposal_id)]
    if (input.port_req_id !== undefined) return book.liveProposals(requestOf(input.port_req_id))
    throw badRequest('port_req_id or port_proposal_id is required')
  }
  function didOf(proposal: PortProposal, number: string): PortDid {
    const tn = normalise(book.requestOf(proposal).didType, number)
    const did = proposal.dids.find((entry) => entry.did === tn)
    if (!did) throw notFound(`DID ${number} is not in port sub order ${proposal.id}`)
    return did
  }

  /** Orders the carrier has not worked yet (Queue, Validation_Pending, Error) can be edited, cancelled or deleted. */
  const draft = (status: ProposalStatus): boolean => draftStatuses.includes(status)
  const flags = (proposal: PortProposal) => {
    const status = book.view(proposal).status
    return {
      allow_suborder_edit: status === 'submitted' || status === 'retry' || draft(status),
      allow_suborder_cancel: status === 'submitted' || status === 'retry' || status === 'foc_received' || draft(status),
      allow_suborder_delete: status === 'cancelled' || draft(status),
      allow_suborder_activate: book.canActivate(proposal),
    }
  }

  function renderProposal(proposal: PortProposal): Record<string, unknown> {
    const view = book.view(proposal)
    return {
      port_proposal_id: proposal.id,
      port_req_status: view.status,
      resubmitted_at: iso(proposal.resubmittedAt),
      did_count: proposal.dids.filter((did) => !did.cancelled).length,
      foc_date: iso(view.focDate),
      failure_reason: view.failureReason,
      port_req_detail_id: proposal.detailId,
      ...flags(proposal),
      is_master: true,
    }
  }

  function renderRequest(request: PortRequest): Record<string, unknown> {
    const proposals = book.liveProposals(request)
    return {
      port_req_id: request.id,
      did_type_id: didTypeIds[request.didType],
      import_from_file: request.importFromFile,
      request_phase: book.phaseOf(request),
      suborder_count: proposals.length,
      created_at: iso(request.createdAt),
      did_type_name: didTypeNames[request.didType],
      account_id: request.accountId,
      account_username: request.accountUsername,
      account_class_id: 1,
      csv_file: request.importFromFile !== null,
      port_proposals: proposals.map(renderProposal),
    }
  }

  function renderDid(proposal: PortProposal, did: PortDid): Record<string, unknown> {
    const status = book.didStatus(proposal, did)
    return {
      port_proposal_id: proposal.id,
      did: did.did,
      lrn: did.lrn,
      port_status: status,
      allow_did_activate: book.canActivate(proposal, did),
      allow_did_build: false,
      allow_did_cancel: status === 'submitted' || status === 'retry' || status === 'foc_received' || draft(status),
      allow_did_delete: status === 'cancelled' || draft(status),
      tags: did.tags,
    }
  }

  function renderDetail(request: PortRequest, proposal?: PortProposal): Record<string, unknown> {
    const detail = proposal ? book.detailOf(proposal) : request.detail
    const state = usStates.find((entry) => entry.code === detail.state.toUpperCase())
    const docs = proposal ? { ...request.docs, ...Object.fromEntries(Object.entries(proposal.docs).filter(([, value]) => value !== null)) } : request.docs
    return {
      port_req_id: request.id,
      did_type_id: didTypeIds[request.didType],
      account_id: request.accountId,
      csv_file: request.importFromFile !== null,
      port_proposal_id: proposal?.id ?? null,
      port_req_detail_id: proposal?.detailId ?? request.detailId,
      cust_acc_name: detail.cust_acc_name,
      cust_acc_type: detail.cust_acc_type,
      cust_acc_number: detail.cust_acc_number,
      cust_acc_pin: detail.cust_acc_pin,
      cust_authorized_name: detail.cust_authorized_name,
      btn: detail.btn,
      desired_foc_date: iso(detail.desired_foc_date),
      address_direction_prefix: detail.address_direction_prefix,
      address_direction_suffix: detail.address_direction_suffix,
      address_street_name_suffix: detail.address_street_name_suffix,
      address_street_name: detail.address_street_name,
      address_number: detail.address_number,
      address_loc_designator: detail.address_loc_designator,
      address_loc_value: detail.address_loc_value,
      postal_code: detail.postal_code,
      city: detail.city,
      state_id: state?.id ?? null,
      loa_file: docs.loa ?? null,
      bill_file: docs.bill ?? null,
      csr_file: docs.csr ?? null,
      activation_type: detail.activation_type,
      activation_date: iso(detail.activation_date),
      email_updates: detail.email_updates,
      notes: detail.notes,
      state_name: state?.name ?? null,
      state_code: detail.state.toUpperCase(),
      tags: detail.tags,
    }
  }

  function filterRequests(input: { request_phase?: string | undefined; did_type?: string | undefined; numbers?: string[] | undefined }): PortRequest[] {
    const wanted = (input.numbers ?? []).map((number) => digitsOf(number)).map((digits) => (digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits))
    return book
      .liveRequests()
      .filter(
        (request) =>
          (!input.request_phase || book.phaseOf(request) === input.request_phase) &&
          (!input.did_type || request.didType === input.did_type) &&
          (wanted.length === 0 || book.liveProposals(request).some((proposal) => proposal.dids.some((did) => wanted.includes(did.did)))),
      )
      .sort((a, b) => b.id - a.id)
  }

  function toDetail(raw: Record<string, unknown>, base?: PortDetail): PortDetail {
    const value = (key: string): string | null => {
      const entry = raw[key]
      return entry === undefined || entry === null || entry === '' ? null : String(entry)
    }
    return {
      cust_acc_name: String(raw.cust_acc_name),
      cust_authorized_name: String(raw.cust_authorized_name),
      cust_acc_type: raw.cust_acc_type === 'BIZ' ? 'BIZ' : 'RES',
      cust_acc_number: value('cust_acc_number'),
      cust_acc_pin: value('cust_acc_pin'),
      activation_type: (raw.activation_type as PortDetail['activation_type'] | undefined) ?? base?.activation_type ?? 'Auto',
      address_direction_prefix: value('address_direction_prefix'),
      address_direction_suffix: value('address_direction_suffix'),
      address_street_name_suffix: value('address_street_name_suffix'),
      address_street_name: String(raw.address_street_name),
      address_number: String(raw.address_number),
      address_loc_value: value('address_loc_value'),
      address_loc_designator: String(raw.address_loc_designator),
      city: String(raw.city),
      postal_code: String(raw.postal_code),
      desired_foc_date: Number(raw.desired_foc_date),
      btn: String(raw.btn),
      state: String(raw.state).toUpperCase(),
      activation_date: Number(raw.activation_date),
      email_updates: value('email_updates'),
      notes: value('notes'),
      tags: value('tags'),
    }
  }

  route('POST', 'check-ports', (request) => {
    const input = parseWith(CheckSchema, jsonBody(request))
    const answers: Record<string, boolean> = {}
    for (const raw of input.numbers) {
      const tn = normalise(input.did_type, raw)
      answers[tn] = portable(input.did_type, tn)
    }
    const all = Object.values(answers).every(Boolean)
    return ok(answers, all ? 'Number(s) can be ported' : 'Some number(s) cannot be ported')
  })

  route('POST', 'submit-port-details', (request, user) => {
    const input = parseWith(SubmitSchema, jsonBody(request))
    const raw = parseWith(SubmitDetailSchema, input.port_req_detail)
    const numbers = [...new Set(input.numbers.map((number) => normalise(input.did_type, number)))]
    const blocked = numbers.filter((tn) => !portable(input.did_type, tn))
    if (blocked.length > 0) throw refused(`Number(s) cannot be ported: ${blocked.join(', ')}`)
    if (raw.fwd_trunk_grpid !== undefined && raw.fwd_trunk_grpid !== null && !world.trunkGroupExists(raw.fwd_trunk_grpid)) {
      throw refused(`Trunk group ${raw.fwd_trunk_grpid} not found`)
    }
    const detail = toDetail(raw)
    const created = book.create({
      didType: input.did_type,
      accountId: input.account_id ?? 712,
      accountUsername: user.userName,
      numbers,
      detail,
      forwarding: {
        fwd_preconfigured: raw.fwd_preconfigured ?? false,
        fwd_trunk_grpid: raw.fwd_trunk_grpid ?? null,
        fwd_sip_type: raw.fwd_sip_type,
        fwd_order: raw.fwd_order,
        fwd_answering_mode: raw.fwd_answering_mode,
        fwd_device_password: raw.fwd_device_password ?? null,
        forwardings: [],
      },
      createdAt: now(),
    })
    world.record('port-submit', { port_req_id: created.id, did_type: input.did_type, numbers, port_proposal_ids: created.proposals.map((proposal) => proposal.id) })
    return ok({ port_req_id: created.id })
  })

  route('GET', 'view-port-detail', (request) => {
    const query = queryObject(request)
    if (query.port_proposal_id) {
      const proposal = proposalOf(Number(query.port_proposal_id))
      return data(renderDetail(book.requestOf(proposal), proposal))
    }
    if (!query.port_req_id) throw badRequest('port_req_id or port_proposal_id is required')
    return data(renderDetail(requestOf(Number(query.port_req_id))))
  })

  route('POST', 'view-list', (request) => {
    const input = parseWith(ListSchema, jsonBody(request))
    const { offset, size } = paging(input.page, input.limit, 10, 100)
    const matching = filterRequests(input)
    return data({ result: matching.slice(offset, offset + size).map(renderRequest), totalRecords: matching.length, enableNext: offset + size < matching.length })
  })

  route('GET', 'view-did-list', (request) => {
    const id = queryObject(request).port_proposal_id
    if (!id) throw badRequest('port_proposal_id is required')
    const proposal = proposalOf(Number(id))
    return data({ success: true, result: proposal.dids.map((did) => renderDid(proposal, did)) })
  })

  route('POST', 'update-request', (request) => {
    const input = parseWith(UpdateSchema, jsonBody(request))
    const portRequest = requestOf(input.port_req_id)
    const detail = toDetail(parseWith(UpdateDetailSchema, input.port_req_detail) as Record<string, unknown>, portRequest.detail)
    const proposals = input.port_proposal_id !== undefined ? [proposalOf(input.port_proposal_id)] : book.liveProposals(portRequest)
    if (proposals.some((proposal) => proposal.requestId !== portRequest.id)) throw notFound(`Sub order ${input.port_proposal_id} is not part of port request ${portRequest.id}`)
    const editable = proposals.filter((proposal) => flags(proposal).allow_suborder_edit)
    if (editable.length === 0) throw refused('Port order cannot be edited in its current status')
    if (input.port_proposal_id !== undefined) {
      const proposal = editable[0]!
      proposal.detail = detail
      proposal.detailId = proposal.detailId ?? book.newDetailId()
    } else {
      portRequest.detail = detail
    }
    for (const proposal of editable) book.resubmit(proposal)
    world.record('port-update', { port_req_id: portRequest.id, port_proposal_ids: editable.map((proposal) => proposal.id) })
    return done()
  })

  route('POST', 'cancel-order', (request) => {
    const input = parseWith(TargetSchema, jsonBody(request))
    const chosen = targets(input)
    const cancellable = chosen.filter((proposal) => flags(proposal).allow_suborder_cancel)
    if (cancellable.length === 0 || (input.port_proposal_id !== undefined && cancellable.length !== chosen.length)) {
      throw refused('Port order cannot be cancelled in its current status')
    }
    for (const proposal of cancellable) proposal.cancelledAt = now()
    world.record('port-cancel', { port_req_id: input.port_req_id ?? cancellable[0]!.requestId, port_proposal_ids: cancellable.map((proposal) => proposal.id) })
    return done()
  })

  route('POST', 'cancel-did-order', (request) => {
    const input = parseWith(DidTargetSchema, jsonBody(request))
    const proposal = proposalOf(input.port_proposal_id)
    const did = didOf(proposal, input.did_number)
    const status = book.didStatus(proposal, did)
    if (!(status === 'submitted' || status === 'retry' || status === 'foc_received' || draft(status))) throw refused(`DID ${did.did} cannot be cancelled in status ${status}`)
    did.cancelled = true
    if (proposal.dids.every((entry) => entry.cancelled)) proposal.cancelledAt = now()
    world.record('port-cancel-did', { port_proposal_id: proposal.id, number: did.did })
    return done()
  })

  route('GET', 'forwarding-details', (request) => {
    const id = queryObject(request).port_req_id
    if (!id) throw badRequest('port_req_id is required')
    const portRequest = requestOf(Number(id))
    const forwarding = portRequest.forwarding
    return ok({
      port_req_id: portRequest.id,
      fwd_preconfigured: forwarding.fwd_preconfigured,
      fwd_trunk_grpid: forwarding.fwd_trunk_grpid,
      fwd_sip_type: forwarding.fwd_sip_type,
      fwd_order: forwarding.fwd_order,
      fwd_answering_mode: forwarding.fwd_answering_mode,
      fwd_device_password: forwarding.fwd_device_password,
      port_req_forwardings: forwarding.forwardings.map((entry) => ({
        port_req_id: portRequest.id,
        forwarding_type_id: entry.forwarding_type_id,
        sequence: entry.sequence,
        method: entry.method,
        value: entry.value,
        timeout: entry.timeout,
        created_at: iso(entry.created_at),
        updated_at: iso(entry.updated_at),
      })),
    })
  })

  route('POST', 'update-forwarding', (request) => {
    const input = parseWith(ForwardingUpdateSchema, jsonBody(request))
    const portRequest = requestOf(input.port_req_id)
    const phase = book.phaseOf(portRequest)
    if (phase === 'Cancelled' || phase === 'Completed') throw refused(`Forwarding cannot be changed for a ${phase} port request`)
    if (input.forwarding_data === undefined && input.fwd_preconfigured === undefined) throw badRequest('forwarding_data or fwd_preconfigured is required')
    if (input.fwd_preconfigured !== undefined) portRequest.forwarding.fwd_preconfigured = input.fwd_preconfigured
    if (input.forwarding_data) {
      const at = now()
      portRequest.forwarding.forwardings = input.forwarding_data
        .slice()
        .sort((a, b) => a.sequence - b.sequence)
        .map((entry) => ({ ...entry, created_at: at, updated_at: at }))
    }
    world.record('port-update-forwarding', { port_req_id: portRequest.id, forwardings: input.forwarding_data?.length ?? 0, fwd_preconfigured: input.fwd_preconfigured ?? null })
    return done()
  })

  route('POST', 'delete-request', (request) => {
    const input = parseWith(DeleteSchema, jsonBody(request))
    if (input.port_proposal_id !== undefined && input.did_number) {
      const proposal = proposalOf(input.port_proposal_id)
      const did = didOf(proposal, input.did_number)
      const status = book.didStatus(proposal, did)
      if (status !== 'cancelled' && !draft(status)) throw refused('Only a cancelled DID or one of a draft can be deleted')
      proposal.dids.splice(proposal.dids.indexOf(did), 1)
      if (proposal.dids.length === 0) proposal.deleted = true
      world.record('port-delete', { port_proposal_id: proposal.id, number: did.did })
      return done()
    }
    if (input.port_proposal_id !== undefined) {
      const proposal = proposalOf(input.port_proposal_id)
      if (!flags(proposal).allow_suborder_delete) throw refused('Only a cancelled sub order or a draft can be deleted')
      proposal.deleted = true
      world.record('port-delete', { port_proposal_id: proposal.id })
      return done()
    }
    if (input.port_request_id === undefined) throw badRequest('port_request_id or port_proposal_id is required')
    const portRequest = requestOf(input.port_request_id)
    if (!book.liveProposals(portRequest).every((proposal) => flags(proposal).allow_suborder_delete)) {
      throw refused('Only a cancelled port request or a draft can be deleted')
    }
    portRequest.deleted = true
    world.record('port-delete', { port_req_id: portRequest.id })
    return done()
  })

  route('POST', 'activate-order', (request) => {
    const input = parseWith(TargetSchema, jsonBody(request))
    const chosen = targets(input).filter((proposal) => book.view(proposal).status !== 'cancelled')
    if (chosen.length === 0 || chosen.some((proposal) => !book.canActivate(proposal))) {
      throw refused('Port order can only be activated once the FOC is received and its FOC date has come')
    }
    for (const proposal of chosen) for (const did of proposal.dids) if (!did.cancelled && did.activatedAt === null) did.activatedAt = now()
    world.record('port-activate', { port_req_id: input.port_req_id ?? chosen[0]!.requestId, port_proposal_ids: chosen.map((proposal) => proposal.id) })
    book.applyActivations()
    return done()
  })

  route('POST', 'activate-did', (request) => {
    const input = parseWith(DidTargetSchema, jsonBody(request))
    const proposal = proposalOf(input.port_proposal_id)
    const did = didOf(proposal, input.did_number)
    if (!book.canActivate(proposal, did)) throw refused('DID can only be activated once the FOC is received and its FOC date has come')
    did.activatedAt = now()
    world.record('port-activate-did', { port_proposal_id: proposal.id, number: did.did })
    book.applyActivations()
    return done()
  })

  async function docTarget(request: SimRequest): Promise<{ fields: Record<string, unknown>; file: File | null }> {
    const contentType = request.headers['content-type'] ?? ''
    if (contentType.includes('multipart/form-data')) {
      const form = await request.multipart()
      const fields: Record<string, unknown> = {}
      for (const [key, value] of form.entries()) if (typeof value === 'string') fields[key] = value
      const file = form.get('file')
      return { fields, file: file && typeof file !== 'string' ? file : null }
    }
    return { fields: jsonBody(request), file: null }
  }

  function docOwner(fields: Record<string, unknown>): { docs: Record<DocType, string | null>; label: Record<string, number> } {
    const input = parseWith(TargetSchema, fields)
    let request: PortRequest
    let owner: { docs: Record<DocType, string | null>; label: Record<string, number> }
    if (input.port_proposal_id !== undefined) {
      const proposal = proposalOf(input.port_proposal_id)
      request = book.requestOf(proposal)
      owner = { docs: proposal.docs, label: { port_proposal_id: proposal.id } }
    } else if (input.port_req_id !== undefined) {
      request = requestOf(input.port_req_id)
      owner = { docs: request.docs, label: { port_req_id: request.id } }
    } else {
      throw badRequest('port_req_id or port_proposal_id is required')
    }
    const phase = book.phaseOf(request)
    if (phase === 'Cancelled' || phase === 'Completed') throw refused(`Documents cannot be changed for a ${phase} port request`)
    return owner
  }

  route('POST', 'upload-docs', async (request) => {
    if (!(request.headers['content-type'] ?? '').includes('multipart/form-data')) throw badRequest('Expected multipart/form-data with a file')
    const { fields, file } = await docTarget(request)
    const type = parseWith(DocTypeSchema, fields.type)
    if (!file || file.size === 0) throw badRequest('file is required')
    if (file.size > maxDocumentBytes) throw badRequest('file must be at most 10 MB')
    // The content decides (a renamed text file is refused), and a name, when it has an extension, must agree.
    const kind = documentKindOf(new Uint8Array(await file.slice(0, 8).arrayBuffer()))
    const extension = extensionOf(file.name)
    if (!kind || !documentKinds.includes(kind) || (extension !== undefined && extension !== kind)) {
      throw badRequest('file must be a PDF, PNG or JPG document')
    }
    const owner = docOwner(fields)
    const stored = `call48_${now()}_${type}.${kind}`
    owner.docs[type] = stored
    world.record('port-upload-docs', { ...owner.label, type, file: file.name, size: file.size })
    return done()
  })

  // The doc lists `file` for removal too (copied from upload); JSON or multipart is accepted, no file needed.
  route('POST', 'remove-upload-docs', async (request) => {
    const { fields } = await docTarget(request)
    const type = parseWith(DocTypeSchema, fields.type)
    const owner = docOwner(fields)
    if (!owner.docs[type]) throw refused(`No ${type} document is uploaded`)
    owner.docs[type] = null
    world.record('port-remove-docs', { ...owner.label, type })
    return done()
  })

  route('POST', 'export-list', (request) => {
    const input = parseWith(
      z.object({
        port_req_id: Id.optional(),
        port_proposal_id: Id.optional(),
        request_phase: z.enum(requestPhases as [string, ...string[]]).optional(),
        did_type: DidType.optional(),
        numbers: z.array(z.coerce.string()).optional(),
      }),
      jsonBody(request),
    )
    if (input.port_proposal_id !== undefined) {
      const proposal = proposalOf(input.port_proposal_id)
      const view = book.view(proposal)
      let body = csvLine(['sub_order_id', 'tn', 'status', 'lrn', 'foc_date', 'activation_type', 'activation_date'])
      for (const did of proposal.dids) {
        body += csvLine([proposal.id, did.did, book.didStatus(proposal, did), did.lrn, iso(view.focDate) ?? '', did.activationType, iso(did.activationDate) ?? ''])
      }
      return csv(body, `port_${proposal.id}_dids.csv`)
    }
    if (input.port_req_id !== undefined) {
      const portRequest = requestOf(input.port_req_id)
      // Columns as in the doc's export sample; `tn` is the sub order's DID count there.
      let body = csvLine(['sub_order_id', 'status', 'resubmitted_at', 'tn', 'active_foc_date'])
      for (const proposal of book.liveProposals(portRequest)) {
        const view = book.view(proposal)
        body += csvLine([proposal.id, view.status, iso(proposal.resubmittedAt) ?? '', proposal.dids.filter((did) => !did.cancelled).length, iso(view.focDate) ?? ''])
      }
      return csv(body, `port_${portRequest.id}_sub_orders.csv`)
    }
    let body = csvLine(['port_req_id', 'request_phase', 'did_type', 'suborder_count', 'did_count', 'created_at', 'account_username'])
    for (const portRequest of filterRequests(input)) {
      const proposals = book.liveProposals(portRequest)
      body += csvLine([
        portRequest.id,
        book.phaseOf(portRequest),
        portRequest.didType,
        proposals.length,
        proposals.reduce((sum, proposal) => sum + proposal.dids.length, 0),
        iso(portRequest.createdAt),
        portRequest.accountUsername,
      ])
    }
    return csv(body, 'port_requests.csv')
  })

  function focRow(proposal: PortProposal, did: PortDid): Record<string, unknown> {
    const view = book.view(proposal)
    return {
      port_proposal_id: proposal.id,
      did: did.did,
      port_status: book.didStatus(proposal, did),
      foc_date: iso(view.focDate),
      port_req_id: proposal.requestId,
      activation_type: did.activationType,
      activation_date: iso(did.activatedAt ?? did.activationDate),
    }
  }

  route('POST', 'view-foc-list', (request) => {
    const input = parseWith(FocListSchema, jsonBody(request))
    const { offset, size } = paging(input.page, input.limit, 10, 100)
    const wanted = (input.numbers ?? []).map((number) => normalise('LCL', number))
    const rows: Record<string, unknown>[] = []
    for (const proposal of book.allProposals().sort((a, b) => b.id - a.id)) {
      for (const did of proposal.dids) {
        const status = book.didStatus(proposal, did)
        if (status !== 'foc_received' && status !== 'activated') continue
        if (input.activation_type && did.activationType !== input.activation_type) continue
        if (wanted.length > 0 && !wanted.includes(did.did)) continue
        rows.push(focRow(proposal, did))
      }
    }
    return data({ count: rows.length, rows: rows.slice(offset, offset + size) })
  })

  route('GET', 'view-did-activation', (request) => {
    const query = queryObject(request)
    if (!query.did || !query.port_proposal_id) throw badRequest('did and port_proposal_id are required')
    const proposal = proposalOf(Number(query.port_proposal_id))
    const did = didOf(proposal, query.did.replace(/"/g, ''))
    return data({ success: true, data: focRow(proposal, did) })
  })

  route('POST', 'update-activation', (request) => {
    const input = parseWith(ActivationSchema, jsonBody(request))
    const proposal = proposalOf(input.port_proposal_id)
    const did = didOf(proposal, input.did)
    const status = book.didStatus(proposal, did)
    if (status === 'activated' || status === 'cancelled') throw refused(`Activation cannot be changed for a DID in status ${status}`)
    did.activationType = input.activation_type
    did.activationDate = input.activation_date
    world.record('port-update-activation', { port_proposal_id: proposal.id, number: did.did, activation_type: input.activation_type, activation_date: iso(input.activation_date) })
    return done()
  })

  route('POST', 'view-rejection-list', (request) => {
    const input = parseWith(ListSchema, jsonBody(request))
    const { offset, size } = paging(input.page, input.limit, 10, 100)
    const rows: Record<string, unknown>[] = []
    for (const portRequest of filterRequests(input)) {
      for (const proposal of book.liveProposals(portRequest)) {
        const view = book.view(proposal)
        if (view.status !== 'retry' && view.status !== 'error') continue
        rows.push({
          port_proposal_id: proposal.id,
          port_req_id: portRequest.id,
          port_req_status: view.status,
          losing_sp: proposal.losingSp,
          target_sp: 'IPH',
          resubmitted_at: iso(proposal.resubmittedAt),
          did_count: proposal.dids.filter((did) => !did.cancelled).length,
          failure_reason: view.failureReason,
          foc_date: null,
          request_phase: book.phaseOf(portRequest),
          order_id: proposal.orderId,
          order_status: view.status === 'retry' ? 'Rejected' : 'ActionRequired',
        })
      }
    }
    return data(
      {
        success: true,
        result: {
          request_phase_list: requestPhases.filter((phase) => phase !== 'Processing').map((phase) => ({ request_phase: phase })),
          atl_status_list: atlStatuses.map((status) => ({ atl_status: status })),
          totalRecords: rows.length,
          result: rows.slice(offset, offset + size),
          enableNext: offset + size < rows.length,
        },
      },
    )
  })

}
