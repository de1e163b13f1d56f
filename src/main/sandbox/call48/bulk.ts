/**
 * Call48 bulk purchase of local numbers: `POST /lcl-did-bulk-purchase/new` (multipart, a CSV of search
 * criteria per `order_type`), the order listing and the CSV summary and DID reports.
 *
 * An order is queued (Q), processing (P) after 2 simulated minutes and complete (C) after 10, when it is
 * fulfilled from available inventory; an order that could fulfil nothing ends in error (E).
 *
 * The CSV's layout is not documented. Accepted: a header row naming the columns (state, lata, npa,
 * rate_center, quantity), or no header and positional columns per order type: `state,quantity`,
 * `lata,quantity`, `npa,quantity`, `state,rate_center,quantity`.
 */
import type { Router, SimRequest } from '../kit/http'
import { csv } from '../kit/http'
import { ownedNumberAt, searchAvailable } from '../kit/numbering'
import { hexToken } from './dids'
import { badRequest, csvLine, notFound, ok, paging, queryObject, refused } from './envelope'
import { apiBase, type Call48World } from './world'

const orderTypes = ['state', 'lata', 'npa', 'rate_center'] as const
type OrderType = (typeof orderTypes)[number]

const orderTypeInfo: Record<OrderType, { id: number; event: string }> = {
  state: { id: 5, event: 'Bulk State Purchase' },
  npa: { id: 6, event: 'Bulk NPA Purchase' },
  lata: { id: 7, event: 'Bulk LATA Purchase' },
  rate_center: { id: 8, event: 'Bulk Rate Center Purchase' },
}

const queuedForMs = 2 * 60_000
const completesAfterMs = 10 * 60_000
const maxPerRow = 100
const maxRows = 50

interface BulkRow {
  state?: string
  lata?: string
  npa?: string
  rateCenter?: string
  requested: number
  fulfilled: { tn: string; npa: string; lata: string; state: string; rateCenter: string }[]
}

interface BulkOrder {
  id: number
  orderNo: string
  notes: string | null
  type: OrderType
  createdAt: number
  assignedTo: string
  fwdTrunkGroup: number
  didTag: string | null
  rows: BulkRow[]
  /** Set once fulfilled; the order is then C or E. */
  finished?: 'C' | 'E'
}

function parseCriteria(text: string, type: OrderType): Omit<BulkRow, 'fulfilled'>[] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
  if (lines.length === 0) throw badRequest('file: the CSV holds no rows')
  const split = (line: string): string[] => line.split(',').map((cell) => cell.trim().replace(/^"|"$/g, ''))
  let columns: string[] = type === 'rate_center' ? ['state', 'rate_center', 'quantity'] : [type, 'quantity']
  const first = split(lines[0]!).map((cell) => cell.toLowerCase().replace(/\s+/g, '_'))
  if (first.some((cell) => cell === 'quantity' || cell === 'qty')) {
    columns = first.map((cell) => (cell === 'qty' ? 'quantity' : cell === 'ratecenter' ? 'rate_center' : cell))
    lines.shift()
  }
  if (lines.length > maxRows) throw badRequest(`file: at most ${maxRows} rows per order`)
  return lines.map((line, index) => {
    const cells = split(line)
    const value = (name: string): string | undefined => {
      const at = columns.indexOf(name)
      return at < 0 ? undefined : cells[at]
    }
    const where = `file row ${index + 1}`
    const requested = Number(value('quantity'))
    if (!Number.isInteger(requested) || requested < 1 || requested > maxPerRow) throw badRequest(`${where}: quantity must be 1 to ${maxPerRow}`)
    const state = value('state')?.toUpperCase()
    const row: Omit<BulkRow, 'fulfilled'> = { requested }
    if (type === 'state' || type === 'rate_center') {
      if (!state || !/^[A-Z]{2}$/.test(state)) throw badRequest(`${where}: state must be a two-letter code`)
      row.state = state
    }
    if (type === 'rate_center') {
      const rateCenter = value('rate_center')?.toUpperCase()
      if (!rateCenter) throw badRequest(`${where}: rate_center is required`)
      row.rateCenter = rateCenter
    }
    if (type === 'npa') {
      const npa = value('npa')
      if (!npa || !/^\d{3}$/.test(npa)) throw badRequest(`${where}: npa must be three digits`)
      row.npa = npa
    }
    if (type === 'lata') {
      const lata = value('lata')
      if (!lata || !/^\d{3,5}$/.test(lata)) throw badRequest(`${where}: lata must be digits`)
      row.lata = lata
    }
    return row
  })
}

