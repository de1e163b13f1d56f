/**
 * End customers an account keeps at its carrier (Nexogy's residential clients), for the front doors: the
 * clients known (created here or adopted), creating one with its main number, its lifecycle (activate,
 * suspend, cancel), start billing date, a fresh status read, devices, and a device's SIP key on an explicit
 * reveal. Reached through the adapter's `clients` actions, so no front door imports a carrier.
 *
 * Every change is sent once and written to the activity log with its true outcome; a reveal is logged too
 * (never the key). The number's cached record is refreshed after a change, from the carrier's answer.
 */
import type { ClientCreation, ClientListRow, ClientStatusAction, ClientView, DeviceView, NewClientInput } from '../../shared/clients'
import type { ActivityResult } from '../../shared/domain'
import type { ClientActions, CarrierClient } from '../carriers/adapter'
import { AppError } from '../lib/app-error'
import { isAmbiguous } from '../lib/carrier-error'
import type { Store } from '../store/store'
import type { AccountRow } from '../store/repositories/accounts'
import type { AccountsService } from './accounts-service'
import type { ActivityLog } from './activity-log'
import type { EventHub } from './events'

export interface ClientsServiceDeps {
  accounts: AccountsService
  store: Store
  activity: ActivityLog
  events: EventHub
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

export class ClientsService {
  constructor(private readonly deps: ClientsServiceDeps) {}

  private async open(account: string): Promise<{ row: AccountRow; client: CarrierClient; actions: ClientActions }> {
    const row = this.deps.accounts.find(account)
    const client = await this.deps.accounts.connect(row)
    if (!client.clients) throw new AppError('validation', `${row.name} is not an account whose carrier keeps clients (${row.carrier})`)
    return { row, client, actions: client.clients }
  }

  private log(row: AccountRow, action: string, target: string, result: ActivityResult, details: Record<string, unknown>, message?: string): void {
    this.deps.activity.record({ accountId: row.id, carrier: row.carrier, action, target, result, message, details })
  }

  /** The number's cached record, read again from the carrier after a change (a convenience: never fails the change). */
  private async refreshNumber(row: AccountRow, client: CarrierClient, e164: string | undefined, signal: AbortSignal): Promise<void> {
    if (!e164 || !client.numbers?.read) return
    try {
      const records = await client.numbers.read({ e164s: [e164], signal })
      if (records.length > 0) {
        this.deps.store.numbers.upsert(records)
        this.deps.events.emit('numbers.changed', { accountIds: [row.id] })
      }
    } catch {
      // The next sync reads it anyway.
    }
  }

  /** `account` is an id or a name. */
  async adopt(input: { account: string; clientId: number; number: string; domain?: string | undefined }, signal: AbortSignal): Promise<ClientView> {
    const { row, client, actions } = await this.open(input.account)
    try {
      const adopted = await actions.adopt({ clientId: input.clientId, number: input.number, domain: input.domain, signal })
      this.log(row, 'client.adopt', `client ${input.clientId}`, 'succeeded', { clientId: input.clientId, number: adopted.e164, domain: adopted.domain })
      await this.refreshNumber(row, client, adopted.e164, signal)
      return adopted
    } catch (error) {
      this.log(row, 'client.adopt', `client ${input.clientId}`, 'failed', { clientId: input.clientId }, messageOf(error))
      throw error
    }
  }

  async known(input: { account: string }): Promise<ClientView[]> {
    return (await this.open(input.account)).actions.known()
  }

  /** The clients of every account that keeps them (or of one), with their account's name. */
  async list(input: { accountId?: string | undefined }): Promise<ClientListRow[]> {
    const rows = input.accountId === undefined ? this.deps.store.accounts.list() : [this.deps.accounts.find(input.accountId)]
    const lists = await Promise.all(
      rows.map(async (row) => {
        const client = await this.deps.accounts.connect(row)
        return client.clients ? client.clients.known().map((known) => ({ ...known, accountName: row.name })) : []
      }),
    )
    return lists.flat()
  }

  async create(input: { account: string; client: NewClientInput }, signal: AbortSignal): Promise<ClientCreation> {
    const { row, client, actions } = await this.open(input.account)
    const target = input.client.didNumber
    const details = { didNumber: input.client.didNumber, didPorting: input.client.didPorting, startBillingDate: input.client.startBillingDate }
    try {
      const created = await actions.create({ client: input.client, signal })
      const result: ActivityResult = created.created ? 'succeeded' : created.outcomeUnknown ? 'unknown' : 'failed'
      this.log(row, 'client.create', target, result, { ...details, clientId: created.client?.id, domain: created.client?.domain, checkedAfterFailure: created.checkedAfterFailure }, created.message)
      if (created.created) await this.refreshNumber(row, client, created.client?.e164, signal)
      return created
    } catch (error) {
      this.log(row, 'client.create', target, isAmbiguous(error) ? 'unknown' : 'failed', details, messageOf(error))
      throw error
    }
  }

