/**
 * Call48 port-in orders: a master request (`port_req_id`) split into sub orders (`port_proposal_id`, one per
 * losing carrier) holding DIDs, and the lifecycle the simulated clock drives.
 *
 * From submission (or resubmission): `submitted`, `reviewed` after 2 h, and after 24 h either `retry`
 * (rejected by the losing carrier, with a reason naming the account data it found wrong) or `foc_received`
 * with a FOC date of max(desired FOC date, the first midnight UTC at least 3 days after submission). On the
 * FOC date Auto DIDs activate, Scheduled ones at their activation date (if later), Manual ones only when
 * activated through the API (allowed from the FOC date on). A sub order is `activated` once all its live
 * DIDs are. Activated DIDs join the account's inventory.
 *
 * Which orders are rejected: always when `cust_acc_number` is missing; otherwise a share
 * (`portRejectionRate`, default 0.2) chosen by seed and sub order id, each with one objection (account
 * number, PIN, authorised name, service address or BTN). The objection holds while the fields it names keep
 * the values they had at submission: an edit that changes them is accepted at the next decision, one that
 * leaves them as they were is rejected again with the same reason.
 */
import { areaCodeOf } from '../kit/numbering'
import { hash32, unit } from '../kit/random'
import type { Call48World } from './world'

export type DidTypeCode = 'LCL' | 'TF' | 'INTL'
export const didTypeIds: Record<DidTypeCode, number> = { LCL: 1, TF: 2, INTL: 3 }
export const didTypeNames: Record<DidTypeCode, string> = { LCL: 'Local', TF: 'Toll Free', INTL: 'International' }

export type ProposalStatus =
  | 'submitted'
  | 'reviewed'
  | 'retry'
  | 'foc_received'
  | 'activated'
  | 'cancelled'
  | 'queued'
  | 'validation_pending'
  | 'error'

export type RequestPhase = 'Queue' | 'Error' | 'Validation_Pending' | 'In_Progress' | 'Completed' | 'Cancelled' | 'Processing'
export const requestPhases: RequestPhase[] = ['Queue', 'Error', 'Validation_Pending', 'In_Progress', 'Completed', 'Cancelled', 'Processing']

export type ActivationType = 'Auto' | 'Manual' | 'Scheduled'
export type DocType = 'loa' | 'bill' | 'csr'

export interface PortDetail {
  cust_acc_name: string
  cust_authorized_name: string
  cust_acc_type: 'RES' | 'BIZ'
  cust_acc_number: string | null
  cust_acc_pin: string | null
  activation_type: ActivationType
  address_direction_prefix: string | null
  address_direction_suffix: string | null
  address_street_name_suffix: string | null
  address_street_name: string
  address_number: string
  address_loc_value: string | null
  address_loc_designator: string
  city: string
  postal_code: string
  desired_foc_date: number
  btn: string
  state: string
  activation_date: number
  email_updates: string | null
  notes: string | null
  tags: string | null
}

export interface PortForwarding {
  fwd_preconfigured: boolean
  fwd_trunk_grpid: number | null
  fwd_sip_type: string
  fwd_order: string
  fwd_answering_mode: string
  fwd_device_password: string | null
  forwardings: { forwarding_type_id: number; sequence: number; method: string; value: string; timeout: number; created_at: number; updated_at: number }[]
}

export interface PortDid {
  did: string
  lrn: string
  cancelled: boolean
  activationType: ActivationType
  activationDate: number | null
  /** Set by `activate-did` / `activate-order`. */
  activatedAt: number | null
  /** True once the DID was added to the inventory. */
  applied: boolean
  tags: string | null
}

export interface PortProposal {
  id: number
  requestId: number
  losingSp: string
  orderId: string
  dids: PortDid[]
  detailId: number | null
  detail: PortDetail | null
  docs: Record<DocType, string | null>
  submittedAt: number
  resubmittedAt: number | null
  attempt: number
  cancelledAt: number | null
  deleted: boolean
  /** Orders not yet worked by the carrier (Queue, Validation_Pending, Error) until they are edited. */
  stuck: { status: DraftStatus; reason: string | null } | null
  /** What the losing carrier objects to, decided at submission; null when it accepts the order. */
  problem: PortProblem | null
}

export type DraftStatus = 'queued' | 'validation_pending' | 'error'
export const draftStatuses: readonly ProposalStatus[] = ['queued', 'validation_pending', 'error']

/** A losing carrier's objection: the fields it names and what they said when it was raised. */
export interface PortProblem {
  code: ObjectionCode
  wrong: string
}

