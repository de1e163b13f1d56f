/**
 * The Sandbox's numbering plan: real US states, area codes, rate centers and LATAs, and a deterministic
 * mapping from an index to a unique number. Owned numbers and available inventory use disjoint exchange
 * ranges, and each carrier its own slice, so no number is ever both owned and for sale, or held twice.
 */
import { simulatedCarriers, type SimulatedCarrier } from '../simulated-carriers'
import { hash32, pick } from './random'

export interface RateCenterInfo {
  name: string
  lata: string
}

export interface AreaCode {
  npa: string
  state: string
  rateCenters: RateCenterInfo[]
}

export interface StateInfo {
  code: string
  name: string
}

export const states: StateInfo[] = [
  { code: 'FL', name: 'Florida' },
  { code: 'NY', name: 'New York' },
  { code: 'CA', name: 'California' },
  { code: 'TX', name: 'Texas' },
  { code: 'IL', name: 'Illinois' },
  { code: 'GA', name: 'Georgia' },
  { code: 'WA', name: 'Washington' },
  { code: 'CO', name: 'Colorado' },
  { code: 'MA', name: 'Massachusetts' },
  { code: 'AZ', name: 'Arizona' },
  { code: 'NC', name: 'North Carolina' },
  { code: 'OH', name: 'Ohio' },
]

const rc = (name: string, lata: string): RateCenterInfo => ({ name, lata })

export const areaCodes: AreaCode[] = [
  { npa: '305', state: 'FL', rateCenters: [rc('MIAMI', '460'), rc('HOMESTEAD', '460'), rc('KEY WEST', '460')] },
  { npa: '786', state: 'FL', rateCenters: [rc('MIAMI', '460'), rc('PERRINE', '460')] },
  { npa: '954', state: 'FL', rateCenters: [rc('FORT LAUDERDALE', '460'), rc('HOLLYWOOD', '460')] },
  { npa: '407', state: 'FL', rateCenters: [rc('ORLANDO', '458'), rc('KISSIMMEE', '458')] },
  { npa: '813', state: 'FL', rateCenters: [rc('TAMPA', '952'), rc('PLANT CITY', '952')] },
  { npa: '212', state: 'NY', rateCenters: [rc('NEW YORK CITY', '132')] },
  { npa: '718', state: 'NY', rateCenters: [rc('NEW YORK CITY', '132'), rc('BROOKLYN', '132')] },
  { npa: '516', state: 'NY', rateCenters: [rc('HEMPSTEAD', '132'), rc('FREEPORT', '132')] },
  { npa: '585', state: 'NY', rateCenters: [rc('ROCHESTER', '136')] },
  { npa: '213', state: 'CA', rateCenters: [rc('LOS ANGELES', '730')] },
  { npa: '415', state: 'CA', rateCenters: [rc('SAN FRANCISCO', '722')] },
  { npa: '619', state: 'CA', rateCenters: [rc('SAN DIEGO', '732'), rc('CHULA VISTA', '732')] },
  { npa: '916', state: 'CA', rateCenters: [rc('SACRAMENTO', '726')] },
  { npa: '214', state: 'TX', rateCenters: [rc('DALLAS', '552')] },
  { npa: '512', state: 'TX', rateCenters: [rc('AUSTIN', '558')] },
  { npa: '713', state: 'TX', rateCenters: [rc('HOUSTON', '560')] },
  { npa: '210', state: 'TX', rateCenters: [rc('SAN ANTONIO', '566')] },
  { npa: '312', state: 'IL', rateCenters: [rc('CHICAGO', '358')] },
  { npa: '217', state: 'IL', rateCenters: [rc('SPRINGFIELD', '976'), rc('CHAMPAIGN', '976')] },
  { npa: '404', state: 'GA', rateCenters: [rc('ATLANTA', '438')] },
  { npa: '912', state: 'GA', rateCenters: [rc('SAVANNAH', '442')] },
  { npa: '206', state: 'WA', rateCenters: [rc('SEATTLE', '674')] },
  { npa: '509', state: 'WA', rateCenters: [rc('SPOKANE', '676')] },
  { npa: '303', state: 'CO', rateCenters: [rc('DENVER', '656'), rc('BOULDER', '656')] },
  { npa: '617', state: 'MA', rateCenters: [rc('BOSTON', '128'), rc('CAMBRIDGE', '128')] },
  { npa: '602', state: 'AZ', rateCenters: [rc('PHOENIX', '666')] },
  { npa: '704', state: 'NC', rateCenters: [rc('CHARLOTTE', '422')] },
  { npa: '919', state: 'NC', rateCenters: [rc('RALEIGH', '426'), rc('DURHAM', '426')] },
  { npa: '614', state: 'OH', rateCenters: [rc('COLUMBUS', '324')] },
  { npa: '216', state: 'OH', rateCenters: [rc('CLEVELAND', '320')] },
]

export const tollFreePrefixes = ['800', '833', '844', '855', '866', '877', '888'] as const

export interface NumberFacts {
  /** Ten digits, NANP, no country code. */
  tn: string
  npa: string
  nxx: string
  state: string
  rateCenter: string
  lata: string
}

/**
 * Which slice of exchanges a carrier's numbers come from (its position among the simulated carriers), so
 * no two carriers' numbers collide; the stride is how many carriers share the plan.
 */
export type CarrierSlot = SimulatedCarrier
export const carrierSlots = Object.fromEntries(simulatedCarriers.map((carrier, slot) => [carrier, slot])) as Record<CarrierSlot, number>
export const numberingStride = simulatedCarriers.length
/** Exchanges per carrier in each pool (400 exchanges a pool, one in `numberingStride` a carrier's). */
export const exchangeSteps = Math.floor(400 / numberingStride)

