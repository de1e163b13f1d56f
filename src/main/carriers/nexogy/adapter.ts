/**
 * Nexogy DNA adapter: the typed NexogyClient mapped onto what the core needs.
 *
 * Nexogy lists neither clients nor numbers. A Nexogy number is the main number of a residential client, so
 * the adapter remembers (account memo, SQLite, no secrets) each client it creates or a technician adopts,
 * and the numbers sync reads each remembered client's state from the API. Taking a number from Nexogy's
 * stock IS creating a client with it (`did_porting=0`), so `numbers.purchase` creates a client, with the
 * client's details carried in the offer, and follows the ambiguity rule like any purchase. Purchases,
 * releases and status changes go one client at a time and stop between clients on a cancel.
 *
 * Device SIP keys go to the keychain (`context.secrets`), never to SQLite, `raw`, logs or errors.
 */
import { accountSettings, type SettingsIn } from '../kit/settings'
import { z } from 'zod'
import { type AccountSecrets, type AvailableNumber, type OrderLine, type PhoneNumberRecord } from '../../../shared/domain'
import { AppError } from '../../lib/app-error'
import type { AccountContext, CarrierAdapter, CarrierClient, ConnectedAccount, NumberActions } from '../adapter'
import { CarrierError, isAmbiguous } from '../../lib/carrier-error'
import { settlingSignal, untilCancelled } from '../kit/outcome'
import { isCancelled } from '../../lib/outcome'
import { nationalDigits } from '../kit/phone'
import { NewClientFieldsSchema } from '../../../shared/clients'
import { nexogyClientActions } from './client-actions'
import { defaultExtension, NexogyClient, type DeviceTarget, type DomainStatus, type NexogyDevice } from './client'
import {
  ClientIdSchema,
  DomainSchema,
  NewResidentialClientSchema,
  validateInput,
  type NewResidentialClient,
  type ValidNewResidentialClient,
} from './inputs'
import {
  availableNumberOf,
  clientStatusAfter,
  deviceKeyName,
  deviceViewOf,
  phoneNumberRecordOf,
  type DeviceView,
  type ObservedState,
} from './mapping'
import { cancelClient, changeClientStatus, isGone, isNotFound, lineOf, messageOf } from './lifecycle'
import { ClientMemo, DeviceMemo, type ClientStatus, type RememberedClient } from './memo'

/** What creating a client came to; after an ambiguous failure, what re-reading Nexogy found. */
export interface ClientCreation {
  /** Whether the client (and so its number) now exists at Nexogy. */
  created: boolean
  client?: RememberedClient | undefined
  /** Set when the creation's answer was lost and `created` comes from looking the client up afterwards. */
  checkedAfterFailure?: boolean | undefined
  /** The look-up itself failed: nobody knows. Do not create again before checking with Nexogy. */
  outcomeUnknown?: boolean | undefined
  message?: string | undefined
}

/** Nexogy's own operations beyond the shared interface: clients, devices and their keys. */
export interface NexogyOperations {
  /** The typed client with every documented operation (device answers include the SIP key: handle with care). */
  api: NexogyClient
  /** Creates a residential client with its main number (validated first) and remembers it. Never retried. */
  createClient(options: { client: NewResidentialClient; signal: AbortSignal }): Promise<ClientCreation>
  /**
   * Brings a client that already exists at Nexogy (created elsewhere, or before CarrierDesk) into CarrierDesk:
   * reads it by id (device 1000 gives its domain; a cancelled client answers 410) and remembers it with the
   * main number the technician names, since Nexogy's API never answers a client's number.
   */
  adoptClient(options: { clientId: number; didNumber: string; domain?: string | undefined; signal: AbortSignal }): Promise<RememberedClient>
  /** The clients this account knows, as last seen. */
  rememberedClients(): RememberedClient[]
  updateStartBillingDate(options: { clientId: number; startBillingDate: string; signal: AbortSignal }): Promise<{ at: number }>
  /** Creates the default (1000) or the given extension, or reads it if it exists; its SIP key goes to the keychain. */
  device(options: DeviceTarget & { extension?: string | undefined; signal: AbortSignal }): Promise<DeviceView>
  /** The device's SIP key (gpg-encrypted, base64) from the keychain, on the technician's explicit request. */
  readDeviceKey(options: { clientId: number | string; extension: string }): Promise<string | undefined>
}

