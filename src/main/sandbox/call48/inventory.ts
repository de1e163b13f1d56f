/**
 * The seeded account's Call48 DIDs, never materialised: the i-th seeded DID is derived from
 * `ownedNumberAt('call48', seed, i)` on demand; purchases, bulk fulfilments and completed ports are kept in
 * small per-type lists, removals in a set, and feature edits (forwarding, 911, 411, fax, CNAM) in an overlay.
 *
 * Which answer shape a DID's update endpoints use (the doc shows "For OD" and "For Porta"): a DID routed
 * through Call48's OD switch answers the OD shape, one provisioned on PortaSwitch (it has `portaAID`) the
 * Porta shape. Seeded DIDs are Porta for one index in four (by hash), OD otherwise; purchased and bulk DIDs
 * are OD (they are routed to an OD trunk group); ported-in DIDs are Porta.
 *
 * The seeded drift (kit/drift): three seeded OD DIDs with no trunk group and no forwarding (bought and never
 * routed), and one seeded index holding, instead of its own number, the first of two Vitcom numbers being
 * ported in (activated on its FOC date, while the second waits), so every listing still totals the seed.
 */
import { uncalledPicks, vitcomDrift } from '../kit/drift'
import { laneIndexOf, ownedNumberAt, type NumberFacts } from '../kit/numbering'
import { hash32 } from '../kit/random'
import { dashed } from './envelope'

export type DidType = 'local' | 'toll' | 'intl'
export const didTypes: readonly DidType[] = ['local', 'toll', 'intl']

export interface OwnedDid {
  id: number
  /** Ten digits for NANP numbers; all digits (country code first) for international ones. */
  tn: string
  type: DidType
  state: string | null
  rateCenter: string | null
  lata: string | null
  country: string
  platform: 'od' | 'porta'
  portaAID: number | null
  portaPRID: number | null
  source: 'seed' | 'purchase' | 'bulk' | 'port'
}

/** Mutable per-DID data the update endpoints change; unset parts keep their derived defaults. */
export interface DidFeatureOverlay {
  forwarding?: Record<string, unknown>
  e911?: Record<string, unknown>
  listing411?: Record<string, unknown>
  fax?: Record<string, unknown>
  cnam?: { lookup: 'yes' | 'no'; displayName: string | null; displayNumber: string | null; type: string }
  tags?: string | null
}

export const defaultTrunkGroupId = 52610
export const defaultPortaProduct = 24230

export interface Call48Drift {
  /** Seeded OD indexes routed nowhere. */
  unrouted: ReadonlySet<number>
  /** Seeded index → the ported-in Vitcom number it holds instead of its own. */
  portedIn: ReadonlyMap<number, NumberFacts>
  /** The Vitcom numbers of the port at FOC, the first of them activated (empty: no such port is seeded). */
  portFromVitcom: string[]
}

/** Whether the seeded DID at an index is provisioned on PortaSwitch (one in four, by hash). */
const seededOnPorta = (seed: number, index: number): boolean => hash32(seed, index, 5) % 4 === 0

/** Call48's drift for a seed, its seeded DIDs and (when known) Vitcom's. */
export function call48Drift(seed: number, baseCount: number, vitcomOwned: number | undefined): Call48Drift {
  const unrouted = uncalledPicks(seed, 0xc48d, baseCount, 3, (index) => !seededOnPorta(seed, index))
  const fromVitcom = vitcomOwned === undefined ? [] : vitcomDrift(seed, vitcomOwned).portingOut.map((index) => ownedNumberAt('vitcom', seed, index))
  const [activated] = fromVitcom
  const [slot] = activated ? uncalledPicks(seed, 0xc48e, baseCount, 1, (index) => !unrouted.includes(index)) : []
  const withSlot = slot !== undefined && activated !== undefined
  return {
    unrouted: new Set(unrouted),
    portedIn: new Map(withSlot ? [[slot, activated]] : []),
    portFromVitcom: withSlot ? fromVitcom.map((facts) => facts.tn) : [],
  }
}

export class Call48Inventory {
  private readonly rotation: number
  private readonly added: Record<DidType, OwnedDid[]> = { local: [], toll: [], intl: [] }
  private readonly addedByTn = new Map<string, OwnedDid>()
  private readonly addedById = new Map<number, OwnedDid>()
  private readonly removedBase = new Set<number>()
  /** Sorted removed seeded indexes, for paging past them. */
  private removedBaseSorted: number[] = []
  /** Numbers released from this account: they age out and are not for sale again in the Sandbox. */
  private readonly released = new Set<string>()
  private readonly overlays = new Map<string, DidFeatureOverlay>()
  private nextId: number
  readonly drift: Call48Drift
  private readonly portedInIndex: Map<string, number>