  async setStatus(input: { account: string; clientId: number; action: ClientStatusAction }, signal: AbortSignal): Promise<ClientView> {
    const { row, client, actions } = await this.open(input.account)
    const before = actions.known().find((known) => known.id === input.clientId)
    const target = before?.e164 ?? `client ${input.clientId}`
    const details = { clientId: input.clientId, before: before?.status }
    let outcome: Awaited<ReturnType<ClientActions['setStatus']>>
    try {
      outcome = await actions.setStatus({ clientId: input.clientId, action: input.action, signal })
    } catch (error) {
      this.log(row, `client.${input.action}`, target, isAmbiguous(error) ? 'unknown' : 'failed', details, messageOf(error))
      throw error
    }
    const result: ActivityResult = outcome.ok ? 'succeeded' : outcome.outcomeUnknown ? 'unknown' : 'failed'
    const after = actions.known().find((known) => known.id === input.clientId)
    this.log(row, `client.${input.action}`, target, result, { ...details, after: after?.status, checkedAfterFailure: outcome.checkedAfterFailure }, outcome.message)
    if (!outcome.ok) {
      throw new AppError('carrier', outcome.message ?? `Nexogy did not ${input.action} the client`, {
        ambiguous: outcome.outcomeUnknown === true,
      })
    }
    await this.refreshNumber(row, client, after?.e164, signal)
    if (!after) throw new AppError('internal', 'The client could not be read back after the change')
    return after
  }

  async setStartBillingDate(input: { account: string; clientId: number; startBillingDate: string }, signal: AbortSignal): Promise<ClientView> {
    const { row, actions } = await this.open(input.account)
    const before = actions.known().find((known) => known.id === input.clientId)
    const details = { clientId: input.clientId, before: before?.startBillingDate, after: input.startBillingDate }
    try {
      const after = await actions.setStartBillingDate({ clientId: input.clientId, startBillingDate: input.startBillingDate, signal })
      this.log(row, 'client.billingDate', before?.e164 ?? `client ${input.clientId}`, 'succeeded', details)
      return after
    } catch (error) {
      this.log(row, 'client.billingDate', before?.e164 ?? `client ${input.clientId}`, isAmbiguous(error) ? 'unknown' : 'failed', details, messageOf(error))
      throw error
    }
  }

  /** Reads the client's domain status at the carrier now. */
  async refresh(input: { account: string; clientId: number }, signal: AbortSignal): Promise<ClientView> {
    const { row, client, actions } = await this.open(input.account)
    const seen = await actions.refresh({ clientId: input.clientId, signal })
    await this.refreshNumber(row, client, seen.e164, signal)
    return seen
  }

  async devices(input: { account: string; clientId: number }): Promise<DeviceView[]> {
    const { actions } = await this.open(input.account)
    const client = actions.known().find((known) => known.id === input.clientId)
    if (!client) throw new AppError('not-found', `CarrierDesk does not know client ${input.clientId}; adopt it first`)
    return client.devices
  }

  /** Creates the extension (or reads it when it exists); its SIP key goes to the keychain, never here. */
  async device(input: { account: string; clientId: number; extension?: string | undefined }, signal: AbortSignal): Promise<DeviceView> {
    const { row, actions } = await this.open(input.account)
    const existed = actions.known().find((known) => known.id === input.clientId)?.devices.some((device) => device.extension === (input.extension ?? '1000'))
    const target = `client ${input.clientId} ext ${input.extension ?? 'default'}`
    try {
      const device = await actions.device({ clientId: input.clientId, extension: input.extension, signal })
      if (!existed) this.log(row, 'device.create', target, 'succeeded', { clientId: input.clientId, extension: device.extension })
      return device
    } catch (error) {
      this.log(row, 'device.create', target, isAmbiguous(error) ? 'unknown' : 'failed', { clientId: input.clientId, extension: input.extension }, messageOf(error))
      throw error
    }
  }

  /** A device's SIP key from the keychain, on explicit request; the reveal is logged, the key never. */
  async deviceKey(input: { account: string; clientId: number; extension: string }): Promise<string | undefined> {
    const { row, actions } = await this.open(input.account)
    const key = await actions.deviceKey({ clientId: input.clientId, extension: input.extension })
    this.log(row, 'device.revealKey', `client ${input.clientId} ext ${input.extension}`, key === undefined ? 'failed' : 'succeeded', {
      clientId: input.clientId,
      extension: input.extension,
    }, key === undefined ? 'No key stored for this device' : undefined)
    return key
  }
}