export interface PortRequest {
  id: number
  didType: DidTypeCode
  accountId: number
  accountUsername: string
  createdAt: number
  importFromFile: string | null
  detailId: number
  detail: PortDetail
  forwarding: PortForwarding
  docs: Record<DocType, string | null>
  proposals: PortProposal[]
  deleted: boolean
}

const hour = 3_600_000
const day = 24 * hour
export const reviewAfterMs = 2 * hour
export const decisionAfterMs = day
const focLeadMs = 3 * day

type ObjectionCode = 'ACCN' | 'PIN' | 'NAME' | 'ADDR' | 'BTN'
/** Reasons in the doc's words (`Rejection reason ACCN : Incorrect Account Number`) and the fields each names. */
const objections: Record<ObjectionCode, { text: string; fields: (keyof PortDetail)[] }> = {
  ACCN: { text: 'Incorrect Account Number', fields: ['cust_acc_number'] },
  PIN: { text: 'Incorrect PIN or Passcode', fields: ['cust_acc_pin'] },
  NAME: { text: 'Authorized Name does not match the account', fields: ['cust_authorized_name'] },
  ADDR: { text: 'Service Address does not match the account', fields: ['address_number', 'address_street_name', 'city', 'postal_code'] },
  BTN: { text: 'Billing Telephone Number does not match the account', fields: ['btn'] },
}
const objectionCodes = Object.keys(objections) as ObjectionCode[]

/** What the fields an objection names say now, to tell whether an edit changed them. */
function signature(detail: PortDetail, code: ObjectionCode): string {
  return objections[code].fields.map((field) => String(detail[field] ?? '').trim().toLowerCase()).join('|')
}

export function rejectionText(code: ObjectionCode): string {
  return `Rejection reason ${code} : ${objections[code].text}`
}
const losingCarriers = ['Cox Communications 7661/1', 'AT&T Local 9206/1', 'Verizon 9102/1', 'Lumen 8825/1']

export interface ProposalView {
  status: ProposalStatus
  focDate: number | null
  failureReason: string | null
}

export class PortBook {
  readonly requests: PortRequest[] = []
  private nextRequestId = 240
  private nextProposalId = 180
  private nextDetailId = 130

  constructor(private readonly world: Call48World) {}

  private get now(): number {
    return this.world.context.clock.now()
  }

  /** The objection that stands at a decision, if any. */
  private objection(proposal: PortProposal, detail: PortDetail): ObjectionCode | null {
    if (!detail.cust_acc_number) return 'ACCN'
    const problem = proposal.problem
    return problem && signature(detail, problem.code) === problem.wrong ? problem.code : null
  }

  detailOf(proposal: PortProposal): PortDetail {
    return proposal.detail ?? this.requestOf(proposal).detail
  }

  requestOf(proposal: PortProposal): PortRequest {
    const request = this.requests.find((entry) => entry.id === proposal.requestId)
    if (!request) throw new Error(`port request ${proposal.requestId} missing`)
    return request
  }

  /** The sub order's status before per-DID activation is taken into account. */
  private stage(proposal: PortProposal): ProposalView {
    if (proposal.cancelledAt !== null) return { status: 'cancelled', focDate: null, failureReason: null }
    if (proposal.stuck) return { status: proposal.stuck.status, focDate: null, failureReason: proposal.stuck.reason }
    const base = proposal.resubmittedAt ?? proposal.submittedAt
    const elapsed = this.now - base
    if (elapsed < reviewAfterMs) return { status: 'submitted', focDate: null, failureReason: null }
    if (elapsed < decisionAfterMs) return { status: 'reviewed', focDate: null, failureReason: null }
    const detail = this.detailOf(proposal)
    const objection = this.objection(proposal, detail)
    if (objection) return { status: 'retry', focDate: null, failureReason: `LSR rejected || ${rejectionText(objection)}` }
    const focDate = Math.max(detail.desired_foc_date, Math.ceil((base + focLeadMs) / day) * day)
    return { status: 'foc_received', focDate, failureReason: null }
  }

  /** When a DID of a sub order at FOC activates on its own (null: waits for the API). */
  private activationTime(did: PortDid, focDate: number): number | null {
    if (did.activatedAt !== null) return did.activatedAt
    if (did.activationType === 'Auto') return focDate
    if (did.activationType === 'Scheduled') return Math.max(focDate, did.activationDate ?? focDate)
    return null
  }