export interface NexogyCarrierClient extends CarrierClient {
  nexogy: NexogyOperations
}

export function isNexogyCarrierClient(client: CarrierClient): client is NexogyCarrierClient {
  return 'nexogy' in client && typeof (client as { nexogy?: unknown }).nexogy === 'object'
}

/** Client details a purchase needs, carried in `AvailableNumber.offer.client` (the number itself is the offer's). */
export const PurchaseOfferSchema = z.object({
  client: z.record(z.string(), z.unknown()),
})

/** How many remembered clients one sync page holds (one status read each). */
const syncPageSize = 20
/** Domains tried per name when looking a client up by the domain Nexogy derives from its name. */
const maxDomainProbes = 25

/**
 * The domains Nexogy gives clients of one name: `kirkhammet.com`, then `kerryking2.com` for a repeated name
 * (the doc's examples; the Sandbox follows the same rule). Used to find a client whose creation answer was lost.
 */
export function domainCandidate(firstName: string, lastName: string, index: number): string {
  const base = `${firstName}${lastName}`.toLowerCase().replace(/[^a-z0-9]/g, '') || 'client'
  return `${base}${index === 1 ? '' : index}.com`
}

function failedLine(e164: string, error: unknown): OrderLine {
  if (isCancelled(error)) throw error
  const code = error instanceof CarrierError ? (error.info.carrierCode ?? error.code) : error instanceof AppError ? error.code : 'error'
  return { e164, ok: false, code, message: messageOf(error) }
}

