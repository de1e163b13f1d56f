/**
 * Buying numbers: one search across the carriers that sell them (the offers stay in main, named by id),
 * the cart's reservations and purchases, and bulk orders by quantity.
 */
import { z } from 'zod'
import type { AvailableNumber, BulkOrderStatus, CountryOffer } from '../domain'
import { AccountId, channel, Confirmed, JobId, Text, type AreaChannels } from './kit'
import type { buyingChannels } from './names/buying'
import type { BatchResult } from './numbers'

/** A search result as the renderer sees it: the carrier's offer stays in main, named by `offerId`. */
export type SearchOffer = Omit<AvailableNumber, 'offer'> & { offerId: string; accountName: string }

export interface NumberSearchResult {
  offers: SearchOffer[]
  failures: { accountId: string; accountName: string; message: string }[]
  fetchedAt: number
}

/** Where each account's carrier sells numbers by city (for the international search's pickers). */
export interface CountriesResult {
  accounts: { accountId: string; accountName: string; carrier: string; countries: CountryOffer[] }[]
  failures: { accountId: string; accountName: string; message: string }[]
  fetchedAt: number
}

/** A bulk order with the account it was placed for. */
export interface BulkOrderView extends BulkOrderStatus {
  accountId: string
}

export const NumberSearchQuerySchema = z
  .object({
    type: z.enum(['local', 'toll-free', 'international']),
    state: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'State is two letters').optional(),
    rateCenter: Text(60).min(1).optional(),
    npa: z.string().regex(/^[2-9]\d{2}$/, 'NPA is three digits').optional(),
    nxx: z.string().regex(/^[2-9]\d{2}$/, 'NXX is three digits').optional(),
    tollFreePrefix: z.enum(['800', '833', '844', '855', '866', '877', '888']).optional(),
    country: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'Country is a two-letter code').optional(),
    city: z.string().trim().regex(/^[A-Za-z0-9-]{1,40}$/, 'A city is the id the carrier lists').optional(),
    limit: z.number().int().min(1).max(500).default(50),
  })
  .strict()

const OfferIds = z.array(z.string().min(1).max(64)).min(1).max(1000)

export const buyingContract = {
  'numbers.search': channel<NumberSearchResult>()(
    z.object({ query: NumberSearchQuerySchema, accountIds: z.array(AccountId).max(100).optional() }).strict(),
  ),
  'numbers.reserve': channel<BatchResult>()(z.object({ jobId: JobId, offerIds: OfferIds }).strict()),
  'numbers.purchase': channel<BatchResult>()(
    z
      .object({
        jobId: JobId,
        offerIds: OfferIds,
        /** Per account: the trunk (a routing trunk id) its new numbers land on; absent, the carrier's usual one. */
        trunks: z.record(AccountId, Text(100).min(1)).optional(),
        confirmed: Confirmed,
      })
      .strict(),
  ),
  'numbers.bulkOrder': channel<BulkOrderView>()(
    z
      .object({
        accountId: AccountId,
        quantity: z.number().int().min(1).max(10_000),
        state: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/).optional(),
        npa: z.string().regex(/^[2-9]\d{2}$/).optional(),
        rateCenter: Text(60).min(1).optional(),
        lata: z.string().regex(/^\d{3}$/).optional(),
        confirmed: Confirmed,
      })
      .strict(),
  ),
  'numbers.bulkOrderStatus': channel<BulkOrderView>()(
    z.object({ accountId: AccountId, orderId: z.string().min(1).max(100) }).strict(),
  ),
  'numbers.countries': channel<CountriesResult>()(z.object({ accountIds: z.array(AccountId).max(100).optional() }).strict()),
} satisfies AreaChannels<(typeof buyingChannels)[number]>
