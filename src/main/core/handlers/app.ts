/** The app area's channels (src/shared/contract/app.ts) bound to the core. */
import type { appChannels } from '../../../shared/contract/names/app'
import type { AreaHandlers, HandlerDeps } from './handler'

export const appHandlers = ({ desk }: HandlerDeps): AreaHandlers<typeof appChannels> => ({
  'app.status': () => desk.status(),
  'carriers.list': () => desk.registry.list(),
})
