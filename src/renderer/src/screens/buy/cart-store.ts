/**
 * The buying cart, in memory only: offers picked from searches, which of them are held (reserved) at the
 * carrier, and the last order's result. Bought numbers leave the cart; failed and not sent ones stay to be
 * retried or removed deliberately (the core refuses to buy the same offer twice). A running order can be
 * stopped: the core stops between carrier calls, so numbers already sent are bought and the rest not sent.
 */
import { create } from 'zustand'
import type { BatchResult, SearchOffer } from '../../../../shared/ipc-shared'
import { call, toErrorShape } from '../../bridge'
import { outcomeSummary } from '../../components/batch-outcome'
import { notifyError, notifyFailure, notifySuccess } from '../../notify'
import { useCarriersStore } from '../../stores/carriers'

export interface CartItem {
  offer: SearchOffer
  reserved: boolean
  /** The carrier's message when reserving or ordering this number last failed. */
  problem?: string | undefined
  /** Where buying the number creates a client with it: whose (the details stay in main, with the offer). */
  client?: { name: string } | undefined
}

/** Whether buying this offer creates a client, so the cart must ask for the client's details first. */
export const needsClient = (offer: SearchOffer): boolean =>
  useCarriersStore.getState().carriers.find((carrier) => carrier.id === offer.carrier)?.capabilities.includes('numbers.purchaseAsClient') ?? false

/** Items that cannot be ordered yet: their carrier needs a client and none was given. */
export const missingClients = (items: CartItem[]): CartItem[] => items.filter((item) => needsClient(item.offer) && !item.client)

interface CartState {
  items: CartItem[]
  reserving: boolean
  ordering: boolean
  /** The running order's job, for stopping it. */
  orderJobId: string | undefined
  stopping: boolean
  lastOrder: BatchResult | undefined
  /** The offer whose client form is open (a number that is bought by creating a client). */
  clientFormFor: string | undefined
  openClientForm: (offerId: string | undefined) => void
  /** The client's details were accepted for the offer (`clients.offerDetails`). */
  clientGiven: (offerId: string, name: string) => void
  /** Per account: the trunk (routing trunk id) its new numbers land on; absent, the carrier's usual one. */
  trunks: Record<string, string>
  setTrunk: (accountId: string, trunk: string | undefined) => void
  add: (offer: SearchOffer) => void
  remove: (offerId: string) => void
  reserve: (offerIds: string[]) => Promise<void>
  order: () => Promise<void>
  stopOrder: () => Promise<void>
  dismissOrder: () => void
}

