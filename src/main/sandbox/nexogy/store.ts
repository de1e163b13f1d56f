/**
 * State of the simulated Nexogy DNA service: residential clients (seeded and created through the API),
 * their domains, main numbers and devices. Nexogy has no inventory listing, so this stays small: a handful
 * of seeded clients plus whatever the API creates.
 */
import { ownedNumberAt } from '../kit/numbering'
import { hash32 } from '../kit/random'
import { defaultExtension, newDevice, type KeySealer } from './devices'
import { billingDateOf } from './protocol'

/**
 * `created`: the domain exists on NetSapiens, billing not started yet. `suspended`: domain locked, billing
 * untouched. `cancelled`: domain locked and billing suspended (doc, "Cancel a Client").
 */
export type ClientStatus = 'created' | 'active' | 'suspended' | 'cancelled'

export interface NexogyDevice {
  extension: string
  /** The sealed SIP secret exactly as answered; the clear secret is never stored. */
  authenticationKey: string
  createdAt: number
}

export interface ResidentialClient {
  id: number
  domain: string
  email: string
  firstName: string
  lastName: string
  zipcode: string
  address: string
  billingAddress: string
  billingZipcode: string
  subresellerId?: string | undefined
  customerId?: string | undefined
  startBillingDate: string
  didNumber: string
  didPorting: boolean
  status: ClientStatus
  statusChangedAt: number
  devices: Map<string, NexogyDevice>
}

/** What "Get Status" answers: the doc says a domain is `locked` or `active`. */
export function domainStatusOf(status: ClientStatus): 'active' | 'locked' {
  return status === 'created' || status === 'active' ? 'active' : 'locked'
}

export type NewClientFields = Omit<ResidentialClient, 'id' | 'domain' | 'devices' | 'status' | 'statusChangedAt'>

export interface ClientStore {
  get(id: number): ResidentialClient | undefined
  byDomain(domain: string): ResidentialClient | undefined
  /** The client whose main number this is, cancelled clients included (they can be reactivated). */
  holderOf(tn: string): ResidentialClient | undefined
  /** Adds a client with a fresh id, a unique domain and the default device. */
  create(fields: NewClientFields, now: number): ResidentialClient
  all(): ResidentialClient[]
}

/** A seeded client as planned from the seed alone (no keys): what a Sandbox user can look up. */
export interface SeededClientPlan {
  id: number
  domain: string
  firstName: string
  lastName: string
  didNumber: string
  status: ClientStatus
  extensions: string[]
}

const seededPeople: readonly [string, string][] = [
  ['Kerry', 'King'],
  ['Kirk', 'Hammett'],
  ['Steve', 'Harris'],
  ['Tom', 'Araya'],
  ['Dave', 'Mustaine'],
  ['Bruce', 'Dickinson'],
  ['Cliff', 'Burton'],
  ['Ronnie', 'Dio'],
  ['Lita', 'Ford'],
  ['Doro', 'Pesch'],
]

/** Active, suspended and cancelled clients are always among the seeded ones, so a sync meets every state. */
const seededStatuses: readonly ClientStatus[] = ['active', 'suspended', 'cancelled', 'active', 'created', 'active']

/**
 * How many clients are seeded: 4, growing with the log of the owned-number count to at most 10. Nexogy
 * sells residential service one client at a time; it never holds a bulk inventory.
 */
export function seededClientCount(ownedNumbers: number): number {
  return 4 + Math.min(6, Math.floor(Math.log10(1 + Math.max(0, ownedNumbers))))
}

function domainBase(firstName: string, lastName: string): string {
  const base = `${firstName}${lastName}`.toLowerCase().replace(/[^a-z0-9]/g, '')
  return base === '' ? 'client' : base
}

/** The seeded clients of a sandbox, derived from the seed (ids look like the doc's five-digit ones). */
export function seededNexogyClients(seed: number, ownedNumbers: number): SeededClientPlan[] {
  const firstId = 92_000 + (hash32(seed, 0x1d) % 700)
  const rotation = hash32(seed, 0x9e0) % seededPeople.length
  return Array.from({ length: seededClientCount(ownedNumbers) }, (_, index) => {
    const [firstName, lastName] = seededPeople[(rotation + index) % seededPeople.length] as [string, string]
    return {
      id: firstId + index * 3,
      domain: `${domainBase(firstName, lastName)}.com`,
      firstName,
      lastName,
      didNumber: ownedNumberAt('nexogy', seed, index).tn,
      status: seededStatuses[index % seededStatuses.length] as ClientStatus,
      extensions: index % 2 === 0 ? [defaultExtension, '1001'] : [defaultExtension],
    }
  })
}

export function createClientStore(options: {
  seed: number
  ownedNumbers: number
  now: number
  sealer: KeySealer
}): ClientStore {
  const { sealer } = options
  const clients = new Map<number, ResidentialClient>()
  const domains = new Map<string, ResidentialClient>()
  const numbers = new Map<string, ResidentialClient>()
  let lastId = 0

  function add(client: ResidentialClient): ResidentialClient {
    clients.set(client.id, client)
    domains.set(client.domain, client)
    numbers.set(client.didNumber, client)
    lastId = Math.max(lastId, client.id)
    return client
  }

  function uniqueDomain(firstName: string, lastName: string): string {
    // The doc's examples show `kirkhammet.com` and, for a repeated name, `kerryking2.com`.
    const base = domainBase(firstName, lastName)
    for (let suffix = 1; ; suffix += 1) {
      const domain = `${base}${suffix === 1 ? '' : suffix}.com`
      if (!domains.has(domain)) return domain
    }
  }

  const day = 24 * 3600 * 1000
  seededNexogyClients(options.seed, options.ownedNumbers).forEach((plan, index) => {
    const createdAt = options.now - (60 + 23 * index) * day
    add({
      id: plan.id,
      domain: plan.domain,
      email: `${plan.firstName}.${plan.lastName}@example.com`.toLowerCase(),
      firstName: plan.firstName,
      lastName: plan.lastName,
      zipcode: String(33100 + (hash32(options.seed, index, 0x21) % 800)),
      address: `${100 + (hash32(options.seed, index, 0xad) % 9000)} Sandbox Avenue`,
      billingAddress: '',
      billingZipcode: '',
      startBillingDate: billingDateOf(createdAt),
      didNumber: plan.didNumber,
      didPorting: index % 3 === 1,
      status: plan.status,
      statusChangedAt: createdAt + 7 * day,
      devices: new Map(plan.extensions.map((extension) => [extension, newDevice(sealer, extension, createdAt)])),
    })
  })

  return {
    get: (id) => clients.get(id),
    byDomain: (domain) => domains.get(domain.toLowerCase()),
    holderOf: (tn) => numbers.get(tn),
    create(fields, now) {
      const client: ResidentialClient = {
        ...fields,
        id: lastId + 1,
        domain: uniqueDomain(fields.firstName, fields.lastName),
        status: 'created',
        statusChangedAt: now,
        // "Once a Client is Created a default device is created" (doc, Device).
        devices: new Map([[defaultExtension, newDevice(sealer, defaultExtension, now)]]),
      }
      return add(client)
    },
    all: () => [...clients.values()],
  }
}