/**
 * Exchanges 200-599 hold owned numbers, 600-999 available inventory. Within each, a carrier owns every
 * `numberingStride`-th exchange (offset by its slot). With 30 area codes and 100 exchanges per carrier and
 * pool (four carriers), each pool holds 30,000,000 numbers: far above the largest sandbox.
 *
 * The owned pool varies the line number first (simulators page owned inventories in index order, and
 * that order must stay stable). The available pool varies the exchange first, so a bounded walk of
 * `searchAvailable` within one area code meets every exchange, hence every rate center, early instead
 * of yielding thousands of lines of a single exchange.
 */
function factsAt(pool: 'owned' | 'available', slot: number, index: number): NumberFacts {
  const area = areaCodes[index % areaCodes.length] as AreaCode
  const rest = Math.floor(index / areaCodes.length)
  const line = pool === 'owned' ? rest % 10_000 : Math.floor(rest / exchangeSteps) % 10_000
  const exchangeStep = pool === 'owned' ? Math.floor(rest / 10_000) % exchangeSteps : rest % exchangeSteps
  const nxxValue = (pool === 'owned' ? 200 : 600) + exchangeStep * numberingStride + slot
  const nxx = String(nxxValue)
  const center = pick(area.rateCenters, nxxValue, Number(area.npa))
  return {
    tn: `${area.npa}${nxx}${String(line).padStart(4, '0')}`,
    npa: area.npa,
    nxx,
    state: area.state,
    rateCenter: center.name,
    lata: center.lata,
  }
}

/**
 * The inverse of the plan: which pool of the carrier's lane a ten-digit number sits in, and its index there
 * before a seed's rotation (see ownedNumberAt and availableNumberAt), or undefined when it is in neither.
 */
export function laneIndexOf(carrier: CarrierSlot, tn: string): { pool: 'owned' | 'available'; index: number } | undefined {
  if (!/^\d{10}$/.test(tn)) return undefined
  const areaIndex = areaCodes.findIndex((area) => area.npa === tn.slice(0, 3))
  if (areaIndex === -1) return undefined
  const nxx = Number(tn.slice(3, 6))
  const line = Number(tn.slice(6))
  const pool = nxx >= 200 && nxx < 600 ? 'owned' : nxx >= 600 ? 'available' : undefined
  if (!pool) return undefined
  const offset = nxx - (pool === 'owned' ? 200 : 600) - carrierSlots[carrier]
  if (offset < 0 || offset % numberingStride !== 0 || offset / numberingStride >= exchangeSteps) return undefined
  const exchangeStep = offset / numberingStride
  // The owned pool varies the line first, the available pool the exchange first (see factsAt).
  const rest = pool === 'owned' ? exchangeStep * 10_000 + line : line * exchangeSteps + exchangeStep
  return { pool, index: rest * areaCodes.length + areaIndex }
}

/** The `index`-th number a carrier owns in a seeded sandbox; stable for a seed. */
export function ownedNumberAt(carrier: CarrierSlot, seed: number, index: number): NumberFacts {
  // A seed-dependent rotation keeps different seeds from yielding the same inventory.
  return factsAt('owned', carrierSlots[carrier], index + (hash32(seed, carrierSlots[carrier]) % 1000))
}

/** The `index`-th number available for purchase at a carrier. */
export function availableNumberAt(carrier: CarrierSlot, seed: number, index: number): NumberFacts {
  return factsAt('available', carrierSlots[carrier], index + (hash32(seed, 7, carrierSlots[carrier]) % 1000))
}

/** Available numbers matching a filter, walking the deterministic pool; `skip` pages through. */
export function searchAvailable(
  carrier: CarrierSlot,
  seed: number,
  filter: { state?: string; npa?: string; nxx?: string; rateCenter?: string; lata?: string },
  limit: number,
  isTaken: (tn: string) => boolean,
  skip = 0,
): NumberFacts[] {
  const areas = areaCodes.filter(
    (area) =>
      (!filter.state || area.state === filter.state.toUpperCase()) &&
      (!filter.npa || area.npa === filter.npa) &&
      (!filter.rateCenter || area.rateCenters.some((c) => c.name === filter.rateCenter?.toUpperCase())) &&
      (!filter.lata || area.rateCenters.some((c) => c.lata === filter.lata)),
  )
  if (areas.length === 0) return []
  const found: NumberFacts[] = []
  let skipped = 0
  // Bounded walk: at most this many candidates are examined, enough for any realistic page.
  for (let index = 0; index < 200_000 && found.length < limit; index += 1) {
    const facts = availableNumberAt(carrier, seed, index)
    if (!areas.some((area) => area.npa === facts.npa)) continue
    if (filter.nxx && facts.nxx !== filter.nxx) continue
    if (filter.rateCenter && facts.rateCenter !== filter.rateCenter.toUpperCase()) continue
    if (filter.lata && facts.lata !== filter.lata) continue
    if (isTaken(facts.tn)) continue
    if (skipped < skip) {
      skipped += 1
      continue
    }
    found.push(facts)
  }
  return found
}

/** A toll-free number available at a carrier, by prefix. */
export function tollFreeAt(carrier: CarrierSlot, seed: number, prefix: string, index: number): string {
  const slot = carrierSlots[carrier]
  // Seven digits at most, whatever the stride.
  const body = (hash32(seed, slot, index) % Math.min(2_000_000, Math.floor(10_000_000 / numberingStride))) * numberingStride + slot
  return `${prefix}${String(body).padStart(7, '0').slice(-7)}`
}

export function areaCodeOf(tn: string): AreaCode | undefined {
  return areaCodes.find((area) => tn.startsWith(area.npa))
}
