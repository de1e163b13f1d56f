/** The ports area's channels (src/shared/contract/ports.ts) bound to the core. */
import type { portsChannels } from '../../../shared/contract/names/ports'
import type { AreaHandlers, HandlerDeps } from './handler'

export const portsHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof portsChannels> => ({
  'ports.list': (input) => desk.store.ports.list(input.accountId),
})