  /** Manual activation through the API is possible from the FOC date on. */
  canActivate(proposal: PortProposal, did?: PortDid): boolean {
    const stage = this.stage(proposal)
    if (stage.status !== 'foc_received' || stage.focDate === null || stage.focDate > this.now) return false
    const waiting = (entry: PortDid): boolean => !entry.cancelled && !this.didActivated(proposal, entry)
    return did === undefined ? proposal.dids.some(waiting) : waiting(did)
  }

  didActivated(proposal: PortProposal, did: PortDid): boolean {
    if (did.cancelled) return false
    const stage = this.stage(proposal)
    if (stage.status !== 'foc_received' || stage.focDate === null) return false
    const at = this.activationTime(did, stage.focDate)
    return at !== null && at <= this.now
  }

  view(proposal: PortProposal): ProposalView {
    const stage = this.stage(proposal)
    if (stage.status !== 'foc_received') return stage
    const live = proposal.dids.filter((did) => !did.cancelled)
    if (live.length > 0 && live.every((did) => this.didActivated(proposal, did))) return { ...stage, status: 'activated' }
    return stage
  }

  didStatus(proposal: PortProposal, did: PortDid): ProposalStatus {
    if (did.cancelled) return 'cancelled'
    if (this.didActivated(proposal, did)) return 'activated'
    return this.stage(proposal).status
  }

  phaseOf(request: PortRequest): RequestPhase {
    const statuses = this.liveProposals(request).map((proposal) => this.view(proposal).status)
    if (statuses.length === 0 || statuses.every((status) => status === 'cancelled')) return 'Cancelled'
    if (statuses.includes('queued')) return 'Queue'
    if (statuses.includes('validation_pending')) return 'Validation_Pending'
    if (statuses.includes('error')) return 'Error'
    if (statuses.every((status) => status === 'activated' || status === 'cancelled')) return 'Completed'
    return 'In_Progress'
  }

  liveProposals(request: PortRequest): PortProposal[] {
    return request.proposals.filter((proposal) => !proposal.deleted)
  }

  liveRequests(): PortRequest[] {
    return this.requests.filter((request) => !request.deleted)
  }

  allProposals(): PortProposal[] {
    return this.liveRequests().flatMap((request) => this.liveProposals(request))
  }

  findRequest(id: number): PortRequest | undefined {
    return this.liveRequests().find((request) => request.id === id)
  }

  findProposal(id: number): PortProposal | undefined {
    return this.allProposals().find((proposal) => proposal.id === id)
  }

  /** Numbers in a port order that is still going (not cancelled, not completed). */
  inFlight(tn: string): boolean {
    return this.allProposals().some((proposal) => {
      const status = this.view(proposal).status
      return status !== 'cancelled' && status !== 'activated' && proposal.dids.some((did) => did.did === tn && !did.cancelled)
    })
  }

  /** Adds DIDs that activated by now to the inventory; `quiet` skips the ledger (seeded history). */
  applyActivations(quiet = false): void {
    for (const proposal of this.allProposals()) {
      const added: string[] = []
      for (const did of proposal.dids) {
        if (did.applied || !this.didActivated(proposal, did)) continue
        did.applied = true
        if (this.world.inventory.find(did.did)) continue
        const request = this.requestOf(proposal)
        this.world.inventory.add({
          tn: did.did,
          type: request.didType === 'TF' ? 'toll' : request.didType === 'INTL' ? 'intl' : 'local',
          state: request.didType === 'LCL' ? this.detailOf(proposal).state : null,
          rateCenter: null,
          lata: null,
          country: request.didType === 'INTL' ? 'INTL' : 'US',
          platform: 'porta',
          portaAID: 1_400_000 + proposal.id,
          portaPRID: 24_230,
          source: 'port',
        })
        added.push(did.did)
      }
      if (added.length > 0 && !quiet) {
        this.world.record('port-activated', { port_req_id: proposal.requestId, port_proposal_id: proposal.id, numbers: added })
      }
    }
  }

  newDetailId(): number {
    this.nextDetailId += 1
    return this.nextDetailId
  }

