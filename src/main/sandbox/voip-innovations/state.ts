/**
 * The simulated VoIP Innovations account and the numbers around it: owned DIDs (derived from the seed on
 * demand, with an overlay of changes) and their features (CNAM display name, forwarding, failover, DID
 * group, fax to e-mail, conference line), listed inventory, 30-minute reservations, endpoint groups, DID
 * groups, the prepaid balance, international numbers and port orders that move forward with the
 * simulated clock.
 *
 * Nothing proportional to the account size is built at start: a number's standing is computed from its
 * digits (the kit's numbering plan is invertible), and only changed records are kept.
 */
import type { SimClock } from '../kit/clock'
import {
  availableNumberAt,
  carrierSlots,
  laneIndexOf,
  ownedNumberAt,
  searchAvailable,
  tollFreePrefixes,
  type NumberFacts,
} from '../kit/numbering'
import { hash32, hashString, pick } from '../kit/random'
import { IntlInventory } from './intl-inventory'
import { PrepaidAccount } from './prepaid'

export const carrierName = 'voip-innovations'
const slot = carrierSlots[carrierName]

/** api-reference.txt 3.7: "reserve an available DID for a maximum of 30 minutes". */
export const reservationMs = 30 * 60 * 1000
/** How many numbers of the available pool are listed for sale; keeps counts and searches consistent. */
export const listedInventorySize = 20_000
const dayMs = 24 * 60 * 60 * 1000

export interface EndpointGroup {
  id: number
  name: string
}

/** A DID group (WSDL DIDGroup: Name, ID). */
export interface DidGroup {
  id: number
  name: string
}

/** Features VI lists per number (DIDLocator/DIDCount): they follow the rate center and tier. */
export interface NumberTraits {
  tier: string
  network: string
  t38: boolean
  outboundCnam: boolean
  sms: boolean
}

export interface OwnedDid {
  facts: NumberFacts
  traits: NumberTraits
  endpointGroup: number
  refId: string
  /** Inbound CNAM lookup (DIDParam.cnam). */
  cnam: boolean
  /** Outbound CNAM display name (UpdateCNAMDisplay); '' when none is stored. */
  cnamName: string
  has911: boolean
  assignedAt: number
  /** Ten digits every call is forwarded to (SetDIDForward); '' when not forwarded. */
  forward: string
  /** Ten digits calls go to when the endpoint group does not answer (UpdateDIDFailover); '' when none. */
  failover: string
  /** The DID group's id (SetDIDGroup); 0 when the number is in none. */
  didGroup: number
  /** Where received faxes are e-mailed (SetFaxToEmail); '' when not set. */
  faxEmail: string
  /** The conference line's PIN (SetConferenceLine); '' when the number is no conference line. */
  conferencePin: string
}

/** The features a number starts without (bought, ported in). */
export const noFeatures: Pick<OwnedDid, 'forward' | 'failover' | 'didGroup' | 'faxEmail' | 'conferencePin'> = {
  forward: '',
  failover: '',
  didGroup: 0,
  faxEmail: '',
  conferencePin: '',
}

/** What the WSDL's per-number operations change on an owned DID. */
export type DidChange = Partial<
  Pick<OwnedDid, 'endpointGroup' | 'refId' | 'cnam' | 'cnamName' | 'has911' | 'forward' | 'failover' | 'didGroup' | 'faxEmail' | 'conferencePin'>
>

export interface Reservation {
  tn: string
  refId: string
  expiresAt: number
}

export type Standing =
  | { kind: 'owned'; did: OwnedDid }
  | { kind: 'reserved'; reservation: Reservation; facts: NumberFacts; traits: NumberTraits }
  | { kind: 'available'; facts: NumberFacts; traits: NumberTraits }
  | { kind: 'reserved-elsewhere'; facts: NumberFacts; traits: NumberTraits }
  | { kind: 'assigned-elsewhere'; facts: NumberFacts; traits: NumberTraits }
  | { kind: 'released' }
  | { kind: 'toll-free' }
  | { kind: 'unknown' }