export function connectNexogy(
  account: ConnectedAccount<Partial<SettingsIn<typeof settings>>>,
  secrets: AccountSecrets,
  context: AccountContext,
  options: { now?: () => number } = {},
): NexogyCarrierClient {
  const now = options.now ?? Date.now
  const api = new NexogyClient({ account, secrets, now })
  const memo = new ClientMemo(context.memo)
  const devices = new DeviceMemo(context.memo)
  const lifecycle = { api, memo, now }

  /** Reads a remembered client's state: domain status, or `gone` when Nexogy no longer knows the domain. */
  async function observe(client: RememberedClient, signal: AbortSignal): Promise<{ client: RememberedClient; observed?: ObservedState | undefined }> {
    if (client.domain === undefined) return { client }
    let observed: ObservedState
    try {
      observed = (await api.domainStatus({ domain: client.domain, signal })).status
    } catch (error) {
      if (!isNotFound(error)) throw error
      observed = 'gone'
    }
    const status = clientStatusAfter(client.status, observed)
    const updated = memo.update(client.didNumber, { status, statusCheckedAt: now() }) ?? { ...client, status }
    return { client: updated, observed }
  }

  async function domainExists(domain: string, signal: AbortSignal): Promise<boolean> {
    try {
      await api.domainStatus({ domain, signal })
      return true
    } catch (error) {
      if (isNotFound(error)) return false
      throw error
    }
  }

  /** How many domains of this name exist already (`name.com`, `name2.com`, ... up to the first missing). */
  async function domainsTaken(client: ValidNewResidentialClient, signal: AbortSignal): Promise<number> {
    let taken = 0
    while (taken < maxDomainProbes && (await domainExists(domainCandidate(client.firstName, client.lastName, taken + 1), signal))) taken += 1
    return taken
  }

  async function createClient(options: { client: NewResidentialClient; signal: AbortSignal }): Promise<ClientCreation> {
    const client = validateInput(NewResidentialClientSchema, options.client, 'create client')
    const { signal } = options
    const holder = memo.byNumber(client.didNumber)
    if (holder && holder.status !== 'cancelled') {
      throw new AppError('conflict', `CarrierDesk already knows a Nexogy client on this number (${holder.domain ?? `client ${holder.id ?? '?'}`}); nothing was sent`)
    }
    const known = { name: `${client.firstName} ${client.lastName}`, startBillingDate: client.startBillingDate }
    // Before creating: which domains of this name exist, so a lost answer can be settled by looking for the next one.
    const takenBefore = await domainsTaken(client, signal)
    try {
      const created = await api.createClient({ client: options.client, signal })
      const remembered = memo.remember({
        id: created.id,
        domain: created.domain,
        didNumber: client.didNumber,
        status: 'created',
        origin: 'created',
        rememberedAt: now(),
        ...known,
      })
      return { created: true, client: remembered }
    } catch (error) {
      if (!isAmbiguous(error)) throw error
      // The ambiguity rule: never create again; look the client up and say what happened, even if the user cancels meanwhile.
      const expected = domainCandidate(client.firstName, client.lastName, takenBefore + 1)
      let exists: boolean
      try {
        exists = await domainExists(expected, settlingSignal())
      } catch (lookupError) {
        return {
          created: false,
          outcomeUnknown: true,
          message: `Creating the client ended unclearly (${messageOf(error)}) and looking it up failed (${messageOf(lookupError)}); check with Nexogy before creating it again`,
        }
      }
      if (!exists) {
        return {
          created: false,
          checkedAfterFailure: true,
          message: `Nexogy did not create the client: ${messageOf(error)} (domain ${expected} does not exist)`,
        }
      }
      const remembered = memo.remember({
        domain: expected,
        didNumber: client.didNumber,
        status: 'created',
        origin: 'found-after-failure',
        rememberedAt: now(),
        ...known,
      })
      return {
        created: true,
        checkedAfterFailure: true,
        client: remembered,
        message: `The answer was lost but the client exists (domain ${expected}); Nexogy did not say its id: adopt it with its id to activate, suspend or cancel it`,
      }
    }
  }

  /** The key to the keychain, then the device (without it) to the memo, so a remembered device always has its key stored. */
  async function keepDevice(clientRef: number | string, device: NexogyDevice): Promise<void> {
    await context.secrets.put(deviceKeyName(clientRef, device.extension), device.authenticationKey)
    devices.remember({
      clientRef,
      extension: device.extension,
      aor: device.aor,
      domain: device.domain,
      registrationServers: device.registrationServers,
      seenAt: now(),
    })
  }

  const readDeviceKey = ({ clientId, extension }: { clientId: number | string; extension: string }): Promise<string | undefined> =>
    context.secrets.get(deviceKeyName(clientId, extension))

  async function adoptClient(options: { clientId: number; didNumber: string; domain?: string | undefined; signal: AbortSignal }): Promise<RememberedClient> {
    const input = validateInput(
      z.object({ clientId: ClientIdSchema, didNumber: NewResidentialClientSchema.shape.didNumber, domain: DomainSchema.optional() }),
      { clientId: options.clientId, didNumber: options.didNumber, domain: options.domain },
      'adopt client',
    )
    let domain = input.domain
    let status: ClientStatus
    try {
      // The default device exists for every client ("Once a Client is Created a default device is created"),
      // so asking for extension 1000 only reads it; with a domain given, Nexogy checks both belong together.
      const device = await api.device({ clientId: input.clientId, domain: input.domain, extension: defaultExtension, signal: options.signal })
      await keepDevice(input.clientId, device)
      domain = device.domain
      const observed: DomainStatus = (await api.domainStatus({ domain, signal: options.signal })).status
      status = observed === 'active' ? 'active' : 'suspended'
    } catch (error) {
      // A cancelled client's devices are gone (410); the client itself still exists and can be re-activated.
      if (!isGone(error)) throw error
      status = 'cancelled'
    }
    return memo.remember({
      id: input.clientId,
      domain,
      didNumber: input.didNumber,
      status,
      origin: 'adopted',
      rememberedAt: now(),
      statusCheckedAt: now(),
    })
  }

  async function device(options: DeviceTarget & { extension?: string | undefined; signal: AbortSignal }): Promise<DeviceView> {
    const found = await api.device(options)
    const clientId = options.clientId ?? memo.all().find((client) => client.domain === found.domain)?.id
    const view = deviceViewOf(found, clientId)
    await keepDevice(clientId ?? found.domain, found)
    return view
  }

  /** The remembered client of a number, with an id (needed for activate, suspend, cancel), or why not. */
  function clientForAction(e164: string): { client: RememberedClient & { id: number } } | { line: OrderLine } {
    const client = memo.byNumber(nationalDigits(e164))
    if (!client) {
      return { line: { e164, ok: false, code: 'not-known', message: 'CarrierDesk does not know a Nexogy client with this number; adopt the client first' } }
    }
    if (client.id === undefined) {
      return { line: { e164, ok: false, code: 'no-client-id', message: `Nexogy never said the id of the client on ${client.domain ?? 'this number'}; adopt it with its id first` } }
    }
    return { client: { ...client, id: client.id } }
  }

  const operations: NexogyOperations = {
    api,
    createClient,
    adoptClient,
    rememberedClients: () => memo.all(),
    updateStartBillingDate: (options) => api.updateStartBillingDate(options),
    device,
    readDeviceKey,
  }

  const numbers: NumberActions = {
    async search({ query, signal }) {
      if (query.type !== 'local') {
        throw new AppError('validation', 'Nexogy offers local numbers only (search by area code and/or state)', { fields: { type: 'local only' } })
      }
      const found = await api.searchDids({ npa: query.npa, state: query.state, quantity: Math.min(Math.max(query.limit, 1), 50), signal })
      const fetchedAt = now()
      return found.numbers.slice(0, query.limit).map((tn) =>
        availableNumberOf({ accountId: account.id, digits: tn.digits, category: tn.category, state: query.state && /^[a-z]{2}$/i.test(query.state) ? query.state.toUpperCase() : undefined, fetchedAt }),
      )
    },

    /**
     * Buys each number by creating a residential client with it. The client's details ride in
     * `offer.client` (a `NewResidentialClient` without `didNumber`); a line without them is refused.
     */
    async purchase({ numbers: wanted, signal }) {
      const lines = await untilCancelled(wanted, signal, (number) => [number.e164], async (number): Promise<OrderLine[]> => {
        const offer = PurchaseOfferSchema.safeParse(number.offer)
        if (!offer.success) {
          return [{ e164: number.e164, ok: false, code: 'validation', message: 'Nexogy sells a number only with a residential client: give the client details (offer.client)' }]
        }
        try {
          const outcome = await createClient({
            client: { ...(offer.data.client as Partial<NewResidentialClient>), didNumber: nationalDigits(number.e164), didPorting: false } as NewResidentialClient,
            signal,
          })
          return [lineOf(number.e164, { ...outcome, ok: outcome.created })]
        } catch (error) {
          return [failedLine(number.e164, error)]
        }
      })
      return { lines }
    },

    /** Cancels each number's client. After an unclear end, extension 1000 tells: 410 means cancelled. */
    release({ e164s, signal }) {
      return untilCancelled(e164s, signal, (e164) => [e164], async (e164): Promise<OrderLine[]> => {
        const found = clientForAction(e164)
        if ('line' in found) return [found.line]
        try {
          return [lineOf(e164, await cancelClient(lifecycle, found.client, signal))]
        } catch (error) {
          return [failedLine(e164, error)]
        }
      })
    },

    /** Status changes only: active = activate the client, suspended = suspend it. */
    async change({ e164s, change, signal }) {
      if (change.kind !== 'status') {
        throw new AppError('validation', `Nexogy numbers take status changes only, not ${change.kind}`)
      }
      const wanted = change.status === 'active' ? 'active' : 'suspended'
      return untilCancelled(e164s, signal, (e164) => [e164], async (e164): Promise<OrderLine[]> => {
        const found = clientForAction(e164)
        if ('line' in found) return [found.line]
        try {
          return [lineOf(e164, await changeClientStatus(lifecycle, found.client, wanted, signal))]
        } catch (error) {
          return [failedLine(e164, error)]
        }
      })
    },

    /** The offer with the residential client it will create, checked as the document says (the number is the offer's). */
    withPurchaseDetails({ number, details }) {
      const fields = validateInput(NewClientFieldsSchema, details, 'create client')
      validateInput(NewResidentialClientSchema, { ...fields, didNumber: nationalDigits(number.e164), didPorting: false }, 'create client')
      return nexogyPurchaseOffer(number, fields)
    },

    async read({ e164s, signal }) {
      const records: PhoneNumberRecord[] = []
      for (const e164 of e164s) {
        const client = memo.byNumber(nationalDigits(e164))
        if (!client) continue
        const { client: seen, observed } = await observe(client, signal)
        records.push(phoneNumberRecordOf({ accountId: account.id, client: seen, observed, asOf: now() }))
      }
      return records
    },
  }

  return {
    async testConnection({ signal }) {
      const { scope } = await api.connect({ signal })
      return { message: `Nexogy issued a token (scope: ${scope})` }
    },

    /** Reads every remembered client's state, one page of records per `syncPageSize` clients. */
    async syncNumbers({ signal, onPage }) {
      const clients = memo.all()
      // Even with no clients to read, a sync proves Nexogy answers: a sync that never called must not
      // report success while the carrier is unreachable.
      if (clients.length === 0) await api.connect({ signal })
      let page = 0
      for (let start = 0; start < clients.length || page === 0; start += syncPageSize) {
        const rows: PhoneNumberRecord[] = []
        for (const client of clients.slice(start, start + syncPageSize)) {
          const { client: seen, observed } = await observe(client, signal)
          rows.push(phoneNumberRecordOf({ accountId: account.id, client: seen, observed, asOf: now() }))
        }
        page += 1
        onPage(rows, { page, expectedRows: clients.length })
      }
    },

    numbers,

    clients: nexogyClientActions({ ...lifecycle, accountId: account.id, devices, observe, operations }),

    nexogy: operations,
  }
}