  /** Creates a master request and its sub orders (one per losing carrier). */
  create(input: {
    didType: DidTypeCode
    accountId: number
    accountUsername: string
    numbers: string[]
    detail: PortDetail
    forwarding: PortForwarding
    createdAt: number
    importFromFile?: string | null
    /** Seeded orders with a fixed outcome; without one the rejection rate decides. */
    outcome?: 'accept' | 'reject' | null
    stuck?: PortProposal['stuck']
    /** The losing carrier of every number, when known (seeded orders); otherwise told by the numbers. */
    losingSp?: string
  }): PortRequest {
    this.nextRequestId += 1
    const request: PortRequest = {
      id: this.nextRequestId,
      didType: input.didType,
      accountId: input.accountId,
      accountUsername: input.accountUsername,
      createdAt: input.createdAt,
      importFromFile: input.importFromFile ?? null,
      detailId: this.newDetailId(),
      detail: input.detail,
      forwarding: input.forwarding,
      docs: { loa: null, bill: null, csr: null },
      proposals: [],
      deleted: false,
    }
    const groups = new Map<string, string[]>()
    for (const tn of input.numbers) {
      const carrier = input.losingSp ?? losingCarriers[hash32(this.world.context.seed, Number(tn.slice(0, 6))) % losingCarriers.length]!
      groups.set(carrier, [...(groups.get(carrier) ?? []), tn])
    }
    for (const [losingSp, numbers] of groups) {
      this.nextProposalId += 1
      const id = this.nextProposalId
      request.proposals.push({
        id,
        requestId: request.id,
        losingSp,
        orderId: `515J-6378${String(hash32(this.world.context.seed, id)).padStart(10, '0')}${String(id).padStart(5, '0')}`,
        dids: numbers.map((tn) => ({
          did: tn,
          lrn: `${tn.slice(0, 6)}9999`,
          cancelled: false,
          activationType: input.detail.activation_type,
          activationDate: input.detail.activation_date,
          activatedAt: null,
          applied: false,
          tags: input.detail.tags,
        })),
        detailId: null,
        detail: null,
        docs: { loa: null, bill: null, csr: null },
        submittedAt: input.createdAt,
        resubmittedAt: null,
        attempt: 0,
        cancelledAt: null,
        deleted: false,
        stuck: input.stuck ?? null,
        problem: this.problemFor(id, input.detail, input.outcome ?? null),
      })
    }
    this.requests.push(request)
    return request
  }

  private problemFor(id: number, detail: PortDetail, outcome: 'accept' | 'reject' | null): PortProblem | null {
    const { seed, portRejectionRate } = this.world.context
    if (outcome === 'accept') return null
    if (outcome === null && !(unit(seed, id, 5) < portRejectionRate)) return null
    const code = objectionCodes[hash32(seed, id, 6) % objectionCodes.length]!
    return { code, wrong: signature(detail, code) }
  }

  /** Restarts the carrier's work on a sub order after an edit; a draft leaves the queue. */
  resubmit(proposal: PortProposal): void {
    proposal.attempt += 1
    proposal.resubmittedAt = this.now
    proposal.stuck = null
  }
}

/** A seeded number outside the Sandbox's own numbering pools (ports come from other carriers). */
export function foreignNumber(seed: number, type: DidTypeCode, index: number): string {
  const h = hash32(seed, 0x9047, index)
  if (type === 'TF') return `888${String(1_000_000 + (h % 999_999)).padStart(7, '0')}`
  if (type === 'INTL') return `4420${String(10_000_000 + (h % 89_999_999))}`
  const npa = ['701', '201', '251', '470', '502', '615'][h % 6]!
  return `${npa}${200 + (hash32(h, 1) % 700)}${String(hash32(h, 2) % 10_000).padStart(4, '0')}`
}