  constructor(
    readonly seed: number,
    readonly baseCount: number,
    vitcomOwned?: number,
  ) {
    this.rotation = rawIndexOf(ownedNumberAt('call48', seed, 0).tn) ?? 0
    this.nextId = baseCount + 100_001
    this.drift = call48Drift(seed, baseCount, vitcomOwned)
    this.portedInIndex = new Map([...this.drift.portedIn].map(([index, facts]) => [facts.tn, index]))
  }

  /** The seeded DID at index `i` (whether or not it was removed). */
  baseDid(index: number): OwnedDid {
    const portedIn = this.drift.portedIn.get(index)
    const facts: NumberFacts = portedIn ?? ownedNumberAt('call48', this.seed, index)
    const porta = portedIn !== undefined || seededOnPorta(this.seed, index)
    return {
      id: index + 1,
      tn: facts.tn,
      type: 'local',
      state: facts.state,
      rateCenter: facts.rateCenter,
      lata: facts.lata,
      country: 'US',
      platform: porta ? 'porta' : 'od',
      portaAID: porta ? 1_300_000 + index : null,
      portaPRID: porta ? defaultPortaProduct : null,
      source: portedIn ? 'port' : 'seed',
    }
  }

  private baseIndexOf(tn: string): number | undefined {
    const portedIn = this.portedInIndex.get(tn)
    if (portedIn !== undefined) return portedIn < this.baseCount ? portedIn : undefined
    const raw = rawIndexOf(tn)
    if (raw === undefined) return undefined
    const index = raw - this.rotation
    if (index < 0 || index >= this.baseCount || this.drift.portedIn.has(index)) return undefined
    return ownedNumberAt('call48', this.seed, index).tn === tn ? index : undefined
  }

  find(tn: string): OwnedDid | undefined {
    const added = this.addedByTn.get(tn)
    if (added) return added
    const index = this.baseIndexOf(tn)
    if (index === undefined || this.removedBase.has(index)) return undefined
    return this.baseDid(index)
  }

  findById(id: number): OwnedDid | undefined {
    if (Number.isInteger(id) && id >= 1 && id <= this.baseCount) {
      return this.removedBase.has(id - 1) ? undefined : this.baseDid(id - 1)
    }
    return this.addedById.get(id)
  }

  /** True when the number may not be sold again: owned here or released from here. */
  isTaken(tn: string): boolean {
    return this.addedByTn.has(tn) || this.released.has(tn) || this.baseIndexOf(tn) !== undefined
  }

  total(type: DidType): number {
    const added = this.added[type].length
    return type === 'local' ? this.baseCount - this.removedBase.size + added : added
  }

  /** DIDs of a type in listing order (seeded first, then acquired), from `offset`. */
  page(type: DidType, offset: number, size: number): OwnedDid[] {
    const result: OwnedDid[] = []
    const aliveBase = type === 'local' ? this.baseCount - this.removedBase.size : 0
    if (offset < aliveBase) {
      let index = this.nthAliveBaseIndex(offset)
      while (result.length < size && index < this.baseCount) {
        if (!this.removedBase.has(index)) result.push(this.baseDid(index))
        index += 1
      }
    }
    const addedList = this.added[type]
    for (let i = Math.max(0, offset - aliveBase); i < addedList.length && result.length < size; i += 1) {
      result.push(addedList[i]!)
    }
    return result
  }

  /** The seeded index of the `n`-th DID not removed. */
  private nthAliveBaseIndex(n: number): number {
    let index = n
    for (const removed of this.removedBaseSorted) {
      if (removed <= index) index += 1
      else break
    }
    return index
  }

  add(did: Omit<OwnedDid, 'id'>): OwnedDid {
    const record: OwnedDid = { ...did, id: this.nextId }
    this.nextId += 1
    this.added[record.type].push(record)
    this.addedByTn.set(record.tn, record)
    this.addedById.set(record.id, record)
    this.released.delete(record.tn)
    return record
  }

  remove(did: OwnedDid): void {
    // Seeded DIDs (a ported-in one holding a seeded index among them) have the first ids.
    if (did.id <= this.baseCount) {
      const index = did.id - 1
      this.removedBase.add(index)
      this.removedBaseSorted = [...this.removedBase].sort((a, b) => a - b)
    } else {
      const list = this.added[did.type]
      const at = list.findIndex((entry) => entry.id === did.id)
      if (at >= 0) list.splice(at, 1)
      this.addedByTn.delete(did.tn)
      this.addedById.delete(did.id)
    }
    this.overlays.delete(did.tn)
    this.released.add(did.tn)
  }

