/**
 * Call48's port-in API as the core's PortActions: portability, a new request (the documented submit body,
 * then its documents), the detail of a request or sub order, edit and resubmit (update-request), cancel,
 * delete, activate (the order, a sub order or one number), documents, forwarding and activation details,
 * and the carrier's CSV exports. Order ids are the board's: `<port_req_id>` or `<port_req_id>/<port_proposal_id>`.
 *
 * Call48 cannot read a request by id, only list requests by number, so every action is given the order's
 * numbers. Each mutation is sent once; after an ambiguous failure it is settled by reading the request back
 * (kit/ports.ts). The PIN is read only to keep it across an edit and never leaves this file.
 */
import type { PortOrder } from '../../../shared/domain'
import type { PortCheckLine, PortDetailField, PortDocumentState, PortForwardingEntry } from '../../../shared/ports'
import { AppError } from '../../lib/app-error'
import { numberTypeOf } from '../kit/phone'
import { settledPortMutation } from '../kit/ports'
import type { CarrierPortDetail, PortActions, PortDocument, PortMutationResult, PortOrderRef } from '../adapter'
import type { Call48Client, PortDidType, PortDocumentType, PortRequestDetailInput } from './client'
import { call48Number, didTypeOfPort, mapPortProposal, withoutSecrets } from './mapping'
import { call48PortForm, easternActivationDate, fieldsNamedBy, parseCall48Changes, parseCall48Order, type Call48PortOrder } from './port-form'
import type { Call48PortDetail, Call48PortRequest } from './schemas'

const carrier = 'call48'
const listPage = 50
const maxListPages = 20
/** Activation details are read per number; a big order shows the first ones. */
const maxActivationReads = 50

interface Target {
  portReqId: number
  portProposalId?: number | undefined
}

/** `256` (a request) or `256/201` (one of its sub orders). */
export function targetOf(orderId: string): Target {
  const match = /^(\d{1,12})(?:\/(\d{1,12}))?$/.exec(orderId.trim())
  if (!match) throw new AppError('validation', `${orderId}: a Call48 port order is <port_req_id> or <port_req_id>/<port_proposal_id>`, { fields: { orderId: 'Not a Call48 port order id' } })
  return { portReqId: Number(match[1]), portProposalId: match[2] === undefined ? undefined : Number(match[2]) }
}

const levelOf = (target: Target): { portReqId?: number; portProposalId?: number } =>
  target.portProposalId === undefined ? { portReqId: target.portReqId } : { portProposalId: target.portProposalId }

const needProposal = (target: Target, what: string): number => {
  if (target.portProposalId === undefined) {
    throw new AppError('validation', `${what} names a sub order: <port_req_id>/<port_proposal_id>`, { fields: { orderId: 'A sub order id is needed' } })
  }
  return target.portProposalId
}

const didTypes: Record<string, PortDidType> = { local: 'LCL', 'toll-free': 'TF', international: 'INTL' }
const documentKinds = new Set(call48PortForm.documents.map((document) => document.kind))
const documentFile: Record<PortDocumentType, 'loa_file' | 'bill_file' | 'csr_file'> = { loa: 'loa_file', bill: 'bill_file', csr: 'csr_file' }

function documentKind(kind: string): PortDocumentType {
  if (!documentKinds.has(kind)) throw new AppError('validation', `Call48 takes loa, bill or csr documents, not ${kind}`, { fields: { kind: 'loa, bill or csr' } })
  return kind as PortDocumentType
}

const text = (value: unknown): string | undefined => (value === null || value === undefined || String(value).trim() === '' ? undefined : String(value).trim())

/** The same value, allowing for the carrier writing a date its own way ("…T00:00:00.000Z"). */
function sameValue(a: unknown, b: unknown): boolean {
  const left = text(a)
  const right = text(b)
  if (left === right) return true
  if (left === undefined || right === undefined) return false
  const [l, r] = [Date.parse(left), Date.parse(right)]
  return /^\d{4}-\d{2}-\d{2}/.test(left) && !Number.isNaN(l) && l === r
}

