/**
 * Call48 DID search (`GET /search` for local, toll-free and international numbers), purchase
 * (`POST /purchase`, which must echo the search's `loc` and `locData`), listing (`GET /dids`) and
 * removal (`DELETE /dids`).
 */
import { z } from 'zod'
import type { Router } from '../kit/http'
import { searchAvailable, tollFreePrefixes, type NumberFacts } from '../kit/numbering'
import { hash32, hashString, unit } from '../kit/random'
import { badRequest, bare, dashed, jsonBody, notFound, ok, paging, parseWith, queryObject, refused, tenDigits } from './envelope'
import { didTypes, type DidType, type OwnedDid } from './inventory'
import { findCountry, findIntlGroup, intlGroupsOf } from './resources'
import { apiBase, type Call48World } from './world'

/** The service caps `limit` at 50 (carrier-docs/README.md, Call48). */
export const searchLimitCap = 50
/** Not documented for `/dids`; a cap keeps one page bounded. */
const didPageCap = 1000
/** Search results go stale within the hour (README); after that a `loc` is refused. */
const searchLifetimeMs = 60 * 60_000
/** After this long, a listed number may have been sold to another customer in the meantime. */
const staleAfterMs = 10 * 60_000
const maxRememberedSearches = 2000

interface SearchEntry {
  locData: string
  facts?: NumberFacts
  /** International group id. */
  groupId?: string
}

interface IssuedSearch {
  type: DidType
  issuedAt: number
  entries: Map<string, SearchEntry>
}

/** A hex string derived from the given integers (Call48's `loc`/`locData` are opaque hex). */
export function hexToken(length: number, ...parts: number[]): string {
  let text = ''
  for (let i = 0; text.length < length; i += 1) text += hash32(...parts, i).toString(16).padStart(8, '0')
  return text.slice(0, length)
}

const QueryString = z.string().trim()
const LimitSchema = z.coerce.number().int().min(1)
/**
 * Not in the doc: with `limit` capped at 50 (README), a client asking for more must page; `page` (from 1,
 * as every other Call48 listing takes it) skips the numbers earlier pages of the same query offered.
 */
const PageSchema = z.coerce.number().int().min(1).optional()

const LocalSearchSchema = z.object({
  type: z.literal('local'),
  state: QueryString.min(2).max(2),
  ratecenter: QueryString.optional(),
  npa: QueryString.regex(/^\d{3}$/).optional(),
  nxx: QueryString.regex(/^\d{3}$/).optional(),
  limit: LimitSchema,
  page: PageSchema,
})

const TollSearchSchema = z.object({
  type: z.literal('toll'),
  npa: QueryString.regex(/^\d{3}$/).optional(),
  limit: LimitSchema,
  page: PageSchema,
})

const PurchaseNumberSchema = z.looseObject({
  npa: z.coerce.string().regex(/^\d{3}$/),
  nxx: z.coerce.string().regex(/^\d{3}$/),
  xxxx: z.coerce.string().regex(/^\d{4}$/),
  state: z.string().optional(),
  ratecenter: z.string().optional(),
  loc: z.string().min(1),
  locData: z.string().optional(),
  fwd_trunk_grpid: z.coerce.number().int().optional(),
  fwd_preconfigured: z.boolean().optional(),
})

const PurchaseIntlSchema = z.looseObject({
  id: z.string().optional(),
  name: z.string().min(1),
  prefix: z.coerce.string().min(1),
  country: z.string().min(2),
  quantity: z.coerce.number().int().min(1).max(20).default(1),
  loc: z.string().min(1),
  locData: z.string().optional(),
  fwd_trunk_grpid: z.coerce.number().int().optional(),
  fwd_preconfigured: z.boolean().optional(),
})

const PurchaseSchema = z.object({
  type: z.enum(['local', 'toll', 'intl']),
  numbers: z.array(z.unknown()).min(1).max(100),
})

const RemoveSchema = z.object({
  id: z.array(z.coerce.number().int()).optional(),
  numbers: z.array(z.coerce.string()).optional(),
})