  overlay(tn: string): DidFeatureOverlay {
    let overlay = this.overlays.get(tn)
    if (!overlay) {
      overlay = {}
      this.overlays.set(tn, overlay)
    }
    return overlay
  }

  peekOverlay(tn: string): DidFeatureOverlay | undefined {
    return this.overlays.get(tn)
  }

  /** A seeded OD DID the drift leaves without a trunk group or forwarding. */
  private isUnrouted(did: OwnedDid): boolean {
    return did.id <= this.baseCount && did.source === 'seed' && this.drift.unrouted.has(did.id - 1)
  }

  /** The DID as `GET /dids` answers it. */
  render(did: OwnedDid): Record<string, unknown> {
    const overlay = this.overlays.get(did.tn) ?? {}
    const h = hash32(this.seed, Number(did.tn.slice(-7)), 31)
    const nanp = did.type !== 'intl'
    const e911Seeded = did.type === 'local' && h % 3 === 0
    const cnam = overlay.cnam
    return {
      _id: did.id,
      did: did.tn,
      number: nanp ? dashed(did.tn) : did.tn,
      npa: nanp ? did.tn.slice(0, 3) : null,
      nxx: nanp ? did.tn.slice(3, 6) : null,
      xxxx: nanp ? did.tn.slice(6) : null,
      fax: overlay.fax && overlay.fax.servive !== '0' && overlay.fax.servive !== '' ? 'true' : 'false',
      type: did.type,
      portaAID: did.portaAID,
      country: did.country,
      state_name: null,
      state: did.state,
      ratecenter: did.rateCenter,
      rateCenter: did.rateCenter,
      status: 'USING',
      isDeleted: 'no',
      assigned_id: 3,
      portaPRID: did.portaPRID,
      tags: overlay.tags ?? (h % 5 === 0 ? 'seed' : null),
      rtp: 'NA',
      cnamLookup: cnam?.lookup ?? 'no',
      cnamDisplayname: cnam?.displayName ?? null,
      cnamDisplaynumber: cnam?.displayNumber ?? null,
      cnamType: cnam?.type ?? '',
      e911Data: {
        enabled: e911Seeded ? 'yes' : 'no',
        country: 'US',
        state: did.state,
        zipcode: e911Seeded ? String(10_000 + (h % 89_999)) : null,
        businessname: e911Seeded ? 'Sandbox Office' : null,
        address: e911Seeded ? `Suite ${100 + (h % 400)}` : null,
        streetname: e911Seeded ? 'Main St' : null,
        streetnumber: e911Seeded ? String(1 + (h % 9000)) : null,
        ...overlay.e911,
      },
      // `servive` is the field's spelling in the doc's sample.
      faxData: { servive: '', email: null, serial: null, guid: null, ...overlay.fax },
      listing411Data: {
        enabled: 'no',
        type: 'RES',
        country: 'US',
        state: null,
        zip: null,
        lstgn: null,
        lstnm: null,
        business: null,
        locnm: null,
        strt: null,
        ...overlay.listing411,
      },
      forwardingData: { ...defaultForwarding(did, h, this.isUnrouted(did)), ...overlay.forwarding },
    }
  }
}

/** A DID's routing as seeded: OD ones to the default trunk group (none when `unrouted`), Porta ones to the SIP product. */
function defaultForwarding(did: OwnedDid, h: number, unrouted: boolean): Record<string, unknown> {
  const od = did.platform === 'od'
  return {
    method1: od ? '' : 'trunk',
    method2: '',
    method3: '',
    timeout1: od ? '' : '30',
    timeout2: '',
    timeout3: '',
    sip1: '',
    sip2: '',
    sip3: '',
    number1: '',
    number2: '',
    number3: '',
    password: od ? '' : `sbx${(h % 1_000_000).toString(36)}`,
    fwd_trunk_grpid: od && !unrouted ? defaultTrunkGroupId : null,
    sipdigits: 'NA',
    answeringmode: od ? 2 : 1,
    sequence: '',
    product: od ? null : defaultPortaProduct,
  }
}

/** Inverse of the numbering plan's owned-pool layout, before the seed rotation (checked by the caller). */
function rawIndexOf(tn: string): number | undefined {
  const position = laneIndexOf('call48', tn)
  return position?.pool === 'owned' ? position.index : undefined
}