export function seedPortRequests(book: PortBook, world: Call48World): void {
  const { seed } = world.context
  const now = world.context.clock.now()
  const user = world.auth.seededUser.userName
  let numberIndex = 0
  const numbers = (type: DidTypeCode, count: number): string[] =>
    Array.from({ length: count }, () => {
      numberIndex += 1
      return foreignNumber(seed, type, numberIndex)
    })
  const detail = (overrides: Partial<PortDetail>, createdAt: number): PortDetail => ({
    cust_acc_name: 'Sandbox Customer',
    cust_authorized_name: 'Pat Porter',
    cust_acc_type: 'BIZ',
    cust_acc_number: '88812345',
    cust_acc_pin: null,
    activation_type: 'Auto',
    address_direction_prefix: null,
    address_direction_suffix: null,
    address_street_name_suffix: null,
    address_street_name: 'Main St',
    address_number: '100',
    address_loc_value: null,
    address_loc_designator: 'Suite',
    city: 'Bismarck',
    postal_code: '58501',
    desired_foc_date: createdAt + 5 * day,
    btn: '7012000000',
    state: 'ND',
    activation_date: createdAt + 5 * day + 17 * hour,
    email_updates: null,
    notes: null,
    tags: null,
    ...overrides,
  })
  const forwarding = (): PortForwarding => ({
    fwd_preconfigured: false,
    fwd_trunk_grpid: null,
    fwd_sip_type: 'NA',
    fwd_order: 'NA',
    fwd_answering_mode: 'NA',
    fwd_device_password: null,
    forwardings: [],
  })
  type Seed = {
    ago: number
    type?: DidTypeCode
    count?: number
    outcome?: 'accept' | 'reject'
    stuck?: PortProposal['stuck']
    detail?: Partial<PortDetail>
    cancel?: boolean
    file?: string
    fromInventory?: boolean
    /** Numbers of another carrier, its name as Call48 writes a losing carrier. */
    from?: { numbers: string[]; losingSp: string }
    /** Hours after the FOC date the first DID was activated through the API. */
    firstActivatedAfterFoc?: number
  }
  const seeds: Seed[] = [
    { ago: 30 * 60_000, count: 2 },
    { ago: 5 * hour, count: 1 },
    // FOC at the second midnight from now (submitted two days ago, three days' lead), within 48 hours whatever the hour.
    { ago: 2 * day, count: 3, outcome: 'accept', detail: { desired_foc_date: now + day, activation_date: now + day } },
    // At FOC since yesterday, its Manual DIDs waiting to be activated through the API.
    { ago: 6 * day, count: 2, outcome: 'accept', detail: { activation_type: 'Manual' } },
    { ago: 2 * day, count: 1, outcome: 'reject', detail: { cust_acc_number: null } },
    { ago: 3 * day, count: 2, outcome: 'reject' },
    // Completed long ago: its DIDs are among the seeded inventory, so the listing still totals `ownedNumbers`.
    { ago: 12 * day, count: 2, outcome: 'accept', fromInventory: true },
    { ago: 3 * day, count: 1, cancel: true },
    { ago: 10 * 60_000, count: 1, stuck: { status: 'queued', reason: null } },
    { ago: 20 * 60_000, count: 1, stuck: { status: 'validation_pending', reason: null } },
    { ago: 6 * day, count: 1, stuck: { status: 'error', reason: 'No DID found for build operation!' } },
    { ago: 40 * hour, type: 'TF', count: 2, outcome: 'accept' },
    { ago: 90 * 60_000, count: 8, file: 'call48_import_sandbox.csv' },
  ]
  // The seeded drift (kit/drift, inventory.ts): a port from Vitcom at FOC since yesterday, Manual, its first
  // number activated through the API (Call48 lists it) while Vitcom, until the port completes, still does.
  const fromVitcom = world.inventory.drift.portFromVitcom
  if (fromVitcom.length > 0) {
    const btn = fromVitcom[0]!
    const area = areaCodeOf(btn)
    const city = (area?.rateCenters[0]?.name ?? 'MIAMI').toLowerCase().replace(/\b\w/g, (letter) => letter.toUpperCase())
    seeds.push({
      ago: 6 * day,
      outcome: 'accept',
      from: { numbers: fromVitcom, losingSp: 'Vitcom 5193/1' },
      firstActivatedAfterFoc: 3,
      detail: { activation_type: 'Manual', btn, cust_acc_name: 'Harbor Dental Group', cust_authorized_name: 'Dana Reyes', city, state: area?.state ?? 'FL' },
    })
  }
  for (const entry of seeds) {
    const createdAt = now - entry.ago
    const type = entry.type ?? 'LCL'
    const request = book.create({
      didType: type,
      accountId: 712,
      accountUsername: user,
      numbers:
        entry.from?.numbers ??
        (entry.fromInventory && world.inventory.baseCount > 10
          ? Array.from({ length: entry.count ?? 1 }, (_, k) => world.inventory.baseDid(world.inventory.baseCount - 1 - k).tn)
          : numbers(type, entry.count ?? 1)),
      ...(entry.from ? { losingSp: entry.from.losingSp } : {}),
      detail: detail(entry.detail ?? {}, createdAt),
      forwarding: forwarding(),
      createdAt,
      importFromFile: entry.file ?? null,
      outcome: entry.outcome ?? null,
      stuck: entry.stuck ?? null,
    })
    if (entry.cancel) for (const proposal of request.proposals) proposal.cancelledAt = createdAt + hour
    if (entry.firstActivatedAfterFoc !== undefined) {
      const first = request.proposals[0]?.dids[0]
      if (first) first.activatedAt = request.detail.desired_foc_date + entry.firstActivatedAfterFoc * hour
    }
  }
  book.applyActivations(true)
}