export function registerDids(router: Router, world: Call48World): void {
  const { guard } = world.auth
  const { inventory, context } = world
  const searches = new Map<string, IssuedSearch>()
  const soldElsewhere = new Set<string>()
  let searchCounter = 0
  const intlSequence = new Map<string, number>()

  const isTaken = (tn: string): boolean => inventory.isTaken(tn) || soldElsewhere.has(tn)

  function remember(loc: string, search: IssuedSearch): void {
    searches.set(loc, search)
    if (searches.size > maxRememberedSearches) {
      const oldest = searches.keys().next().value
      if (oldest !== undefined) searches.delete(oldest)
    }
  }

  function price(tn: string, type: DidType): { tier: number; setup: string; monthly: string } {
    const tier = type === 'toll' ? 1 : 1 + (hash32(context.seed, Number(tn.slice(-7)), 3) % 3 === 0 ? 1 : 0)
    const monthly = type === 'toll' ? 1.5 : tier === 1 ? 1 : 1.25
    const setup = type === 'toll' ? 0 : 2
    return { tier, setup: setup.toFixed(5), monthly: monthly.toFixed(5) }
  }

  function numberItem(tn: string, type: DidType, locData: string, facts?: NumberFacts): Record<string, unknown> {
    const cost = price(tn, type)
    return {
      did_id: hash32(context.seed, Number(tn)) % 9_000_000 + 1_000_000,
      did: dashed(tn),
      did_number: tn,
      number: dashed(tn),
      npa: tn.slice(0, 3),
      nxx: tn.slice(3, 6),
      xxxx: tn.slice(6),
      fax: 'true',
      tier: cost.tier,
      type,
      ...(facts ? { state: facts.state, ratecenter: facts.rateCenter, lata: facts.lata } : {}),
      locData,
      setup: cost.setup,
      monthly: cost.monthly,
    }
  }

  function searchLocal(query: Record<string, string>): Record<string, unknown> {
    const input = parseWith(LocalSearchSchema, query)
    const limit = Math.min(input.limit, searchLimitCap)
    const found = searchAvailable(
      'call48',
      context.seed,
      { state: input.state, npa: input.npa, nxx: input.nxx, rateCenter: input.ratecenter || undefined },
      limit,
      isTaken,
      ((input.page ?? 1) - 1) * limit,
    )
    searchCounter += 1
    const loc = hexToken(80, context.seed, searchCounter, hashString(JSON.stringify(input)))
    const search: IssuedSearch = { type: 'local', issuedAt: context.clock.now(), entries: new Map() }
    const result = found.map((facts) => {
      const locData = hexToken(22, hashString(loc), Number(facts.tn))
      search.entries.set(facts.tn, { locData, facts })
      return numberItem(facts.tn, 'local', locData, facts)
    })
    remember(loc, search)
    return { result, loc, setup: '2.00000', monthly: '1.00000' }
  }

  function searchTollFree(query: Record<string, string>): Record<string, unknown> {
    const input = parseWith(TollSearchSchema, query)
    if (input.npa && !(tollFreePrefixes as readonly string[]).includes(input.npa)) {
      throw badRequest(`npa must be a toll-free prefix (${tollFreePrefixes.join(', ')})`)
    }
    const limit = Math.min(input.limit, searchLimitCap)
    const prefixes = input.npa ? [input.npa] : [...tollFreePrefixes]
    const seen = new Set<string>()
    const numbers: string[] = []
    let skip = ((input.page ?? 1) - 1) * limit
    const candidates = (limit + skip) * 20
    for (let index = 0; index < candidates && numbers.length < limit; index += 1) {
      const prefix = prefixes[index % prefixes.length]!
      const tn = `${prefix}${hexDigits(context.seed, index)}`
      if (seen.has(tn) || isTaken(tn)) continue
      seen.add(tn)
      if (skip > 0) {
        skip -= 1
        continue
      }
      numbers.push(tn)
    }
    searchCounter += 1
    const loc = hexToken(80, context.seed, searchCounter, hashString(JSON.stringify(input)))
    const search: IssuedSearch = { type: 'toll', issuedAt: context.clock.now(), entries: new Map() }
    const result = numbers.map((tn) => {
      const locData = hexToken(16, hashString(loc), Number(tn))
      search.entries.set(tn, { locData })
      return numberItem(tn, 'toll', locData)
    })
    remember(loc, search)
    return { result, loc, setup: '0.00000', monthly: '1.50000' }
  }

  /** Seven digits of a toll-free number (line part), deterministic per seed and index. */
  function hexDigits(seed: number, index: number): string {
    return String(2_000_000 + (hash32(seed, 0x7011, index) % 8_000_000)).padStart(7, '0')
  }

  function searchInternational(query: Record<string, string>): unknown[] {
    const wanted = query.country?.trim()
    if (!wanted) throw badRequest('country is required')
    const country = findCountry(wanted)
    if (!country) throw notFound(`Unknown country ${wanted}`)
    return intlGroupsOf(context.seed, country).map((group) => {
      searchCounter += 1
      const intlData = hexToken(62, context.seed, searchCounter, hashString(group.id))
      const entries = new Map<string, SearchEntry>([[group.id, { locData: intlData, groupId: group.id }]])
      remember(intlData, { type: 'intl', issuedAt: context.clock.now(), entries })
      return {
        id: group.id,
        name: group.name,
        prefix: group.prefix,
        features: ['voice', 'voice_out'],
        requirements: country.req !== '',
        quantity: 1,
        setup: group.setup,
        monthly: group.monthly,
        countryName: country.name,
        country: country.code,
        iso: country.code,
        intl_data: intlData,
      }
    })
  }

  router.add(
    'GET',
    `${apiBase}/search`,
    guard((request) => {
      world.refresh()
      const query = queryObject(request)
      switch (query.type) {
        case 'local':
          return ok(searchLocal(query))
        case 'toll':
          return ok(searchTollFree(query))
        case 'intl':
          // The doc's international sample is `{code, error, data: [...]}` with no `message`.
          return bare({ code: 200, error: null, data: searchInternational(query) })
        default:
          throw badRequest('type must be local, toll or intl')
      }
    }),
  )

  /** Checks a `loc` against the searches this account made; the caller checks the entry. */
  function issuedSearch(loc: string, type: DidType): IssuedSearch {
    const search = searches.get(loc)
    if (!search || search.type !== type) throw refused('Invalid loc: the number must come from a search result')
    if (context.clock.now() - search.issuedAt > searchLifetimeMs) throw refused('Search result has expired, please search again')
    return search
  }

  function checkTrunkGroup(id: number | undefined): void {
    if (id !== undefined && !world.trunkGroupExists(id)) throw refused(`Trunk group ${id} not found`)
  }

  router.add(
    'POST',
    `${apiBase}/purchase`,
    guard((request) => {
      world.refresh()
      const order = parseWith(PurchaseSchema, jsonBody(request))
      if (order.type === 'intl') return purchaseInternational(order.numbers)
      const type: DidType = order.type
      const items = order.numbers.map((raw) => parseWith(PurchaseNumberSchema, raw))
      const planned: { tn: string; item: (typeof items)[number]; facts?: NumberFacts }[] = []
      const seen = new Set<string>()
      for (const item of items) {
        const tn = `${item.npa}${item.nxx}${item.xxxx}`
        if (seen.has(tn)) throw badRequest(`numbers: ${tn} is listed twice`)
        seen.add(tn)
        const search = issuedSearch(item.loc, type)
        const entry = search.entries.get(tn)
        if (!entry) throw refused(`Number ${tn} does not belong to the search result of this loc`)
        // `locData` is "only required if returned in search result": ours always return it.
        if (item.locData !== entry.locData) throw refused(`locData does not match the search result for ${tn}`)
        if (inventory.find(tn)) throw refused(`Number ${tn} is already purchased`)
        if (isTaken(tn)) throw refused(`Number ${tn} is no longer available`)
        if (context.clock.now() - search.issuedAt > staleAfterMs && unit(context.seed, Number(tn.slice(-7)), 77) < 0.15) {
          soldElsewhere.add(tn)
          throw refused(`Number ${tn} is no longer available`)
        }
        checkTrunkGroup(item.fwd_trunk_grpid)
        planned.push({ tn, item, ...(entry.facts ? { facts: entry.facts } : {}) })
      }
      for (const { tn, item, facts } of planned) {
        const did = inventory.add({
          tn,
          type,
          state: facts?.state ?? null,
          rateCenter: facts?.rateCenter ?? null,
          lata: facts?.lata ?? null,
          country: 'US',
          platform: 'od',
          portaAID: null,
          portaPRID: null,
          source: 'purchase',
        })
        if (item.fwd_trunk_grpid !== undefined) inventory.overlay(did.tn).forwarding = { fwd_trunk_grpid: item.fwd_trunk_grpid }
      }
      world.record('purchase', { type, numbers: planned.map((entry) => entry.tn) })
      return ok(true)
    }),
  )

  function purchaseInternational(rawItems: unknown[]) {
    const items = rawItems.map((raw) => parseWith(PurchaseIntlSchema, raw))
    const plans = items.map((item) => {
      const country = findCountry(item.country)
      if (!country) throw badRequest(`numbers: unknown country ${item.country}`)
      const group =
        (item.id ? findIntlGroup(context.seed, item.id) : undefined) ??
        intlGroupsOf(context.seed, country).find((entry) => entry.prefix === item.prefix && entry.name === item.name)
      if (!group || group.country.code !== country.code || group.prefix !== item.prefix) {
        throw refused(`No international numbers for ${item.name} (${item.prefix})`)
      }
      // International results carry `intl_data`; the purchase echoes it as `loc` (doc: purchase example).
      const search = issuedSearch(item.loc, 'intl')
      if (!search.entries.has(group.id)) throw refused('loc does not match the search result for this group')
      checkTrunkGroup(item.fwd_trunk_grpid)
      return { item, group }
    })
    const bought: string[] = []
    for (const { item, group } of plans) {
      for (let n = 0; n < item.quantity; n += 1) {
        let sequence = intlSequence.get(group.id) ?? 0
        let tn: string
        do {
          sequence += 1
          tn = `${group.country.prefix}${group.prefix}${String(1_000_000 + (hash32(context.seed, hashString(group.id), sequence) % 9_000_000))}`
        } while (inventory.isTaken(tn))
        intlSequence.set(group.id, sequence)
        inventory.add({
          tn,
          type: 'intl',
          state: null,
          rateCenter: group.name,
          lata: null,
          country: group.country.code,
          platform: 'od',
          portaAID: null,
          portaPRID: null,
          source: 'purchase',
        })
        bought.push(tn)
      }
    }
    world.record('purchase', { type: 'intl', numbers: bought, groups: plans.map((plan) => plan.group.id) })
    return ok(true)
  }

  router.add(
    'GET',
    `${apiBase}/dids`,
    guard((request) => {
      world.refresh()
      const query = queryObject(request)
      const type = query.type as DidType
      if (!didTypes.includes(type)) throw badRequest('type must be local, toll or intl')
      if (query.page === undefined || query.max === undefined) throw badRequest('page and max are required')
      const { offset, size } = paging(query.page, query.max, 25, didPageCap)
      const data = inventory.page(type, offset, size).map((did) => inventory.render(did))
      // The doc's sample has no total; `total` (as `GET /customers` has) lets a client size its paging.
      return bare({ error: null, data, code: 200, total: inventory.total(type) })
    }),
  )

  router.add(
    'DELETE',
    `${apiBase}/dids`,
    guard((request) => {
      const input = parseWith(RemoveSchema, jsonBody(request))
      if (!input.id?.length && !input.numbers?.length) throw badRequest('id or numbers is required')
      const targets: OwnedDid[] = []
      for (const id of input.id ?? []) {
        const did = inventory.findById(id)
        if (!did) throw notFound(`DID id ${id} not found`)
        targets.push(did)
      }
      for (const number of input.numbers ?? []) {
        const digits = number.replace(/\D/g, '')
        const did = inventory.find(digits) ?? inventory.find(tenDigits(digits))
        if (!did) throw notFound(`DID ${number} not found`)
        targets.push(did)
      }
      const unique = [...new Map(targets.map((did) => [did.id, did])).values()]
      for (const did of unique) inventory.remove(did)
      world.record('remove', { numbers: unique.map((did) => did.tn), ids: unique.map((did) => did.id) })
      return ok({ success: true })
    }),
  )

}