export interface PortDid {
  facts: NumberFacts
  traits: NumberTraits
  cnam: boolean
  e911: boolean
}

export interface PortOrder {
  id: number
  createdAt: number
  endUser: string
  billingTN: string
  portingFrom: string
  defaultEndpointGroup: number
  /** About one port in five is rejected for wrong account data (carrier-docs README). */
  rejected: boolean
  dids: PortDid[]
}

export type PortStatus = 'PENDING SIGNATURE' | 'SUBMITTED' | 'FOC RECEIVED' | 'REJECTED' | 'COMPLETE'

export interface PortProgress {
  status: PortStatus
  submittedDate?: number
  requestedFocDate?: number
  focDate?: number
}

export interface SearchFilter {
  state?: string
  lata?: string
  rateCenter?: string
  npa?: string
  nxx?: string
  tier?: string
  t38?: boolean
  outboundCnam?: boolean
  sms?: boolean
  network?: string
}

const networks = ['Level 3', 'Bandwidth', 'Onvoy', 'Peerless'] as const
const endUsers = ['Harbor Dental Group', 'Mesa Logistics', 'Northside Pediatrics', 'Blue Fern Realty', 'Kite Legal LLP']
const losingCarriers = ['AT&T', 'Verizon', 'Lumen', 'Frontier', 'Windstream']
const displayNames = ['ACME CORP', 'HARBOR DENTAL', 'MESA LOGISTICS', 'KITE LEGAL', 'BLUE FERN']

function digitsHash(seed: number, tn: string, salt: number): number {
  return hash32(seed, Number(tn.slice(0, 5)), Number(tn.slice(5)), salt)
}

/** The endpoint groups (epg) the seeded account has configured; any other id is a bad endpoint group. */
export function endpointGroupsFor(seed: number): EndpointGroup[] {
  const base = 8600 + (hash32(seed, 0xe9) % 300)
  return [
    { id: base, name: 'Primary PBX' },
    { id: base + 1, name: 'Backup PBX' },
    { id: base + 2, name: 'Fax Server' },
  ]
}

/**
 * The DID groups the seeded account has made in VI's portal. The WSDL has no operation that creates or
 * deletes a group (GetDIDGroups only lists them), so the sandbox starts with these four.
 */
export function didGroupsFor(seed: number): DidGroup[] {
  const base = 4100 + (hash32(seed, 0xd16) % 500)
  return ['Main Office', 'Sales', 'Support', 'Fax Lines'].map((name, index) => ({ id: base + index, name }))
}

/** Port order ids in a seeded sandbox, oldest last: the first was created when the sandbox started. */
export function portIdsFor(seed: number): number[] {
  const base = 36_000 + (hash32(seed, 0x9047) % 1000)
  return [0, 1, 2, 3, 4, 5].map((offset) => base + offset)
}

/** Port k: days before the sandbox started it was created, and whether it is rejected (one in five or six). */
const portAgesDays = [0, 0.5, 2, 4, 9, 12]
const rejectedPortIndex = 3
/** Days from a port's creation to its FOC date. */
const focDays = 8

function ownedRotation(seed: number): number {
  return hash32(seed, slot) % 1000
}

function availableRotation(seed: number): number {
  return hash32(seed, 7, slot) % 1000
}

/** Inverts the kit's numbering plan: which pool and pool index a ten-digit number sits at, if any. */
function poolPosition(tn: string): { pool: 'owned' | 'available'; index: number } | undefined {
  return laneIndexOf(carrierName, tn)
}

export function isTollFree(tn: string): boolean {
  return /^\d{10}$/.test(tn) && (tollFreePrefixes as readonly string[]).includes(tn.slice(0, 3))
}

/** Formats a time the way .NET writes an unspecified-kind DateTime (no offset). */
export function dotNetDate(at: number): string {
  return new Date(at).toISOString().replace('Z', '')
}

/** The date .NET writes for a DateTime nobody set (seen in every captured batch answer). */
export const unsetDate = '1900-01-01T00:00:00'

