/**
 * International numbers (WSDL: GetCountries, AuditIntlDIDs, AssignIntlDID, ReleaseIntlDID). VI sells
 * them by city: AssignIntlDID names a City id and an endpoint group, and VI picks the number. The WSDL's
 * types say nothing of which countries or how many numbers; the sandbox offers six countries, each city a
 * block of 200 numbers (Tokyo none, to show an empty city), and a seeded account owns three.
 *
 * Numbers are written with their country code and no '+' (IntlDID.tn is a string: the sandbox writes
 * E.164 digits). London and Manchester use Ofcom's drama ranges and Sydney ACMA's fictional range.
 */
import type { SimClock } from '../kit/clock'

export interface IntlCity {
  id: number
  name: string
  /** Country code, area code and exchange the city's block starts with. */
  block: string
  /** How many numbers the block holds (subscriber digits after `block`: four). */
  size: number
}

export interface IntlCountry {
  name: string
  abbrev: string
  /** VI's tier for the country's numbers (IntlDID.tier), which sets the price. */
  tier: string
  cities: IntlCity[]
}

export interface OwnedIntlDid {
  tn: string
  country: IntlCountry
  city: IntlCity
  endpointGroup: number
  assignedAt: number
}

const blockSize = 200

/** City ids are fixed so a technician's notes stay true across sandboxes. */
export const intlCountries: IntlCountry[] = [
  {
    name: 'United Kingdom',
    abbrev: 'GB',
    tier: '1',
    cities: [
      { id: 2101, name: 'London', block: '44207946', size: blockSize },
      { id: 2102, name: 'Manchester', block: '44161496', size: blockSize },
    ],
  },
  {
    name: 'Germany',
    abbrev: 'DE',
    tier: '1',
    cities: [
      { id: 2201, name: 'Berlin', block: '49305558', size: blockSize },
      { id: 2202, name: 'Frankfurt', block: '49695558', size: blockSize },
    ],
  },
  {
    name: 'Mexico',
    abbrev: 'MX',
    tier: '2',
    cities: [
      { id: 2301, name: 'Mexico City', block: '52555558', size: blockSize },
      { id: 2302, name: 'Guadalajara', block: '52335558', size: blockSize },
    ],
  },
  { name: 'Australia', abbrev: 'AU', tier: '2', cities: [{ id: 2401, name: 'Sydney', block: '6125550', size: blockSize }] },
  { name: 'Brazil', abbrev: 'BR', tier: '3', cities: [{ id: 2501, name: 'Sao Paulo', block: '55115558', size: blockSize }] },
  { name: 'Japan', abbrev: 'JP', tier: '4', cities: [{ id: 2601, name: 'Tokyo', block: '81355580', size: 0 }] },
]

/** The city ids a seeded account owns a number in at start (one each). */
const seededCities = [2101, 2201, 2301]

export class IntlInventory {
  private readonly owned = new Map<string, OwnedIntlDid>()
  /** Released numbers age at VI before they are sold again; the sandbox never resells them. */
  private readonly released = new Set<string>()

  constructor(
    private readonly seed: number,
    private readonly clock: SimClock,
    seeded: boolean,
  ) {
    if (!seeded) return
    for (const id of seededCities) {
      const found = this.city(id) as { country: IntlCountry; city: IntlCity }
      const tn = this.numberAt(found.city, this.seed % found.city.size)
      this.owned.set(tn, { tn, ...found, endpointGroup: 0, assignedAt: clock.now() - 90 * 24 * 60 * 60 * 1000 })
    }
  }

  city(id: number): { country: IntlCountry; city: IntlCity } | undefined {
    for (const country of intlCountries) {
      const city = country.cities.find((candidate) => candidate.id === id)
      if (city) return { country, city }
    }
    return undefined
  }

  private numberAt(city: IntlCity, index: number): string {
    return `${city.block}${String(index).padStart(4, '0')}`
  }

  /** The next number of the city nobody holds, starting at a seeded place in the block. */
  nextAvailable(city: IntlCity): string | undefined {
    for (let step = 0; step < city.size; step += 1) {
      const tn = this.numberAt(city, (this.seed + 7 * step) % city.size)
      if (!this.owned.has(tn) && !this.released.has(tn)) return tn
    }
    return undefined
  }

  assign(tn: string, country: IntlCountry, city: IntlCity, endpointGroup: number): OwnedIntlDid {
    const did = { tn, country, city, endpointGroup, assignedAt: this.clock.now() }
    this.owned.set(tn, did)
    return did
  }

  release(tn: string): boolean {
    if (!this.owned.delete(tn)) return false
    this.released.add(tn)
    return true
  }

  all(): OwnedIntlDid[] {
    return [...this.owned.values()]
  }
}
