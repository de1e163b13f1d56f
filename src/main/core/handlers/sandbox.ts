/** The Sandbox area's channels (src/shared/contract/sandbox.ts) bound to the core. */
import type { sandboxChannels } from '../../../shared/contract/names/sandbox'
import type { AreaHandlers, HandlerDeps } from './handler'

export const sandboxHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof sandboxChannels> => ({
  'sandbox.open': (input) => desk.sandbox.open(input),
  'sandbox.status': () => desk.sandbox.status(),
})