export class VoipInnovationsState {
  readonly endpointGroups: EndpointGroup[]
  readonly didGroups: DidGroup[]
  readonly prepaid: PrepaidAccount
  readonly international: IntlInventory
  readonly login: string
  readonly secret: string
  private readonly startedAt: number
  /** Seeded records that changed, and numbers added by assignDID or completed ports. */
  private readonly changed = new Map<string, OwnedDid>()
  /** Seeded numbers released from the account. */
  private readonly removed = new Set<string>()
  /** Numbers released by this account: VI ages them, so they are "not currently available" (106241). */
  private readonly released = new Set<string>()
  private readonly reservations = new Map<string, Reservation>()
  private readonly settledPorts = new Set<number>()
  private readonly ports: PortOrder[]

  constructor(
    readonly seed: number,
    readonly ownedCount: number,
    private readonly clock: SimClock,
  ) {
    this.endpointGroups = endpointGroupsFor(seed)
    this.didGroups = didGroupsFor(seed)
    this.prepaid = new PrepaidAccount(seed)
    this.international = new IntlInventory(seed, clock, ownedCount > 0)
    this.login = `sandbox${1000 + (hash32(seed, 0x10) % 9000)}`
    this.secret = `vi-${hash32(seed, 0x5ec7).toString(36)}${hash32(seed, 0x5ec8).toString(36)}`
    this.startedAt = clock.now()
    this.ports = portIdsFor(seed).map((id, index) => this.seedPort(id, index))
  }

  now(): number {
    return this.clock.now()
  }

  isEndpointGroup(id: number): boolean {
    return this.endpointGroups.some((group) => group.id === id)
  }

  didGroup(id: number): DidGroup | undefined {
    return this.didGroups.find((group) => group.id === id)
  }

  /** Tier and features of any number; VI's tier 777 numbers carry no CNAM or T.38 (get_did_count.xml). */
  traitsOf(facts: NumberFacts): NumberTraits {
    const perNumber = digitsHash(this.seed, facts.tn, 1)
    const roll = perNumber % 100
    const tier = roll < 60 ? '1' : roll < 80 ? '2' : roll < 95 ? '4' : '777'
    const perGroup = hash32(this.seed, hashString(facts.rateCenter), Number(tier))
    const premium = tier !== '777'
    return {
      tier,
      network: pick(networks, perNumber, 2),
      t38: premium && perGroup % 8 !== 0,
      outboundCnam: premium && (perGroup >>> 4) % 6 !== 0,
      sms: (perGroup >>> 8) % 3 !== 0,
    }
  }

  private seededIndexOf(tn: string): number | undefined {
    const position = poolPosition(tn)
    if (position?.pool !== 'owned') return undefined
    const index = position.index - ownedRotation(this.seed)
    return index >= 0 && index < this.ownedCount ? index : undefined
  }

  private seededOwned(index: number): OwnedDid {
    const facts = ownedNumberAt(carrierName, this.seed, index)
    const h = hash32(this.seed, index, 0x0d1d)
    const endpointGroup = (this.endpointGroups[h % this.endpointGroups.length] as EndpointGroup).id
    return {
      facts,
      traits: this.traitsOf(facts),
      endpointGroup,
      refId: '',
      cnam: (h >>> 4) % 3 !== 0,
      cnamName: (h >>> 8) % 4 === 0 ? pick(displayNames, h, 5) : '',
      has911: (h >>> 12) % 10 === 0,
      assignedAt: this.startedAt - (1 + ((h >>> 16) % 700)) * dayMs,
      ...this.seededFeatures(facts.tn, index, endpointGroup),
    }
  }

