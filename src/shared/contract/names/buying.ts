/** The buying area's channel names, free of any dependency (see ipc-names.ts). */
export const buyingChannels = [
  'numbers.search',
  'numbers.reserve',
  'numbers.purchase',
  'numbers.bulkOrder',
  'numbers.bulkOrderStatus',
  'numbers.countries',
] as const
