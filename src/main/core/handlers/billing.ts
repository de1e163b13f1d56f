/** The billing area's channels (src/shared/contract/billing.ts) bound to the core. */
import type { billingChannels } from '../../../shared/contract/names/billing'
import type { AreaHandlers, HandlerDeps } from './handler'

export const billingHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof billingChannels> => ({
  'billing.pay': async ({ confirmed: _confirmed, ...input }, signal) => {
    // Whatever the outcome, the carrier's payment list is read again, so the payment shows beside the carrier's
    // record (and an unknown one is settled if the carrier lists it). A closing CarrierDesk starts no sync.
    const refresh = (): void => {
      try {
        desk.sync.start({ accountIds: [input.accountId], areas: ['billing'] })
      } catch {
        // Closing: the next sync reads the payments.
      }
    }
    try {
      return await desk.billing.pay(input, signal)
    } finally {
      refresh()
    }
  },
  'billing.overview': (input) => desk.billing.overview(input),
  'billing.ledger': (input) => desk.billing.ledger(input),
  'billing.payments': (input) => desk.billing.payments(input),
  'billing.checkPayment': ({ confirmed: _confirmed, ...input }) => desk.billing.checkPayment(input),
  'billing.invoices': (input) => desk.invoices.list(input),
  'billing.downloadInvoice': (input, signal) => desk.invoices.download(input, signal),
  'billing.openInvoice': (input) => desk.invoices.open(input),
})