/** A request's detail as update-request takes it: every field, the current ones where the edit gives none. */
function detailInput(current: Call48PortDetail, changes: Partial<PortRequestDetailInput>): PortRequestDetailInput {
  const value = (key: string): string | undefined => text((current as Record<string, unknown>)[key])
  const base: PortRequestDetailInput = {
    cust_acc_name: value('cust_acc_name') ?? '',
    cust_authorized_name: value('cust_authorized_name') ?? '',
    cust_acc_type: value('cust_acc_type') === 'RES' ? 'RES' : 'BIZ',
    cust_acc_number: value('cust_acc_number'),
    cust_acc_pin: value('cust_acc_pin'),
    activation_type: (value('activation_type') as PortRequestDetailInput['activation_type']) ?? 'Auto',
    address_direction_prefix: value('address_direction_prefix'),
    address_direction_suffix: value('address_direction_suffix'),
    address_street_name_suffix: value('address_street_name_suffix'),
    address_street_name: value('address_street_name') ?? '',
    address_number: value('address_number') ?? '',
    address_loc_value: value('address_loc_value'),
    address_loc_designator: value('address_loc_designator') ?? '',
    city: value('city') ?? '',
    postal_code: value('postal_code') ?? '',
    desired_foc_date: value('desired_foc_date') ?? '',
    btn: value('btn') ?? '',
    state: value('state_code') ?? value('state') ?? '',
    activation_date: value('activation_date') ?? '',
    email_updates: value('email_updates'),
    notes: value('notes'),
    tags: value('tags'),
  }
  return { ...base, ...Object.fromEntries(Object.entries(changes).filter(([, each]) => each !== undefined)) }
}

const formKey = (key: string): string => `port_req_detail.${key}`

function accountData(detail: Call48PortDetail, pinGiven: boolean): PortDetailField[] {
  const d = detail as Record<string, unknown>
  const address = [d.address_number, d.address_direction_prefix, d.address_street_name, d.address_street_name_suffix, d.address_direction_suffix]
    .map(text)
    .filter(Boolean)
    .join(' ')
  const location = [text(d.address_loc_designator), text(d.address_loc_value)].filter(Boolean).join(' ')
  const field = (key: string, label: string, value: unknown): PortDetailField => ({ key, label, value: text(value) })
  return [
    field(formKey('cust_acc_name'), 'Account name', d.cust_acc_name),
    field(formKey('cust_acc_type'), 'Account type', d.cust_acc_type),
    field(formKey('cust_acc_number'), 'Account number', d.cust_acc_number),
    { key: formKey('cust_acc_pin'), label: 'Account PIN', masked: true, value: pinGiven ? 'given' : undefined },
    field(formKey('cust_authorized_name'), 'Authorised name', d.cust_authorized_name),
    field(formKey('btn'), 'Billing telephone number (BTN)', d.btn),
    field('service_address', 'Service address', [address, location].filter(Boolean).join(', ')),
    field('city_state_zip', 'City, state, ZIP', [text(d.city), [text(d.state_code), text(d.postal_code)].filter(Boolean).join(' ')].filter(Boolean).join(', ')),
    field(formKey('desired_foc_date'), 'Desired FOC date', text(d.desired_foc_date)?.slice(0, 10)),
    field(formKey('activation_type'), 'Activation', d.activation_type),
    field(formKey('activation_date'), 'Activation date', d.activation_date),
    field(formKey('email_updates'), 'E-mail updates to', d.email_updates),
    field(formKey('notes'), 'Notes', d.notes),
    field(formKey('tags'), 'Tags', d.tags),
  ]
}

/** The current values of the fields an edit takes, by form key; never the PIN. */
function editValues(detail: Call48PortDetail): Record<string, string> {
  const d = detail as Record<string, unknown>
  const values: Record<string, string> = {}
  for (const field of call48PortForm.fields) {
    if (field.submitOnly || field.kind === 'secret') continue
    const key = field.key.replace(/^port_req_detail\./, '')
    const value = text(key === 'state' ? (d.state_code ?? d.state) : d[key])
    if (value !== undefined) values[field.key] = field.kind === 'date' ? value.slice(0, 10) : value
  }
  return values
}

function documentStates(detail: Call48PortDetail): PortDocumentState[] {
  return call48PortForm.documents.map(({ kind, label }) => {
    const file = text((detail as Record<string, unknown>)[documentFile[kind as PortDocumentType]])
    return { kind, label, file, attached: file !== undefined }
  })
}