  /**
   * What a seeded number has set up: one in 15 forwarded and one in 6 with a failover (to fictional
   * 555-01xx numbers of its area code), half in a DID group, half of those on the fax server e-mailing
   * faxes, one in 25 a conference line.
   */
  private seededFeatures(tn: string, index: number, endpointGroup: number): typeof noFeatures {
    const f = hash32(this.seed, index, 0xfea7)
    const fictional = (salt: number): string => `${tn.slice(0, 3)}55501${String(hash32(f, salt) % 100).padStart(2, '0')}`
    const group = (f >>> 8) % 2 === 0 ? (this.didGroups[(f >>> 9) % this.didGroups.length] as DidGroup).id : 0
    const onFaxServer = endpointGroup === this.endpointGroups[2]?.id
    return {
      forward: f % 15 === 0 ? fictional(1) : '',
      failover: (f >>> 4) % 6 === 0 ? fictional(2) : '',
      didGroup: group,
      faxEmail: onFaxServer && (f >>> 12) % 2 === 0 ? `fax-${tn.slice(-4)}@example.com` : '',
      conferencePin: (f >>> 14) % 25 === 0 ? String(1000 + ((f >>> 16) % 9000)) : '',
    }
  }

  /** An owned DID by number, or undefined when the account does not own it. */
  owned(tn: string): OwnedDid | undefined {
    this.settlePorts()
    const changed = this.changed.get(tn)
    if (changed) return changed
    if (this.removed.has(tn)) return undefined
    const index = this.seededIndexOf(tn)
    return index === undefined ? undefined : this.seededOwned(index)
  }

  /** The active reservation on a number; expired ones lapse when looked at (simulated clock). */
  reservation(tn: string): Reservation | undefined {
    const found = this.reservations.get(tn)
    if (found && found.expiresAt <= this.clock.now()) {
      this.reservations.delete(tn)
      return undefined
    }
    return found
  }

  private listedFacts(tn: string): NumberFacts | undefined {
    const position = poolPosition(tn)
    if (position?.pool !== 'available') return undefined
    const index = position.index - availableRotation(this.seed)
    if (index < 0 || index >= listedInventorySize) return undefined
    return availableNumberAt(carrierName, this.seed, index)
  }

  /** One listed number in 25 is held by another VI customer's reservation. */
  private reservedElsewhere(tn: string): boolean {
    return digitsHash(this.seed, tn, 3) % 25 === 0
  }

  /** Where a number stands for this account; the basis of every per-DID status code. */
  standing(tn: string): Standing {
    const did = this.owned(tn)
    if (did) return { kind: 'owned', did }
    if (this.released.has(tn)) return { kind: 'released' }
    if (isTollFree(tn)) return { kind: 'toll-free' }
    const listed = this.listedFacts(tn)
    if (listed) {
      const traits = this.traitsOf(listed)
      const reservation = this.reservation(tn)
      if (reservation) return { kind: 'reserved', reservation, facts: listed, traits }
      if (this.reservedElsewhere(tn)) return { kind: 'reserved-elsewhere', facts: listed, traits }
      return { kind: 'available', facts: listed, traits }
    }
    const position = poolPosition(tn)
    const ownedIndex = position?.pool === 'owned' ? position.index - ownedRotation(this.seed) : -1
    if (ownedIndex >= 0) {
      // Exchanges of VI's own numbers that this account does not hold belong to other VI customers.
      const facts = ownedNumberAt(carrierName, this.seed, ownedIndex)
      if (facts.tn === tn) return { kind: 'assigned-elsewhere', facts, traits: this.traitsOf(facts) }
    }
    return { kind: 'unknown' }
  }

  assign(tn: string, facts: NumberFacts, traits: NumberTraits, endpointGroup: number, refId: string, cnam: boolean): OwnedDid {
    const did: OwnedDid = {
      facts,
      traits,
      endpointGroup,
      refId,
      cnam,
      cnamName: '',
      has911: false,
      assignedAt: this.clock.now(),
      ...noFeatures,
    }
    this.reservations.delete(tn)
    this.changed.set(tn, did)
    return did
  }

  update(did: OwnedDid, change: DidChange): OwnedDid {
    const updated = { ...did, ...change }
    this.changed.set(did.facts.tn, updated)
    return updated
  }

  release(tn: string): void {
    this.changed.delete(tn)
    if (this.seededIndexOf(tn) !== undefined) this.removed.add(tn)
    this.released.add(tn)
  }

