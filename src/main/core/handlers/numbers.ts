/** The numbers area's channels (src/shared/contract/numbers.ts) bound to the core. */
import type { numbersChannels } from '../../../shared/contract/names/numbers'
import type { AreaHandlers, HandlerDeps } from './handler'

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
