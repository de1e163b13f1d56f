/**
 * Call48 reference data: `GET /countries`, `GET /states`, `GET /ratecenter?state=`, and the international
 * number groups that `GET /search?type=intl` offers per country.
 */
import { areaCodes, states } from '../kit/numbering'
import type { Router } from '../kit/http'
import { hash32 } from '../kit/random'
import { badRequest, bare, notFound, queryObject } from './envelope'
import { apiBase, type Call48World } from './world'

export interface Call48Country {
  country_id: number
  name: string
  code: string
  code2: string
  prefix: string
  req: string
}

export const countries: Call48Country[] = [
  { country_id: 225, name: 'United States', code: 'US', code2: 'USA', prefix: '1', req: '' },
  { country_id: 6, name: 'Afghanistan', code: 'AF', code2: 'AFG', prefix: '93', req: '' },
  { country_id: 14, name: 'Australia', code: 'AU', code2: 'AUS', prefix: '61', req: 'address' },
  { country_id: 31, name: 'Brazil', code: 'BR', code2: 'BRA', prefix: '55', req: '' },
  { country_id: 38, name: 'Canada', code: 'CA', code2: 'CAN', prefix: '1', req: '' },
  { country_id: 75, name: 'France', code: 'FR', code2: 'FRA', prefix: '33', req: 'address' },
  { country_id: 82, name: 'Germany', code: 'DE', code2: 'DEU', prefix: '49', req: 'address' },
  { country_id: 142, name: 'Mexico', code: 'MX', code2: 'MEX', prefix: '52', req: '' },
  { country_id: 178, name: 'Russian Federation', code: 'RU', code2: 'RUS', prefix: '7', req: '' },
  { country_id: 199, name: 'Spain', code: 'ES', code2: 'ESP', prefix: '34', req: 'address' },
  { country_id: 224, name: 'United Kingdom', code: 'GB', code2: 'GBR', prefix: '44', req: 'address' },
]

/** International number groups (a city and its prefix) sold by quantity. */
export interface IntlGroup {
  id: string
  name: string
  prefix: string
  country: Call48Country
  setup: string
  monthly: string
}

const intlCities: Record<string, [string, string][]> = {
  RU: [['Arkhangelsk', '8182'], ['Moscow', '495'], ['Saint Petersburg', '812']],
  BR: [['Aracaju', '79'], ['Sao Paulo', '11'], ['Rio de Janeiro', '21']],
  GB: [['London', '20'], ['Manchester', '161']],
  DE: [['Berlin', '30'], ['Munich', '89']],
  FR: [['Paris', '1'], ['Lyon', '4']],
  ES: [['Madrid', '91'], ['Barcelona', '93']],
  MX: [['Mexico City', '55'], ['Guadalajara', '33']],
  AU: [['Sydney', '2'], ['Melbourne', '3']],
}

function uuidFrom(...parts: number[]): string {
  const hex = [0, 1, 2, 3].map((i) => hash32(...parts, i).toString(16).padStart(8, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

export function intlGroupsOf(seed: number, country: Call48Country): IntlGroup[] {
  return (intlCities[country.code] ?? []).map(([name, prefix], index) => ({
    id: uuidFrom(seed, country.country_id, index),
    name,
    prefix,
    country,
    setup: '0.0',
    monthly: (2 + (hash32(seed, country.country_id, index) % 60) / 10).toFixed(1),
  }))
}

/** A country by its id (`country_id`), ISO code (`US`) or ISO-3 code (`USA`). */
export function findCountry(value: string): Call48Country | undefined {
  const wanted = value.trim().toUpperCase()
  return countries.find((country) => String(country.country_id) === wanted || country.code === wanted || country.code2 === wanted)
}

/** A group by its id across every country (purchases name the group they picked). */
export function findIntlGroup(seed: number, id: string): IntlGroup | undefined {
  for (const country of countries) {
    const group = intlGroupsOf(seed, country).find((entry) => entry.id === id)
    if (group) return group
  }
  return undefined
}

export function registerResources(router: Router, world: Call48World): void {
  const { guard } = world.auth
  router.add(
    'GET',
    `${apiBase}/countries`,
    guard(() => bare({ code: 200, error: null, totalRecords: countries.length, data: countries })),
  )
  // The doc's sample for states has no `code`.
  router.add(
    'GET',
    `${apiBase}/states`,
    guard(() =>
      bare({
        error: null,
        data: states.map((state, index) => ({ state_id: index + 1, state_name: state.name, state_code: state.code, country_id: 225 })),
      }),
    ),
  )
  router.add(
    'GET',
    `${apiBase}/ratecenter`,
    guard((request) => {
      const state = (queryObject(request).state ?? '').replace(/"/g, '').trim().toUpperCase()
      if (!state) throw badRequest('state is required')
      if (!states.some((entry) => entry.code === state)) throw notFound(`No rate centers for state ${state}`)
      const data: { footprint_id: number; rate_center: string }[] = []
      areaCodes.forEach((area, areaIndex) => {
        if (area.state !== state) return
        area.rateCenters.forEach((center, centerIndex) => {
          data.push({ footprint_id: areaIndex * 10 + centerIndex + 1, rate_center: center.name })
        })
      })
      return bare({ code: 200, error: null, data })
    }),
  )
}
