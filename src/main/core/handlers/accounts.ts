/** The accounts area's channels (src/shared/contract/accounts.ts) bound to the core. */
import type { accountsChannels } from '../../../shared/contract/names/accounts'
import { carrierIdProblems, field, type AreaChecks, type AreaHandlers, type HandlerDeps } from './handler'

export const accountsHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof accountsChannels> => ({
  'accounts.list': () => desk.accounts.list(),
  'accounts.add': (input) => desk.accounts.add(input),
  'accounts.update': (input) => desk.accounts.update(input),
  'accounts.remove': (input) => desk.accounts.remove(input),
  'accounts.test': (input, signal) => desk.accounts.test({ ...input, signal }),
})

export const accountsChecks = (deps: HandlerDeps): AreaChecks<typeof accountsChannels> => ({
  'accounts.add': (input) => carrierIdProblems(deps, [{ path: 'carrier', id: field(input, 'carrier') }]),
})
