/**
 * The Vitcom account's numbers without materialising them: the i-th seeded number is derived from the kit's
 * numbering plan on demand, a small overlay holds numbers that changed or were added (orders, ports), and
 * reverse look-ups tell whether a ten-digit number is owned, for sale, or neither. The seeded drift
 * (kit/drift) puts a few seeded numbers on the disabled trunk and a few toll-free numbers without a CNAM in
 * place of landlines.
 */
import { vitcomDrift } from '../kit/drift'
import { carrierSlots, laneIndexOf, numberingStride, ownedNumberAt, tollFreePrefixes } from '../kit/numbering'
import { hash32, hashString, pick, unit } from '../kit/random'

export type NumberCategory = 'landline' | 'tollfree'
/** getnumbers/updatenumber: "Active" = 1, "Inactive" = 0, "Cancelled" = 2. */
export type NumberStatus = '0' | '1' | '2'

export interface VitcomNumber {
  tn: string
  category: NumberCategory
  status: NumberStatus
  trunkId: number
  /** Monthly rate in cents. */
  didRateCents: number
  orderType: 'New' | 'Portin'
  orderno?: string
  cnam: string
}

const slot = carrierSlots.vitcom
const cnams = ['', '', 'ACME PLUMBING', 'BLUE RIVER DENTAL', 'NORTHSIDE AUTO', 'CITY CAB CO', 'SUNRISE CLINIC', 'METRO LAW']

export const landlineRateCents = 45
export const tollFreeRateCents = 95

/** The seeded account's origination trunk groups, which also appear as TG100..TG104 in call records. */
export const seededTrunkIds = [100, 101, 102, 103, 104] as const
/** The account's first origination trunk, disabled long ago (get_trunk `status` "0"); a few numbers still route to it. */
export const disabledTrunkId = 99

export interface OwnedInventory {
  readonly seededCount: number
  /** The record of the i-th seeded number, with any change applied. */
  seededAt(index: number): VitcomNumber
  /** Numbers the account gained after the seed (orders, completed ports), in the order gained. */
  added(): IterableIterator<VitcomNumber>
  /** The current record of an owned number, or undefined when the account does not own it. */
  find(tn: string): VitcomNumber | undefined
  /** Stores a changed or newly gained record. */
  put(record: VitcomNumber): void
  /** How many numbers the account holds in total (any status). */
  size(): number
}

/** The origination trunk a seeded number is routed to (before any change), which its calls arrive on. */
export function seededTrunkOf(seed: number, tn: string): number {
  return pick(seededTrunkIds, seed, hashString(tn), 2)
}

interface SeededDrift {
  /** Every drifted index: active, whatever the seed would say. */
  drifted: ReadonlySet<number>
  onDisabledTrunk: ReadonlySet<number>
  tollFree: ReadonlyMap<number, string>
  tollFreeIndex: ReadonlyMap<string, number>
}

function seededDrift(seed: number, seededCount: number): SeededDrift {
  const drift = vitcomDrift(seed, seededCount)
  return {
    drifted: new Set([...drift.onDisabledTrunk, ...drift.tollFree.keys(), ...drift.portingOut]),
    onDisabledTrunk: new Set(drift.onDisabledTrunk),
    tollFree: drift.tollFree,
    tollFreeIndex: new Map([...drift.tollFree].map(([index, tn]) => [tn, index])),
  }
}

function seededRecord(seed: number, drift: SeededDrift, index: number): VitcomNumber {
  const tollFree = drift.tollFree.get(index)
  const tn = tollFree ?? ownedNumberAt('vitcom', seed, index).tn
  const salt = hashString(tn)
  return {
    tn,
    category: tollFree ? 'tollfree' : 'landline',
    status: drift.drifted.has(index) || unit(seed, salt, 1) >= 0.04 ? '1' : '0',
    trunkId: drift.onDisabledTrunk.has(index) ? disabledTrunkId : seededTrunkOf(seed, tn),
    didRateCents: tollFree ? tollFreeRateCents : landlineRateCents,
    orderType: tollFree ? 'New' : unit(seed, salt, 3) < 0.15 ? 'Portin' : 'New',
    cnam: tollFree ? '' : pick(cnams, seed, salt, 4),
  }
}

/**
 * Inverts the kit's owned-number mapping (area code index + exchange step + line) and confirms the answer
 * by deriving the number forward again, so a change in the kit can only make this say "not owned". A
 * seeded toll-free number is found by its own small map, and the landline it stands in for is not owned.
 */
function seededIndexOf(seed: number, seededCount: number, drift: SeededDrift, tn: string): number | undefined {
  const tollFree = drift.tollFreeIndex.get(tn)
  if (tollFree !== undefined) return tollFree
  const position = laneIndexOf('vitcom', tn)
  if (position?.pool !== 'owned') return undefined
  const index = position.index - (hash32(seed, slot) % 1000)
  if (index < 0 || index >= seededCount || drift.tollFree.has(index)) return undefined
  return ownedNumberAt('vitcom', seed, index).tn === tn ? index : undefined
}

export function createOwnedInventory(seed: number, seededCount: number): OwnedInventory {
  const changed = new Map<string, VitcomNumber>()
  const gained = new Map<string, VitcomNumber>()
  const drift = seededDrift(seed, seededCount)
  return {
    seededCount,
    seededAt(index) {
      const tn = drift.tollFree.get(index) ?? ownedNumberAt('vitcom', seed, index).tn
      return changed.get(tn) ?? seededRecord(seed, drift, index)
    },
    added: () => gained.values(),
    find(tn) {
      const fromOverlay = changed.get(tn) ?? gained.get(tn)
      if (fromOverlay) return fromOverlay
      const index = seededIndexOf(seed, seededCount, drift, tn)
      return index === undefined ? undefined : seededRecord(seed, drift, index)
    },
    put(record) {
      if (gained.has(record.tn) || seededIndexOf(seed, seededCount, drift, record.tn) === undefined) gained.set(record.tn, record)
      else changed.set(record.tn, record)
    },
    size: () => seededCount + gained.size,
  }
}

/** A ten-digit local number from Vitcom's for-sale pool (exchanges 600-999, Vitcom's slice). */
export function isForSaleLandline(tn: string): boolean {
  return laneIndexOf('vitcom', tn)?.pool === 'available'
}

/** A toll-free number from Vitcom's pool (the kit's `tollFreeAt` bodies are congruent to the slot mod the stride). */
export function isForSaleTollFree(tn: string): boolean {
  const prefix = tn.slice(0, 3)
  return (tollFreePrefixes as readonly string[]).includes(prefix) && Number(tn.slice(3)) % numberingStride === slot
}

export function isTollFree(tn: string): boolean {
  return (tollFreePrefixes as readonly string[]).includes(tn.slice(0, 3))
}
