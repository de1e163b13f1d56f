/**
 * Origination endpoints other than the cart and orders: state / NPANXX / DID / TFN availability, trunk
 * groups (defineTrunk, get_trunk, update_trunk), the account's numbers (getnumbers, updatenumber) and
 * the DID, trunk group and monthly statistics.
 */
import { Readable } from 'node:stream'
import type { Router } from '../kit/http'
import { searchAvailable, states, tollFreeAt, tollFreePrefixes } from '../kit/numbering'
import { hashString } from '../kit/random'
import { addEndpoint, type VitcomEnv } from './endpoint'
import {
  commaList,
  dateTime,
  invalid,
  isIpAddress,
  money,
  numberList,
  ok,
  optional,
  required,
  tenDigits,
  wholeNumber,
  type VitcomFields,
} from './forms'
import { seededTrunkIds, type NumberCategory, type NumberStatus, type VitcomNumber } from './inventory'
import type { BillingType, OriginationTrunk, VitcomState } from './state'
import { congestedTrunks, historyWindow, monthlyRows, trafficRow } from './stats'
import { congestedAnswerFactor, dayMs } from '../kit/calls'

const searchLimit = 50

/** Whether a for-sale number is already spoken for (in a cart, an order, or owned). */
export function isTaken(state: VitcomState, tn: string): boolean {
  return state.held.has(tn) || state.inventory.find(tn) !== undefined
}

function knownState(value: string): string {
  const code = value.toUpperCase()
  if (!states.some((entry) => entry.code === code)) throw invalid('state')
  return code
}

/** Toll-free numbers for sale under a prefix, skipping held/owned ones; bounded walk. */
export function tollFreeForSale(env: VitcomEnv, prefix: string, limit: number): string[] {
  const found = new Set<string>()
  for (let index = 0; index < limit * 20 && found.size < limit; index += 1) {
    const tn = tollFreeAt('vitcom', env.context.seed, prefix, index)
    if (!isTaken(env.state, tn)) found.add(tn)
  }
  return [...found].sort()
}

export function tollFreePrefix(value: string | undefined): string {
  if (value === undefined || !(tollFreePrefixes as readonly string[]).includes(value)) throw invalid('tfn_prefix')
  return value
}

/** Form values of a trunk group, validated as the doc describes each; undefined when not provided. */
interface TrunkInput {
  title?: string
  primaryIP?: string
  primaryPrefix?: string
  primaryPort?: string
  secondaryIP?: string
  secondaryPrefix?: string
  secondaryPort?: string
  callForwarding?: string
}

function ipField(fields: VitcomFields, name: string): string | undefined {
  const value = optional(fields, name)
  if (value !== undefined && !isIpAddress(value)) throw invalid(name)
  return value
}

function prefixField(fields: VitcomFields, name: string): string | undefined {
  const value = optional(fields, name)
  if (value !== undefined && !/^\d{4,6}$/.test(value)) throw invalid(name)
  return value
}

function portField(fields: VitcomFields, name: string): string | undefined {
  const value = optional(fields, name)
  // The doc says "4 digit {port}"; any valid UDP port is accepted since 5060 and 15060 both occur.
  if (value !== undefined) wholeNumber(value, name, 1024, 65_535)
  return value
}

function trunkInput(fields: VitcomFields): TrunkInput {
  const callForwarding = optional(fields, 'call_forwarding')
  if (callForwarding !== undefined && !/^1\d{10}$/.test(callForwarding)) throw invalid('call_forwarding')
  const input: TrunkInput = {
    title: optional(fields, 'title'),
    primaryIP: ipField(fields, 'primaryTrunk'),
    primaryPrefix: prefixField(fields, 'primaryPrefix'),
    primaryPort: portField(fields, 'primaryPort'),
    secondaryIP: ipField(fields, 'secondaryTrunk'),
    secondaryPrefix: prefixField(fields, 'secondaryPrefix'),
    secondaryPort: portField(fields, 'secondaryPort'),
    callForwarding,
  }
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as TrunkInput
}

function trunkView(state: VitcomState, trunk: OriginationTrunk): Record<string, string> {
  return {
    id: String(trunk.id),
    accountno: state.accountNo,
    title: trunk.title,
    primaryIP: trunk.primaryIP,
    primaryPort: trunk.primaryPort,
    prefix_1: trunk.primaryPrefix,
    secondaryIP: trunk.secondaryIP,
    secondaryPort: trunk.secondaryPort,
    prefix_2: trunk.secondaryPrefix,
    date: dateTime(trunk.createdAt),
    req_sessions: String(trunk.sessions),
    alloc_sessions: String(trunk.billingType === 'Unmetered' ? trunk.sessions : 0),
    status: trunk.status,
    // Not in the doc's example, but a client needs it to show what defineTrunk was given.
    billingType: trunk.billingType,
  }
}

