/** The numbers area's channels (src/shared/contract/numbers.ts) bound to the core. */
import type { numbersChannels } from '../../../shared/contract/names/numbers'
import { carrierIdProblems, field, type AreaChecks, type AreaHandlers, type HandlerDeps } from './handler'

export const numbersHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof numbersChannels> => ({
  'numbers.list': (input) => desk.store.numbers.list(input),
  'numbers.get': (input) => desk.numbers.detail(input),
  'numbers.facets': () => desk.store.numbers.facets(),
  'numbers.setNotes': (input) => desk.numbers.setNotes(input),
  'numbers.tag': (input) => desk.numbers.tag(input),
  'numbers.change': (input, signal) => desk.numbers.change(input, signal),
  'numbers.release': (input, signal) => desk.numbers.release(input, signal),
  'numbers.verifyAddress': (input, signal) => desk.numbers.verifyAddress(input, signal),
  'numbers.export': (input, signal) => desk.numbersExport.export(input, signal),
})

/** The carriers a filter names, each at its path. */
const filteredCarriers = (filters: unknown, at: string): { path: string; id: unknown }[] => {
  const carriers = field(filters, 'carriers')
  return Array.isArray(carriers) ? carriers.map((id: unknown, index) => ({ path: `${at}.carriers.${index}`, id })) : []
}

export const numbersChecks = (deps: HandlerDeps): AreaChecks<typeof numbersChannels> => ({
  'numbers.list': (input) => carrierIdProblems(deps, filteredCarriers(field(input, 'filters'), 'filters')),
  'numbers.export': (input) => carrierIdProblems(deps, filteredCarriers(field(field(input, 'query'), 'filters'), 'query.filters')),
})