export const useCartStore = create<CartState>()((set, get) => ({
  items: [],
  reserving: false,
  ordering: false,
  orderJobId: undefined,
  stopping: false,
  lastOrder: undefined,
  clientFormFor: undefined,
  openClientForm: (offerId) => set({ clientFormFor: offerId }),
  clientGiven: (offerId, name) =>
    set((state) => ({
      clientFormFor: undefined,
      items: state.items.map((item) => (item.offer.offerId === offerId ? { ...item, client: { name }, problem: undefined } : item)),
    })),
  trunks: {},
  setTrunk: (accountId, trunk) =>
    set((state) => {
      const { [accountId]: _previous, ...rest } = state.trunks
      return { trunks: trunk === undefined ? rest : { ...rest, [accountId]: trunk } }
    }),
  add: (offer) =>
    set((state) =>
      // The same number from a newer search replaces the older offer rather than appearing twice.
      state.items.some((item) => item.offer.offerId === offer.offerId)
        ? state
        : {
            items: [...state.items.filter((item) => !(item.offer.e164 === offer.e164 && item.offer.accountId === offer.accountId)), { offer, reserved: false }],
            // A number bought by creating a client: its client form opens at once.
            clientFormFor: needsClient(offer) ? offer.offerId : state.clientFormFor,
          },
    ),
  remove: (offerId) =>
    set((state) => ({ items: state.items.filter((item) => item.offer.offerId !== offerId), clientFormFor: state.clientFormFor === offerId ? undefined : state.clientFormFor })),
  reserve: async (offerIds) => {
    if (offerIds.length === 0) return
    set({ reserving: true })
    try {
      const result = await call('numbers.reserve', { jobId: crypto.randomUUID(), offerIds })
      const byNumber = new Map(result.lines.map((line) => [`${line.accountId} ${line.e164}`, line]))
      set((state) => ({
        items: state.items.map((item) => {
          const line = byNumber.get(`${item.offer.accountId} ${item.offer.e164}`)
          if (!line || !offerIds.includes(item.offer.offerId)) return item
          return { ...item, reserved: line.ok || item.reserved, problem: line.ok ? undefined : line.message ?? 'Not reserved' }
        }),
      }))
      if (result.failed > 0 || result.notSent > 0) {
        notifyFailure('Some numbers were not reserved', `${outcomeSummary(result, 'reserved')}.`)
      }
      else notifySuccess('Numbers reserved', `${result.succeeded} number(s) are held for you at the carrier.`)
    } catch (error) {
      notifyError('Could not reserve', error)
    } finally {
      set({ reserving: false })
    }
  },
  order: async () => {
    const { items, trunks: chosen } = get()
    const offerIds = items.map((item) => item.offer.offerId)
    if (offerIds.length === 0) return
    const missing = missingClients(items)
    if (missing.length > 0) {
      notifyFailure('Client details needed', `Give the client for ${missing.length} number(s) before ordering.`)
      return
    }
    const inCart = new Set(items.map((item) => item.offer.accountId))
    const trunks = Object.fromEntries(Object.entries(chosen).filter(([accountId]) => inCart.has(accountId)))
    const jobId = crypto.randomUUID()
    set({ ordering: true, orderJobId: jobId, stopping: false, lastOrder: undefined })
    try {
      const result = await call('numbers.purchase', { jobId, offerIds, ...(Object.keys(trunks).length > 0 ? { trunks } : {}), confirmed: true })
      const byNumber = new Map(result.lines.map((line) => [`${line.accountId} ${line.e164}`, line]))
      set((state) => ({
        lastOrder: result,
        items: state.items
          .filter((item) => !byNumber.get(`${item.offer.accountId} ${item.offer.e164}`)?.ok)
          .map((item) => {
            const line = byNumber.get(`${item.offer.accountId} ${item.offer.e164}`)
            return line ? { ...item, problem: line.message ?? 'Not bought' } : item
          }),
      }))
    } catch (error) {
      set({
        lastOrder: {
          jobId: 'failed',
          lines: [],
          succeeded: 0,
          failed: offerIds.length,
          notSent: 0,
          cancelled: false,
        },
      })
      notifyError('The order did not go through', error)
      set((state) => ({ items: state.items.map((item) => ({ ...item, problem: toErrorShape(error).message })) }))
    } finally {
      set({ ordering: false, orderJobId: undefined, stopping: false })
    }
  },
  stopOrder: async () => {
    const { orderJobId } = get()
    if (!orderJobId) return
    set({ stopping: true })
    try {
      await call('jobs.cancel', { jobId: orderJobId })
    } catch {
      // Best effort: an order that finished first shows its result either way.
    }
  },
  dismissOrder: () => set({ lastOrder: undefined }),
}))

export interface CartTotals {
  setup: number
  monthly: number
  /** Items whose carrier gave no price: totals are then "at least". */
  unpriced: number
}

export function totalsOf(items: CartItem[]): CartTotals {
  return items.reduce<CartTotals>(
    (sum, item) => ({
      setup: sum.setup + (item.offer.setupCost ?? 0),
      monthly: sum.monthly + (item.offer.monthlyCost ?? 0),
      unpriced: sum.unpriced + (item.offer.setupCost === undefined && item.offer.monthlyCost === undefined ? 1 : 0),
    }),
    { setup: 0, monthly: 0, unpriced: 0 },
  )
}