/** An existing, enabled origination trunk group, or "Invalid <name>". */
export function activeTrunk(state: VitcomState, value: string | undefined, name: string): OriginationTrunk {
  if (value === undefined || !/^\d+$/.test(value)) throw invalid(name)
  const trunk = state.originationTrunks.get(Number(value))
  if (!trunk || trunk.status !== '1') throw invalid(name)
  return trunk
}

/** One getnumbers entry in the documented field names. */
export function numberView(state: VitcomState, record: VitcomNumber): Record<string, string> {
  const trunk = state.originationTrunks.get(record.trunkId)
  return {
    didnumber: record.tn,
    trunkGroup: trunk?.primaryIP ?? '',
    prefix1: trunk?.primaryPrefix ?? '',
    trunkGroup2: trunk?.secondaryIP ?? '',
    prefix2: trunk?.secondaryPrefix ?? '',
    didRate: money(record.didRateCents),
    didType: trunk?.billingType ?? 'Metered',
    orderType: record.orderType,
    status: record.status,
    cnam: record.cnam,
    // Beyond the doc's example: the trunk id and category the request filters use, so they can be shown.
    trunkId: String(record.trunkId),
    category: record.category,
    orderno: record.orderno ?? '',
  }
}

interface NumberFilter {
  category?: NumberCategory
  status?: NumberStatus
  trunkId?: number
  orderno?: string
}

function matches(record: VitcomNumber, filter: NumberFilter): boolean {
  return (
    (filter.category === undefined || record.category === filter.category) &&
    (filter.status === undefined || record.status === filter.status) &&
    (filter.trunkId === undefined || record.trunkId === filter.trunkId) &&
    (filter.orderno === undefined || record.orderno === filter.orderno)
  )
}

/**
 * getnumbers has no paging in the doc ("return all Numbers"), so the answer is streamed: records are
 * derived and serialised in slices, never held whole, even for hundreds of thousands of numbers.
 */
function* numbersJson(state: VitcomState, filter: NumberFilter): Generator<string> {
  yield '{"status":"200","data":['
  let first = true
  let chunk: string[] = []
  const emit = (record: VitcomNumber): void => {
    chunk.push((first ? '' : ',') + JSON.stringify(numberView(state, record)))
    first = false
  }
  // Seeded numbers carry no order number, so that filter skips the whole walk.
  const walkSeeded = filter.orderno === undefined
  for (let index = 0; walkSeeded && index < state.inventory.seededCount; index += 1) {
    const record = state.inventory.seededAt(index)
    if (matches(record, filter)) emit(record)
    if (chunk.length >= 1000) {
      yield chunk.join('')
      chunk = []
    }
  }
  for (const record of state.inventory.added()) if (matches(record, filter)) emit(record)
  yield chunk.join('')
  yield ']}'
}

function numberStatus(value: string | undefined, name: string): NumberStatus | undefined {
  if (value === undefined) return undefined
  if (value !== '0' && value !== '1' && value !== '2') throw invalid(name)
  return value
}

function category(value: string | undefined): NumberCategory | undefined {
  if (value === undefined) return undefined
  const lower = value.toLowerCase()
  if (lower !== 'landline' && lower !== 'tollfree') throw invalid('category')
  return lower
}

export { category as parseCategory }