export function createCall48PortActions(options: { client: Call48Client; accountId: string; now: () => number }): PortActions {
  const { client, accountId, now } = options

  /** Every request that holds any of `numbers`, through every page. */
  async function requestsWith(numbers: string[], signal: AbortSignal): Promise<Call48PortRequest[]> {
    const found: Call48PortRequest[] = []
    for (let page = 1; page <= maxListPages; page += 1) {
      const { requests, hasMore } = await client.listPorts({ page, limit: listPage, numbers, signal })
      found.push(...requests)
      if (!hasMore || requests.length === 0) break
    }
    return found
  }

  async function rowsOfRequest(request: Call48PortRequest, signal: AbortSignal): Promise<PortOrder[]> {
    const rows: PortOrder[] = []
    for (const proposal of request.port_proposals) {
      const dids = await client.listPortDids({ portProposalId: proposal.port_proposal_id, signal })
      rows.push(mapPortProposal(request, proposal, dids, didTypeOfPort(request), accountId, now()))
    }
    return rows
  }

  /** Every row of a request as listed now; none when it is gone. */
  async function rowsOf(portReqId: number, numbers: string[], signal: AbortSignal): Promise<PortOrder[]> {
    if (numbers.length === 0) return []
    const request = (await requestsWith(numbers, signal)).find((each) => each.port_req_id === portReqId)
    return request ? rowsOfRequest(request, signal) : []
  }

  /** The rows afterwards, for the cache; a failed read leaves the cache to the next sync. */
  async function rowsAfter(portReqId: number, numbers: string[]): Promise<PortOrder[] | undefined> {
    try {
      return await rowsOf(portReqId, numbers, AbortSignal.timeout(60_000))
    } catch {
      return undefined
    }
  }

  /** A mutation on an order, sent once and settled, then the order read back for the cache. */
  async function mutation(
    ref: PortOrderRef,
    operation: string,
    message: string,
    send: () => Promise<unknown>,
    verify: (signal: AbortSignal) => Promise<boolean>,
  ): Promise<PortMutationResult> {
    const target = targetOf(ref.orderId)
    const { checkedAfterFailure } = await settledPortMutation({ carrier, operation, send, verify })
    return { message, checkedAfterFailure, orders: await rowsAfter(target.portReqId, ref.numbers) }
  }

  const rowStatus = async (ref: PortOrderRef, signal: AbortSignal): Promise<PortOrder[]> => rowsOf(targetOf(ref.orderId).portReqId, ref.numbers, signal)
  const didStatus = async (portProposalId: number, number: string, signal: AbortSignal): Promise<string | undefined> => {
    const dids = await client.listPortDids({ portProposalId, signal })
    return dids.find((did) => did.did === call48Number(number))?.port_status.toLowerCase()
  }

  async function uploadDocument(target: Target, document: PortDocument, signal: AbortSignal): Promise<{ checkedAfterFailure: boolean }> {
    const type = documentKind(document.kind)
    const level = levelOf(target)
    const before = text((await client.viewPortDetail({ ...level, signal }) as Record<string, unknown>)[documentFile[type]])
    return settledPortMutation({
      carrier,
      operation: 'port-upload-docs',
      send: () => client.uploadPortDocument({ ...level, type, file: { name: document.name, content: document.bytes }, signal }),
      verify: async (settle) => {
        const after = text((await client.viewPortDetail({ ...level, signal: settle }) as Record<string, unknown>)[documentFile[type]])
        return after !== undefined && after !== before
      },
    })
  }

  return {
    async check({ numbers, signal }): Promise<PortCheckLine[]> {
      const byType = new Map<PortDidType, string[]>()
      for (const e164 of numbers) {
        const type = didTypes[numberTypeOf(e164)] as PortDidType
        byType.set(type, [...(byType.get(type) ?? []), e164])
      }
      const answers = new Map<string, boolean>()
      for (const [didType, group] of byType) {
        const answer = await client.checkPortability({ didType, numbers: group, signal })
        for (const e164 of group) {
          const value = answer[call48Number(e164)] ?? answer[e164.replace(/^\+/, '')]
          if (value !== undefined) answers.set(e164, value)
        }
      }
      return numbers.map((e164) => {
        const portable = answers.get(e164)
        if (portable === undefined) return { e164, portable: false, message: 'Call48 did not answer for this number' }
        return portable ? { e164, portable } : { e164, portable, message: 'Call48 cannot port this number in' }
      })
    },

    parseOrder: parseCall48Order,
    parseChanges: parseCall48Changes,

    async submit({ order, documents, signal }) {
      const body = order.body as Call48PortOrder
      const before = new Set((await requestsWith(body.numbers, signal)).map((request) => request.port_req_id))
      let portReqId: number | undefined
      const { checkedAfterFailure } = await settledPortMutation({
        carrier,
        operation: 'port-submit-port-details',
        send: async () => {
          ;({ portReqId } = await client.submitPort({ ...body, signal }))
        },
        verify: async (settle) => {
          // Numbers in a running order cannot be in another: a request holding them that was not there before is this one.
          const created = (await requestsWith(body.numbers, settle)).find((request) => !before.has(request.port_req_id))
          portReqId = created?.port_req_id
          return created !== undefined
        },
      })
      const id = portReqId as number
      const attached: { kind: string; name: string; ok: boolean; message: string }[] = []
      for (const document of documents) {
        if (signal.aborted) {
          attached.push({ kind: document.kind, name: document.name, ok: false, message: 'Not sent: cancelled' })
          continue
        }
        try {
          const done = await uploadDocument({ portReqId: id }, document, signal)
          attached.push({ kind: document.kind, name: document.name, ok: true, message: done.checkedAfterFailure ? 'Attached (confirmed by reading the order back)' : 'Attached' })
        } catch (error) {
          attached.push({ kind: document.kind, name: document.name, ok: false, message: error instanceof Error ? error.message : String(error) })
        }
      }
      return {
        orderId: String(id),
        message: `Call48 took port request ${id} for ${body.numbers.length} number${body.numbers.length === 1 ? '' : 's'}`,
        checkedAfterFailure,
        orders: await rowsAfter(id, body.numbers),
        documents: attached,
      }
    },

    async detail({ orderId, numbers, signal }): Promise<CarrierPortDetail> {
      const target = targetOf(orderId)
      const rows = await rowsOf(target.portReqId, numbers, signal)
      const row = rows.find((each) => each.id === orderId) ?? (target.portProposalId === undefined ? rows[0] : undefined)
      if (!row) throw new AppError('not-found', `Call48 lists no port order ${orderId} any more`)
      const raw = await client.viewPortDetailWithSecrets({ ...levelOf(target), signal })
      const pinGiven = text((raw as Record<string, unknown>).cust_acc_pin) !== undefined
      const detail = withoutSecrets(raw)
      const forwarding = await client.portForwardingDetails({ portReqId: target.portReqId, signal }).catch(() => undefined)
      const proposalId = target.portProposalId ?? Number(row.id.split('/')[1])
      const lines = [...(row.lines ?? [])]
      let reads = 0
      for (const [index, line] of lines.entries()) {
        if ((line.status !== 'foc-set' && line.status !== 'completed') || reads >= maxActivationReads) continue
        reads += 1
        const activation = await client.viewDidActivation({ did: line.e164, portProposalId: proposalId, signal }).catch(() => undefined)
        if (activation) lines[index] = { ...line, activationType: activation.activation_type ?? undefined, activationDate: activation.activation_date ?? undefined }
      }
      let rejection: CarrierPortDetail['rejection']
      if (row.status === 'rejected' || (row.status === 'draft' && row.rejectionReason)) {
        const reason = row.rejectionReason ?? 'Call48 gave no reason'
        const listed = await client.listProblematicPorts({ page: 1, limit: listPage, numbers: row.numbers, signal }).catch(() => undefined)
        const entry = listed?.ports.find((port) => port.port_proposal_id === proposalId)
        const details: PortDetailField[] = entry
          ? [
              { key: 'losing_sp', label: 'Losing carrier', value: text(entry.losing_sp) },
              { key: 'target_sp', label: 'Target', value: text(entry.target_sp) },
              { key: 'order_id', label: 'Carrier order', value: text(entry.order_id) },
              { key: 'order_status', label: 'Order status', value: text(entry.order_status) },
              { key: 'request_phase', label: 'Request phase', value: text(entry.request_phase) },
              { key: 'failure_reason', label: 'Rejection list says', value: text(entry.failure_reason) },
            ]
          : []
        rejection = { reason, fields: fieldsNamedBy(reason), details }
      }
      return {
        order: { ...row, lines },
        orders: rows,
        accountData: accountData(detail, pinGiven),
        values: editValues(detail),
        documents: documentStates(detail),
        forwarding: forwarding && {
          fields: [
            { key: 'fwd_preconfigured', label: 'Preconfigured', value: forwarding.fwd_preconfigured ? 'yes' : 'no' },
            { key: 'fwd_trunk_grpid', label: 'Trunk group', value: text(forwarding.fwd_trunk_grpid) },
            { key: 'fwd_sip_type', label: 'SIP number format', value: text(forwarding.fwd_sip_type) },
            { key: 'fwd_order', label: 'Order', value: text(forwarding.fwd_order) },
            { key: 'fwd_answering_mode', label: 'Answering mode', value: text(forwarding.fwd_answering_mode) },
          ],
          entries: forwarding.port_req_forwardings.map((entry) => ({
            sequence: entry.sequence,
            method: entry.method,
            value: entry.value,
            timeoutSeconds: entry.timeout,
            forwardingTypeId: entry.forwarding_type_id,
          })),
        },
        rejection,
        asOf: now(),
      }
    },

    async update(ref) {
      const target = targetOf(ref.orderId)
      const changes = ref.changes.body as Partial<PortRequestDetailInput>
      const current = await client.viewPortDetailWithSecrets({ ...levelOf(target), signal: ref.signal })
      const detail = detailInput(current, changes)
      return mutation(
        ref,
        'port-update-request',
        `Call48 took the changes to ${ref.orderId} and resubmitted it`,
        () => client.updatePort({ portReqId: target.portReqId, portProposalId: target.portProposalId, detail, signal: ref.signal }),
        async (settle) => {
          const after = (await client.viewPortDetailWithSecrets({ ...levelOf(target), signal: settle })) as Record<string, unknown>
          return Object.entries(changes).every(([key, value]) => sameValue(key === 'state' ? (after.state_code ?? after.state) : after[key], value))
        },
      )
    },

    async cancel(ref) {
      const target = targetOf(ref.orderId)
      if (ref.number !== undefined) {
        const number = ref.number
        const proposal = needProposal(target, 'Cancelling one number')
        return mutation(
          ref,
          'port-cancel-did-order',
          `Call48 cancelled ${number} in ${ref.orderId}`,
          () => client.cancelPortDid({ portProposalId: proposal, number, signal: ref.signal }),
          async (settle) => (await didStatus(proposal, number, settle)) === 'cancelled',
        )
      }
      return mutation(
        ref,
        'port-cancel-order',
        `Call48 cancelled ${ref.orderId}`,
        () => client.cancelPort({ ...levelOf(target), signal: ref.signal }),
        async (settle) => {
          const rows = (await rowStatus(ref, settle)).filter((row) => target.portProposalId === undefined || row.id === ref.orderId)
          return rows.length > 0 && rows.every((row) => row.status === 'cancelled')
        },
      )
    },

    async discard(ref) {
      const target = targetOf(ref.orderId)
      if (ref.number !== undefined) {
        const number = ref.number
        const proposal = needProposal(target, 'Deleting one number')
        return mutation(
          ref,
          'port-delete-request',
          `Call48 deleted ${number} from ${ref.orderId}`,
          () => client.deletePort({ portProposalId: proposal, number, signal: ref.signal }),
          async (settle) => {
            const rows = await rowStatus(ref, settle)
            const row = rows.find((each) => each.id === ref.orderId)
            return !row || !row.numbers.includes(number)
          },
        )
      }
      return mutation(
        ref,
        'port-delete-request',
        `Call48 deleted ${ref.orderId}`,
        () => client.deletePort({ ...levelOf(target), signal: ref.signal }),
        async (settle) => {
          const rows = await rowStatus(ref, settle)
          return target.portProposalId === undefined ? rows.length === 0 : !rows.some((row) => row.id === ref.orderId)
        },
      )
    },

    async activate(ref) {
      const target = targetOf(ref.orderId)
      if (ref.number !== undefined) {
        const number = ref.number
        const proposal = needProposal(target, 'Activating one number')
        return mutation(
          ref,
          'port-activate-did',
          `Call48 activated ${number} in ${ref.orderId}`,
          () => client.activatePortDid({ portProposalId: proposal, number, signal: ref.signal }),
          async (settle) => (await didStatus(proposal, number, settle)) === 'activated',
        )
      }
      return mutation(
        ref,
        'port-activate-order',
        `Call48 activated ${ref.orderId}`,
        () => client.activatePort({ ...levelOf(target), signal: ref.signal }),
        async (settle) => {
          const rows = (await rowStatus(ref, settle)).filter((row) => target.portProposalId === undefined || row.id === ref.orderId)
          return rows.length > 0 && rows.every((row) => (row.lines ?? []).every((line) => line.status === 'completed' || line.status === 'cancelled'))
        },
      )
    },

    async addDocument(ref) {
      const target = targetOf(ref.orderId)
      const { checkedAfterFailure } = await uploadDocument(target, ref.document, ref.signal)
      return { message: `Call48 took the ${ref.document.kind} document ${ref.document.name} for ${ref.orderId}`, checkedAfterFailure, orders: await rowsAfter(target.portReqId, ref.numbers) }
    },

    async removeDocument(ref) {
      const target = targetOf(ref.orderId)
      const type = documentKind(ref.kind)
      return mutation(
        ref,
        'port-remove-upload-docs',
        `Call48 removed the ${type} document of ${ref.orderId}`,
        () => client.removePortDocument({ ...levelOf(target), type, signal: ref.signal }),
        async (settle) => text(((await client.viewPortDetail({ ...levelOf(target), signal: settle })) as Record<string, unknown>)[documentFile[type]]) === undefined,
      )
    },

    async updateForwarding(ref) {
      const target = targetOf(ref.orderId)
      const entries: PortForwardingEntry[] | undefined = ref.entries
      return mutation(
        ref,
        'port-update-forwarding',
        `Call48 took the forwarding of port request ${target.portReqId}`,
        () =>
          client.updatePortForwarding({
            portReqId: target.portReqId,
            forwardings: entries?.map((entry) => ({ ...entry })),
            preconfigured: ref.preconfigured,
            signal: ref.signal,
          }),
        async (settle) => {
          const after = await client.portForwardingDetails({ portReqId: target.portReqId, signal: settle })
          const sameEntries =
            entries === undefined ||
            (after.port_req_forwardings.length === entries.length &&
              entries.every((entry) => after.port_req_forwardings.some((each) => each.sequence === entry.sequence && each.method === entry.method && each.value === entry.value)))
          return sameEntries && (ref.preconfigured === undefined || after.fwd_preconfigured === ref.preconfigured)
        },
      )
    },

    async updateActivation(ref) {
      const target = targetOf(ref.orderId)
      const proposal = needProposal(target, 'Activation details')
      const activationType = ref.activationType as 'Auto' | 'Manual' | 'Scheduled'
      if (!['Auto', 'Manual', 'Scheduled'].includes(activationType)) {
        throw new AppError('validation', 'Activation is Auto, Manual or Scheduled', { fields: { activationType: 'Auto, Manual or Scheduled' } })
      }
      const activationDate = easternActivationDate(ref.activationDate)
      return mutation(
        ref,
        'port-update-activation',
        `Call48 took the activation of ${ref.number}: ${activationType}, ${activationDate}`,
        () => client.updateDidActivation({ did: ref.number, portProposalId: proposal, activationType, activationDate, signal: ref.signal }),
        async (settle) => {
          const after = await client.viewDidActivation({ did: ref.number, portProposalId: proposal, signal: settle })
          return after.activation_type === activationType && sameValue(after.activation_date, activationDate)
        },
      )
    },

    async exportCsv({ orderId, signal }) {
      if (orderId === undefined) return { name: 'call48-port-requests', rows: await client.exportPorts({ signal }) }
      const target = targetOf(orderId)
      const rows = await client.exportPorts({ ...levelOf(target), signal })
      return { name: target.portProposalId === undefined ? `call48-port-${target.portReqId}-sub-orders` : `call48-port-${target.portProposalId}-numbers`, rows }
    },
  }
}
