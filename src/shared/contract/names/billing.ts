/** The billing area's channel names, free of any dependency (see ipc-names.ts). */
export const billingChannels = [
  'billing.pay',
  'billing.overview',
  'billing.ledger',
  'billing.payments',
  'billing.checkPayment',
  'billing.invoices',
  'billing.downloadInvoice',
  'billing.openInvoice',
] as const