export function registerOriginationRoutes(router: Router, env: VitcomEnv): void {
  const { state, context } = env

  addEndpoint(router, env, 'availabilitystate', () =>
    ok({ data: states.map((entry) => entry.code).filter((code) => searchAvailable('vitcom', context.seed, { state: code }, 1, (tn) => isTaken(state, tn)).length > 0).sort() }),
  )

  addEndpoint(router, env, 'availabilitynpanxx', (fields) => {
    const stateCode = knownState(required(fields, 'state'))
    const byNpanxx = new Map<string, { NPANXX: string; NPA: string; RateCenter: string }>()
    for (const facts of searchAvailable('vitcom', context.seed, { state: stateCode }, 2000, (tn) => isTaken(state, tn))) {
      const npanxx = facts.npa + facts.nxx
      if (!byNpanxx.has(npanxx)) byNpanxx.set(npanxx, { NPANXX: npanxx, NPA: facts.npa, RateCenter: facts.rateCenter })
    }
    return ok({ data: [...byNpanxx.values()].sort((a, b) => a.NPANXX.localeCompare(b.NPANXX)) })
  })

  addEndpoint(router, env, 'searchdid', (fields) => {
    const stateCode = knownState(required(fields, 'state'))
    const npanxx = optional(fields, 'NPANXX') ?? optional(fields, 'npanxx')
    if (npanxx !== undefined && !/^\d{6}$/.test(npanxx)) throw invalid('NPANXX')
    const exact = optional(fields, 'NPANXXYYYY')
    if (exact !== undefined) {
      const tn = tenDigits(exact)
      if (!tn) throw invalid('NPANXXYYYY')
      const found = searchAvailable('vitcom', context.seed, { state: stateCode, npa: tn.slice(0, 3), nxx: tn.slice(3, 6) }, 1, (candidate) => candidate !== tn || isTaken(state, candidate))
      return ok({ DIDs: found.map((facts) => ({ TN: facts.tn, statusid: '0' })) })
    }
    const filter = npanxx ? { state: stateCode, npa: npanxx.slice(0, 3), nxx: npanxx.slice(3) } : { state: stateCode }
    const found = searchAvailable('vitcom', context.seed, filter, searchLimit, (tn) => isTaken(state, tn))
    return ok({ DIDs: found.map((facts) => ({ TN: facts.tn, statusid: '0' })) })
  })

  addEndpoint(router, env, 'searchtfn', (fields) => {
    const prefix = tollFreePrefix(optional(fields, 'tfn_prefix'))
    return ok({ TFNs: tollFreeForSale(env, prefix, searchLimit).map((tn) => ({ TN: tn, statusid: '0' })) })
  })

  addEndpoint(router, env, 'defineTrunk', (fields) => {
    const title = required(fields, 'title')
    if (!optional(fields, 'primaryTrunk')) throw invalid('primaryTrunk')
    const input = trunkInput(fields)
    const billingInput = required(fields, 'billingType').toLowerCase()
    if (billingInput !== 'metered' && billingInput !== 'unmetered') throw invalid('billingType')
    const billingType: BillingType = billingInput === 'metered' ? 'Metered' : 'Unmetered'
    const sessionsValue = optional(fields, 'sessions')
    if (billingType === 'Unmetered' && sessionsValue === undefined) throw invalid('sessions')
    const sessions = sessionsValue === undefined ? 0 : wholeNumber(sessionsValue, 'sessions', 1, 10_000)
    const mou = optional(fields, 'mou') ?? ''
    if (mou !== '' && mou.toLowerCase() !== 'unlimited') throw invalid('mou')
    const trunk: OriginationTrunk = {
      id: state.nextTrunkId++,
      title,
      primaryIP: input.primaryIP ?? '',
      primaryPort: input.primaryPort ?? '5060',
      primaryPrefix: input.primaryPrefix ?? '',
      secondaryIP: input.secondaryIP ?? '',
      secondaryPort: input.secondaryIP ? (input.secondaryPort ?? '5060') : '',
      secondaryPrefix: input.secondaryPrefix ?? '',
      billingType,
      sessions,
      mou: mou === '' ? '' : 'Unlimited',
      callForwarding: input.callForwarding ?? '',
      createdAt: context.clock.now(),
      status: '1',
    }
    state.originationTrunks.set(trunk.id, trunk)
    env.record('defineTrunk', { trunkId: trunk.id, title, primaryIP: trunk.primaryIP, billingType, sessions })
    // The doc's example has no id; it is echoed as `trunkid` (update_trunk's name) so callers need not search.
    return ok({ success: 'Trunk group added successfully.', trunkid: String(trunk.id) })
  })

  addEndpoint(router, env, 'get_trunk', (fields) => {
    const id = optional(fields, 'tg_id')
    if (id !== undefined) {
      const trunk = /^\d+$/.test(id) ? state.originationTrunks.get(Number(id)) : undefined
      if (!trunk) throw invalid('tg_id')
      return ok({ data: [trunkView(state, trunk)] })
    }
    return ok({ data: [...state.originationTrunks.values()].sort((a, b) => a.id - b.id).map((trunk) => trunkView(state, trunk)) })
  })

  addEndpoint(router, env, 'update_trunk', (fields) => {
    const id = required(fields, 'trunkid')
    const trunk = /^\d+$/.test(id) ? state.originationTrunks.get(Number(id)) : undefined
    if (!trunk) throw invalid('trunkid')
    const input = trunkInput(fields)
    if (input.title !== undefined) trunk.title = input.title
    if (input.primaryIP !== undefined) trunk.primaryIP = input.primaryIP
    if (input.primaryPrefix !== undefined) trunk.primaryPrefix = input.primaryPrefix
    if (input.primaryPort !== undefined) trunk.primaryPort = input.primaryPort
    if (input.secondaryIP !== undefined) trunk.secondaryIP = input.secondaryIP
    if (input.secondaryPrefix !== undefined) trunk.secondaryPrefix = input.secondaryPrefix
    if (input.secondaryPort !== undefined) trunk.secondaryPort = input.secondaryPort
    if (input.callForwarding !== undefined) trunk.callForwarding = input.callForwarding
    env.record('update_trunk', { trunkId: trunk.id, changed: input })
    return ok({ trunkid: String(trunk.id), success: 'Trunk successfully Updated.' })
  })

  addEndpoint(router, env, 'getnumbers', (fields) => {
    const trunkIdValue = optional(fields, 'trunkId')
    const orderno = optional(fields, 'orderno')
    const filter: NumberFilter = {
      category: category(optional(fields, 'category')),
      status: numberStatus(optional(fields, 'status'), 'status'),
      trunkId: trunkIdValue === undefined ? undefined : wholeNumber(trunkIdValue, 'trunkId', 0, Number.MAX_SAFE_INTEGER),
      orderno,
    }
    if (filter.trunkId !== undefined && !state.originationTrunks.has(filter.trunkId)) throw invalid('trunkId')
    return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Readable.from(numbersJson(state, filter)) }
  })

  addEndpoint(router, env, 'updatenumber', (fields) => {
    const numbers = numberList(required(fields, 'number'), 'number')
    const trunkValue = optional(fields, 'trunkId')
    const trunk = trunkValue === undefined ? undefined : activeTrunk(state, trunkValue, 'trunkId')
    const status = numberStatus(optional(fields, 'status'), 'status')
    // The doc's description also names CNAM, though its parameter list does not; 15 characters is the CNAM limit.
    const cnam = optional(fields, 'cnam')
    if (cnam !== undefined && cnam.length > 15) throw invalid('cnam')
    if (trunk === undefined && status === undefined && cnam === undefined) throw invalid('trunkId')
    const records = numbers.map((tn) => {
      const record = state.inventory.find(tn)
      // A cancelled number is on its way back to inventory and cannot be changed.
      if (!record || record.status === '2') throw invalid('number')
      return record
    })
    for (const record of records) {
      state.inventory.put({
        ...record,
        ...(trunk ? { trunkId: trunk.id } : {}),
        ...(status ? { status } : {}),
        ...(cnam !== undefined ? { cnam: cnam.toUpperCase() } : {}),
      })
    }
    env.record('updatenumber', { numbers, ...(trunk ? { trunkId: trunk.id } : {}), ...(status ? { status } : {}), ...(cnam !== undefined ? { cnam } : {}) })
    return ok({ success: 'Trunk successfully Updated.' })
  })

  addEndpoint(router, env, 'did_stats', (fields) => {
    const numbers = numberList(required(fields, 'number'), 'number')
    if (numbers.some((tn) => state.inventory.find(tn) === undefined)) throw invalid('number')
    const perNumber = (context.callsPerDay * context.historyDays) / Math.max(1, state.inventory.size())
    return ok({ data: numbers.map((tn) => trafficRow(state.accountNo, tn, context.seed, hashString(tn), perNumber, context.historyDays)) })
  })

  addEndpoint(router, env, 'tg_stats', (fields) => {
    const ids = commaList(required(fields, 'tg_id')).map((id) => wholeNumber(id, 'tg_id', 0, Number.MAX_SAFE_INTEGER))
    if (ids.length === 0 || ids.some((id) => !state.originationTrunks.has(id))) throw invalid('tg_id')
    const { first } = historyWindow(context)
    return ok({
      data: ids.map((id) => {
        const trunk = state.originationTrunks.get(id)!
        // The seeded trunks carry the call history (TG100..TG104 in the CDRs); newer ones only the days since
        // creation, and the disabled one none.
        const days = Math.max(0, Math.min(context.historyDays, (context.clock.now() - Math.max(first, trunk.createdAt)) / dayMs))
        const share = (seededTrunkIds as readonly number[]).includes(id) ? 1 / seededTrunkIds.length : 0
        const answerFactor = congestedTrunks.has(`TG${id}`) ? congestedAnswerFactor : 1
        return { ...trafficRow(state.accountNo, String(id), context.seed, id, context.callsPerDay * days * share, days, answerFactor), tg_id: String(id) }
      }),
    })
  })

  addEndpoint(router, env, 'monthly_summary', (fields) => {
    const year = wholeNumber(required(fields, 'year'), 'year', 2000, 2100)
    const monthValue = optional(fields, 'month')
    const month = monthValue === undefined ? undefined : wholeNumber(monthValue, 'month', 1, 12)
    return ok({ data: monthlyRows(context, state.accountNo, year, month, 1) })
  })
}