function formText(form: FormData, name: string): string | undefined {
  const value = form.get(name)
  return typeof value === 'string' ? value.trim() : undefined
}

export function registerBulk(router: Router, world: Call48World): void {
  const { guard } = world.auth
  const { context, inventory } = world
  const orders: BulkOrder[] = []
  const now = (): number => context.clock.now()

  // Seeded history: a completed state order fulfilled by the first seeded DIDs, and a failed NPA order.
  const seededFulfilled = Array.from({ length: Math.min(5, inventory.baseCount) }, (_, i) => ownedNumberAt('call48', context.seed, i))
  orders.push(
    {
      id: 7,
      orderNo: `OBO-${hexToken(16, context.seed, 7)}`,
      notes: null,
      type: 'npa',
      createdAt: now() - 40 * 86_400_000,
      assignedTo: world.auth.seededUser.userName,
      fwdTrunkGroup: 52610,
      didTag: null,
      rows: [{ npa: '251', requested: 5, fulfilled: [] }],
      finished: 'E',
    },
    {
      id: 15,
      orderNo: `OBO-${hexToken(16, context.seed, 15)}`,
      notes: 'Seeded order',
      type: 'state',
      createdAt: now() - 20 * 86_400_000,
      assignedTo: world.auth.seededUser.userName,
      fwdTrunkGroup: 52610,
      didTag: 'simple',
      rows: [
        {
          state: 'FL',
          requested: 5,
          fulfilled: seededFulfilled.map((facts) => ({ tn: facts.tn, npa: facts.npa, lata: facts.lata, state: facts.state, rateCenter: facts.rateCenter })),
        },
        { state: 'AL', requested: 2, fulfilled: [] },
      ],
      finished: 'C',
    },
  )

  function statusOf(order: BulkOrder): 'Q' | 'P' | 'C' | 'E' {
    if (order.finished) return order.finished
    return now() - order.createdAt < queuedForMs ? 'Q' : 'P'
  }

  function fulfil(order: BulkOrder): void {
    const bought: string[] = []
    for (const row of order.rows) {
      const found = searchAvailable(
        'call48',
        context.seed,
        { state: row.state, npa: row.npa, lata: row.lata, rateCenter: row.rateCenter },
        row.requested,
        (tn) => inventory.isTaken(tn),
      )
      for (const facts of found) {
        const did = inventory.add({
          tn: facts.tn,
          type: 'local',
          state: facts.state,
          rateCenter: facts.rateCenter,
          lata: facts.lata,
          country: 'US',
          platform: 'od',
          portaAID: null,
          portaPRID: null,
          source: 'bulk',
        })
        const overlay = inventory.overlay(did.tn)
        overlay.forwarding = { fwd_trunk_grpid: order.fwdTrunkGroup }
        if (order.didTag) overlay.tags = order.didTag
        row.fulfilled.push({ tn: facts.tn, npa: facts.npa, lata: facts.lata, state: facts.state, rateCenter: facts.rateCenter })
        bought.push(facts.tn)
      }
    }
    order.finished = bought.length > 0 ? 'C' : 'E'
    world.record('bulk-order-fulfilled', { order_no: order.orderNo, status: order.finished, numbers: bought })
  }

  world.onRefresh(() => {
    for (const order of orders) {
      if (!order.finished && now() - order.createdAt >= completesAfterMs) fulfil(order)
    }
  })

  router.add(
    'POST',
    `${apiBase}/lcl-did-bulk-purchase/new`,
    guard(async (request: SimRequest, user) => {
      const form = await request.multipart()
      const type = formText(form, 'order_type') as OrderType | undefined
      if (!type || !orderTypes.includes(type)) throw badRequest('order_type must be state, lata, npa or rate_center')
      const trunk = Number(formText(form, 'fwd_trunk_grpid'))
      if (!Number.isInteger(trunk) || trunk <= 0) throw badRequest('fwd_trunk_grpid is required')
      if (!world.trunkGroupExists(trunk)) throw refused(`Trunk group ${trunk} not found`)
      const file = form.get('file')
      if (!file || typeof file === 'string') throw badRequest('file is required')
      const rows = parseCriteria(await file.text(), type)
      for (const flag of ['enable_cnam_dip', 'allow_offnet']) {
        const value = formText(form, flag)
        if (value !== undefined && value !== '0' && value !== '1') throw badRequest(`${flag} must be 0 or 1`)
      }
      const id = Math.max(...orders.map((order) => order.id)) + 1
      const order: BulkOrder = {
        id,
        orderNo: `OBO-${hexToken(16, context.seed, id, now() % 1_000_000_007)}`,
        notes: formText(form, 'notes') || null,
        type,
        createdAt: now(),
        assignedTo: user.userName,
        fwdTrunkGroup: trunk,
        didTag: formText(form, 'did_tag') || null,
        rows: rows.map((row) => ({ ...row, fulfilled: [] })),
      }
      orders.push(order)
      world.record('bulk-order', {
        bulk_order_id: id,
        order_no: order.orderNo,
        order_type: type,
        quantity: rows.reduce((sum, row) => sum + row.requested, 0),
        file: file.name,
      })
      // The doc answers `data: true` only; the order is found through the listing.
      return ok(true)
    }),
  )

  router.add(
    'GET',
    `${apiBase}/lcl-did-bulk-purchase/list`,
    guard((request) => {
      world.refresh()
      const query = queryObject(request)
      if (query.page === undefined) throw badRequest('page is required')
      const { offset, size } = paging(query.page, query.limit, 10, 50)
      if (query.order_type && !(orderTypes as readonly string[]).includes(query.order_type)) {
        throw badRequest('order_type must be state, lata, npa or rate_center')
      }
      if (query.status && !['Q', 'E', 'C', 'P'].includes(query.status)) throw badRequest('status must be Q, E, C or P')
      const matching = orders
        .filter(
          (order) =>
            (!query.order_type || order.type === query.order_type) &&
            (!query.status || statusOf(order) === query.status) &&
            (!query.order_no || order.orderNo === query.order_no),
        )
        .sort((a, b) => b.id - a.id)
      const rows = matching.slice(offset, offset + size).map((order) => ({
        bulk_order_id: order.id,
        order_no: order.orderNo,
        notes: order.notes,
        status: statusOf(order),
        created_at: new Date(order.createdAt).toISOString(),
        order_type_id: orderTypeInfo[order.type].id,
        did_event: orderTypeInfo[order.type].event,
        assigned_to: order.assignedTo,
        partition_user: null,
        quantity: String(order.rows.reduce((sum, row) => sum + row.requested, 0)),
        fulfilled_quantity: String(order.rows.reduce((sum, row) => sum + row.fulfilled.length, 0)),
      }))
      return ok({ count: matching.length, rows })
    }),
  )

  function orderOf(request: SimRequest): BulkOrder {
    world.refresh()
    const order = orders.find((entry) => String(entry.id) === request.params.id)
    if (!order) throw notFound(`Bulk order ${request.params.id ?? ''} not found`)
    return order
  }

  router.add(
    'GET',
    `${apiBase}/lcl-did-bulk-purchase/summary_report/:id`,
    guard((request) => {
      const order = orderOf(request)
      const status = statusOf(order)
      let body = csvLine(['bulk_order_no', 'requested_quantity', 'fulfilled_quantity', 'search_lata', 'search_npa', 'search_state', 'search_rate_center', 'status'])
      for (const row of order.rows) {
        body += csvLine([order.orderNo, row.requested, row.fulfilled.length, row.lata ?? '', row.npa ?? '', row.state ?? '', row.rateCenter ?? '', status])
      }
      return csv(body, `bulk_order_summary_${order.id}.csv`)
    }),
  )

  router.add(
    'GET',
    `${apiBase}/lcl-did-bulk-purchase/did_report/:id`,
    guard((request) => {
      const order = orderOf(request)
      let body = csvLine(['number', 'npa', 'lata', 'state', 'ratecenter'])
      for (const row of order.rows) {
        for (const did of row.fulfilled) body += csvLine([`1${did.tn}`, did.npa, did.lata, did.state, did.rateCenter])
      }
      return csv(body, `bulk_order_dids_${order.id}.csv`)
    }),
  )
}