/** Nexogy's account settings: the OAuth password grant's user name, client id and scope. */
const settings = accountSettings({
  username: { label: 'User name', required: true },
  clientId: { label: 'OAuth client id', required: true },
  scope: { label: 'Scope (default: residential dids)' },
})

export const nexogyAdapter: CarrierAdapter<SettingsIn<typeof settings>> = {
  id: 'nexogy',
  name: 'Nexogy DNA',
  // The doc names only its staging host; production is given per account by Nexogy.
  defaultBaseUrls: { staging: 'https://staging.api.nexogy.com/api' },
  settings,
  secretFields: [
    { key: 'password', label: 'Password' },
    { key: 'clientSecret', label: 'OAuth client secret' },
  ],
  // Taking a Nexogy number means creating a residential client with the customer's name and address: the
  // cart asks for them ('numbers.purchaseAsClient', `withPurchaseDetails`) before the order creates the client.
  capabilities: [
    'numbers.list',
    'numbers.search',
    'numbers.purchase',
    'numbers.purchaseAsClient',
    'numbers.release',
    'numbers.status',
    'clients.manage',
    'devices.manage',
  ],
  changeProblem: (change) => (change.kind === 'status' ? undefined : `Nexogy numbers take status changes only, not ${change.kind}`),
  connect: (account, secrets, context) => connectNexogy(account, secrets, context),
}

/** For callers holding only an AvailableNumber: the offer a Nexogy purchase needs. */
export function nexogyPurchaseOffer(number: AvailableNumber, client: Omit<NewResidentialClient, 'didNumber' | 'didPorting'>): AvailableNumber {
  return { ...number, offer: { ...(typeof number.offer === 'object' && number.offer !== null ? number.offer : {}), client } }
}

