/**
 * The port board's service, one for every front door: the cached board (filtered, searched, exported),
 * portability checks at every account that ports, new orders in the carrier's own submit body with their
 * documents, an order's detail (read from the carrier, the cache when it cannot be reached), every change
 * the carrier offers, ports tracked by id, and the notices of changes.
 *
 * Every change is confirmed by the caller (the contract's `confirmed`, the CLI's --yes), sent once, never
 * retried blindly, settled by re-reading the carrier after an ambiguous failure (the adapters do), written to
 * the activity log with its true outcome, and followed by a read of the order into the cache. Secrets the
 * technician typed (a PIN) go to the carrier and nowhere else: not the log, not the cache, not a message.
 */
import type { Capability, PortOrder } from '../../../shared/domain'
import type { PortDocumentInput, PortPreview, PortSubmitOutcome, PortActionOutcome } from '../../../shared/ipc-shared'
import { portDocumentProblem } from '../../../shared/port-documents'
import type { PortBoardRow, PortCheckResult, PortNotice, PortOrderDetail } from '../../../shared/ports'
import type { CarrierClient, ParsedPortOrder, PortActions, PortDocument, PortMutationResult, PortOrderRef } from '../../carriers/adapter'
import type { CarrierRegistry } from '../../carriers/registry'
import { AppError } from '../../lib/app-error'
import { isAmbiguous } from '../../lib/carrier-error'
import type { AccountRow } from '../../store/repositories/accounts'
import type { Store } from '../../store/store'
import type { AccountsService } from '../accounts-service'
import type { ActivityLog } from '../activity-log'
import { writeCsvExport, zonedTimeFormat } from '../csv-export'
import type { EventHub } from '../events'
import { maxCheckedNumbers, parseNumberInput } from './number-input'
import { writePortOrders } from './port-cache'
import { boardRows, filterBoard, type BoardFilter } from './board'

export interface PortsServiceDeps {
  store: Store
  accounts: AccountsService
  registry: CarrierRegistry
  activity: ActivityLog
  events: EventHub
  dataDir: string
  now: () => number
}

/** A change to an existing order: what it is called in the log, the capability it needs and how it is sent. */
interface Change {
  action: string
  capability: Capability
  what: string
  details?: Record<string, unknown>
  secrets?: string[]
  send(actions: PortActions, ref: PortOrderRef): Promise<PortMutationResult> | undefined
}

/** A message with every secret the technician typed replaced, for errors and the log. */
function scrubbed(message: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length >= 2).reduce((text, secret) => text.split(secret).join('••••'), message)
}

function rethrowScrubbed(error: unknown, secrets: readonly string[]): never {
  if (error instanceof AppError && secrets.length > 0) {
    const copy = new AppError(error.code, scrubbed(error.message, secrets), error.details)
    copy.stack = error.stack
    throw copy
  }
  throw error
}

const orderKey = (order: PortOrder): string => order.group ?? order.id

export class PortsService {
  constructor(private readonly deps: PortsServiceDeps) {
    // Every notice is also an entry of the activity log, whichever sync found it.
    deps.events.on('ports.notice', (notice) => {
      this.deps.activity.record({
        accountId: notice.accountId,
        carrier: notice.carrier,
        action: `port.notice.${notice.kind}`,
        target: notice.orderId.split('/')[0],
        result: 'succeeded',
        message: `${notice.title}: ${notice.message}`,
        details: { orderId: notice.orderId, numbers: notice.numbers },
      })
    })
  }

  // ---- The board ---------------------------------------------------------------------------------------

  list(filter: BoardFilter): PortOrder[] {
    return filterBoard(this.deps.store.ports.list(filter.accountId), filter, this.accountNames())
  }

  /** The board as the CLI lists it. */
  board(filter: BoardFilter): { rows: PortBoardRow[]; total: number } {
    const rows = boardRows(this.list(filter), this.accountNames())
    return { rows, total: rows.length }
  }

  private accountNames(): Map<string, string> {
    return new Map(this.deps.store.accounts.list().map((account) => [account.id, account.name]))
  }

