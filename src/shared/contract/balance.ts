/**
 * Balances read now from each carrier that reports one ('billing.balance'), with when they were read:
 * money is shown as the carrier wrote it, never from a stale cache without its "as of". The same reading
 * the billing sync caches (and each read here refreshes that cache).
 */
import { z } from 'zod'
import { AccountId, channel, type AreaChannels } from './kit'
import type { balanceChannels } from './names/balance'

export interface AccountBalanceRow {
  accountId: string
  accountName: string
  carrier: string
  /** In `currency` (dollars, not cents). */
  amount: number
  /** The amount as the carrier wrote it (two decimals where it gives a number). */
  decimal: string
  currency: string
  asOf: number
}

export interface AccountBalancesView {
  rows: AccountBalanceRow[]
  /** Accounts whose carrier reports a balance but could not be read now. */
  failures: { accountId: string; accountName: string; message: string }[]
}

export const balanceContract = {
  'accounts.balance': channel<AccountBalancesView>()(z.object({ accountIds: z.array(AccountId).max(100).optional() }).strict()),
} satisfies AreaChannels<(typeof balanceChannels)[number]>
