/** The customers area's channel names, free of any dependency (see ipc-names.ts). */
export const customersChannels = [
  'customers.list',
  'customers.create',
  'customers.update',
  'customers.discountPlans',
  'customers.subscriptions',
  'customers.signup',
] as const
