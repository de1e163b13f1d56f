/**
 * The residential clients CarrierDesk knows for a Nexogy account. Nexogy has no listing of clients or
 * numbers, so the adapter remembers each client it created or a technician adopted, in the account's memo
 * (SQLite, non-secret facts only: id, domain, main number, last known state). Sync reads each one's state.
 */
import { z } from 'zod'
import type { AccountContext } from '../adapter'
import { nanpDigitsPattern } from './schemas'

export const clientsMemoKey = 'clients'

/** Nexogy's lifecycle of a residential client as CarrierDesk last saw or made it. */
export const clientStatuses = ['created', 'active', 'suspended', 'cancelled'] as const
export type ClientStatus = (typeof clientStatuses)[number]

const RememberedClientSchema = z.object({
  /** Unknown only when the creation answer was lost and the client was found by its domain afterwards. */
  id: z.number().int().positive().optional(),
  domain: z.string().min(3).optional(),
  /** The client's main number, 10 digits. */
  didNumber: z.string().regex(nanpDigitsPattern),
  status: z.enum(clientStatuses),
  /** How CarrierDesk came to know the client. */
  origin: z.enum(['created', 'adopted', 'found-after-failure']),
  rememberedAt: z.number(),
  statusCheckedAt: z.number().optional(),
  /** The client's name as given at creation, so a technician recognises it (not a secret). */
  name: z.string().max(520).optional(),
  /** MM/DD/YYYY, as last set through CarrierDesk. */
  startBillingDate: z.string().max(10).optional(),
})
export type RememberedClient = z.output<typeof RememberedClientSchema>

/** Reads and writes the remembered clients; a damaged entry is dropped rather than trusted. */
export class ClientMemo {
  constructor(private readonly memo: AccountContext['memo']) {}

  all(): RememberedClient[] {
    const stored = this.memo.get(clientsMemoKey)
    if (!Array.isArray(stored)) return []
    return stored.flatMap((entry) => {
      const parsed = RememberedClientSchema.safeParse(entry)
      return parsed.success ? [parsed.data] : []
    })
  }

  byNumber(didNumber: string): RememberedClient | undefined {
    return this.all().find((client) => client.didNumber === didNumber)
  }

  byId(id: number): RememberedClient | undefined {
    return this.all().find((client) => client.id === id)
  }

  /** Adds or replaces the client with the same id, domain or main number. */
  remember(client: RememberedClient): RememberedClient {
    const valid = RememberedClientSchema.parse(client)
    const same = (other: RememberedClient): boolean =>
      (valid.id !== undefined && other.id === valid.id) ||
      (valid.domain !== undefined && other.domain === valid.domain) ||
      other.didNumber === valid.didNumber
    this.memo.set(clientsMemoKey, [...this.all().filter((other) => !same(other)), valid])
    return valid
  }

  /** Records a state seen or made for the client with this main number. */
  update(
    didNumber: string,
    change: Partial<Pick<RememberedClient, 'status' | 'statusCheckedAt' | 'id' | 'domain' | 'startBillingDate'>>,
  ): RememberedClient | undefined {
    const current = this.byNumber(didNumber)
    if (!current) return undefined
    return this.remember({ ...current, ...change })
  }
}

export const devicesMemoKey = 'devices'

const RememberedDeviceSchema = z.object({
  /** The client's id, or its domain when the id is not known. */
  clientRef: z.union([z.number().int().positive(), z.string().min(3)]),
  extension: z.string().regex(/^\d{3,7}$/),
  aor: z.string().max(300),
  domain: z.string().max(300),
  registrationServers: z.array(z.object({ name: z.string().max(100), address: z.string().max(300), port: z.number().int() })).max(20),
  seenAt: z.number(),
})
export type RememberedDevice = z.output<typeof RememberedDeviceSchema>

/**
 * The devices CarrierDesk has seen per client (Nexogy cannot list them): everything but the SIP key, which
 * is in the keychain under the device's key name.
 */
export class DeviceMemo {
  constructor(private readonly memo: AccountContext['memo']) {}

  all(): RememberedDevice[] {
    const stored = this.memo.get(devicesMemoKey)
    if (!Array.isArray(stored)) return []
    return stored.flatMap((entry) => {
      const parsed = RememberedDeviceSchema.safeParse(entry)
      return parsed.success ? [parsed.data] : []
    })
  }

  /** Adds or replaces the device of this client and extension. */
  remember(device: RememberedDevice): RememberedDevice {
    const valid = RememberedDeviceSchema.parse(device)
    const others = this.all().filter((other) => !(other.clientRef === valid.clientRef && other.extension === valid.extension))
    this.memo.set(devicesMemoKey, [...others, valid])
    return valid
  }
}
