/**
 * The drift the Sandbox seeds, what a NOC finds in a real account after months of hand edits (README, The
 * Sandbox): at Vitcom, numbers still routed to an origination trunk disabled long ago and toll-free numbers
 * without a CNAM; at Call48, OD DIDs routed nowhere, and a port from Vitcom at FOC whose first number Call48
 * already activated while Vitcom still lists it. Both carriers' simulators read the plan here, so the numbers
 * agree across them.
 *
 * Every drifted number is one the call history never names (kit/calls' uncalled quarter), so no call record
 * contradicts it (an unrouted number or one on a disabled trunk gets no calls), and each re-routes or stands
 * in for a seeded number, so every carrier still owns exactly the numbers asked for. An account with fewer
 * than `minDriftNumbers` seeded numbers gets none.
 */
import { uncalledCount, uncalledIndex } from './calls'
import { tollFreeAt, tollFreePrefixes } from './numbering'
import { hash32 } from './random'

export const minDriftNumbers = 40
/** Seeded indexes this close to either end stay undrifted: other seeded history names them (bulk orders, ports). */
const margin = 10

/**
 * `count` distinct seeded indexes of an account of `ownedCount` numbers that no call names, from a place set
 * by the seed and `salt`, each passing `accept`; fewer when the account is too small.
 */
export function uncalledPicks(seed: number, salt: number, ownedCount: number, count: number, accept: (index: number) => boolean = () => true): number[] {
  if (ownedCount < minDriftNumbers) return []
  const quiet = uncalledCount(ownedCount)
  const start = hash32(seed, salt) % quiet
  const picks: number[] = []
  for (let k = 0; k < quiet && picks.length < count; k += 1) {
    const index = uncalledIndex(ownedCount, (start + k) % quiet)
    if (index >= margin && index < ownedCount - margin && accept(index)) picks.push(index)
  }
  return picks
}

export interface VitcomDrift {
  /** Seeded indexes routed to the disabled trunk. */
  onDisabledTrunk: number[]
  /** Seeded indexes that hold a toll-free number (no CNAM) instead of their landline. */
  tollFree: Map<number, string>
  /** Seeded indexes of the two numbers Call48 is porting in (landlines, as seeded). */
  portingOut: number[]
}

/** Vitcom's drift for a seed and its number of seeded numbers. */
export function vitcomDrift(seed: number, ownedCount: number): VitcomDrift {
  const picks = uncalledPicks(seed, 0xd21f7, ownedCount, 7)
  if (picks.length < 7) return { onDisabledTrunk: [], tollFree: new Map(), portingOut: [] }
  const tollFree = picks.slice(3, 5).map((index, k): [number, string] => {
    const prefix = tollFreePrefixes[hash32(seed, index, 0x7f) % tollFreePrefixes.length]!
    return [index, tollFreeAt('vitcom', seed, prefix, 90_000 + k)]
  })
  return { onDisabledTrunk: picks.slice(0, 3), tollFree: new Map(tollFree), portingOut: picks.slice(5, 7) }
}