  reserve(tn: string, refId: string): Reservation {
    const reservation = { tn, refId, expiresAt: this.clock.now() + reservationMs }
    this.reservations.set(tn, reservation)
    return reservation
  }

  /** Every owned DID, seeded ones first, in pages, so an audit of 300,000 numbers streams. */
  *ownedPages(pageSize: number): Generator<OwnedDid[]> {
    this.settlePorts()
    let page: OwnedDid[] = []
    for (let index = 0; index < this.ownedCount; index += 1) {
      const facts = ownedNumberAt(carrierName, this.seed, index)
      if (this.removed.has(facts.tn)) continue
      page.push(this.changed.get(facts.tn) ?? this.seededOwned(index))
      if (page.length >= pageSize) {
        yield page
        page = []
      }
    }
    for (const [tn, did] of this.changed) {
      if (this.seededIndexOf(tn) !== undefined) continue
      page.push(did)
      if (page.length >= pageSize) {
        yield page
        page = []
      }
    }
    if (page.length > 0) yield page
  }

  private matches(facts: NumberFacts, traits: NumberTraits, filter: SearchFilter): boolean {
    if (filter.tier && traits.tier !== filter.tier) return false
    if (filter.t38 && !traits.t38) return false
    if (filter.outboundCnam && !traits.outboundCnam) return false
    if (filter.sms && !traits.sms) return false
    if (filter.network && traits.network.toLowerCase() !== filter.network.toLowerCase()) return false
    if (filter.nxx && facts.nxx !== filter.nxx) return false
    return true
  }

  /** Listed numbers a customer can take now, matching the filter (kit search over the available pool). */
  search(filter: SearchFilter, limit: number): { facts: NumberFacts; traits: NumberTraits }[] {
    const skipped = (tn: string): boolean => {
      const standing = this.standing(tn)
      return standing.kind !== 'available' || !this.matches(standing.facts, standing.traits, filter)
    }
    const geography = {
      ...(filter.state ? { state: filter.state } : {}),
      ...(filter.npa ? { npa: filter.npa } : {}),
      ...(filter.nxx ? { nxx: filter.nxx } : {}),
      ...(filter.rateCenter ? { rateCenter: filter.rateCenter } : {}),
      ...(filter.lata ? { lata: filter.lata } : {}),
    }
    return searchAvailable(carrierName, this.seed, geography, limit, skipped).map((facts) => ({
      facts,
      traits: this.traitsOf(facts),
    }))
  }

  /** Counts of available listed numbers per state, rate center, LATA and tier. */
  count(filter: SearchFilter): { facts: NumberFacts; traits: NumberTraits; count: number }[] {
    const groups = new Map<string, { facts: NumberFacts; traits: NumberTraits; count: number }>()
    for (let index = 0; index < listedInventorySize; index += 1) {
      const facts = availableNumberAt(carrierName, this.seed, index)
      if (filter.state && facts.state !== filter.state.toUpperCase()) continue
      if (filter.npa && facts.npa !== filter.npa) continue
      if (filter.rateCenter && facts.rateCenter !== filter.rateCenter.toUpperCase()) continue
      if (filter.lata && facts.lata !== filter.lata) continue
      const traits = this.traitsOf(facts)
      if (!this.matches(facts, traits, filter)) continue
      if (this.standing(facts.tn).kind !== 'available') continue
      const key = `${facts.state}|${facts.rateCenter}|${facts.lata}|${traits.tier}`
      const group = groups.get(key)
      if (group) group.count += 1
      else groups.set(key, { facts, traits, count: 1 })
    }
    return [...groups.values()]
  }

