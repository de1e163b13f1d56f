/** The numbers area's channel and event names, free of any dependency (see ipc-names.ts). */
export const numbersChannels = [
  'numbers.list',
  'numbers.get',
  'numbers.facets',
  'numbers.setNotes',
  'numbers.tag',
  'numbers.change',
  'numbers.release',
  'numbers.verifyAddress',
  'numbers.export',
] as const
export const numbersEvents = ['numbers.changed'] as const