  /** The cached board (filtered) or the carrier's own export, to a CSV file. */
  async export(
    input: BoardFilter & { source: 'board' | 'carrier'; orderId?: string | undefined; timeZone: string },
    signal: AbortSignal,
  ): Promise<{ file: string; rows: number }> {
    const now = this.deps.now()
    if (input.source === 'board') {
      const names = this.accountNames()
      const time = zonedTimeFormat(input.timeZone)
      const rows = this.list(input).map((order) => ({
        account: names.get(order.accountId) ?? order.accountId,
        carrier: order.carrier,
        order: order.id,
        masterOrder: order.group ?? '',
        status: order.status,
        focDate: order.focDate ?? '',
        rejectionReason: order.rejectionReason ?? '',
        numbers: order.numbers.join(' '),
        numberStates: (order.lines ?? []).map((line) => `${line.e164}:${line.status}`).join(' '),
        asOf: time(order.asOf),
      }))
      const columns = ['account', 'carrier', 'order', 'masterOrder', 'status', 'focDate', 'rejectionReason', 'numbers', 'numberStates', 'asOf']
      return writeCsvExport({ dataDir: this.deps.dataDir, name: 'ports', now, columns, rows, signal })
    }
    if (!input.accountId) throw new AppError('validation', "The carrier's export is per account: name one", { fields: { accountId: 'Required' } })
    const { account, actions } = await this.actionsFor(input.accountId, 'ports.export')
    if (!actions.exportCsv) throw this.unsupported(account, 'exports')
    const { name, rows } = await actions.exportCsv({ orderId: input.orderId, signal })
    const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))]
    const safe = `${account.name}-${name}`.replace(/[^\w.-]+/g, '_')
    return writeCsvExport({ dataDir: this.deps.dataDir, dir: 'downloads', name: safe, now, columns, rows, signal })
  }

  // ---- Checks and new orders ---------------------------------------------------------------------------

  /** Portability of typed numbers at every account that ports (or the ones named), number by number. */
  async check(input: { numbers: string[]; accountIds?: string[] | undefined }, signal: AbortSignal): Promise<PortCheckResult> {
    const { numbers, invalid } = parseNumberInput(input.numbers)
    if (numbers.length > maxCheckedNumbers) throw new AppError('validation', `At most ${maxCheckedNumbers} numbers per check`, { fields: { numbers: 'Too many numbers' } })
    const rows = input.accountIds
      ? input.accountIds.map((id) => this.deps.accounts.find(id))
      : this.deps.store.accounts.list().filter((row) => this.capable(row, 'ports.check'))
    const accounts = await Promise.all(
      rows.map(async (row) => {
        const base = { accountId: row.id, accountName: row.name, carrier: row.carrier }
        if (!this.capable(row, 'ports.check')) return { ...base, results: [], error: `${this.deps.registry.get(row.carrier).name} cannot check portability` }
        if (numbers.length === 0) return { ...base, results: [] }
        try {
          const client = await this.deps.accounts.connect(row)
          const results = (await client.ports?.check?.({ numbers, signal })) ?? []
          return { ...base, results }
        } catch (error) {
          if (signal.aborted) throw new AppError('cancelled', 'Cancelled')
          return { ...base, results: [], error: error instanceof AppError ? error.message : 'Unexpected error' }
        }
      }),
    )
    return { numbers, invalid, accounts }
  }

  /** A new order's body checked by its carrier, as the confirmation lists it (nothing is sent). */
  async preview(input: { accountId: string; order: unknown }): Promise<PortPreview> {
    const { actions, account } = await this.actionsFor(input.accountId, 'ports.submit')
    if (!actions.parseOrder) throw this.unsupported(account, 'new ports')
    const { numbers, summary } = actions.parseOrder(input.order)
    return { numbers, summary }
  }

  /** Reads documents as given (base64) and checks each against the carrier's form before anything is sent. */
  private documents(account: AccountRow, given: readonly PortDocumentInput[], submitting: boolean): PortDocument[] {
    const form = this.deps.registry.get(account.carrier).portForm
    if (!form) throw this.unsupported(account, 'port documents')
    const problems: Record<string, string> = {}
    const documents = given.map((document, index) => {
      const bytes = new Uint8Array(Buffer.from(document.contentBase64, 'base64'))
      if (!form.documents.some((kind) => kind.kind === document.kind)) {
        problems[`documents.${index}.kind`] = `${document.kind} is not a document ${account.name} takes (${form.documents.map((kind) => kind.kind).join(', ')})`
      }
      const problem = portDocumentProblem(bytes, form.documentTypes, form.maxDocumentBytes)
      if (problem) problems[`documents.${index}`] = `${document.name}: ${problem}`
      return { kind: document.kind, name: document.name, bytes }
    })
    if (submitting && form.documentsSentWith === 'submit') {
      for (const kind of form.documents.filter((each) => each.required)) {
        if (!documents.some((document) => document.kind === kind.kind)) problems[`documents.${kind.kind}`] = `${kind.label} is required`
      }
    }
    if (Object.keys(problems).length > 0) {
      throw new AppError('validation', Object.values(problems).join('; '), { fields: problems })
    }
    return documents
  }

  async submit(input: { accountId: string; order: unknown; documents: PortDocumentInput[] }, signal: AbortSignal): Promise<PortSubmitOutcome> {
    const { account, actions } = await this.actionsFor(input.accountId, 'ports.submit')
    if (!actions.parseOrder || !actions.submit) throw this.unsupported(account, 'new ports')
    const order: ParsedPortOrder = actions.parseOrder(input.order)
    const documents = this.documents(account, input.documents, true)
    const base = { accountId: account.id, carrier: account.carrier, action: 'port.submit' }
    const details = { numbers: order.numbers, documents: documents.map((document) => ({ kind: document.kind, name: document.name, bytes: document.bytes.length })) }
    let result: Awaited<ReturnType<NonNullable<PortActions['submit']>>>
    try {
      result = await actions.submit({ order, documents, signal })
    } catch (error) {
      this.logFailure({ ...base, target: order.numbers[0] ?? account.name }, error, order.secrets, details, 'submitted', 'before submitting it again')
      rethrowScrubbed(error, order.secrets)
    }
    this.deps.activity.record({
      ...base,
      target: result.orderId,
      result: 'succeeded',
      message: result.checkedAfterFailure ? `${result.message} (the answer was lost; confirmed by reading the orders back)` : result.message,
      details: { ...details, orderId: result.orderId, checkedAfterFailure: result.checkedAfterFailure },
    })
    for (const document of result.documents ?? []) {
      this.deps.activity.record({
        accountId: account.id,
        carrier: account.carrier,
        action: 'port.document.add',
        target: result.orderId,
        result: document.ok ? 'succeeded' : /may or may not|unknown/i.test(document.message) ? 'unknown' : 'failed',
        message: `${document.kind} ${document.name}: ${scrubbed(document.message, order.secrets)}`,
        details: { kind: document.kind, name: document.name },
      })
    }
    const now = this.deps.now()
    // The new order is on the board at once: as the carrier lists it, or as sent until the next sync.
    const orders = result.orders ?? [{ accountId: account.id, carrier: account.carrier, id: result.orderId, numbers: order.numbers, status: 'submitted', asOf: now, raw: {} }]
    writePortOrders(this.deps, account, orders, { orderId: result.orderId })
    return {
      orderId: result.orderId,
      message: result.message,
      checkedAfterFailure: result.checkedAfterFailure,
      orders,
      documents: (result.documents ?? []).map((document) => ({ ...document, message: scrubbed(document.message, order.secrets) })),
    }
  }

  // ---- One order -----------------------------------------------------------------------------------------

  private cachedOrder(accountId: string, orderId: string): { order: PortOrder; rows: PortOrder[] } {
    const direct = this.deps.store.ports.get(accountId, orderId)
    const rows = this.deps.store.ports.ofOrder(accountId, direct ? orderKey(direct) : orderId)
    const order = direct ?? rows[0]
    if (!order) throw new AppError('not-found', `No cached port order ${orderId} for this account: sync ports (or track the port) first`)
    return { order, rows }
  }

  private history(accountId: string, order: PortOrder) {
    const targets = [...new Set([orderKey(order), order.id])]
    return targets
      .flatMap((target) => this.deps.activity.list({ limit: 100, target }))
      .filter((entry) => entry.accountId === accountId)
      .sort((a, b) => b.id - a.id)
      .filter((entry, index, all) => all.findIndex((other) => other.id === entry.id) === index)
  }

  /** The detail panel: read from the carrier (and cached), or the last read when the carrier cannot be reached. */
  async detail(input: { accountId: string; orderId: string }, signal: AbortSignal): Promise<PortOrderDetail> {
    const account = this.deps.accounts.find(input.accountId)
    const { order, rows } = this.cachedOrder(account.id, input.orderId)
    const numbers = [...new Set(rows.flatMap((row) => row.numbers))]
    const fallback = (message: string): PortOrderDetail => {
      const saved = this.deps.store.ports.detail(account.id, order.id)
      const current = this.cachedOrder(account.id, order.id)
      return {
        ...(saved ?? { accountData: [], values: {}, documents: [], asOf: order.asOf }),
        order: current.order,
        siblings: current.rows.filter((row) => row.id !== order.id),
        history: this.history(account.id, order),
        fromCache: true,
        message,
      }
    }
    let client: CarrierClient
    try {
      client = await this.deps.accounts.connect(account)
    } catch (error) {
      return fallback(error instanceof AppError ? error.message : 'The account could not be connected')
    }
    if (!client.ports?.detail) return fallback(`${this.deps.registry.get(account.carrier).name} gives no more detail than the board`)
    try {
      const { orders, ...detail } = await client.ports.detail({ orderId: order.id, numbers, cached: order, signal })
      if (orders) writePortOrders(this.deps, account, orders, { orderId: orderKey(order) })
      const current = this.deps.store.ports.ofOrder(account.id, orderKey(detail.order))
      const result: PortOrderDetail = {
        ...detail,
        siblings: current.filter((row) => row.id !== detail.order.id),
        history: this.history(account.id, detail.order),
        fromCache: false,
      }
      if (this.deps.store.ports.get(account.id, detail.order.id)) {
        this.deps.store.ports.saveDetail(account.id, detail.order.id, { ...result, siblings: [], history: [] })
      }
      return result
    } catch (error) {
      if (signal.aborted) throw new AppError('cancelled', 'Cancelled')
      if (error instanceof AppError && error.code === 'not-found') throw error
      return fallback(`Could not read the order from the carrier: ${error instanceof AppError ? error.message : 'unexpected error'}`)
    }
  }

  async previewChanges(input: { accountId: string; orderId: string; changes: unknown }): Promise<PortPreview> {
    const { actions, account } = await this.actionsFor(input.accountId, 'ports.edit')
    if (!actions.parseChanges) throw this.unsupported(account, 'edits')
    const { summary } = actions.parseChanges(input.changes)
    return { numbers: this.cachedOrder(account.id, input.orderId).order.numbers, summary }
  }

  update(input: { accountId: string; orderId: string; changes: unknown }, signal: AbortSignal): Promise<PortActionOutcome> {
    return this.change(input, signal, (actions, account) => {
      if (!actions.parseChanges) throw this.unsupported(account, 'edits')
      const changes = actions.parseChanges(input.changes)
      return {
        action: 'port.update',
        capability: 'ports.edit',
        what: 'edited and resubmitted',
        details: { fields: changes.summary.map((field) => field.key) },
        secrets: changes.secrets,
        send: (ports, ref) => ports.update?.({ ...ref, changes }),
      }
    })
  }

  cancel(input: { accountId: string; orderId: string; number?: string | undefined }, signal: AbortSignal): Promise<PortActionOutcome> {
    return this.change(input, signal, () => ({
      action: input.number ? 'port.cancel-number' : 'port.cancel',
      capability: 'ports.cancel',
      what: 'cancelled',
      details: { number: input.number },
      send: (ports, ref) => ports.cancel?.({ ...ref, number: input.number }),
    }))
  }

  discard(input: { accountId: string; orderId: string; number?: string | undefined }, signal: AbortSignal): Promise<PortActionOutcome> {
    return this.change(input, signal, () => ({
      action: input.number ? 'port.delete-number' : 'port.delete',
      capability: 'ports.delete',
      what: 'deleted',
      details: { number: input.number },
      send: (ports, ref) => ports.discard?.({ ...ref, number: input.number }),
    }))
  }

  activate(input: { accountId: string; orderId: string; number?: string | undefined }, signal: AbortSignal): Promise<PortActionOutcome> {
    return this.change(input, signal, () => ({
      action: input.number ? 'port.activate-number' : 'port.activate',
      capability: 'ports.activate',
      what: 'activated',
      details: { number: input.number },
      send: (ports, ref) => ports.activate?.({ ...ref, number: input.number }),
    }))
  }

  addDocument(input: { accountId: string; orderId: string; document: PortDocumentInput }, signal: AbortSignal): Promise<PortActionOutcome> {
    return this.change(input, signal, (_actions, account) => {
      const [document] = this.documents(account, [input.document], false) as [PortDocument]
      return {
        action: 'port.document.add',
        capability: 'ports.documents',
        what: `given the ${document.kind} document ${document.name}`,
        details: { kind: document.kind, name: document.name, bytes: document.bytes.length },
        send: (ports, ref) => ports.addDocument?.({ ...ref, document }),
      }
    })
  }

  removeDocument(input: { accountId: string; orderId: string; kind: string }, signal: AbortSignal): Promise<PortActionOutcome> {
    return this.change(input, signal, () => ({
      action: 'port.document.remove',
      capability: 'ports.documents',
      what: `stripped of its ${input.kind} document`,
      details: { kind: input.kind },
      send: (ports, ref) => ports.removeDocument?.({ ...ref, kind: input.kind }),
    }))
  }

  updateForwarding(
    input: { accountId: string; orderId: string; entries?: PortForwardingEntryInput[] | undefined; preconfigured?: boolean | undefined },
    signal: AbortSignal,
  ): Promise<PortActionOutcome> {
    return this.change(input, signal, () => ({
      action: 'port.forwarding',
      capability: 'ports.forwarding',
      what: 'given new forwarding details',
      details: { entries: input.entries, preconfigured: input.preconfigured },
      send: (ports, ref) => ports.updateForwarding?.({ ...ref, entries: input.entries, preconfigured: input.preconfigured }),
    }))
  }

  updateActivation(
    input: { accountId: string; orderId: string; number: string; activationType: string; activationDate: string },
    signal: AbortSignal,
  ): Promise<PortActionOutcome> {
    return this.change(input, signal, () => ({
      action: 'port.activation',
      capability: 'ports.forwarding',
      what: `given new activation details for ${input.number}`,
      details: { number: input.number, activationType: input.activationType, activationDate: input.activationDate },
      send: (ports, ref) => ports.updateActivation?.({ ...ref, number: input.number, activationType: input.activationType, activationDate: input.activationDate }),
    }))
  }

  /**
   * One change to an order: refused unless its carrier offers it, sent once, logged with its true outcome
   * (unknown when the answer was lost and no read could settle it), and the order read back into the cache.
   */
  private async change(
    input: { accountId: string; orderId: string },
    signal: AbortSignal,
    plan: (actions: PortActions, account: AccountRow) => Change,
  ): Promise<PortActionOutcome> {
    const account = this.deps.accounts.find(input.accountId)
    const client = await this.deps.accounts.connect(account)
    const actions = client.ports ?? {}
    // What is asked is checked (its fields, its documents) before the order is looked up: bad input is a
    // validation error whether or not the order is cached.
    const change = plan(actions, account)
    if (!this.capable(account, change.capability)) throw this.unsupported(account, change.action.replace(/^port\./, ''))
    const { order, rows } = this.cachedOrder(account.id, input.orderId)
    const numbers = [...new Set(rows.flatMap((row) => row.numbers))]
    const ref: PortOrderRef = { orderId: input.orderId, numbers, signal }
    const base = { accountId: account.id, carrier: account.carrier, action: change.action, target: orderKey(order) }
    const details = { orderId: input.orderId, ...change.details }
    const secrets = change.secrets ?? []
    let result: PortMutationResult
    try {
      const sent = change.send(actions, ref)
      if (!sent) throw this.unsupported(account, change.action.replace(/^port\./, ''))
      result = await sent
    } catch (error) {
      this.logFailure(base, error, secrets, details, change.what, 'before trying again')
      rethrowScrubbed(error, secrets)
    }
    this.deps.activity.record({
      ...base,
      result: 'succeeded',
      message: result.checkedAfterFailure ? `${result.message} (the answer was lost; confirmed by reading the order back)` : result.message,
      details: { ...details, checkedAfterFailure: result.checkedAfterFailure },
    })
    if (result.orders) writePortOrders(this.deps, account, result.orders, { orderId: orderKey(order) })
    return { message: result.message, checkedAfterFailure: result.checkedAfterFailure }
  }

  private logFailure(
    base: { accountId: string; carrier: string; action: string; target: string },
    error: unknown,
    secrets: readonly string[],
    details: Record<string, unknown>,
    what: string,
    advice: string,
  ): void {
    if (error instanceof AppError && (error.code === 'validation' || error.code === 'cancelled') && !isAmbiguous(error)) return
    const ambiguous = isAmbiguous(error)
    const message = scrubbed(error instanceof AppError ? error.message : 'unexpected error', secrets)
    this.deps.activity.record({
      ...base,
      result: ambiguous ? 'unknown' : 'failed',
      message: ambiguous ? `Outcome unknown: the order may or may not have been ${what}; check the carrier ${advice} (${message})` : message,
      details,
    })
  }

  // ---- Ports tracked by id (VoIP Innovations) -------------------------------------------------------------

  async track(input: { accountId: string; portId: string }, signal: AbortSignal): Promise<PortOrder> {
    const { account, actions } = await this.actionsFor(input.accountId, 'ports.track')
    if (!actions.track) throw this.unsupported(account, 'tracking ports')
    const order = await actions.track({ portId: input.portId, signal })
    writePortOrders(this.deps, account, [order], { orderId: order.id })
    this.deps.activity.record({ accountId: account.id, carrier: account.carrier, action: 'port.track', target: order.id, result: 'succeeded', message: `Tracking port ${order.id} (${order.status})` })
    return this.deps.store.ports.get(account.id, order.id) ?? order
  }

  async untrack(input: { accountId: string; portId: string }): Promise<{ removed: boolean }> {
    const { account, actions } = await this.actionsFor(input.accountId, 'ports.track')
    if (!actions.untrack) throw this.unsupported(account, 'tracking ports')
    actions.untrack({ portId: input.portId })
    const removed = this.deps.store.ports.get(account.id, input.portId) !== undefined
    writePortOrders(this.deps, account, [], { orderId: input.portId })
    this.deps.activity.record({ accountId: account.id, carrier: account.carrier, action: 'port.untrack', target: input.portId, result: 'succeeded', message: `No longer tracking port ${input.portId}` })
    return { removed }
  }

  // ---- Notices -----------------------------------------------------------------------------------------------

  notices(): { unseen: number; notices: PortNotice[] } {
    return { unseen: this.deps.store.portNotices.unseenCount(), notices: this.deps.store.portNotices.list(50) }
  }

  markNoticesSeen(input: { throughId?: number | undefined }): { unseen: number } {
    this.deps.store.portNotices.markSeen(this.deps.now(), input.throughId)
    return { unseen: this.deps.store.portNotices.unseenCount() }
  }

  // ---- Helpers ----------------------------------------------------------------------------------------------

  private capable(account: AccountRow, capability: Capability): boolean {
    return this.deps.registry.get(account.carrier).capabilities.includes(capability)
  }

  private unsupported(account: AccountRow, what: string): AppError {
    return new AppError('validation', `${this.deps.registry.get(account.carrier).name} offers no ${what} through its API (account ${account.name})`)
  }

  private async actionsFor(accountId: string, capability: Capability): Promise<{ account: AccountRow; actions: PortActions }> {
    const account = this.deps.accounts.find(accountId)
    if (!this.capable(account, capability)) throw this.unsupported(account, capability.replace(/^ports\./, ''))
    const client = await this.deps.accounts.connect(account)
    return { account, actions: client.ports ?? {} }
  }
}

export interface PortForwardingEntryInput {
  sequence: number
  method: string
  value: string
  timeoutSeconds: number
  forwardingTypeId: number
}