  private seedPort(id: number, index: number): PortOrder {
    const h = hash32(this.seed, id)
    const createdAt = this.startedAt - (portAgesDays[index] ?? 0) * dayMs
    // Ports completed before the sandbox started brought in numbers the seeded account already owns.
    const completedBefore = index !== rejectedPortIndex && this.startedAt - createdAt >= focDays * dayMs && this.ownedCount > 0
    if (completedBefore) this.settledPorts.add(id)
    const dids: PortDid[] = []
    const size = 1 + (h % 3)
    for (let k = 0; k < size; k += 1) {
      // Other numbers are beyond the listed window, so not VI's: they sit with the losing carrier until the port completes.
      const facts = completedBefore
        ? ownedNumberAt(carrierName, this.seed, (index * 3 + k) % this.ownedCount)
        : availableNumberAt(carrierName, this.seed, listedInventorySize + 5_000 + index * 10 + k)
      dids.push({ facts, traits: this.traitsOf(facts), cnam: k % 2 === 0, e911: k === 0 })
    }
    return {
      id,
      createdAt,
      endUser: pick(endUsers, h, 1),
      billingTN: (dids[0] as PortDid).facts.tn,
      portingFrom: pick(losingCarriers, h, 2),
      defaultEndpointGroup: (this.endpointGroups[h % this.endpointGroups.length] as EndpointGroup).id,
      rejected: index === rejectedPortIndex,
      dids,
    }
  }

  port(id: number): PortOrder | undefined {
    return this.ports.find((order) => order.id === id)
  }

  /**
   * Where a port stands at the simulated time: signature (1 day), submitted (2 days), then FOC (set for
   * day 8) or rejected, and complete once the FOC date has passed.
   */
  portProgress(order: PortOrder): PortProgress {
    const elapsed = this.clock.now() - order.createdAt
    if (elapsed < dayMs) return { status: 'PENDING SIGNATURE' }
    const submittedDate = order.createdAt + dayMs
    const requestedFocDate = order.createdAt + focDays * dayMs
    if (elapsed < 3 * dayMs) return { status: 'SUBMITTED', submittedDate, requestedFocDate }
    if (order.rejected) return { status: 'REJECTED', submittedDate, requestedFocDate }
    const focDate = requestedFocDate
    if (this.clock.now() < focDate) return { status: 'FOC RECEIVED', submittedDate, requestedFocDate, focDate }
    return { status: 'COMPLETE', submittedDate, requestedFocDate, focDate }
  }

  /** Numbers of completed ports join the account once, on the default endpoint group. */
  private settlePorts(): void {
    for (const order of this.ports) {
      if (this.settledPorts.has(order.id) || this.portProgress(order).status !== 'COMPLETE') continue
      this.settledPorts.add(order.id)
      for (const did of order.dids) {
        if (this.changed.has(did.facts.tn)) continue
        this.changed.set(did.facts.tn, {
          facts: did.facts,
          traits: did.traits,
          endpointGroup: order.defaultEndpointGroup,
          refId: '',
          cnam: did.cnam,
          cnamName: '',
          has911: did.e911,
          assignedAt: this.portProgress(order).focDate ?? this.clock.now(),
          ...noFeatures,
        })
      }
    }
  }

  /** Whether a number could be ported in: not VI's already, and not one of the few non-portable ones. */
  isPortable(tn: string): boolean {
    if (!/^\d{10}$/.test(tn) || tn.startsWith('0') || tn.startsWith('1')) return false
    const standing = this.standing(tn)
    if (standing.kind !== 'unknown' && standing.kind !== 'toll-free') return false
    return digitsHash(this.seed, tn, 4) % 5 !== 0
  }

  /** Seeded numbers of port orders, for tests that follow a port to completion. */
  portNumbers(id: number): string[] {
    return this.port(id)?.dids.map((did) => did.facts.tn) ?? []
  }
}

/** A listed number reserved by another VI customer, for tests of the x230 codes. */
export function reservedElsewhereNumber(seed: number): string {
  for (let index = 0; index < listedInventorySize; index += 1) {
    const facts = availableNumberAt(carrierName, seed, index)
    if (digitsHash(seed, facts.tn, 3) % 25 === 0) return facts.tn
  }
  throw new Error('No listed number is reserved elsewhere')
}

/** A number of VI's own exchanges held by another VI customer, for tests of the x235 codes. */
export function assignedElsewhereNumber(seed: number, ownedCount: number): string {
  return ownedNumberAt(carrierName, seed, ownedCount + 17).tn
}
